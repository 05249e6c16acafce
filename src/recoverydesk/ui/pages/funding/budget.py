"""The Funding tab's budget panel: each plan's budget, a row per funding period (released with
what rolled over, claimed, delivered but not yet claimed, booked, left), an amber warning when
booked work would overspend a period, and the chart of use over the plan (``charts/funding``,
drawn when the panel is seen, as the Recovery Star tab draws its charts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from recoverydesk.charts.funding import ChartPeriod, funding_figure
from recoverydesk.dates import short_date
from recoverydesk.services.claims.types import FundingSummary
from recoverydesk.ui.dialogs.funding_budget import BudgetDialog
from recoverydesk.ui.pages.funding.panels import set_role
from recoverydesk.ui.pages.funding.words import (
    PERIOD_HEADERS,
    overspend_warnings,
    period_cells,
    plan_words,
)
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas
from recoverydesk.ui.widgets.common import WrappingLabel, card, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def chart_periods(summary: FundingSummary) -> list[ChartPeriod]:
    return [ChartPeriod(u.starts_on, u.ends_on, u.released_cents, u.claimed_cents,
                        u.unclaimed_cents, u.booked_cents, u.rolled_over_cents)
            for u in summary.periods]


def plan_in_view(summaries: list[FundingSummary], today: dt.date) -> FundingSummary | None:
    """The plan in force today, else the latest one."""
    return next((s for s in summaries if s.plan_start <= today <= s.plan_end),
                summaries[-1] if summaries else None)


class BudgetPanel(QWidget):
    def __init__(self, services: Services, participant: Callable[[], int | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self._participant = services, participant
        self.summary: FundingSummary | None = None
        self._chart_stale = True
        # Two cards: the budget's words (``head``, which the page puts in its left column, so
        # the table and the chart fit beside it on a 1366x768 screen) and the figures (this).
        self.head, head_layout = card()
        frame, layout = card(self)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Plan budget"), "subheading", wrap=False))
        head.addStretch(1)
        self.add_button = QPushButton(self.tr("Add plan budget…"))
        self.add_button.setToolTip(self.tr("The plan's budget for recovery coaching and what is "
                                           "released each funding period"))
        self.add_button.clicked.connect(self.add_budget)
        head.addWidget(self.add_button)
        head_layout.addLayout(head)
        self.words = WrappingLabel("")
        head_layout.addWidget(self.words)
        self.warning = WrappingLabel("")
        self.warning.setProperty("role", "error")
        self.warning.setAccessibleName(self.tr("Overspending warning"))
        head_layout.addWidget(self.warning)
        layout.addWidget(label(self.tr("By funding period"), "subheading", wrap=False))
        self.empty = label(self.tr("Each funding period's figures and a chart of use over the "
                                   "plan show here once the plan's budget is added."), "muted")
        layout.addWidget(self.empty)
        self.table = QTableWidget(0, len(PERIOD_HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in PERIOD_HEADERS])
        self.table.setAccessibleName(self.tr("Funding periods"))
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.chart = ChartCanvas(self.tr("Funding used over the plan, by funding period"))
        self.chart.setMinimumHeight(220)
        self.chart.resized.connect(self._draw)
        layout.addWidget(self.chart, 1)
        layout.addStretch(0)  # with no budget yet, the words stay at the top

    def show_funding(self, summaries: list[FundingSummary], today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        self.summary = plan_in_view(summaries, today)
        s = self.summary
        for widget in (self.table, self.chart):
            widget.setVisible(s is not None)
        self.empty.setVisible(s is None)
        if s is None:
            self.words.setText(self.tr(
                "No plan budget yet. Add the budget for recovery coaching from the participant's "
                "NDIS plan, with what is released each funding period, to see what is used and "
                "what is left."))
            self.warning.setVisible(False)
            return
        others = len(summaries) - 1
        self.words.setText(self.tr(plan_words(s)) + (self.tr(
            " ({n} other plan(s) kept.)").format(n=others) if others else ""))
        warnings = overspend_warnings(s, today)
        self.warning.setText("\n".join(self.tr(w) for w in warnings))
        self.warning.setVisible(bool(warnings))
        self.table.setRowCount(len(s.periods))
        for row, use in enumerate(s.periods):
            for col, (text, exact) in enumerate(zip(period_cells(use),
                                                    period_cells(use, exact=True), strict=True)):
                item = QTableWidgetItem(text)
                item.setToolTip(exact)
                self.table.setItem(row, col, item)
            if use.left_cents < 0:
                self.table.item(row, len(PERIOD_HEADERS) - 1).setForeground(
                    self.warning.palette().color(self.warning.foregroundRole()))
        self.table.resizeRowsToContents()
        for row, use in enumerate(s.periods):
            self.table.item(row, 0).setToolTip(f"{short_date(use.starts_on)} to "
                                               f"{short_date(use.ends_on)}")
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                  + sum(self.table.rowHeight(r) for r in range(len(s.periods))))
        set_role(self.words, "")
        self._chart_stale = True
        self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._chart_stale:
            self._draw()

    def _draw(self) -> None:
        """Drawn only when seen (a hidden tab just notes that the chart is stale)."""
        if self.summary is None or not self.chart.isVisible():
            return
        self._chart_stale = False
        width, height = self.chart.fitted_inches((5.0, 2.4))
        periods = chart_periods(self.summary)
        self.chart.show_chart(lambda: funding_figure(periods, width=width, height=height),
                              subject=self.summary.budget_id)

    def add_budget(self) -> None:
        pid = self._participant()
        if pid is not None:
            BudgetDialog(self.services, pid, self).exec()
