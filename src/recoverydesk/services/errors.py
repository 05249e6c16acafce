"""Errors the services raise, always with words a coach can act on."""

from __future__ import annotations

# Light on purpose: the window imports this before it is on screen. The store's own kinds of
# trouble (locked, busy, damaged, a full disk) are told apart in services/error_kinds.py.


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
