"""Holding a practice file: the lock file, the look over it, the key and any upgrade, without
SQLAlchemy, the models or the services (only ``engine.connect_raw``'s connections). Start-up
reads the caseload straight after over a raw connection (``Held.raw_read``,
``participants/caseload.py``) and the window shows it while ``opening.py`` builds the store and
the services over the held file (importing SQLAlchemy, the models and every service costs about
half a second, see docs/benchmarks.md).

Start-up safety lives here: a damaged or truncated file is detected (``store.scan``) and never
written to, and the newest backup that passes its check is named; a wrong passphrase makes the
next try wait longer; with ``lock=True`` a second copy of the app on the same file is refused (a
lock file that knows when its owner has died).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.private_files import private_practice
from recoverydesk.services.practice.types import (
    BackupRow,
    DamagedPracticeError,
    PassphraseNeededError,
    PracticeOpenError,
    damaged_message,
)
from recoverydesk.store import PracticeFileError, prepare_practice
from recoverydesk.store.backup import (
    BackupInfo,
    backup_opens_with,
    changed_since_last_backup,
    newest_good_backup,
    remove_leftovers,
)
from recoverydesk.store.crypto import is_encrypted, retry_gate
from recoverydesk.store.disk_errors import DiskProblemError, disk_trouble, raise_if_disk_trouble
from recoverydesk.store.engine import DatabaseError, connect_raw
from recoverydesk.store.errors import WrongPassphraseError
from recoverydesk.store.keys import Passphrase, as_passphrase
from recoverydesk.store.lockfile import COMMAND, PracticeLock
from recoverydesk.store.scan import connection_problems
from recoverydesk.store.sidecars import tidy_sidecars


@dataclass
class Held:
    """A practice file ready to open (checked, upgraded, its key derived) and, when held as the
    window or a command holds it, its lock file. ``opening.services_over`` builds the store and
    the services over it."""

    path: Path
    key: Passphrase | None
    lock: PracticeLock | None
    command: bool = False

    @contextmanager
    def raw_read(self) -> Iterator:
        """A raw DB-API connection to the file (no SQLAlchemy), closed after."""
        conn = connect_raw(self.path, self.key)
        try:
            yield conn
        finally:
            conn.close()

    def close(self) -> None:
        """Let go of it unused (the services were never built)."""
        if self.lock is not None:
            self.lock.release()


def env_passphrase() -> str | None:
    return os.environ.get("RECOVERYDESK_PASSPHRASE") or None


def backup_row(info: BackupInfo | None) -> BackupRow | None:
    return None if info is None else BackupRow(info.path, info.taken_at, info.size)


def damaged(path: Path, passphrase) -> DamagedPracticeError:
    good = backup_row(newest_good_backup(path, passphrase))
    return DamagedPracticeError(damaged_message(path, good), path, good)


def damage_problems(path: Path, passphrase: str | None) -> list[str]:
    """Read-only health check before anything else touches the file. Empty when it looks whole
    (or when it cannot be judged without the right passphrase: that is reported later).
    Leaves no -wal/-shm behind: a refused file's folder stays as it was."""
    path = Path(path)
    with tidy_sidecars(path) as refuse:
        problems = _quick_check(path, passphrase)
        if problems:
            refuse()
        return problems


def _quick_check(path: Path, passphrase) -> list[str]:
    if not path.is_file() or path.stat().st_size == 0:
        return []
    try:
        conn = connect_raw(path, passphrase, readonly=True)
    except DatabaseError as err:
        raise_if_disk_trouble(err, path)  # a full disk is not damage
        if "malformed" in str(err) or not is_encrypted(path):
            return [str(err)]
        return []
    try:
        # Not just quick_check: it misses index damage, and bit rot in a stored date or name
        # passes every SQLite check and then breaks whatever reads it (about 50 ms per MB).
        return connection_problems(conn)
    except DatabaseError as err:
        raise_if_disk_trouble(err, path)
        return [str(err)]
    finally:
        conn.close()


def hold(path: Path, *, create: bool = False, passphrase: str | None = None,
         lock: bool = False, command: str | None = None) -> Held:
    """Open the practice file: ``lock``: held as the window holds it (a second window is
    refused). ``command``: a command-line run that writes, by name: it holds the practice too,
    waits a little while another command has it, and is refused in words while a window has it
    open (its write would slip under the window's open forms and undo history)."""
    path = Path(path)
    passphrase = passphrase if passphrase is not None else env_passphrase()
    if passphrase and path.is_file() and path.stat().st_size > 0 and not is_encrypted(path):
        passphrase = None  # a plain practice: the key is not needed
    passphrase = as_passphrase(passphrase)  # derived once for the checks, the opening and after
    if command:
        practice_lock = PracticeLock(path, kind=COMMAND, what=command)
    else:
        practice_lock = PracticeLock(path) if lock else None
    try:
        if practice_lock is not None:
            practice_lock.acquire()
            remove_leftovers(path.parent, f"{path.name}.")  # half-made copies from a crash
        # A refused file (damaged, newer, another program's) is left with no side files our
        # looks made; an accepted one keeps them (another program may be opening it now).
        with tidy_sidecars(path):
            _open_checked(path, passphrase, create)
        private_practice(path)  # owner-only, also when an older version left it readable
    except PracticeFileError as err:  # from the lock file
        if practice_lock is not None:
            practice_lock.release()
        raise PracticeOpenError(str(err), err) from err
    except BaseException:
        if practice_lock is not None:
            practice_lock.release()
        raise
    return Held(path, passphrase, practice_lock, command=bool(command))


def _open_checked(path: Path, passphrase, create: bool) -> None:
    gate = retry_gate(path)
    if passphrase:
        gate.wait()  # slower after each wrong guess
    # A full check costs about a second on a large practice, so it runs only when the file
    # changed since its last verified backup (after a crash, a copy or a sync, for example).
    if changed_since_last_backup(path) and damage_problems(path, passphrase):
        raise damaged(path, passphrase)
    try:
        prepare_practice(path, passphrase, create=create)
    except WrongPassphraseError as err:
        gate.failed()
        # A damaged first page of an encrypted file looks just like a wrong key. When the
        # newest backup opens with this passphrase, the passphrase is right: it is damage.
        if backup_opens_with(path, passphrase):
            raise damaged(path, passphrase) from err
        raise PassphraseNeededError(str(err), err) from err
    except DiskProblemError as err:  # the disk is full: not damage, not a wrong try
        raise PracticeOpenError(str(err), err) from err
    except PracticeFileError as err:
        if damage_problems(path, passphrase):
            raise damaged(path, passphrase) from err
        if passphrase is None and is_encrypted(path) and path.stat().st_size > 0:
            raise PassphraseNeededError(
                f"{path.name} is locked with a passphrase. Enter it to open the practice "
                "(or set RECOVERYDESK_PASSPHRASE).",
                err,
            ) from err
        raise PracticeOpenError(str(err), err) from err
    except OSError as err:
        raise PracticeOpenError(
            disk_trouble(err, path)
            or f"RecoveryDesk could not open {path.name}: {err.strerror or err}.", err
        ) from err
    gate.succeeded()
