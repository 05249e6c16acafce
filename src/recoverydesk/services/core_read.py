"""Built-once column reads run as Core: no ORM compile step and no row loading, which is most of
what a small read costs (opening a participant with every tab runs about sixty). The house rule
for a read on a participant switch: its statement is built once (a ``@cache`` builder with
``bindparam``) and, where it wants columns rather than objects, run through ``core_rows``; a
read that knows its statements before it wants their rows names them first (``read_ahead``), so
that a team practice sends them in one round trip."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlalchemy import CursorResult, Row, Select
from sqlalchemy.orm import Session

from recoverydesk.store import read_ahead as ahead

# A read named before its rows are wanted: its built-once statement and its values.
Read = ahead.Read


def core_rows(s: Session, stmt: Select, params: Mapping[str, object] | None = None
              ) -> CursorResult:
    """``stmt`` run on the session's connection. The session is flushed first, as an ORM read
    would (autoflush), so rows it holds but has not yet written are read too: deriving reads
    the price lists it has just loaded, a WRAP review reads the plan it is changing. With
    nothing pending the flush costs nothing. Take the rows with ``.all()`` (or ``first``,
    ``one``, ``scalars().all()``) rather than iterating the result: iterating fetches one row
    per call into the driver, ~2 µs a row, and a tab reads a thousand."""
    held = ahead.take(s, stmt, params or {})
    if held is not None:
        return held
    s.flush()
    return s.connection().execute(stmt, dict(params or {}))


def read_ahead(s: Session, reads: Iterable[Read]) -> None:
    """Name the reads about to be made in this read session, so that a team practice sends
    them together (``store/read_ahead.py``): each ``core_rows`` of one of them is then handed
    its rows. On a practice file, and in a unit of work, it does nothing. A read whose values
    differ from those named, or not named at all, runs when asked as usual, so naming is only
    ever about speed. Name what is read next: a read named and then not made (the agreements
    when nothing is booked) costs the server its work, though not a round trip."""
    ahead.read_ahead(s, reads)


def of_participant(builder: Callable[[], Select], participant_id: int) -> Read:
    """The read of a built-once statement whose one value is ``participant_id``."""
    return builder(), {"participant_id": participant_id}


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
