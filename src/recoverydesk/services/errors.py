"""Errors the services raise, always with words a coach can act on."""

from __future__ import annotations

# Raised by any use of a practice while the window is locked (its key dropped): the UI lets it
# pass quietly, since the work can only be redone after unlocking.
from recoverydesk.store.errors import PracticeLockedError, is_disk_full  # noqa: F401


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
