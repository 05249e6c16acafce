"""What the window needs from the composition root to open practice files (no store import),
and closing the open practice for a while (to restore a backup or change the passphrase)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QApplication, QMenu

from recoverydesk.services.container import Services
from recoverydesk.services.types import ServiceError
from recoverydesk.ui import tasks


class PracticeOpener(Protocol):
    def open(self, path: Path, *, create: bool = False) -> Services:
        """Open (or create) the practice at ``path``; raise ServiceError with plain words."""

    def create_demo(self, path: Path) -> Services:
        """Write a fictional demo practice to ``path`` and open it."""

    def default_path(self) -> Path: ...

    def demo_path(self) -> Path: ...


@dataclass
class Closed:
    """What is needed to open the practice again where the coach was."""

    path: Path
    encrypted: bool
    participant_id: int | None
    page: str


def close_practice(window) -> Closed | None:
    """Finish queued writes, save drafts, remember the place, close the practice and remove every
    widget and window that shows its data. The window shows nothing of it afterwards."""
    services = window.services
    if services is None:
        return None
    tasks.wait_idle()
    where_pid, page = None, ""
    if window.workspace is not None:
        window.workspace.save_drafts()
        where_pid = window.current_participant_id()
        current = window.workspace.tabs.currentWidget()
        page = getattr(current, "key", "") or ""
    tasks.wait_idle()
    closed = Closed(Path(services.practice_path), bool(services.store.encrypted), where_pid, page)
    for other in QApplication.topLevelWidgets():  # the search, the directory, previews
        if other is not window and other.isVisible() and not isinstance(other, QMenu):
            other.close()
    old = window.stack.widget(1)
    window.services = None
    window.list_panel = window.workspace = window.home = None
    if old is not None:
        window.stack.removeWidget(old)
        old.hide()
        old.deleteLater()
    window._set_practice_actions_enabled(False)
    window.statusBar().clearMessage()
    window.undo_button.hide()
    services.close()  # engine disposed, connections closed, the key no longer held
    return closed


def reopen_practice(window, closed: Closed, passphrase: str | None = None) -> None:
    """Open the practice again and go back to the participant and tab. Raises ServiceError."""
    if passphrase is not None:
        services = window.opener.open(closed.path, passphrase=passphrase)
    else:
        services = window.opener.open(closed.path)
    window.set_services(services)
    if closed.participant_id is not None:
        try:
            window.open_participant(closed.participant_id, closed.page)
        except ServiceError:
            window.show_home()  # they are no longer there (for example after a restore)
