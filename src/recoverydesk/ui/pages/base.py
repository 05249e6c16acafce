"""The contract every participant tab follows, so the workspace can host any capability.

A page shows one participant at a time. The workspace calls ``set_participant`` when the coach
picks someone, and ``on_changed`` for every ChangeSet on the bus; a page reloads only when the
change touches the entities it lists in ``watches`` for its participant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from recoverydesk.services.types import ChangeSet

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class ParticipantPage(QWidget):
    key: str = ""  # stable name, used by overview lines and search results to jump here
    title: str = ""  # tab text (translated by the page)
    short_title: str = ""  # the tab's text when the whole titles do not fit (else ``title``)
    icon_name: str = ""  # qtawesome mdi6 name
    order: int = 50  # tab position
    watches: tuple[str, ...] = ()  # ChangeSet entities that make this page reload

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id: int | None = None
        self.setAccessibleName(self.tab_title())

    def tab_title(self) -> str:
        return self.tr(self.title)

    def set_participant(self, participant_id: int | None) -> None:
        self.participant_id = participant_id
        if participant_id is not None:
            self.refresh()

    def refresh(self) -> None:
        """Reload everything shown for ``self.participant_id``."""

    def on_changed(self, changes: ChangeSet) -> None:
        if self.participant_id is None or not self.watches:
            return
        if changes.touches(*self.watches, participant_id=self.participant_id):
            self.refresh()

    def has_unsaved_changes(self) -> bool:
        """True while an editor on this page holds work not yet saved."""
        return False

    def save_draft(self) -> None:
        """Keep unsaved edits safe (called before the coach switches participant or closes)."""

    def focus_item(self, ref: object) -> None:
        """Show one item (for example a goal id) after a search result or overview line."""
