"""The optional date field ("Not set" or a date), driven with real key presses: Tab goes in and
out, typed dates become dates, Up/Down start at today, the calendar opens on a sensible month
with every row showing, and Delete or the clear button set it back to "Not set"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QToolButton, QWidget

from recoverydesk.ui.widgets.common import OptionalDateEdit


@pytest.fixture
def form(qtbot):
    """A small form: a line edit, the date field, another line edit, in a shown window."""
    window = QWidget()
    layout = QFormLayout(window)
    before, field, after = QLineEdit(), OptionalDateEdit(), QLineEdit()
    layout.addRow("Before", before)
    layout.addRow("Date", field)
    layout.addRow("After", after)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    before.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is before)
    yield before, field, after
    window.close()  # (and holds the window until the test is over)


def focused_in(widget: QWidget) -> bool:
    current = QApplication.focusWidget()
    return current is not None and (current is widget or widget.isAncestorOf(current))


def tab_into(qtbot, before, field):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_in(field)


def type_into_field(qtbot, text: str):
    qtbot.keyClicks(QApplication.focusWidget(), text)


@pytest.mark.parametrize("value", [None, dt.date(2026, 3, 4)])
def test_tab_and_shift_tab_go_in_and_out(qtbot, form, value):
    before, field, after = form
    field.set_value(value)
    tab_into(qtbot, before, field)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused_in(field)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is before
    assert field.value() == value


def test_it_starts_as_not_set(form):
    _, field, _ = form
    assert field.value() is None
    assert field.text() == ""
    assert field.placeholderText() == "Not set"


@pytest.mark.parametrize(
    "typed",
    ["4 Mar 2026", "4 march 2026", "4/3/2026", "04/03/2026", "4-3-26", "4.3.2026", "2026-03-04"],
)
def test_typing_a_date_into_not_set_gives_that_date(qtbot, form, typed):
    before, field, after = form
    tab_into(qtbot, before, field)
    type_into_field(qtbot, typed)
    assert field.value() == dt.date(2026, 3, 4)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    assert field.text() == "4 Mar 2026"  # tidied into the app's date style
    assert "Not set" not in field.text()


def test_typing_over_a_set_date_replaces_it(qtbot, form):
    before, field, _ = form
    field.set_value(dt.date(2025, 1, 9))
    tab_into(qtbot, before, field)  # Tab selects the whole date, as in any text field
    type_into_field(qtbot, "17/11/2026")
    assert field.value() == dt.date(2026, 11, 17)


def test_text_that_is_not_a_date_goes_back_to_the_last_date(qtbot, form):
    before, field, after = form
    field.set_value(dt.date(2025, 1, 9))
    tab_into(qtbot, before, field)
    type_into_field(qtbot, "next tuesday-ish")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    assert field.value() == dt.date(2025, 1, 9)
    assert field.text() == "9 Jan 2025"


def test_impossible_dates_are_not_dates(qtbot, form):
    before, field, _ = form
    tab_into(qtbot, before, field)
    type_into_field(qtbot, "31/2/2026")
    assert field.value() is None


@pytest.mark.parametrize("key", [Qt.Key.Key_Up, Qt.Key.Key_Down])
def test_up_or_down_from_not_set_starts_at_today(qtbot, form, key):
    before, field, _ = form
    tab_into(qtbot, before, field)
    qtbot.keyClick(QApplication.focusWidget(), key)
    today = dt.date.today()
    assert field.value() == today
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert field.value() == today + dt.timedelta(days=1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert field.value() == today - dt.timedelta(days=1)


def test_delete_sets_it_back_to_not_set(qtbot, form):
    before, field, after = form
    field.set_value(dt.date(2026, 3, 4))
    tab_into(qtbot, before, field)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert field.value() is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    assert field.value() is None and field.text() == ""


def test_the_clear_button_sets_it_back_to_not_set(qtbot, form):
    _, field, _ = form
    field.set_value(dt.date(2026, 3, 4))
    assert field.isClearButtonEnabled()
    clear = next(
        b for b in field.findChildren(QToolButton)
        if b.defaultAction() and b.defaultAction().objectName() == "_q_qlineeditclearaction"
    )
    qtbot.waitUntil(clear.isVisible)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert field.value() is None


def test_changes_are_signalled(qtbot, form):
    before, field, _ = form
    seen = []
    field.dateChanged.connect(lambda *_a: seen.append(field.value()))
    tab_into(qtbot, before, field)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    field.clear_value()
    assert seen == [dt.date.today(), None]


@pytest.mark.parametrize("value", [None, dt.date(2019, 8, 15)])
def test_the_calendar_opens_on_the_date_or_today_with_every_row_showing(qtbot, app_theme, form,
                                                                        value):
    """In the app's theme, whose larger type once left the last week half cut off."""
    before, field, _ = form
    field.set_value(value)
    tab_into(qtbot, before, field)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.calendarPopup()
    qtbot.waitUntil(popup.isVisible)
    calendar = field.calendarWidget()
    shown = value or dt.date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (shown.year, shown.month)
    # Every row of days fits: the pop-up is at least as big as the calendar asks for, and the
    # last week is inside the visible part of the grid.
    hint = calendar.sizeHint()
    assert calendar.height() >= hint.height() and calendar.width() >= hint.width()
    view = calendar.findChild(QWidget, "qt_calendar_calendarview")
    last_row = view.visualRect(view.model().index(view.model().rowCount() - 1, 1))
    assert view.viewport().rect().contains(last_row), (last_row, view.viewport().rect())
    # Enter picks the highlighted day and closes the pop-up.
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert field.value() == shown


def test_escape_closes_the_calendar_without_changing_the_date(qtbot, form):
    before, field, _ = form
    field.set_value(dt.date(2026, 3, 4))
    tab_into(qtbot, before, field)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    popup = field.calendarPopup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(field.calendarWidget().focusWidget() or popup, Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert field.value() == dt.date(2026, 3, 4)


def test_clicking_a_day_in_the_calendar_sets_it(qtbot, form):
    _, field, _ = form
    field.set_value(dt.date(2026, 3, 4))
    field.show_calendar()
    popup = field.calendarPopup()
    qtbot.waitUntil(popup.isVisible)
    field.calendarWidget().clicked.emit(field.calendarWidget().selectedDate().addDays(3))
    assert field.value() == dt.date(2026, 3, 7)
    assert not popup.isVisible()


def test_the_clear_button_is_the_apps_own_line_icon(qtbot, app_theme):
    from recoverydesk.ui.icons import icon
    from recoverydesk.ui.theme import muted

    field = OptionalDateEdit()
    qtbot.addWidget(field)
    clear = next(b for b in field.findChildren(QToolButton)
                 if b.defaultAction() and b.defaultAction().objectName() == "_q_qlineeditclearaction")
    wanted = icon("close-circle-outline", muted().name()).pixmap(16, 16).toImage()
    assert clear.defaultAction().icon().pixmap(16, 16).toImage() == wanted
