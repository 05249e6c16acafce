"""A full or failing disk is not a damaged practice, nor a wrong passphrase: tell them apart and
say each in plain words. The one place that turns OSError and SQLite's OperationalError into a
sentence, for the opening path, ``check`` and the command line's error handler.

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"), but often as a plain
SQLITE_IOERR ("disk I/O error"): a WAL practice cannot even be read when its -shm file cannot
grow. An I/O error with almost no free space left is therefore a full disk too.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from recoverydesk.store.errors import PracticeFileError, is_disk_full

SQLITE_IOERR = 10
LOW_SPACE = 4 * 1024 * 1024  # an I/O error with less room than this left: the disk is full


class DiskProblemError(PracticeFileError):
    """The disk is full or failing; the practice file itself may well be fine."""


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo and len(seen) < 8:
        err = todo.pop(0)
        if err is None or any(err is s for s in seen):
            continue
        seen.append(err)
        todo += [getattr(err, "orig", None), err.__cause__, err.__context__]
    return seen


def _filename(exc: BaseException) -> Path | None:
    for err in _chain(exc):
        name = getattr(err, "filename", None) if isinstance(err, OSError) else None
        if name:
            return Path(name)
    return None


def is_io_error(exc: BaseException) -> bool:
    for err in _chain(exc):
        code = getattr(err, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF == SQLITE_IOERR:
            return True
        if isinstance(err, OSError) and err.errno == errno.EIO:
            return True
        if not isinstance(err, OSError) and "disk I/O error" in str(err):
            return True
    return False


def free_space(where: Path) -> int | None:
    folder = Path(where)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def is_out_of_space(exc: BaseException, where: Path | None = None) -> bool:
    """The disk (or the coach's quota) is full: SQLITE_FULL, ENOSPC or EDQUOT, or an I/O error
    while ``where``'s disk has almost no room left."""
    if is_disk_full(exc):
        return True
    where = where or _filename(exc)
    if where is None or not is_io_error(exc):
        return False
    free = free_space(where)
    return free is not None and free < LOW_SPACE


def disk_trouble(exc: BaseException, path: Path | None = None) -> str | None:
    """The sentence for a full or failing disk while working on ``path``; None for anything
    else (damage, a wrong passphrase, a bug)."""
    path = _filename(exc) or (Path(path) if path is not None else None)  # the file it wrote
    what = f" for {path.name}" if path is not None and path.name else ""
    if is_out_of_space(exc, path):
        return (
            f"There is not enough free space on the disk{what}, so nothing was changed. Free "
            "some space (empty the bin, or move large files elsewhere) and try again."
        )
    if is_io_error(exc):
        where = f" with {path.name}" if path is not None and path.name else ""
        return (
            f"The disk reported a problem reading or writing{where}, so nothing was changed. "
            "Check that the disk or memory stick is connected properly, then try again."
        )
    return None


def raise_if_disk_trouble(exc: BaseException, path: Path) -> None:
    """Raise DiskProblemError (from ``exc``) when ``exc`` is a full or failing disk."""
    sentence = disk_trouble(exc, path)
    if sentence is not None:
        raise DiskProblemError(sentence) from exc


def plain_error(exc: BaseException, path: Path | None = None) -> str | None:
    """One sentence for an OSError or a database error from the disk, for the command line's
    error handler; None when ``exc`` is neither (a bug: let it show)."""
    sentence = disk_trouble(exc, path)
    if sentence is not None:
        return sentence
    if not isinstance(exc, OSError):
        return None
    name = exc.filename or path
    where = f" {name}" if name else " a file it needed"
    if isinstance(exc, PermissionError):
        return (f"RecoveryDesk may not use{where}: it is read-only, someone else's, or open in "
                "another program. Close it there, or choose another place.")
    if isinstance(exc, IsADirectoryError):
        return f"{name} is a folder: give a file name instead."
    if isinstance(exc, FileNotFoundError):
        return f"RecoveryDesk could not find{where}."
    return f"RecoveryDesk could not use{where} ({exc.strerror or exc})."
