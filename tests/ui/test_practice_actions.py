"""With no practice open, only what can work without one is offered: opening or starting a
practice, importing an export, quitting and Help. Everything else is greyed out, and comes back
when a practice opens (and goes again when it closes)."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.practice import close_practice

WORK_WITHOUT_A_PRACTICE = {"new_practice", "open_practice", "open_demo", "connect_team",
                           "open_offline_copy",
                           "import_all", "quit", "about", "keyboard_shortcuts", "user_guide"}


def _menu_actions(window):
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if not action.isSeparator() and action.menu() is None:
                yield menu.title().replace("&", ""), action


def _key(window, action) -> str:
    return next((k for k, a in window.commands.items() if a is action), "")


def test_without_a_practice_only_what_works_is_enabled(qtbot, opener):
    window = MainWindow(opener)
    qtbot.addWidget(window)
    enabled = {_key(window, a) or a.text() for _m, a in _menu_actions(window) if a.isEnabled()}
    assert enabled <= WORK_WITHOUT_A_PRACTICE, enabled - WORK_WITHOUT_A_PRACTICE
    for key in ("export_schedule", "practice_details", "hours_report", "undo"):
        assert not window.commands[key].isEnabled(), key
    window.open_demo()
    for key in ("export_schedule", "practice_details", "hours_report"):
        assert window.commands[key].isEnabled(), key
    close_practice(window)
    for key in ("export_schedule", "practice_details", "hours_report"):
        assert not window.commands[key].isEnabled(), key
