"""Errors the services raise, always with words a coach can act on."""

from __future__ import annotations

# From the store, for the UI's one error handler: PracticeLockedError (a use while the window
# is locked: let pass quietly, redone after unlocking), damage, a full disk and a practice kept
# busy by another program (plain words), and a disk that failed or filled up mid-write.
from recoverydesk.store.disk_errors import is_io_error  # noqa: F401
from recoverydesk.store.errors import (  # noqa: F401
    PracticeLockedError,
    is_busy,
    is_damage,
    is_disk_full,
)


class ServiceError(Exception):
    """Base class: ``str(err)`` is a plain sentence fit for a message box or stderr."""


class ValidationError(ServiceError):
    """One or more fields are not acceptable. ``errors`` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class NotFoundError(ServiceError):
    pass


class AmbiguousError(ServiceError):
    pass


class Validator:
    """Collects field problems, then raises them all at once so a form can show every one."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
