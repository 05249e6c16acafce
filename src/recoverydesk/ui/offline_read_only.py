"""An offline copy whose bring-back started (state RETURNING) is read-only in the window (issue
21): its work may be on the team practice already, so an edit made now would be in neither. The
copy's own triggers refuse one anyway (services/offline/changes.py), in the same words; the
window says so first and offers nothing to press that would change it. The participant's pages
stay to be read, greyed, and their tabs can still be opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStackedWidget

from recoverydesk.services.offline.types import RETURNING_WORDS

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

EDITING_COMMANDS = ("new_participant", "edit_participant", "archive_participant")


def words() -> str:
    return QCoreApplication.translate("OfflinePart", RETURNING_WORDS)


def show_read_only(window: MainWindow, returning: bool) -> None:
    """Grey out (or give back) what edits the open copy; the words under the participant's
    name, with Bring back beside them."""
    workspace = window.workspace
    if workspace is not None:
        pages = workspace.tabs.findChild(QStackedWidget)  # (not the tab bar)
        if pages is not None:
            pages.setEnabled(not returning)
        workspace.edit_button.setEnabled(not returning)
        workspace.archive_button.setEnabled(not returning)
        if returning:
            workspace.show_note(words(), window.commands["bring_back"])
        elif workspace.note_label.text() == words():
            workspace.show_note("")
    if returning:
        for key in EDITING_COMMANDS:
            window.commands[key].setEnabled(False)
