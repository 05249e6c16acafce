"""No key of the main window is claimed twice where the coach is (Qt then fires neither), and the
keys the coach is told about do what they say: Ctrl+Shift+N writes a session note from any tab,
Ctrl+Shift+G and Alt+N start a new goal on the Goals tab.

Ctrl+Shift+N was once both "Write a session note" (window-wide) and the Goals tab's "New goal"
button: on that tab neither fired. The button's ``setShortcut`` also replaced its Alt+N."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shortcut_map import ambiguous, claims

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.extensions import PARTICIPANT_PAGES
from recoverydesk.ui.pages.goals import NEW

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def open_window(main_window, services, qtbot):
    p = services.participants.create(ParticipantDraft(given_name="Noa", family_name="Reid")).value
    services.goals.create(p.id, GoalDraft(title="Cook dinner for my sister"))
    main_window.open_participant(p.id, "overview")
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    return main_window


def test_no_key_is_claimed_twice_on_any_tab(open_window):
    window = open_window
    pid = window.current_participant_id()
    window.show_home()
    assert ambiguous(window) == [], "on the home view"
    window.open_participant(pid, "overview")
    seen_keys = set()
    for page in PARTICIPANT_PAGES:
        window.open_participant(window.current_participant_id(), page.key)
        assert window.workspace.tabs.currentWidget().key == page.key
        assert ambiguous(window) == [], f"on the {page.key} tab"
        seen_keys |= {c.key for c in claims(window)}
    # The collector sees the kinds of claim there are: actions, QShortcuts, button mnemonics.
    assert {"Ctrl+Shift+N", "Ctrl+Shift+G", "Ctrl+Shift+R", "Alt+N"} <= seen_keys


def test_the_collector_sees_a_clash(open_window):
    from PySide6.QtGui import QKeySequence, QShortcut

    window = open_window
    window.open_participant(window.current_participant_id(), "goals")
    page = window.workspace.page("goals")
    clash = QShortcut(QKeySequence("Ctrl+Shift+N"), page)
    try:
        assert any(c.startswith("Ctrl+Shift+N:") for c in ambiguous(window))
        window.open_participant(window.current_participant_id(), "star")  # goals tab hidden
        assert ambiguous(window) == []
    finally:
        clash.setParent(None)


def test_ctrl_shift_g_and_alt_n_start_a_new_goal_on_the_goals_tab(open_window, qtbot):
    window = open_window
    window.open_participant(window.current_participant_id(), "goals")
    page = window.workspace.page("goals")
    for key, mods in ((Qt.Key.Key_G, CTRL_SHIFT), (Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)):
        page.tree.setFocus()
        page.current_id = None
        qtbot.keyClick(page.tree, key, mods)
        qtbot.waitUntil(lambda: page.current_id == NEW, timeout=2000)  # a mnemonic animates
        page.editor.title.setText("")


def test_ctrl_shift_n_writes_a_session_note_from_the_goals_tab_and_elsewhere(open_window, qtbot):
    window = open_window
    sessions = window.workspace.page("sessions")
    for tab in ("goals", "overview", "network"):
        window.open_participant(window.current_participant_id(), tab)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.workspace.tabs.currentWidget().setFocus()
        qtbot.keyClick(window.workspace.tabs.currentWidget(), Qt.Key.Key_N, CTRL_SHIFT)
        dialog = sessions.note_dialog
        assert dialog is not None and dialog.isVisible(), f"from the {tab} tab"
        dialog.reject()
        qtbot.waitUntil(lambda: sessions.note_dialog is None or not sessions.note_dialog.isVisible())


def test_the_resource_directory_claims_no_key_twice(open_window):
    window = open_window
    window.commands["resource_directory"].trigger()
    directory = window.parts.resources.directory
    assert directory.isVisible()
    assert ambiguous(directory) == []
    assert {"Ctrl+F", "Ctrl+N", "Ctrl+W"} <= {c.key for c in claims(directory)}
