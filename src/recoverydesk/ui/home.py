"""The home view shown when no participant is open: the practice at a glance.

Its cards are listed, in order, in ``HOME_CARDS`` (QWidget subclasses taking ``services``, with
``refresh()`` and ``on_changed(changes)``): a capability with a card adds it to that tuple here,
nothing registers itself. A card can ask to open a participant through its
``open_participant`` signal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from recoverydesk import dates
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.today import TodayCard, read_then
from recoverydesk.ui.widgets.common import card, format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class CaseloadCard(QWidget):
    """How many people are active, paused or exited, and whose NDIS plan ends soon."""

    open_participant = Signal(int)
    column_span = 1

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        frame, self._layout = card(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._layout.addWidget(label(self.tr("Your caseload"), "heading"))
        self.counts = label("")
        self._layout.addWidget(self.counts)
        self._layout.addWidget(label(self.tr("NDIS plans ending in the next 60 days"), "muted"))
        self.ending = QLabel()
        self.ending.setWordWrap(True)
        self.ending.linkActivated.connect(lambda pid: self.open_participant.emit(int(pid)))
        self._layout.addWidget(self.ending)
        self._layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        services = self.services
        read_then(self, lambda: (services.participants.count(),
                                 services.participants.list(status="active")), self._show)

    def _show(self, read) -> None:
        counts, active = read
        self.counts.setText(self.tr("%1 active · %2 paused · %3 exited").replace(
            "%1", str(counts["active"])).replace("%2", str(counts["paused"])).replace(
            "%3", str(counts["exited"])))
        today = dt.date.today()
        soon = [r for r in active if r.plan_end and today <= r.plan_end <= today + dt.timedelta(days=60)]
        soon.sort(key=lambda r: r.plan_end)
        if soon:
            self.ending.setText("<br>".join(
                f"<a href='{r.id}'>{r.display_name}</a> · {format_date(r.plan_end)}"
                for r in soon[:8]))
        else:
            self.ending.setText(self.tr("None. Plan reviews will show here as they come up."))

    def on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("participant"):
            self.refresh()


HOME_CARDS: tuple[type[QWidget], ...] = (TodayCard, CaseloadCard)


class HomeView(QWidget):
    open_participant = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(16)
        today = dt.date.today()
        layout.addWidget(label(self.tr("Good to see you"), "title"))
        layout.addWidget(label(f"{dates.weekday_name(today)} {format_date(today)}", "muted"))
        grid = QGridLayout()
        grid.setSpacing(16)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.cards: list[QWidget] = []
        row = col = 0
        for card_cls in HOME_CARDS:
            widget = card_cls(services, self)
            span = getattr(widget, "column_span", 1)
            if col + span > 2:
                row, col = row + 1, 0
            grid.addWidget(widget, row, col, 1, span)
            col += span
            signal = getattr(widget, "open_participant", None)
            if signal is not None:
                signal.connect(self.open_participant)
            self.cards.append(widget)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def on_changed(self, changes: ChangeSet) -> None:
        for widget in self.cards:
            widget.on_changed(changes)
