"""Help > Keyboard shortcuts lists the keys that work in one place too (a tab's own keys, the steps
table's), not only the window's commands: every QShortcut of the built window, every page built and
a participant open, appears under where it works with the description it was made with. A
QShortcut made without a description is caught here. The dialog runs through its real exec()."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.extensions import PARTICIPANT_PAGES
from recoverydesk.ui.help import ShortcutsDialog
from recoverydesk.ui.widgets.common import SHORTCUT_WHERE, shortcut

NATIVE = QKeySequence.SequenceFormat.NativeText


def _text(keys) -> str:
    return " or ".join(k.toString(NATIVE) for k in keys if not k.isEmpty())


@pytest.fixture
def open_window(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Noa", family_name="Reid")).value
    services.goals.create(p.id, GoalDraft(title="Cook dinner for my sister"))
    for page in PARTICIPANT_PAGES:  # every page built and shown once
        main_window.open_participant(p.id, page.key)
    main_window.open_participant(p.id, "goals")
    return main_window


def _dialog_rows(window) -> set[tuple[str, str, str]]:
    """(group, command, keys) as the coach reads them in the dialog, opened from the menu."""
    rows: set[tuple[str, str, str]] = set()

    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ShortcutsDialog):
            QTimer.singleShot(20, poke)
            return
        tree = dialog.tree
        for i in range(tree.topLevelItemCount()):
            head = tree.topLevelItem(i)
            for j in range(head.childCount()):
                rows.add((head.text(0), head.child(j).text(0), head.child(j).text(1)))
        QApplication.sendEvent(dialog, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                                 Qt.KeyboardModifier.NoModifier))

    QTimer.singleShot(0, poke)
    window.commands["keyboard_shortcuts"].trigger()
    return rows


def missing(window, rows: set[tuple[str, str, str]]) -> list[str]:
    """Every shortcut of the window that the dialog's rows do not show as it should."""
    problems = []
    listed = {(command, keys) for _g, command, keys in rows}
    for action in QWidget.actions(window):
        keys = _text(action.shortcuts())
        name = action.text().replace("&", "").rstrip("…").strip()
        if keys and (name, keys) not in listed:
            problems.append(f"action {name!r} ({keys})")
    for made in window.findChildren(QShortcut):
        keys = _text(made.keys())
        if not made.whatsThis().strip() or not made.property(SHORTCUT_WHERE):
            problems.append(f"QShortcut {keys} on {made.parent().objectName() or made.parent()} "
                            "has no description: make it with widgets.common.shortcut")
        elif (made.property(SHORTCUT_WHERE), made.whatsThis(), keys) not in rows:
            problems.append(f"QShortcut {made.whatsThis()!r} ({keys})")
    return problems


def test_every_action_and_every_tab_key_is_listed_with_its_keys(open_window):
    window = open_window
    rows = _dialog_rows(window)
    assert window.findChildren(QShortcut), "the window has tab-level keys to list"
    assert missing(window, rows) == []
    for row in (("Goals tab", "New goal", "Ctrl+Shift+G"),
                ("Goals tab", "Save the goal", "Ctrl+S"),  # not "Ctrl+S or Save" (a media key)
                ("Steps table", "Move step up", "Alt+Up"),
                ("Steps table", "Remove step (you can undo it)", "Del"),
                ("Recovery Star tab", "New reading", "Ctrl+Shift+R"),
                ("WRAP tab", "Go to the plan's outline", "Ctrl+Shift+O")):
        group, command, keys = row
        assert (group, command, QKeySequence(keys).toString(NATIVE)) in rows, row


def test_a_shortcut_made_without_a_description_is_caught(open_window):
    window = open_window
    page = window.workspace.page("goals")
    bare = QShortcut(QKeySequence("Ctrl+Alt+Q"), page)
    try:
        assert any("Ctrl+Alt+Q" in p and "no description" in p
                   for p in missing(window, _dialog_rows(window)))
    finally:
        bare.setParent(None)
    with pytest.raises(ValueError):
        shortcut("Ctrl+Alt+Q", page, lambda: None, Qt.ShortcutContext.WidgetShortcut,
                 description=" ", where="Goals tab")


def test_a_described_shortcut_added_later_shows_up_without_editing_any_list(open_window):
    window = open_window
    page = window.workspace.page("goals")
    made = shortcut("Ctrl+Alt+Q", page, lambda: None, Qt.ShortcutContext.WidgetShortcut,
                    description="Water the plants", where="Goals tab")
    try:
        assert ("Goals tab", "Water the plants",
                QKeySequence("Ctrl+Alt+Q").toString(NATIVE)) in _dialog_rows(window)
    finally:
        made.setParent(None)
