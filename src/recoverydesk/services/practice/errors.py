"""The store's troubles in the service layer's words: every exception that leaves a unit of work
of an open practice passes ``translate`` (the ``Services`` container hands it to its store), so
the window and the command line check types from ``practice/types.py`` and never import the
store to tell a locked practice from a full disk."""

from __future__ import annotations

from recoverydesk.services.offline.types import (
    RETURNED_MARK,
    RETURNED_WORDS,
    RETURNING_MARK,
    CopyReturningError,
)
from recoverydesk.services.practice.types import (
    DiskFailingError,
    DiskFullError,
    PracticeBusyError,
    PracticeDamagedError,
    PracticeLockedError,
)
from recoverydesk.services.types import ServiceError, ValidationError
from recoverydesk.store import errors as store_errors
from recoverydesk.store.disk_errors import disk_trouble, is_io_error


def translate(exc: BaseException) -> ServiceError | None:
    """The ServiceError for ``exc`` (raise it ``from exc``), or None to let ``exc`` through
    unchanged (a bug, a validation problem, anything that is not the practice's trouble)."""
    if isinstance(exc, ServiceError) or not isinstance(exc, Exception):
        return None
    if isinstance(exc, store_errors.PracticeLockedError):
        return PracticeLockedError(str(exc))
    if store_errors.is_busy(exc):
        return PracticeBusyError()
    if store_errors.is_disk_full(exc):
        return DiskFullError(disk_trouble(exc) or DiskFullError().args[0])
    if is_io_error(exc):
        return DiskFailingError(disk_trouble(exc) or DiskFailingError().args[0])
    if store_errors.is_damage(exc):
        return PracticeDamagedError()
    said = str(getattr(exc, "orig", None) or exc)  # (an offline copy: services/offline/changes)
    if RETURNING_MARK in said:
        return CopyReturningError()
    if RETURNED_MARK in said:
        return CopyReturningError(RETURNED_WORDS)
    if getattr(getattr(exc, "orig", None) or exc, "sqlstate", None) == NOT_ALLOWED:
        return ServiceError(NOT_ALLOWED_WORDS)
    return _refused_value(exc)


# SQLSTATE 42501 "insufficient privilege": a team practice refused a change this login may not
# make, by its privileges or row-level security. The window never offers such a change, so it
# means the coach's rights changed meanwhile (a lead made a coach in the same moment, a
# participant given to another coach), and the words say so instead of the server's.
NOT_ALLOWED = "42501"
NOT_ALLOWED_WORDS = ("The team practice did not allow this change, so nothing of it was saved. "
                     "Your role or your participants may have just been changed by the practice "
                     "lead: close the practice and open it again to see what is yours now.")


# SQLSTATE 22001 "string data, right truncation" (standard SQL: PostgreSQL's for a value longer
# than its column; SQLite keeps it). The services check lengths first (stored_text.py): this is
# the net under what they do not (an import, a file of resources), in words, not the server's.
TOO_LONG = "22001"


def _refused_value(exc: BaseException) -> ValidationError | None:
    cause = getattr(exc, "orig", None) or exc
    if getattr(cause, "sqlstate", None) == TOO_LONG:
        return ValidationError.single("value", "One of the values is longer than the practice "
                                      "keeps. Please shorten it and try again.")
    if "NUL (0x00)" in str(cause):  # psycopg's refusal, before the text reaches the server
        return ValidationError.single("value", "The text holds an invisible NUL character, "
                                      "which a team practice cannot keep. Please type it again "
                                      "rather than pasting it.")
    return None


def translated(exc: BaseException) -> BaseException:
    """``exc`` itself, or its translation with ``exc`` as its cause."""
    better = translate(exc)
    if better is None:
        return exc
    better.__cause__ = exc
    return better
