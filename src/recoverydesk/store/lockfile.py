"""One user of a practice file at a time: a lock next to it, and a note saying who holds it.

``practice.rdk.lock`` is held with the operating system's file lock through ``filelock``
(``flock`` on macOS and Linux, ``LockFileEx`` on Windows). The system drops the lock when its
holder dies, even by SIGKILL, so a crash never leaves the practice locked and no process id is
ever tested for life. The lock file is never deleted on release: every acquirer locks the
same file, so two of them can never each hold a different file that was at the path.

``practice.rdk.lock-owner`` is only a note for the messages (host, pid, since when, and whether
a window or a command holds it). The holder writes it after locking (to a temporary file,
then renamed over the old note) and removes it before unlocking; nothing is decided by it
except how long a refused command is worth waiting (a window stays open for hours, a command
is done in seconds).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from recoverydesk.dates import short_datetime
from recoverydesk.store.errors import PracticeFileError, PracticeInUseError

WINDOW, COMMAND = "window", "command"
# How long an opener waits for a command (an import, a print) that holds the practice.
COMMAND_WAIT = 10.0
_POLL = 0.05


def lock_path_for(practice: Path) -> Path:
    practice = Path(practice)
    return practice.with_name(practice.name + ".lock")


def owner_path_for(practice: Path) -> Path:
    practice = Path(practice)
    return practice.with_name(practice.name + ".lock-owner")


def read_owner(practice: Path) -> dict:
    """The holder's note (host, pid, since, kind, what); {} when there is none to read."""
    try:
        owner = json.loads(owner_path_for(practice).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return owner if isinstance(owner, dict) else {}


def _write_owner(practice: Path, owner: dict) -> None:
    """Write the note atomically, owner-only. Only the lock's holder writes it, so one fixed
    temporary name is enough. A note that cannot be written only makes the messages vaguer."""
    note = owner_path_for(practice)
    temp = note.with_name(note.name + ".tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(owner))
        os.replace(temp, note)  # Windows refuses while a reader has the old note open
    except OSError:
        with suppress(OSError):
            note.unlink(missing_ok=True)  # better no note than the last holder's


def _in_use_error(practice: Path, owner: dict, kind: str) -> PracticeInUseError:
    name = Path(practice).name
    host = owner.get("host")
    since = owner.get("since")
    try:
        when = f", since {short_datetime(dt.datetime.fromisoformat(since))}" if since else ""
    except (TypeError, ValueError):
        when = ""
    if host and host != socket.gethostname():
        text = (
            f"{name} is open in RecoveryDesk on another computer ({host}{when}). Close it "
            "there first (two copies at once could damage the practice)."
        )
    elif owner.get("kind") == COMMAND:
        what = f" ({owner['what']})" if owner.get("what") else ""
        text = (
            f"A RecoveryDesk command{what} is still working on {name}. Try again in a moment."
        )
    elif kind == COMMAND:
        text = (
            f"{name} is open in RecoveryDesk on this computer; close it there or try again "
            "later. Nothing was changed."
        )
    else:
        text = (
            f"{name} is already open in another RecoveryDesk window. Close that one "
            "first (two copies at once could damage the practice)."
        )
    err = PracticeInUseError(text)
    err.owner = owner
    return err


class PracticeLock:
    """``with PracticeLock(path):`` or ``lock = PracticeLock(path).acquire()`` ... ``release()``.
    ``kind`` is WINDOW (the app) or COMMAND (``what`` names it). Raises PracticeInUseError when
    another holder has the practice: at once when a window holds it, after up to ``wait``
    seconds when a command does (commands finish soon)."""

    def __init__(self, practice: Path, *, kind: str = WINDOW, what: str = "",
                 wait: float = COMMAND_WAIT):
        self.practice = Path(practice)
        self.path = lock_path_for(self.practice)
        self.kind, self.what, self.wait = kind, what, wait
        self._lock: FileLock | None = None

    @property
    def held(self) -> bool:
        return self._lock is not None

    def acquire(self) -> PracticeLock:
        if self._lock is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise self._cannot_write(err) from err
        # thread_local=False: the app takes the lock on its worker thread and may release it
        # on another. preserve_lock_file: never deleted, on Windows too.
        lock = FileLock(self.path, mode=0o600, thread_local=False, preserve_lock_file=True)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                lock.acquire(timeout=0)
                break
            except Timeout:
                owner = read_owner(self.practice)
                if owner.get("kind") == WINDOW or time.monotonic() >= deadline:
                    raise _in_use_error(self.practice, owner, self.kind) from None
                time.sleep(_POLL)
            except OSError as err:  # a read-only folder or stick: SQLite could not work there
                raise self._cannot_write(err) from err
        self._lock = lock
        _write_owner(self.practice, {
            "host": socket.gethostname(), "pid": os.getpid(), "kind": self.kind,
            "what": self.what, "since": dt.datetime.now().astimezone().isoformat(),
        })
        return self

    def _cannot_write(self, err: OSError) -> PracticeFileError:
        return PracticeFileError(
            f"RecoveryDesk cannot write in the folder of {self.practice.name} "
            f"({err.strerror or err}), so it cannot open it safely. Copy the practice to a "
            "folder you can write to, or restore a backup there."
        )

    def release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is None:
            return
        with suppress(OSError):  # the note goes first, while the lock is still ours
            owner_path_for(self.practice).unlink(missing_ok=True)
        lock.release(force=True)

    def __enter__(self) -> PracticeLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def discard(practice: Path) -> None:
    """Remove the lock file and note of a practice that is itself being removed (a new one whose
    import failed), unless someone holds it. Race-free: the file is deleted while locked, and
    an acquirer that then locks the deleted file finds it unlinked and tries again (filelock
    checks); Windows refuses to delete a file another process has open."""
    path = lock_path_for(practice)
    if not path.exists():
        return
    lock = FileLock(path, mode=0o600, thread_local=False, preserve_lock_file=True)
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return
    try:
        with suppress(OSError):
            owner_path_for(practice).unlink(missing_ok=True)
        with suppress(OSError):
            path.unlink(missing_ok=True)
    finally:
        lock.release(force=True)
    if sys.platform == "win32":  # an open file cannot be deleted there: now it is closed,
        with suppress(OSError):  # unless another process has opened it since (then it stays)
            path.unlink(missing_ok=True)


@contextmanager
def one_upgrade_at_a_time(practice: Path, wait: float = 300.0) -> Iterator[None]:
    """Held around upgrading a practice to a newer schema, so two programs opening an older
    practice at once (the window and a command) take turns: the second finds it done. Apart
    from the practice lock, which an opener may already hold. Its file is deleted while held
    (race-free, as in :func:`discard`), so nothing is left beside the practice."""
    path = Path(practice).with_name(Path(practice).name + ".upgrade-lock")
    # Windows cannot delete it while held; filelock deletes it there once it is let go.
    lock = FileLock(path, mode=0o600, thread_local=False, preserve_lock_file=False)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise PracticeInUseError(
            f"Another RecoveryDesk is still updating {Path(practice).name} to the new version. "
            "Try again in a moment."
        ) from None
    try:
        yield
    finally:
        with suppress(OSError):
            path.unlink(missing_ok=True)
        lock.release(force=True)


def is_locked(practice: Path) -> bool:
    """True when someone (another process, or another PracticeLock here) holds the practice."""
    path = lock_path_for(practice)
    if not path.exists():
        return False
    probe = FileLock(path, mode=0o600, thread_local=False, preserve_lock_file=True)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:
        return False
    probe.release(force=True)
    return False


def is_stale(practice: Path) -> bool:
    """True when a lock file exists but nobody holds it (its holder ended or crashed)."""
    return lock_path_for(practice).exists() and not is_locked(practice)
