"""Problems opening a practice file, each with a message a coach can act on."""

from __future__ import annotations

import errno

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # full disk, full quota


class PracticeFileError(Exception):
    """Base class: ``str(err)`` is one or two plain sentences for the coach."""


class NotAPracticeFileError(PracticeFileError):
    pass


class LockedOrForeignFileError(NotAPracticeFileError):
    """Not readable without a passphrase: encrypted, or not a database at all."""


class NewerSchemaError(PracticeFileError):
    pass


class WrongPassphraseError(PracticeFileError):
    pass


class UpgradeFailedError(PracticeFileError):
    pass


class DamagedFileError(PracticeFileError):
    pass


class PracticeInUseError(PracticeFileError):
    pass


class PracticeLockedError(PracticeFileError):
    """The window is locked: the practice is closed and its key dropped until unlocked."""


class PracticeBusyError(PracticeFileError):
    """Another program kept the practice busy (writing) for longer than a write waits, so this
    change was not saved. Nothing saved before is touched; trying again later works."""

    def __init__(self, message: str = "The practice is busy (another program is writing to it), "
                 "so this change could not be saved just now. Try again in a moment."):
        super().__init__(message)


SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 5, 6, 11, 13, 26


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC from the OS or SQLITE_FULL from SQLite (possibly wrapped by SQLAlchemy; SQLCipher's
    export reports it as a plain error with SQLite's words)."""
    for err in (exc, getattr(exc, "orig", None), exc.__cause__):
        if isinstance(err, OSError) and err.errno in _NO_SPACE:
            return True
        if getattr(err, "sqlite_errorcode", None) == SQLITE_FULL:
            return True
        if err is not None and "database or disk is full" in str(err):
            return True
    return False


def is_busy(exc: BaseException) -> bool:
    """SQLite gave up waiting for another writer: "database is locked" (SQLITE_BUSY and its
    extended codes), possibly wrapped by SQLAlchemy."""
    if isinstance(exc, PracticeBusyError):
        return True
    for err in (exc, getattr(exc, "orig", None), exc.__cause__):
        code = getattr(err, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED):
            return True
        if err is not None and "database is locked" in str(err):
            return True
    return False


# Bit rot in a stored value: SQLite hands back text that is not UTF-8, or a date that is not one.
_UNREADABLE_VALUE = ("Could not decode to UTF-8", "Invalid isoformat string")


def is_damage(exc: BaseException) -> bool:
    """SQLite found the file damaged while reading it (possibly wrapped by SQLAlchemy), or a
    stored value came back unreadable."""
    for err in (exc, getattr(exc, "orig", None), exc.__cause__):
        if getattr(err, "sqlite_errorcode", None) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return True
        if err is not None and "malformed" in str(err):
            return True
        if isinstance(err, Exception) and str(err).startswith(_UNREADABLE_VALUE):
            return True
    return False


class NotABackupError(PracticeFileError):
    """A file offered for restoring is not a whole practice this version can open; ``str(err)``
    says what it is. Nothing was changed."""
