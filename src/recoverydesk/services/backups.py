"""Backups, restore and the passphrase, as use cases for the window and the command line.

Everything here works on a practice *file*; functions that replace or re-key the file need it
closed first (the window closes its store, the CLI never opened one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.paths import backups_dir_for
from recoverydesk.services.errors import ServiceError
from recoverydesk.store import backup as _backup
from recoverydesk.store import crypto as _crypto
from recoverydesk.store.engine import DatabaseError
from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.lockfile import is_locked
from recoverydesk.store.session import Store

Strength = _crypto.Strength
passphrase_strength = _crypto.passphrase_strength
DEFAULT_INTERVAL = _backup.DEFAULT_INTERVAL


class BackupError(ServiceError):
    """A backup, restore or passphrase change could not be done; nothing was lost."""


@dataclass(frozen=True)
class BackupRow:
    path: Path
    taken_at: dt.datetime
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size_label(self) -> str:
        size = float(self.size)
        for unit in ("bytes", "KB", "MB", "GB"):
            if size < 1024 or unit == "GB":
                return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
            size /= 1024
        return f"{self.size} bytes"


def _row(info: _backup.BackupInfo) -> BackupRow:
    return BackupRow(info.path, info.taken_at, info.size)


def backups_folder(practice: Path) -> Path:
    return backups_dir_for(Path(practice))


def list_backups(practice: Path) -> list[BackupRow]:
    return [_row(b) for b in _backup.list_backups(Path(practice))]


def _plain(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except PracticeFileError as err:
        raise BackupError(str(err)) from err
    except _backup.RestoreError as err:
        raise BackupError(str(err)) from err
    except DatabaseError as err:
        raise BackupError(
            "The copy could not be made or did not pass its check, so nothing was changed "
            f"({type(err).__name__})."
        ) from err


def backup_now(store: Store, now: dt.datetime | None = None) -> BackupRow:
    """An automatic-style backup into the practice's backups folder, right now."""
    return _row(_plain(_backup.take_backup, store.path, store.passphrase, now))


def backup_if_due(
    store: Store,
    *,
    closing: bool = False,
    now: dt.datetime | None = None,
    interval: dt.timedelta = DEFAULT_INTERVAL,
) -> BackupRow | None:
    """A rolling backup when something changed (and, while in use, at most every few hours)."""
    info = _plain(
        _backup.auto_backup,
        store.path,
        store.passphrase,
        now=now,
        interval=interval,
        closing=closing,
    )
    return _row(info) if info else None


def backup_file_to(practice: Path, passphrase: str | None, target: Path) -> Path:
    """Back the practice up to ``target`` (a folder, like a USB stick, or a file name)."""
    practice, target = Path(practice), Path(target)
    if target.is_dir():
        stamp = dt.datetime.now().replace(microsecond=0)
        target = target / _backup.backup_name(practice, stamp)
    return _plain(_backup.backup_database, practice, target, passphrase)


def back_up_to(store: Store, target: Path) -> Path:
    return backup_file_to(store.path, store.passphrase, target)


def restore(practice: Path, backup: Path, passphrase: str | None) -> Path | None:
    """Put ``backup`` in place of the (closed) practice; the current file is backed up first.
    Returns where the current file was kept."""
    practice = Path(practice)
    if is_locked(practice):
        raise BackupError(
            f"{practice.name} is open in RecoveryDesk. Close it there first, then restore."
        )
    return _plain(_backup.restore_backup, Path(backup), practice, passphrase)


def verify(path: Path, passphrase: str | None) -> list[str]:
    return _backup.verify_file(Path(path), passphrase)


def is_encrypted(path: Path) -> bool:
    return _crypto.is_encrypted(Path(path))


def change_passphrase(practice: Path, old: str | None, new: str | None) -> int:
    """Re-key the (closed) practice, then its automatic backups, so no copy is left with the old
    passphrase or unencrypted. Returns how many backups were re-keyed."""
    practice = Path(practice)
    if new is not None and not new:
        new = None
    _plain(_crypto.change_passphrase, practice, old, new)
    done = 0
    for b in _backup.list_backups(practice):
        try:
            _crypto.change_passphrase(b.path, old, new)
            done += 1
        except (PracticeFileError, DatabaseError, OSError):
            continue  # a backup made under another key stays as it was
    return done


def encrypt_practice(practice: Path, passphrase: str) -> int:
    """Encrypt a plain practice file (and its backups) with ``passphrase``."""
    if not passphrase:
        raise BackupError("Choose a passphrase first.")
    if _crypto.is_encrypted(Path(practice)):
        raise BackupError(f"{Path(practice).name} is already protected with a passphrase.")
    return change_passphrase(practice, None, passphrase)
