"""The open practice as use cases: what it is, locking and unlocking it, backing it up,
restoring a backup, changing its passphrase, exporting it. The window reaches all of it through
``services.practice`` and never holds the Store, the passphrase or a key derived from it: the
passphrase stays in here, from opening to closing.

A restore or a passphrase change replaces the practice file, so it closes the practice, does the
work, and opens it again (with the new passphrase, or as it was when the work failed), handing
back a ``Reopened`` for the window to show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from recoverydesk.services.practice import backups, passphrase
from recoverydesk.services.practice.types import (
    BackupRow,
    PracticeInfo,
    Reopened,
    WrongPassphraseError,
)
from recoverydesk.services.types import NO_PROGRESS, Progress, ServiceError
from recoverydesk.store import crypto as _crypto
from recoverydesk.store.engine import DatabaseError
from recoverydesk.store.session import Store

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.practice.transfer import IOService
    from recoverydesk.services.practice.types import Opened

    # Opens the practice at a path again with a passphrase, as it was held (its lock file).
    Reopen = Callable[[Path, str | None], Opened]


class PracticeService:
    """``reopen`` comes from whoever opened the practice (``opening.open_services``): a restore
    and a passphrase change close the practice and open it again the same way."""

    def __init__(self, store: Store, services: Services, reopen: Reopen | None = None):
        self._store = store
        self._services = services
        self._reopen = reopen

    # -- what is open -----------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def is_encrypted(self) -> bool:
        return self._store.encrypted

    @property
    def is_open(self) -> bool:
        """False while the window is locked (and after the practice was closed)."""
        return self._store.is_open

    def info(self) -> PracticeInfo:
        return PracticeInfo(self.path, self.is_encrypted, self.is_open)

    def is_current_passphrase(self, typed: str) -> bool:
        """For the passphrase dialog's "current passphrase" field."""
        return self._store.is_open and typed == self._store.passphrase

    # -- locking ----------------------------------------------------------------------------
    def lock(self) -> BackupRow | None:
        """Take a rolling backup if anything changed, then close every connection and forget
        the passphrase. A backup that cannot be made is tried again at the next lock or close
        (the practice itself is safe); returns the backup taken, if any."""
        if not self._store.is_open:
            return None
        try:
            row = self.backup_if_due(closing=True)
        except (ServiceError, OSError):
            row = None
        self._store.suspend()
        return row

    def seconds_until_retry(self, file: Path | None = None) -> float:
        """How long the next passphrase try for the practice (or ``file``, a backup) must wait
        after wrong ones (0 when it may go now)."""
        return backups.seconds_until_retry(Path(file) if file is not None else self.path)

    def unlock(self, typed: str | None) -> None:
        """Open the locked practice again. A wrong passphrase raises WrongPassphraseError and
        makes the next try wait longer; the file is only read."""
        gate = _crypto.retry_gate(self.path)
        wait = gate.remaining()
        if wait > 0:
            raise WrongPassphraseError(f"Please wait {int(wait + 0.999)} seconds, then try again.")
        try:
            self._store.resume(typed if self._store.encrypted else None)
        except DatabaseError as err:
            gate.failed()
            raise WrongPassphraseError(
                "That passphrase does not open this practice. Check it and try again."
            ) from err
        gate.succeeded()

    # -- backups ----------------------------------------------------------------------------
    def backups_folder(self) -> Path:
        return backups.backups_folder(self.path)

    def list_backups(self) -> list[BackupRow]:
        return backups.list_backups(self.path)

    def backup_now(self, now: dt.datetime | None = None,
                   progress: Progress = NO_PROGRESS) -> BackupRow:
        """A checked backup into the practice's backups folder, right now."""
        progress.step(0, 0, "Backing up…")
        return backups.backup_file_now(self.path, self._store.key, now)

    def back_up_to(self, target: Path, progress: Progress = NO_PROGRESS) -> Path:
        """A checked copy to ``target`` (a folder, like a USB stick, or a file name)."""
        progress.step(0, 0, "Backing up…")
        return backups.backup_file_to(self.path, self._store.key, Path(target))

    def backup_if_due(self, *, closing: bool = False, now: dt.datetime | None = None,
                      interval: dt.timedelta = backups.DEFAULT_INTERVAL) -> BackupRow | None:
        """A rolling backup when something changed (and, while in use, at most every few
        hours). None while locked: the backup was taken when it locked."""
        if not self._store.is_open:
            return None
        return backups.backup_practice_if_due(
            self.path, self._store.key, closing=closing, now=now, interval=interval
        )

    def backup_needs_passphrase(self, backup: Path) -> bool:
        """True when ``backup`` is locked with another passphrase than the practice's."""
        return backups.backup_needs_passphrase(Path(backup), self._store.key)

    def check_backup_passphrase(self, backup: Path, typed: str) -> None:
        """Raise BackupError unless ``typed`` opens ``backup`` (wrong tries wait longer)."""
        backups.check_backup_passphrase(Path(backup), typed)

    # -- export -----------------------------------------------------------------------------
    def export_to(self, target: Path, progress: Progress = NO_PROGRESS) -> dict[str, int]:
        """Everything as one JSON file at ``target``. Returns row counts per table."""
        return self._transfer().export_to(Path(target), progress)

    def import_from(self, source: Path, progress: Progress = NO_PROGRESS) -> dict[str, int]:
        """Load an export into this practice, which must be new (all or nothing)."""
        return self._transfer().import_from(Path(source), progress)

    def _transfer(self) -> IOService:
        # Imported on first use, as printing is (services/container.py): the export's schema
        # (pydantic) and its reader hold 12 MB and take ~50 ms to import, which opening a
        # practice and most sessions never need (docs/benchmarks.md, peak memory).
        from recoverydesk.services.practice.transfer import IOService

        return IOService(self._store)

    # -- replacing the file: close, change, open again ---------------------------------------
    def restore(self, backup: Path, *, backup_passphrase: str | None = None,
                progress: Progress = NO_PROGRESS) -> Reopened:
        """Put ``backup`` in place of the practice (the current file is backed up first) and
        open it again. ``backup_passphrase``: the one the backup was made under, when the
        practice's does not open it; it comes back locked with the practice's."""
        typed = self._store.passphrase
        progress.step(0, 0, "Restoring…")

        def put_back():
            return backups.restore(self.path, Path(backup), typed,
                                   backup_passphrase=backup_passphrase)

        return self._closed_for(put_back, typed, typed, progress)

    def change_passphrase(self, new: str | None, progress: Progress = NO_PROGRESS) -> Reopened:
        """Re-key the practice and every copy of it with ``new`` (None or "": no passphrase)
        and open it again with it; ``Reopened.rekeyed`` counts the backups re-keyed."""
        old = self._store.passphrase
        new = new or None
        return self._closed_for(
            lambda: passphrase.change_passphrase(self.path, old, new, progress), old, new,
            progress)

    def _closed_for(self, work, old: str | None, new: str | None,
                    progress: Progress) -> Reopened:
        if self._reopen is None:
            raise ServiceError("This practice was not opened to be replaced; nothing was changed.")
        path = self.path
        self._services.close()  # the lock file too: the work below takes it for itself
        try:
            result = work()
        except ServiceError as err:  # nothing was changed: open it again as it was
            return Reopened(self._reopen(path, old), problem=err)
        progress.step(0, 0, "Opening the practice…")
        opened = self._reopen(path, new)
        if isinstance(result, int):
            return Reopened(opened, rekeyed=result)
        return Reopened(opened, kept=result)

    def close(self, *, backup: bool = False) -> None:
        """Close the practice (its lock file too). ``backup``: the app's last act on exit, a
        rolling backup afterwards if anything changed (not while locked: the lock took one)."""
        path, typed, was_open = self.path, self._store.passphrase, self._store.is_open
        self._services.close()  # first, so the log is folded in and the backup sees the file
        if not (backup and was_open):
            return
        try:
            backups.backup_practice_if_due(path, typed, closing=True)
        except (ServiceError, OSError):
            pass  # the practice itself is safe; the next start tries again
