"""Built-once column reads of claims run as Core: no ORM compile step and no row loading, which
is most of what a small read costs (the participant's Overview and Funding tab run a dozen)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import CursorResult, Select
from sqlalchemy.orm import Session


def core_rows(s: Session, stmt: Select, params: Mapping[str, object] | None = None
              ) -> CursorResult:
    """``stmt`` run on the session's connection. The session is flushed first, as an ORM read
    would (autoflush), so rows it holds but has not yet written are read too: deriving reads
    the price lists it has just loaded, and the participants' sessions it is claiming."""
    s.flush()
    return s.connection().execute(stmt, dict(params or {}))
