"""Opening practice files for the window, always on the worker, and putting the open practice
aside for a while (to restore a backup or change the passphrase).

The window never imports the store: the composition root hands it an opener (``app.Opener``)
whose ``*_on_worker`` methods open, create or import a practice and read its caseload off the
GUI thread; only the coach's questions (a new practice's protection, the passphrase, restoring a
good backup) are asked here, on the GUI thread, between tries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMenu

from recoverydesk.services.practice.types import (
    NOT_STARTED,
    DamagedPracticeError,
    Opened,
    PassphraseNeededError,
    needs_passphrase,
)
from recoverydesk.services.types import ServiceError
from recoverydesk.ui import tasks

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.practice.types import CaseloadFirst
    from recoverydesk.services.types import Progress

def tr(text: str) -> str:
    return QCoreApplication.translate("practice", text)


class PracticeOpener(Protocol):
    interactive: bool

    def open_on_worker(self, path: Path, *, create: bool = False,
                       passphrase: str | None = None) -> Opened:
        """Open (or create) the practice at ``path`` and read its caseload (on the worker).
        Raises PassphraseNeededError, DamagedPracticeError or another ServiceError."""

    def open_team_on_worker(self, address: str, password: str | None = None) -> Opened:
        """Connect to the team practice at ``address`` and read its caseload (on the worker).
        Raises PasswordNeededError when the server wants the password, else ServiceError."""

    def start_team_on_worker(self, address: str,
                             password: str | None = None) -> CaseloadFirst | Opened:
        """``open_team_on_worker``, the caseload first (on the worker): CaseloadFirst, or
        Opened when the practice had to open the whole way (an upgrade, for example)."""

    def create_demo_on_worker(self, path: Path, progress: Progress) -> Opened:
        """Write a fictional demo practice to ``path`` and open it (on the worker)."""

    def import_on_worker(self, target: Path, source: Path, passphrase: str | None,
                         progress: Progress) -> Opened:
        """Make a new practice at ``target`` from the export ``source`` (on the worker)."""

    def restore_on_worker(self, path: Path, backup: Path, passphrase: str | None) -> None:
        """Put a good backup in place of a damaged practice file (on the worker)."""

    def choose_new_passphrase(self, path: Path) -> str | None | bool:
        """A new practice's passphrase, None to leave it plain, False when cancelled."""

    def ask_passphrase(self, path: Path, message: str) -> str | None: ...

    def offer_backup(self, error: DamagedPracticeError) -> bool: ...

    def default_path(self) -> Path: ...

    def demo_path(self) -> Path: ...


class PracticeOpening:
    """One practice opening on the worker: each try, and a restore of a damaged file's backup,
    goes to the worker; the questions come back here. ``opened(Opened)`` or ``failed(error)``
    is called on the GUI thread at the end."""

    def __init__(self, window, opener: PracticeOpener, path: Path, *, create: bool = False,
                 opened: Callable[[Opened], None], failed: Callable[[BaseException], None],
                 passphrase: str | None = None, open_on_worker: Callable | None = None):
        """``open_on_worker``: what opens it on the worker, if not ``opener.open_on_worker``
        (start-up's ``start_on_worker``, whose CaseloadFirst is handed to ``opened``)."""
        self.window = window
        self.opener = opener
        self._open_on_worker = open_on_worker or opener.open_on_worker
        self.path = Path(path)
        self.create = create
        self.passphrase = passphrase
        self._opened = opened
        self._failed = failed

    def start(self) -> None:
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        if is_new and self.create and self.opener.interactive and self.passphrase is None:
            chosen = self.opener.choose_new_passphrase(self.path)
            if chosen is False:
                self._failed(ServiceError(NOT_STARTED))
                return
            self.passphrase = chosen
        self._try()

    def _try(self) -> None:
        path, create, passphrase = self.path, self.create, self.passphrase
        tasks.Op(self.window, lambda: self._open_on_worker(
            path, create=create, passphrase=passphrase)).success(self._opened).failure(
            self._on_failure).with_progress(tr("Opening %1…").replace("%1", path.name)).run()

    def _on_failure(self, error: BaseException) -> None:
        if isinstance(error, PassphraseNeededError) and self.opener.interactive:
            message = str(error) if self.passphrase else ""
            passphrase = self.opener.ask_passphrase(self.path, message)
            if passphrase is None:
                self._failed(ServiceError(needs_passphrase(self.path)))
                return
            self.passphrase = passphrase
            self._try()
        elif (isinstance(error, DamagedPracticeError) and self.opener.interactive
              and error.backup is not None and self.opener.offer_backup(error)):
            path, backup, passphrase = self.path, error.backup.path, self.passphrase
            tasks.Op(self.window, lambda: self.opener.restore_on_worker(
                path, backup, passphrase)).success(lambda _restored: self._try()).failure(
                self._failed).with_progress(tr("Restoring…")).run()
        else:
            self._failed(error)


@dataclass
class Closed:
    """What is needed to show the practice again where the coach was."""

    path: Path
    participant_id: int | None
    page: str


def close_practice(window) -> tuple[Services, Closed] | None:
    """Finish queued writes, save drafts, remember the place and remove every widget and window
    that shows the practice's data. The practice itself stays open: the caller hands it to the
    use case that closes it (a restore, a passphrase change) or closes it."""
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
    closed = Closed(services.practice.path, where_pid, page)
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
    return services, closed


def show_again(window, opened: Opened, closed: Closed) -> None:
    """Show the practice opened again and go back to the participant and tab: the caseload in
    this turn, the rest a turn at a time (``MainWindow.set_services``: in one turn they were the
    worst of a passphrase change's stall), the participant last."""
    def go_back() -> None:
        if closed.participant_id is None:
            return
        try:
            window.open_participant(closed.participant_id, closed.page)
        except ServiceError:
            window.show_home()  # they are no longer there (for example after a restore)

    window.set_services(opened.services, opened.caseload, in_turns=True, then=go_back)
