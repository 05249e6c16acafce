"""Opening a practice file and building the services over it: shared by the window and the
command line.

Start-up safety lives here: a damaged or truncated file is detected (``store.scan``) and never
written to, and the newest backup that passes its check is named; a wrong passphrase makes the
next try wait longer; with ``lock=True`` a second copy of the app on the same file is refused (a
lock file that knows when its owner has died).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import configure_mappers

from recoverydesk.private_files import private_practice
from recoverydesk.services.container import Services
from recoverydesk.services.practice.types import (
    BackupRow,
    DamagedPracticeError,
    Opened,
    PassphraseNeededError,
    PracticeOpenError,
    damaged_message,
)
from recoverydesk.services.types import NO_PROGRESS, Progress
from recoverydesk.store import PracticeFileError, Store, open_store
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
from recoverydesk.store.keys import as_passphrase
from recoverydesk.store.lockfile import COMMAND, PracticeLock
from recoverydesk.store.scan import connection_problems
from recoverydesk.store.sidecars import tidy_sidecars


class LockedServices(Services):
    """Services that also hold the practice's lock file until closed."""

    practice_lock: PracticeLock | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.practice_lock is not None:
                self.practice_lock.release()
                self.practice_lock = None


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


def open_services(
    path: Path, *, create: bool = False, passphrase: str | None = None, lock: bool = False,
    command: str | None = None,
) -> Services:
    """``lock``: hold the practice as the window does (a second window is refused).
    ``command``: a command-line run that writes, by name: it holds the practice too, waits a
    little while another command has it, and is refused in words while a window has it open
    (its write would slip under the window's open forms and undo history)."""
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
            store = _open_checked(path, passphrase, create)
        private_practice(path)  # owner-only, also when an older version left it readable
    except PracticeFileError as err:  # from the lock file
        if practice_lock is not None:
            practice_lock.release()
        raise PracticeOpenError(str(err), err) from err
    except BaseException:
        if practice_lock is not None:
            practice_lock.release()
        raise
    reopen = _reopener(lock=practice_lock is not None and not command)
    if practice_lock is None:
        return Services(store, reopen)
    services = LockedServices(store, reopen)
    services.practice_lock = practice_lock
    return services


def _reopener(*, lock: bool):
    """How a restore or a passphrase change opens the practice again: as it was held."""

    def reopen(path: Path, passphrase: str | None) -> Opened:
        return read_caseload(open_services(path, passphrase=passphrase, lock=lock))

    return reopen


def _open_checked(path: Path, passphrase, create: bool) -> Store:
    gate = retry_gate(path)
    if passphrase:
        gate.wait()  # slower after each wrong guess
    # A full check costs about a second on a large practice, so it runs only when the file
    # changed since its last verified backup (after a crash, a copy or a sync, for example).
    if changed_since_last_backup(path) and damage_problems(path, passphrase):
        raise damaged(path, passphrase)
    try:
        store, _result = open_store(path, passphrase, create=create)
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
    return store


def read_caseload(services: Services) -> Opened:
    """Link every model now (not at the window's first query) and read the caseload: the
    window shows it the moment the practice is open."""
    try:
        configure_mappers()
        caseload = services.participants.list(include_archived=True)
        services.practice  # noqa: B018 (built here, on the worker: the window asks it at once)
    except BaseException:
        services.close()
        raise
    return Opened(services, caseload)


def open_for_window(path: Path, *, create: bool = False, passphrase: str | None = None,
                    progress: Progress = NO_PROGRESS) -> Opened:
    """Open a practice the way the window holds it (its lock file taken), with its caseload.
    Runs on the worker: imports, key derivation, the check, any upgrade, all off the window's
    thread. A question for the coach comes back as PassphraseNeededError or
    DamagedPracticeError."""
    progress.step(0, 0, f"Opening {Path(path).name}…")
    return read_caseload(open_services(path, create=create, passphrase=passphrase, lock=True))


def discard_new_practice(practice: Path) -> None:
    """Remove a practice file that was only just made (filling it failed)."""
    from recoverydesk.store.lockfile import discard as discard_lock  # the one rare path

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{practice}{suffix}").unlink(missing_ok=True)
    discard_lock(practice)


def create_filled(path: Path, fill: Callable[[Store], object], *, what: str = "new practice",
                  passphrase: str | None = None, lock: bool = False) -> Services:
    """Make a new practice at ``path`` (refusing to overwrite real work) and ``fill`` its store
    (the demo, an import). If that fails, the half-made file is removed, so trying again just
    works. ``what``: the practice's name in the refusal ("demo practice")."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise PracticeOpenError(
            f"{path.name} already exists. Choose a new file name for the {what}."
        )
    services = open_services(path, create=True, passphrase=passphrase, lock=lock)
    try:
        fill(services._store)  # (opening builds the services around this store)
    except BaseException:
        services.close()
        discard_new_practice(path)
        raise
    return services
