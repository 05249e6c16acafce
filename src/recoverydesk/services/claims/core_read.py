"""Built-once column reads of claims run as Core: no ORM compile step and no row loading, which
is most of what a small read costs (the participant's Overview and Funding tab run a dozen)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import CursorResult, Row, Select
from sqlalchemy.orm import Session


def core_rows(s: Session, stmt: Select, params: Mapping[str, object] | None = None
              ) -> CursorResult:
    """``stmt`` run on the session's connection. The session is flushed first, as an ORM read
    would (autoflush), so rows it holds but has not yet written are read too: deriving reads
    the price lists it has just loaded, and the participants' sessions it is claiming."""
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
