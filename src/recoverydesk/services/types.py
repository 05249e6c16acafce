"""The services' shared contract, and the only services module besides each capability's
``types`` that the window may import: what a write changed (ChangeSet, Changed), the errors a
coach is shown, and the Overview's line. Standard library only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ChangeSet:
    # Entity kinds, for example {"participant", "strength"}; "*" means everything (a new file).
    entities: frozenset[str] = field(default_factory=frozenset)
    # The participants whose data changed; empty means practice-wide or unknown.
    participant_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *entities: str, participant_id: int | None = None) -> ChangeSet:
        ids = frozenset() if participant_id is None else frozenset({participant_id})
        return cls(frozenset(entities), ids)

    @classmethod
    def everything(cls) -> ChangeSet:
        return cls(frozenset({"*"}))

    def touches(self, *entities: str, participant_id: int | None = None) -> bool:
        """Whether this change concerns ``entities`` (``"*"``: any kind, as the Overview
        watches) for ``participant_id`` (None: anyone's)."""
        if ("*" not in self.entities and "*" not in entities
                and not self.entities.intersection(entities)):
            return False
        if participant_id is None or not self.participant_ids:
            return True
        return participant_id in self.participant_ids

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.entities | other.entities, self.participant_ids | other.participant_ids)


# Light on purpose: the window imports this before it is on screen. The store's own kinds of
# trouble (locked, busy, damaged, a full disk) reach callers as services/practice/types.py's
# ServiceErrors.


@dataclass(frozen=True)
class Changed(Generic[T]):
    """What a write returns: its result and exactly what it changed (as Anki's OpChanges).

    ``Op`` publishes ``changes`` on the bus and hands ``value`` to its success callbacks, so a
    page refreshes once, because its data changed, never again from the callback."""

    value: T
    changes: ChangeSet


@dataclass(frozen=True)
class OverviewLine:
    """One line of a participant's Overview, contributed by a capability's ``glance``."""

    heading: str  # for example "Recovery Star"
    text: str  # one plain sentence
    attention: bool = False  # shown with the accent colour: something to act on
    page: str = ""  # the tab to open when the line is clicked ("" = none)
    order: int = 50
    prompt: bool = False  # an invitation to start something ("No WRAP yet. Start with ...")


class Cancelled(Exception):
    """Long work stopped at the coach's request, at a point where nothing is half-written."""


class Progress:
    """How far long work has got, and whether the coach asked it to stop.

    Long use cases take ``progress: Progress = NO_PROGRESS``; the window's ``Op`` passes one that
    moves its progress dialog. ``step`` raises ``Cancelled`` once Cancel was pressed, so call it
    only where stopping leaves nothing half-done."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None):
        self._report = report
        self._is_cancelled = is_cancelled

    def step(self, done: int, total: int, text: str = "") -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled
        if self._report is not None:
            self._report(done, total, text)


NO_PROGRESS = Progress()


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


def problems_of(rule: Callable[..., object], *args: object) -> dict[str, str]:
    """What ``rule(*args)`` (a ``clean_*``/``check_*`` rule that raises ValidationError) finds
    wrong, by field, for a form to show beside its fields; empty when all is well."""
    try:
        rule(*args)
    except ValidationError as err:
        return err.errors
    return {}
