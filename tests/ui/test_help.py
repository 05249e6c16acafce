"""Help: the user guide (the README's coach section, shipped with the app and read offline) and
the keyboard shortcuts, generated from the window's own actions each time, so they never drift.
Both dialogs run through their real exec()."""

from __future__ import annotations

import re
from pathlib import Path

from live_dialogs import when_modal
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from recoverydesk.paths import resource
from recoverydesk.ui.help import ShortcutsDialog, UserGuideDialog, guide_markdown, shortcut_rows

ROOT = Path(__file__).resolve().parents[2]


def coach_section(readme: str) -> str:
    """README's "## For coaches" up to the next "## " heading (trailing comments dropped)."""
    start = readme.index("## For coaches\n")
    rest = readme[start:]
    nxt = re.search(r"^## ", rest[3:], re.M)
    section = rest[: nxt.start() + 3] if nxt else rest
    return re.sub(r"(\s*<!--[^>]*-->\s*)+$", "", section).rstrip() + "\n"


def test_the_shipped_guide_is_the_readme_coach_section():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shipped = resource("guide.md").read_text(encoding="utf-8")
    assert shipped == coach_section(readme), (
        "resources/guide.md differs from README's 'For coaches' section: copy the section "
        "(from '## For coaches' up to the next '## ' heading) into resources/guide.md")


def test_pictures_show_when_their_file_is_at_hand_and_are_left_out_otherwise(tmp_path):
    here = guide_markdown()
    assert "![The welcome screen](file:" in here or not (ROOT / "docs/welcome.png").exists()
    installed = guide_markdown(root=tmp_path)  # an installed app: no docs/ folder
    assert "![" not in installed and "Recovery Star" in installed




def _escape(dialog) -> None:
    QApplication.sendEvent(dialog, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                             Qt.KeyboardModifier.NoModifier))


def test_help_menu_offers_the_guide_and_the_shortcuts_before_about(main_window):
    texts = [a.text().replace("&", "") for a in main_window.help_menu.actions()
             if not a.isSeparator()]
    assert texts == ["User guide", "Keyboard shortcuts", "About RecoveryDesk"]
    assert main_window.commands["user_guide"].isEnabled()  # no practice needed to read it


def test_user_guide_opens_offline_and_closes_with_escape(main_window, qtbot):
    found = {}

    def read(dialog: UserGuideDialog) -> None:
        found["text"] = dialog.browser.toPlainText()
        _escape(dialog)

    seen = when_modal(UserGuideDialog, read)
    main_window.commands["user_guide"].trigger()
    assert seen and not seen[0].isVisible()
    assert "For coaches" in found["text"] and "Recovery Star" in found["text"]
    assert "**" not in found["text"]  # rendered, not raw markdown


def test_every_shortcut_of_the_window_is_listed_by_menu_and_can_be_searched(main_window):
    native = QKeySequence.SequenceFormat.NativeText
    expected = {a.text().replace("&", "").rstrip("…") for a in QWidget.actions(main_window)
                if any(not k.isEmpty() for k in a.shortcuts())}
    found = {}

    def read(dialog: ShortcutsDialog) -> None:
        found["all"] = set(dialog.visible_commands())
        dialog.search.setText("lock")
        found["lock"] = dialog.visible_commands()
        dialog.search.setText("zzzz")
        found["none"] = (dialog.visible_commands(), dialog.empty.isHidden())
        _escape(dialog)

    seen = when_modal(ShortcutsDialog, read)
    main_window.commands["keyboard_shortcuts"].trigger()
    assert seen and not seen[0].isVisible()
    assert expected <= found["all"], expected - found["all"]
    assert found["lock"] == ["Lock now"]
    assert found["none"] == ([], False)
    rows = shortcut_rows(main_window)
    note = QKeySequence("Ctrl+Shift+N").toString(native)
    assert ("Participant", "Write a session note", note) in rows
    assert ("Help", "Keyboard shortcuts", QKeySequence("Ctrl+/").toString(native)) in rows


def test_a_command_added_later_shows_up_without_editing_any_list(main_window):
    added = main_window.commands.add("test_only", main_window.tr("Water the plants"),
                                     lambda: None, shortcut="Ctrl+Alt+W")
    main_window.view_menu.addAction(added)
    rows = shortcut_rows(main_window)
    assert ("View", "Water the plants",
            QKeySequence("Ctrl+Alt+W").toString(QKeySequence.SequenceFormat.NativeText)) in rows


def test_pictures_in_the_guide_fit_its_window(qtbot):
    from PySide6.QtGui import QTextImageFormat

    if not (ROOT / "docs" / "welcome.png").exists():
        return
    dialog = UserGuideDialog()
    qtbot.addWidget(dialog)
    doc = dialog.browser.document()
    widths = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                widths.append(QTextImageFormat(fmt.toImageFormat()).width())
            it += 1
        block = block.next()
    assert widths and all(w <= 640 for w in widths) and 640 in widths  # 0: small, as drawn
