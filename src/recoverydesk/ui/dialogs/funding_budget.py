"""Funding tab > Add plan budget…: the NDIS plan's budget for recovery coaching and its funding
periods (1 to 12 months, often 3) with the amount released in each. The periods are laid out from
the plan's dates and the period length (``claims.periods.funding_periods``: equal shares, a
shorter last period in proportion to its days); each released amount can be changed before
saving. The service checks the rest (periods within the plan, no overlap, no more released than
the budget) and its words come back beside the fields."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import add_months, short_date
from recoverydesk.services.claims.types import (
    FIELD_LABELS,
    BudgetDraft,
    format_centi,
    funding_periods,
    parse_centi,
)
from recoverydesk.ui.dialogs.agreement_dialog import date_edit, date_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class BudgetDialog(FormDialog):
    def __init__(self, services: Services, participant_id: int, parent: QWidget | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.services, self.participant_id = services, participant_id
        self.setWindowTitle(self.tr("Add plan budget"))
        self.setMinimumWidth(520)
        today = today or dt.date.today()
        p = services.participants.get(participant_id)
        start = p.plan_start or today
        end = p.plan_end if p.plan_end and p.plan_end > start else \
            add_months(start, 12) - dt.timedelta(days=1)
        self.plan_start, self.plan_end = date_edit(start), date_edit(end)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("for example 12000.00"))
        self.months = QSpinBox()
        self.months.setRange(1, 12)
        self.months.setValue(3)
        self.months.setSuffix(self.tr(" months"))
        self.months.setAccessibleName(self.tr("Each funding period"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("From"), self.tr("To"),
                                              self.tr("Released ($)")])
        self.table.setAccessibleName(self.tr("Funding periods and the amount released in each"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMinimumHeight(150)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        form = QFormLayout()
        for key, widget in (("plan_start", self.plan_start), ("plan_end", self.plan_end),
                            ("amount", self.amount)):
            widget.setAccessibleName(self.tr(FIELD_LABELS[key]))
            form.addRow(self.tr(FIELD_LABELS[key]), widget)
            form.addRow("", self.add_field(key, widget))
        form.addRow(self.tr("Each funding period"), self.months)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr(
            "The plan's budget for this support, from the participant's NDIS plan, and how it "
            "is released over the plan. Unspent funding rolls over to the next period."),
            "muted"))
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.add_field("released", self.table))
        layout.addWidget(self.save_cancel_buttons())
        for signal in (self.plan_start.dateChanged, self.plan_end.dateChanged,
                       self.amount.textChanged, self.months.valueChanged):
            signal.connect(lambda *_: self._lay_out_periods())
        self.recheck_on("plan_end", self.plan_end.dateChanged)
        self.recheck_on("amount", self.amount.textChanged)
        self.table.itemChanged.connect(lambda *_: self._touch("released"))
        self._lay_out_periods()

    def _lay_out_periods(self) -> None:
        periods = funding_periods(date_of(self.plan_start), date_of(self.plan_end),
                                self.months.value(), parse_centi(self.amount.text()) or 0)
        self.table.blockSignals(True)
        self.table.setRowCount(len(periods))
        self._bounds = [(a, b) for a, b, _ in periods]
        for row, (a, b, released) in enumerate(periods):
            for col, text in enumerate((short_date(a), short_date(b), format_centi(released))):
                item = QTableWidgetItem(text)
                if col < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)

    def _released(self) -> list[int | None]:
        return [parse_centi(self.table.item(r, 2).text()) for r in range(self.table.rowCount())]

    def problems(self) -> dict[str, str]:
        found = {}
        amount = parse_centi(self.amount.text())
        if amount is None or amount <= 0:
            found["amount"] = self.tr("The budget is an amount above $0, like 12000.00.")
        if date_of(self.plan_end) < date_of(self.plan_start):
            found["plan_end"] = self.tr("The plan ends before it starts.")
        released = self._released()
        if any(r is None or r < 0 for r in released):
            found["released"] = self.tr("Each released amount is an amount like 3000.00.")
        elif amount is not None and sum(released) > amount:
            found["released"] = self.tr("More is released over the periods than the plan's "
                                        "budget.")
        return found

    def draft(self) -> BudgetDraft:
        periods = tuple((a, b, r or 0) for (a, b), r in zip(self._bounds, self._released(),
                                                             strict=True))
        return BudgetDraft(date_of(self.plan_start), date_of(self.plan_end),
                           parse_centi(self.amount.text()) or 0, periods)

    def write(self):
        draft, pid, claims = self.draft(), self.participant_id, self.services.claims
        return lambda: claims.add_budget(pid, draft)
