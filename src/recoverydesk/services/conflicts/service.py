"""The services' side of an edit conflict: check the version a draft started from before
writing, turn a write the version counter refused into an ``EditConflict``, audit the answer.

Each capability describes its editable record once (an ``Editable``: its name, FIELD_LABELS,
the labels of its choices, its pure check) and calls, in its update's unit of work::

    with conflicts.on_stale(lambda: self._conflict_now(record_id, draft)):
        with self._store.unit_of_work() as s:
            row = load(...)
            GOAL.check(row.version, draft, lambda: to_dto(row).to_draft(), save_again)
            ... write as before ...
            GOAL.audit(s, resolution, row.id, row.participant_id, changed_fields)

``check`` catches a draft that started from an older version (the usual case: the other coach
saved minutes ago); the version counter (``models/versioned.py``) catches the race between this
read and the write (the other coach's commit lands in between: the UPDATE touches no row and
SQLAlchemy raises ``StaleDataError``, which ``on_stale`` turns into the same conflict).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from recoverydesk.services import audit
from recoverydesk.services.conflicts.types import (
    BASE_VERSION,
    RESOLUTIONS,
    EditConflict,
    differing,
    rebased,
)

SaveAgain = Callable[[Any, str], Any]


@dataclass(frozen=True)
class Editable:
    """One kind of record two coaches may edit at once."""

    what: str  # "participant", "goal", ...: the audit's entity and the window's word
    labels: Mapping[str, str]  # the capability's FIELD_LABELS
    value_labels: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)
    problems: Callable[[Any], dict[str, str]] | None = None  # its check of a draft
    noun: str = ""  # the window's word when ``what`` is not one ("step" for action_step)

    def conflict(self, mine: Any, theirs: Any, version: int, save_again: SaveAgain | None,
                 *, even_if_same: bool = False) -> EditConflict | None:
        """The conflict between ``mine`` and the stored ``theirs`` (a draft) at ``version``;
        None when they agree on every field (a move, or the same edit twice: nothing to ask)."""
        theirs = rebased(theirs, version)
        fields = differing(mine, theirs)
        if not fields and not even_if_same:
            return None
        return EditConflict(
            mine, theirs, fields, labels=self.labels, version=version,
            what=self.noun or self.what.replace("_", " "),
            value_labels=self.value_labels, problems=self.problems, save_again=save_again,
        )

    def check(self, stored_version: int, mine: Any, theirs: Callable[[], Any],
              save_again: SaveAgain | None = None) -> None:
        """Raise EditConflict when ``mine`` started from an older version than the stored one
        and the two differ. A draft without a ``base_version`` (a script, an import) writes as
        before."""
        base = getattr(mine, BASE_VERSION, None)
        if base is None or base == stored_version:
            return
        conflict = self.conflict(mine, theirs(), stored_version, save_again)
        if conflict is not None:
            raise conflict

    def on_stale(self, mine: Any, current: Callable[[], Any], save_again: SaveAgain | None):
        """``on_stale`` for this kind: ``current()`` reads the record afresh as its DTO (with
        ``to_draft()`` and ``version``)."""

        def conflict_now() -> EditConflict | None:
            dto = current()
            return self.conflict(mine, dto.to_draft(), dto.version, save_again, even_if_same=True)

        return on_stale(conflict_now)

    def audit(self, s: Session, resolution: str, entity_id: int, participant_id: int | None,
              fields: tuple[str, ...] | list[str] = ()) -> None:
        """Record how a conflict was resolved (``resolution`` "" : an ordinary save)."""
        if not resolution:
            return
        if resolution not in RESOLUTIONS:
            raise ValueError(f"not a way to resolve a conflict: {resolution!r}")
        audit.record(s, f"{self.what}.conflict_{resolution}", self.what, entity_id,
                     participant_id, ",".join(fields))


@contextmanager
def on_stale(conflict: Callable[[], EditConflict | None]) -> Iterator[None]:
    """Around a unit of work: a write the version counter refused (another coach's commit
    landed between this save's read and its write) comes out as the EditConflict that
    ``conflict()`` builds from the record as stored now (read afresh)."""
    try:
        yield
    except StaleDataError as err:
        better = conflict()
        if better is None:
            raise
        raise better from err
