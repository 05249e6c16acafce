"""What kind of trouble an exception is, in the store's words, for the window's one error handler
and the few places that let a locked practice pass quietly.

PracticeLockedError: a use while the window is locked (let pass quietly, redone after
unlocking); damage, a full disk and a practice kept busy by another program (plain words); a
disk that failed or filled up mid-write.

This imports the store, and with it SQLAlchemy: the window asks only once something has gone
wrong, never while it starts (``recoverydesk.services.types`` stays light for that reason).
"""

from __future__ import annotations

from recoverydesk.store.disk_errors import is_io_error, plain_error
from recoverydesk.store.errors import PracticeLockedError, is_busy, is_damage, is_disk_full

__all__ = ["PracticeLockedError", "is_busy", "is_damage", "is_disk_full", "is_io_error",
           "plain_error"]
