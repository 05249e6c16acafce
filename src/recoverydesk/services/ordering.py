"""The one way rows the coach arranges by hand (goals, action steps, WRAP items and people) are
put in order: each row has a ``position`` and an ``id``; moving or reordering renumbers them
0, 1, 2... so the order read back is the order the coach left. Rows are ORM objects or anything
with those two attributes; nothing here touches the database."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from recoverydesk.services.types import ValidationError


class Positioned(Protocol):
    id: int
    position: int


def in_order(rows: Sequence[Positioned]) -> list[Positioned]:
    """The rows as the coach sees them (ties, from before positions were kept, by age)."""
    return sorted(rows, key=lambda r: (r.position, r.id))


def move_to(rows: Sequence[Positioned], row_id: int, index: int) -> list[Positioned]:
    """Put one row at ``index`` (clamped to the ends); returns the rows in their new order."""
    ordered = in_order(rows)
    current = next(i for i, r in enumerate(ordered) if r.id == row_id)
    index = max(0, min(index, len(ordered) - 1))
    ordered.insert(index, ordered.pop(current))
    return renumber(ordered)


def move_by(rows: Sequence[Positioned], row_id: int, delta: int) -> list[Positioned]:
    """Move one row up (negative ``delta``) or down (positive), stopping at the ends."""
    ordered = in_order(rows)
    current = next(i for i, r in enumerate(ordered) if r.id == row_id)
    return move_to(ordered, row_id, current + delta)


def put_in_order(rows: Sequence[Positioned], ids: Sequence[int],
                 field: str = "order") -> list[Positioned]:
    """Arrange the rows as ``ids`` says (after a drag); ``ids`` must name every row once."""
    by_id = {r.id: r for r in rows}
    if sorted(ids) != sorted(by_id):
        raise ValidationError.single(field, "The new order must list every item once.")
    return renumber([by_id[i] for i in ids])


def renumber(ordered: list[Positioned]) -> list[Positioned]:
    """Positions 0, 1, 2... in list order (rows already in place are left untouched, so the
    unit of work writes only what moved)."""
    for index, row in enumerate(ordered):
        if row.position != index:
            row.position = index
    return ordered
