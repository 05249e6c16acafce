"""The Claims view's filters: which period (this month, last month, or chosen dates) and whose
lines (everyone or one participant)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from recoverydesk.ui.widgets.common import format_date
from recoverydesk.ui.widgets.date_field import OptionalDateEdit

THIS_MONTH, LAST_MONTH, CHOSEN = "this", "last", "chosen"


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


class ClaimsFilters(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for key, text in ((THIS_MONTH, self.tr("This month")), (LAST_MONTH, self.tr("Last month")),
                          (CHOSEN, self.tr("Chosen dates"))):
            self.period.addItem(text, key)
        self.from_date = OptionalDateEdit()
        self.from_date.setAccessibleName(self.tr("From"))
        self.to_date = OptionalDateEdit()
        self.to_date.setAccessibleName(self.tr("To"))
        for edit in (self.from_date, self.to_date):
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.participant = QComboBox()
        self.participant.setAccessibleName(self.tr("Participant"))
        self.participant.setMinimumContentsLength(16)
        self.participant.addItem(self.tr("Everyone"), None)

        period_label = QLabel(self.tr("&Period"))
        period_label.setBuddy(self.period)
        who_label = QLabel(self.tr("P&articipant"))
        who_label.setBuddy(self.participant)
        self._period_row = QHBoxLayout()
        self._who_row = QHBoxLayout()
        self._period_row.setSpacing(8)
        self._who_row.setSpacing(8)
        for widget in (period_label, self.period, QLabel(self.tr("from")), self.from_date,
                       QLabel(self.tr("to")), self.to_date):
            self._period_row.addWidget(widget)
        self._who_row.addWidget(who_label)
        self._who_row.addWidget(self.participant)
        self._who_row.addStretch(1)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setVerticalSpacing(6)
        self._layout.setHorizontalSpacing(24)
        self._wide: bool | None = None
        self._arrange(True)

        self._show_period()
        self.period.currentIndexChanged.connect(self._period_picked)
        self.from_date.dateChanged.connect(self._dates_typed)
        self.to_date.dateChanged.connect(self._dates_typed)
        self.participant.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _arrange(self, wide: bool) -> None:
        """One row when there is room, else the participant under the period."""
        if wide == self._wide:
            return
        self._wide = wide
        for row in (self._period_row, self._who_row):
            self._layout.removeItem(row)
        self._layout.addLayout(self._period_row, 0, 0)
        self._layout.addLayout(self._who_row, 0 if wide else 1, 1 if wide else 0)

    def resizeEvent(self, event) -> None:
        needed = self._period_row.sizeHint().width() + self._who_row.minimumSize().width() + 40
        self._arrange(event.size().width() >= needed)
        super().resizeEvent(event)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- what the coach chose ------------------------------------------------------------
    def dates(self) -> tuple[dt.date, dt.date]:
        """The period shown (from <= to; an empty field takes the month's end)."""
        key = self.period.currentData()
        if key == LAST_MONTH:
            return month_of(month_of(self.today())[0] - dt.timedelta(days=1))
        this = month_of(self.today())
        if key == THIS_MONTH:
            return this
        start = self.from_date.value() or this[0]
        end = self.to_date.value() or this[1]
        return (start, end) if start <= end else (end, start)

    def participant_id(self) -> int | None:
        return self.participant.currentData()

    def describe(self) -> str:
        start, end = self.dates()
        return f"{format_date(start)} – {format_date(end)}"

    # -- setting them ----------------------------------------------------------------------
    def fill_participants(self, people: list[tuple[int, str]]) -> None:
        """Everyone with claim lines (or a chosen one kept, even when they have none now)."""
        keep = self.participant_id()
        self.participant.blockSignals(True)
        self.participant.clear()
        self.participant.addItem(self.tr("Everyone"), None)
        for pid, name in people:
            self.participant.addItem(name, pid)
        index = self.participant.findData(keep) if keep is not None else 0
        self.participant.setCurrentIndex(max(0, index))
        self.participant.blockSignals(False)

    def choose(self, start: dt.date, end: dt.date) -> None:
        """Show the chosen dates ``start`` to ``end``."""
        self.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(CHOSEN))
        self.from_date.set_value(start)
        self.to_date.set_value(end)
        self.blockSignals(False)
        self.changed.emit()

    def choose_participant(self, participant_id: int | None) -> None:
        """Show ``participant_id``'s lines (None: everyone's)."""
        index = self.participant.findData(participant_id) if participant_id is not None else 0
        if index >= 0:
            self.participant.setCurrentIndex(index)

    def _period_picked(self, _index: int) -> None:
        self._show_period()
        self.changed.emit()

    def _show_period(self) -> None:
        """The two date fields show the period; typing in either makes it "Chosen dates"."""
        start, end = self.dates()
        for edit, day in ((self.from_date, start), (self.to_date, end)):
            edit.blockSignals(True)
            edit.set_value(day)
            edit.blockSignals(False)

    def _dates_typed(self, *_args) -> None:
        if self.period.currentData() != CHOSEN:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData(CHOSEN))
            self.period.blockSignals(False)
        self.changed.emit()
