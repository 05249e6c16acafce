"""An offline copy whose bring-back started (state RETURNING) is read-only in the window (issue
21): its work may be on the team practice already, so an edit made now would be in neither; so
is a RETURNED one (an edit would go with the copy). The copy's own triggers refuse one anyway
(services/offline/changes.py), in the same words; the window says so first and offers nothing
to press that would change it. The participant's pages
stay to be read, greyed, and their tabs can still be opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStackedWidget

from recoverydesk.services.offline.types import (
    RETURNED,
    RETURNED_WORDS,
    RETURNING,
    RETURNING_WORDS,
)

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

EDITING_COMMANDS = ("new_participant", "edit_participant", "archive_participant")


def _tr(text: str) -> str:
    return QCoreApplication.translate("OfflinePart", text)


def show_read_only(window: MainWindow, state: str | None) -> bool:
    """Grey out (or give back) what edits the open copy, by its state (RETURNING, RETURNED:
    read-only); the words under the participant's name, with Bring back beside them (for a
    RETURNED copy it only removes the copy and opens the team practice). True: read-only."""
    said = {RETURNING: RETURNING_WORDS, RETURNED: RETURNED_WORDS}.get(state or "")
    returning = said is not None
    workspace = window.workspace
    if workspace is not None:
        pages = workspace.tabs.findChild(QStackedWidget)  # (not the tab bar)
        if pages is not None:
            pages.setEnabled(not returning)
        workspace.edit_button.setEnabled(not returning)
        workspace.archive_button.setEnabled(not returning)
        if said is not None:
            workspace.show_note(_tr(said), window.commands["bring_back"])
        elif workspace.note_label.text() in (_tr(RETURNING_WORDS), _tr(RETURNED_WORDS)):
            workspace.show_note("")
    if returning:
        for key in EDITING_COMMANDS:
            window.commands[key].setEnabled(False)
    return returning
