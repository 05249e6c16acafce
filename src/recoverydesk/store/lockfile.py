"""One copy of RecoveryDesk per practice file: a lock file next to it.

``practice.rdk.lock`` holds the owner's pid and host. Where the platform has ``fcntl`` the
file is also held with an exclusive ``flock``, which the operating system drops when the owner
dies (even by SIGKILL), so a lock left behind by a crash is recognised as stale at once.
Without ``fcntl`` the pid is checked: a lock whose process no longer runs on this host is stale.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from recoverydesk.store.errors import PracticeFileError, PracticeInUseError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


def lock_path_for(practice: Path) -> Path:
    practice = Path(practice)
    return practice.with_name(practice.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_owner(practice: Path) -> dict:
    try:
        return json.loads(lock_path_for(practice).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def _in_use_error(practice: Path) -> PracticeInUseError:
    return PracticeInUseError(
        f"{Path(practice).name} is already open in another RecoveryDesk window. Close that one "
        "first (two copies at once could damage the practice)."
    )


class PracticeLock:
    """``with PracticeLock(path):`` or ``lock = PracticeLock(path).acquire()`` ... ``release()``.
    Raises PracticeInUseError when another live process holds the practice."""

    def __init__(self, practice: Path):
        self.practice = Path(practice)
        self.path = lock_path_for(self.practice)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> PracticeLock:
        if self._fd is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600) if fcntl is not None else -1
        except OSError as err:  # a read-only folder or stick: SQLite could not work there either
            raise PracticeFileError(
                f"RecoveryDesk cannot write in the folder of {self.practice.name} "
                f"({err.strerror or err}), so it cannot open it safely. Copy the practice to a "
                "folder you can write to, or restore a backup there."
            ) from err
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise _in_use_error(self.practice) from None
        else:  # pragma: no cover - Windows
            fd = self._acquire_by_pid()
        self._fd = fd
        owner = json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, owner, 0)
        # No fsync: the flock is the lock, and the owner's name only explains it; a crash
        # drops both, so waiting for the disk would only slow every start.
        return self

    def _acquire_by_pid(self) -> int:  # pragma: no cover - Windows
        for _ in range(2):
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if not is_stale(self.practice):
                    raise _in_use_error(self.practice) from None
                self.path.unlink(missing_ok=True)
        raise _in_use_error(self.practice)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(fd)  # closing drops the flock

    def __enter__(self) -> PracticeLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def is_stale(practice: Path) -> bool:
    """True when a lock file exists but nobody alive holds it."""
    path = lock_path_for(practice)
    if not path.exists():
        return False
    if fcntl is not None:
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return True
        finally:
            os.close(fd)
    owner = read_owner(practice)  # pragma: no cover - Windows
    if owner.get("host") not in (None, socket.gethostname()):
        return False
    return not _pid_alive(int(owner.get("pid", 0)))


def is_locked(practice: Path) -> bool:
    """True when another live process has this practice open."""
    return lock_path_for(practice).exists() and not is_stale(practice)
