"""Every dialog can be used from the keyboard: Tab, pressed for real from where the dialog puts the
focus, moves on from every field (no field keeps it, as the old optional date field and a plain
text box that types a tab character did), reaches the dialog's buttons and comes back round.
The dialogs are opened live, the way the app opens them (see dialog_cases.py)."""

from __future__ import annotations

import pytest
from dialog_cases import PAGES, file_window, world_for  # noqa: F401 (a fixture)
from dialog_cases_window import WINDOW
from live_dialogs import drive, press_escape
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QDialog,
)
from qt_shadowing import ui_classes

CASES = {**PAGES, **WINDOW}
DIALOGS = {cls.__name__: cls for cls in ui_classes(QDialog)}
MAX_PRESSES = 250


def _state(widget):
    """Where the keyboard is: the widget, and inside a table the cell Tab moves through."""
    if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
        index = widget.currentIndex()
        return widget, (index.row(), index.column())
    if isinstance(widget, QDateTimeEdit):  # Tab goes day, month, year, then on
        return widget, widget.currentSectionIndex()
    return widget, None


def _next_focusable(widget):
    """The next widget in the focus chain that Tab may land on, other than ``widget``."""
    w = widget.nextInFocusChain()
    while w is not widget:
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus and (
                w.isVisible() and w.isEnabled() and w.window() is widget.window()
                and w.focusProxy() is None):
            return w
        w = w.nextInFocusChain()
    return None


def tab_round(qtbot, dialog) -> tuple[list[str], list]:
    """Press Tab until the focus is back where it started; the fields that kept it, and every
    widget it visited."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    start = QApplication.focusWidget()
    assert start is not None and start.window() is dialog, "the dialog opened without focus"
    kept, visited, home = [], [start], _state(start)
    for _ in range(MAX_PRESSES):
        before = _state(QApplication.focusWidget())
        qtbot.keyClick(before[0], Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if _state(now) == before:
            following = _next_focusable(now)
            if following is None:
                return kept, visited  # the only field there is
            kept.append(f"{type(now).__name__} {now.accessibleName() or now.objectName()!r}")
            following.setFocus(Qt.FocusReason.TabFocusReason)  # on by hand, to find every trap
            now = following
        if _state(now) == home:
            return kept, visited
        visited.append(now)
    names = [f"{type(w).__name__} {w.accessibleName()!r}" for w in visited[-12:]]
    raise AssertionError(f"Tab never came back round in {MAX_PRESSES} presses: {names}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_tab_moves_through_every_field_to_the_buttons_and_back(request, name):
    case, cls = CASES[name], DIALOGS[name]
    world = world_for(request, case)
    qtbot = world.qtbot
    seen: dict = {}

    def act(dialog):
        seen["kept"], seen["visited"] = tab_round(qtbot, dialog)
        press_escape(dialog)

    run = drive(qtbot, cls, case.open(world), act)
    assert run.problems == []
    assert seen["kept"] == [], "Tab stays in these fields"
    if _next_focusable(seen["visited"][0]) is not None:  # more than one field
        assert any(isinstance(w, QAbstractButton) and w.text() for w in seen["visited"]), (
            "Tab never reached a button")
