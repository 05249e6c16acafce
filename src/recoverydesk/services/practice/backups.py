"""Backups and restore, as use cases over a practice *file* for the window and the command line.

Functions that replace the file need it closed first (the window closes its store, the CLI never
opened one), and take the practice's lock file while they work, so no copy of RecoveryDesk can
open it half-way through.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recoverydesk.paths import backups_dir_for
from recoverydesk.services.practice.types import BackupError, BackupRow, UnusableBackupError
from recoverydesk.store import backup as _backup
from recoverydesk.store import crypto as _crypto
from recoverydesk.store import restore as _restore
from recoverydesk.store.disk_errors import is_out_of_space
from recoverydesk.store.engine import DatabaseError, Secret
from recoverydesk.store.errors import (
    NotABackupError,
    PracticeFileError,
    PracticeInUseError,
)
from recoverydesk.store.keys import as_passphrase
from recoverydesk.store.lockfile import PracticeLock

DEFAULT_INTERVAL = _backup.DEFAULT_INTERVAL


def _row(info: _backup.BackupInfo) -> BackupRow:
    return BackupRow(info.path, info.taken_at, info.size)


def backups_folder(practice: Path) -> Path:
    return backups_dir_for(Path(practice))


def list_backups(practice: Path) -> list[BackupRow]:
    return [_row(b) for b in _backup.list_backups(Path(practice))]


def plain(fn, *args, where: Path | None = None, **kw):
    """Run a file operation; its failures become one plain sentence (``where``: the folder
    being written, for the full-disk message)."""
    try:
        return fn(*args, **kw)
    except NotABackupError as err:
        raise UnusableBackupError(str(err)) from err
    except PracticeFileError as err:
        raise BackupError(str(err)) from err
    except _restore.RestoreError as err:
        raise BackupError(str(err)) from err
    except (DatabaseError, OSError) as err:
        if is_out_of_space(err, where):  # SQLITE_FULL, ENOSPC, or an I/O error on a full disk
            place = f" in {where}" if where else ""
            raise BackupError(
                f"There is not enough free space{place}, so nothing was changed. Free some "
                "space (or choose another place) and try again."
            ) from err
        if isinstance(err, PermissionError):
            raise BackupError(
                f"RecoveryDesk may not write to {err.filename or where}. Choose another place."
            ) from err
        if isinstance(err, OSError):
            raise BackupError(
                f"The copy could not be written ({err.strerror or err}), so nothing was changed."
            ) from err
        raise BackupError(
            "The copy could not be made or did not pass its check, so nothing was changed "
            f"({type(err).__name__})."
        ) from err


def backup_file_now(practice: Path, passphrase: Secret, now: dt.datetime | None = None) -> BackupRow:
    """An automatic-style backup into the practice's backups folder, right now."""
    return _row(plain(_backup.take_backup, Path(practice), passphrase, now,
                       where=backups_folder(practice)))


def backup_practice_if_due(
    practice: Path,
    passphrase: Secret,
    *,
    closing: bool = False,
    now: dt.datetime | None = None,
    interval: dt.timedelta = DEFAULT_INTERVAL,
) -> BackupRow | None:
    """The same for a practice file that is already closed (the app's last act on exit)."""
    info = plain(
        _backup.auto_backup, Path(practice), passphrase, now=now, interval=interval,
        closing=closing, where=backups_folder(practice),
    )
    return _row(info) if info else None


def backup_file_to(practice: Path, passphrase: Secret, target: Path) -> Path:
    """Back the practice up to ``target`` (a folder, like a USB stick, or a file name)."""
    practice, target = Path(practice), Path(target)
    if target.is_dir():
        stamp = dt.datetime.now().replace(microsecond=0)
        target = target / _backup.backup_name(practice, stamp)
    return plain(_backup.backup_database, practice, target, passphrase, where=target.parent)


def holding_lock(practice: Path, fn, *args):
    """Run ``fn`` while holding the practice's lock file, refusing if the app has it open."""
    try:
        with PracticeLock(practice):
            return plain(fn, *args)
    except PracticeInUseError as err:
        raise BackupError(
            f"{practice.name} is open in RecoveryDesk. Close it there first, then try again."
        ) from err


def restore(
    practice: Path, backup: Path, passphrase: str | None, *, backup_passphrase: str | None = None
) -> Path | None:
    """Put ``backup`` in place of the (closed) practice; the current file is backed up first.
    ``backup_passphrase``: the one the backup was made under, when it is not the practice's
    (see :func:`backup_needs_passphrase`); it comes back locked with ``passphrase``. Returns
    where the current file was kept."""
    practice = Path(practice)

    def put_back():
        return _restore.restore_backup(Path(backup), practice, as_passphrase(passphrase),
                                      backup_passphrase=backup_passphrase)

    return holding_lock(practice, put_back)


def backup_needs_passphrase(backup: Path, passphrase: Secret) -> bool:
    """True when ``backup`` is locked with another passphrase than ``passphrase`` (the
    practice's): one made before the passphrase was changed, or of a protected practice while
    this one is not. A plain backup never needs one. Only reads the file."""
    backup = Path(backup)
    try:
        if not _crypto.is_encrypted(backup):
            return False
    except OSError:
        return False  # restoring it says what is wrong
    key = as_passphrase(passphrase)
    if key is None:
        return True
    try:
        _crypto.check_key(backup, key)
    except PracticeFileError:
        return True
    return False


def check_backup_passphrase(backup: Path, passphrase: str) -> None:
    """Raise BackupError unless ``passphrase`` opens ``backup``; wrong tries make the next one
    wait longer, as for the practice itself."""
    backup = Path(backup)
    gate = _crypto.retry_gate(backup)
    wait = gate.remaining()
    if wait > 0:
        raise BackupError(f"Please wait {int(wait + 0.999)} seconds, then try again.")
    try:
        _crypto.check_key(backup, passphrase)
    except PracticeFileError as err:
        gate.failed()
        raise BackupError(
            f"That passphrase does not open {backup.name} either. Try another one you have "
            "used for this practice."
        ) from err
    gate.succeeded()


def verify(path: Path, passphrase: str | None) -> list[str]:
    return _backup.verify_file(Path(path), passphrase)


def is_encrypted(path: Path) -> bool:
    return _crypto.is_encrypted(Path(path))


def seconds_until_retry(practice: Path) -> float:
    """How long the next passphrase try must wait after wrong ones (0 when it may go now)."""
    return _crypto.retry_gate(Path(practice)).remaining()
