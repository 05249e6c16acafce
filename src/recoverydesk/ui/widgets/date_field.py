"""A date field that may be left blank: an ordinary text field showing "Not set" as its
placeholder, with a calendar button and a clear button.

Built on QLineEdit rather than QDateEdit: a QDateEdit showing "Not set" through its special
value text swallows Tab, appends typed digits to "Not set", counts Up from 1 Jan 1900 and opens
its calendar on January 1900. Here Tab comes and goes as in any field, the coach types a date in
any everyday form ("4 Mar 2026", "4/3/2026", "2026-03-04"), Up and Down step a day at a time
(starting from today), F4 or Alt+Down opens the calendar on the date shown (or today), and
Delete or the clear button set it back to "Not set".
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import dates

_MONTH_WORD = r"[^\W\d_]{3,}\.?"
_SEP = r"[\s/.\-,]+"
_DAY_FIRST = re.compile(
    rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}|{_MONTH_WORD})(?:{_SEP}(?P<y>\d{{4}}|\d{{2}}))?"
)
_MONTH_FIRST = re.compile(rf"(?P<m>{_MONTH_WORD}){_SEP}(?P<d>\d{{1,2}})(?:{_SEP}(?P<y>\d{{4}}|\d{{2}}))?")
_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_COMPACT = re.compile(r"(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})")
_WEEKDAY = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")


def _month(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    word = word.rstrip(".").lower()
    for number, name in enumerate(dates.MONTHS, start=1):
        if name.lower().startswith(word):
            return number
    return None


def _year(text: str | None, today: dt.date) -> int:
    if text is None:
        return today.year
    year = int(text)
    if len(text) == 2:  # "26" is 2026; "78", in a date of birth, 1978
        year += 2000 if 2000 + year <= today.year + 20 else 1900
    return year


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date ``text`` names, day before month as in Australia ("4/3/2026" is 4 March), or
    None when it names none. A missing year is this year's."""
    today = today or dt.date.today()
    cleaned = _WEEKDAY.sub("", text.strip().lower(), count=1).strip()
    if cleaned == "today":
        return today
    for pattern in (_ISO, _COMPACT, _DAY_FIRST, _MONTH_FIRST):
        found = pattern.fullmatch(cleaned)
        if found is None:
            continue
        month = _month(found["m"])
        if month is None:
            return None
        try:
            day = dt.date(_year(found["y"], today), month, int(found["d"]))
        except ValueError:  # 31 Feb, month 13
            return None
        return day if 1900 <= day.year <= 2200 else None
    return None


def _qdate(day: dt.date | None) -> QDate:
    return QDate() if day is None else QDate(day.year, day.month, day.day)


class _CalendarPopup(QFrame):
    """The calendar pop-up: closes on Esc or a click elsewhere, as a combo box's list does."""

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        # The app's dates and a Monday-first week (see common.DATE_EDIT_LOCALE).
        self.calendar.setLocale(QLocale.c())
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def fit_rows(self) -> None:
        """Room for every row of days: the calendar's own size hint leaves the last week
        half cut off once the app's larger type is applied."""
        calendar = self.calendar
        view = calendar.findChild(QTableView)
        nav = calendar.findChild(QWidget, "qt_calendar_navigationbar")
        hint = calendar.sizeHint()
        if view is not None and nav is not None:
            row = max(view.verticalHeader().minimumSectionSize(), view.fontMetrics().height() + 8)
            rows = view.model().rowCount()
            height = nav.sizeHint().height() + rows * row + 2 * view.frameWidth()
            hint = QSize(hint.width(), max(hint.height(), height))
        calendar.setMinimumSize(hint)
        self.resize(self.sizeHint())


class OptionalDateEdit(QLineEdit):
    """A date field that may be left blank (shown as "Not set")."""

    dateChanged = Signal(QDate)  # a null QDate when it goes back to "Not set"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._kept: dt.date | None = None  # the last date set or finished typing
        self._shown: dt.date | None = None  # the last date announced by dateChanged
        self.setPlaceholderText(self.tr("Not set"))
        self.setClearButtonEnabled(True)
        self.setToolTip(self.tr("Type a date such as 4 Mar 2026 or 4/3/2026, or leave it empty."))
        from recoverydesk.ui.icons import icon

        pick = self.addAction(icon("calendar-month-outline"), QLineEdit.ActionPosition.TrailingPosition)
        pick.setToolTip(self.tr("Choose from a calendar (F4)"))
        pick.triggered.connect(self.show_calendar)
        self._popup = _CalendarPopup(self)
        self._popup.calendar.clicked.connect(self._picked)
        self._popup.calendar.activated.connect(self._picked)
        sample = self.fontMetrics().horizontalAdvance("30 Sep 2026")
        self.setMinimumWidth(sample + 88)  # room for the text and both buttons
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self._finish)

    # The API the dialogs use.
    def value(self) -> dt.date | None:
        text = self.text()
        if not text.strip():
            return None
        typed = parse_date(text)
        return typed if typed is not None else self._kept

    def set_value(self, day: dt.date | None) -> None:
        self._kept = day
        self.setText(dates.short_date(day))

    def clear_value(self) -> None:
        self.set_value(None)

    # The calendar.
    def calendarWidget(self) -> QCalendarWidget:
        return self._popup.calendar

    def calendarPopup(self) -> QFrame:
        return self._popup

    def show_calendar(self) -> None:
        calendar = self._popup.calendar
        day = self.value() or dt.date.today()
        calendar.setSelectedDate(_qdate(day))
        calendar.setCurrentPage(day.year, day.month)
        self._popup.fit_rows()
        self._popup.move(self._popup_position())
        self._popup.show()
        calendar.setFocus()

    def _popup_position(self) -> QPoint:
        size = self._popup.size()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - size.width() + 1)
        y = below.y()
        if y + size.height() > screen.bottom() + 1:  # no room below: open above the field
            y = self.mapToGlobal(QPoint(0, 0)).y() - size.height()
        return QPoint(x, max(y, screen.top()))

    def _picked(self, day: QDate) -> None:
        self._popup.hide()
        self.set_value(dt.date(day.year(), day.month(), day.day()))
        self.setFocus()

    # Keys: Up/Down step a day, Page Up/Down a month, F4 or Alt+Down open the calendar.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 31,
                 Qt.Key.Key_PageDown: -31}  # fmt: skip
        if key in steps and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self._step(steps[key])
            return
        super().keyPressEvent(event)

    def _step(self, days: int) -> None:
        current = self.value()
        if current is None:
            day = dt.date.today()  # the first step from "Not set" lands on today
        elif abs(days) == 31:  # a month on, the same day where the month has it
            q = _qdate(current).addMonths(1 if days > 0 else -1)
            day = dt.date(q.year(), q.month(), q.day())
        else:
            day = current + dt.timedelta(days=days)
        self.set_value(day)
        self.selectAll()

    def _text_changed(self, text: str) -> None:
        unreadable = bool(text.strip()) and parse_date(text) is None
        if self.property("invalid") != unreadable:
            self.setProperty("invalid", unreadable)
            self.style().unpolish(self)
            self.style().polish(self)
        now = self.value()
        if now != self._shown:
            self._shown = now
            self.dateChanged.emit(_qdate(now))

    def _finish(self) -> None:
        text = self.text()
        if text.strip() and parse_date(text) is None:
            QToolTip.showText(
                self.mapToGlobal(QPoint(0, self.height())),
                self.tr("That isn't a date I can read, so the date is back to how it was. "
                        "Try 4 Mar 2026 or 4/3/2026."),
                self,
            )
        self.set_value(self.value())
