"""Backups, restore and the passphrase, as use cases for the window and the command line.

Everything here works on a practice *file*; functions that replace or re-key the file need it
closed first (the window closes its store, the CLI never opened one), and take the practice's
lock file while they work, so no copy of RecoveryDesk can open it half-way through.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.paths import backups_dir_for
from recoverydesk.services.practice.passphrase_strength import Strength, passphrase_strength  # noqa: F401
from recoverydesk.services.types import ServiceError
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
from recoverydesk.store.lockfile import discard as discard_lock
from recoverydesk.store.session import Store

DEFAULT_INTERVAL = _backup.DEFAULT_INTERVAL


class BackupError(ServiceError):
    """A backup, restore or passphrase change could not be done; nothing was lost."""


class UnusableBackupError(BackupError):
    """The file offered for restoring is not a practice this version can open (the message
    says what it is); nothing was changed."""


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


def _plain(fn, *args, where: Path | None = None, **kw):
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


def backup_now(store: Store, now: dt.datetime | None = None) -> BackupRow:
    """An automatic-style backup into the practice's backups folder, right now."""
    return _row(_plain(_backup.take_backup, store.path, store.key, now,
                       where=backups_folder(store.path)))


def backup_if_due(
    store: Store,
    *,
    closing: bool = False,
    now: dt.datetime | None = None,
    interval: dt.timedelta = DEFAULT_INTERVAL,
) -> BackupRow | None:
    """A rolling backup when something changed (and, while in use, at most every few hours)."""
    if not store.is_open:
        return None  # locked: the backup was taken when it locked
    return backup_practice_if_due(
        store.path, store.key, closing=closing, now=now, interval=interval
    )


def backup_practice_if_due(
    practice: Path,
    passphrase: Secret,
    *,
    closing: bool = False,
    now: dt.datetime | None = None,
    interval: dt.timedelta = DEFAULT_INTERVAL,
) -> BackupRow | None:
    """The same for a practice file that is already closed (the app's last act on exit)."""
    info = _plain(
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
    return _plain(_backup.backup_database, practice, target, passphrase, where=target.parent)


def back_up_to(store: Store, target: Path) -> Path:
    return backup_file_to(store.path, store.key, target)


def discard_new_practice(practice: Path) -> None:
    """Remove a practice file that was only just made (an import into it failed)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{practice}{suffix}").unlink(missing_ok=True)
    discard_lock(practice)


def _holding_lock(practice: Path, fn, *args):
    """Run ``fn`` while holding the practice's lock file, refusing if the app has it open."""
    try:
        with PracticeLock(practice):
            return _plain(fn, *args)
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

    return _holding_lock(practice, put_back)


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


def change_passphrase(practice: Path, old: str | None, new: str | None) -> int:
    """Re-key the (closed) practice, then its automatic backups and the copies kept before an
    upgrade, so no copy is left with the old passphrase or unencrypted. Returns how many copies
    were re-keyed."""
    practice = Path(practice)
    if new is not None and not new:
        new = None
    return _holding_lock(practice, _rekey_all, practice, old, new)


def _rekey_all(practice: Path, old: str | None, new: str | None) -> int:
    # One key per passphrase for the practice and all its copies (they share its salt), instead
    # of several derivations for each copy.
    old, new = as_passphrase(old), as_passphrase(new)
    _crypto.change_passphrase(practice, old, new)
    done = 0
    copies = [b.path for b in _backup.list_backups(practice)]
    copies += sorted(practice.parent.glob(f"{practice.stem}.before-upgrade-*{practice.suffix}"))
    for copy in copies:
        try:
            _crypto.change_passphrase(copy, old, new)
            done += 1
        except (PracticeFileError, DatabaseError, OSError):
            continue  # a copy made under another key stays as it was
    return done


def encrypt_practice(practice: Path, passphrase: str) -> int:
    """Encrypt a plain practice file (and its backups) with ``passphrase``."""
    if not passphrase:
        raise BackupError("Choose a passphrase first.")
    if _crypto.is_encrypted(Path(practice)):
        raise BackupError(f"{Path(practice).name} is already protected with a passphrase.")
    return change_passphrase(practice, None, passphrase)


# -- locking the window -------------------------------------------------------------------------


def lock_store(store: Store) -> None:
    """Close every connection to the practice and forget its passphrase."""
    store.suspend()


def seconds_until_retry(practice: Path) -> float:
    """How long the next passphrase try must wait after wrong ones (0 when it may go now)."""
    return _crypto.retry_gate(Path(practice)).remaining()


def unlock_store(store: Store, passphrase: str | None) -> None:
    """Open the locked practice again. A wrong passphrase raises BackupError and makes the next
    try wait longer; the file is only read."""
    gate = _crypto.retry_gate(store.path)
    wait = gate.remaining()
    if wait > 0:
        raise BackupError(f"Please wait {int(wait + 0.999)} seconds, then try again.")
    try:
        store.resume(passphrase)
    except DatabaseError as err:
        gate.failed()
        raise BackupError(
            "That passphrase does not open this practice. Check it and try again."
        ) from err
    gate.succeeded()
