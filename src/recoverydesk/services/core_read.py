"""Built-once column reads run as Core: no ORM compile step and no row loading, which is most of
what a small read costs (opening a participant with every tab runs about sixty). The house rule
for a read on a participant switch: its statement is built once (a ``@cache`` builder with
``bindparam``) and, where it wants columns rather than objects, run through ``core_rows``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import CursorResult, Row, Select
from sqlalchemy.orm import Session


def core_rows(s: Session, stmt: Select, params: Mapping[str, object] | None = None
              ) -> CursorResult:
    """``stmt`` run on the session's connection. The session is flushed first, as an ORM read
    would (autoflush), so rows it holds but has not yet written are read too: deriving reads
    the price lists it has just loaded, a WRAP review reads the plan it is changing. With
    nothing pending the flush costs nothing. Take the rows with ``.all()`` (or ``first``,
    ``one``, ``scalars().all()``) rather than iterating the result: iterating fetches one row
    per call into the driver, ~2 µs a row, and a tab reads a thousand."""
    s.flush()
    return s.connection().execute(stmt, dict(params or {}))


def grouped(found: Iterable[Row], split: int) -> dict[object, tuple[Row, list[tuple]]]:
    """Rows of parents outer-joined to their children (the parent's id first, its columns up
    to ``split``, the child's from there), grouped by parent in the order read: id -> (the
    parent's first row, its children's columns). A parent without children comes as one row
    of NULL child columns: it is kept, with no children."""
    out: dict[object, tuple[Row, list[tuple]]] = {}
    for row in found:
        children = out.setdefault(row[0], (row, []))[1]
        if row[split] is not None:
            children.append(tuple(row[split:]))
    return out
