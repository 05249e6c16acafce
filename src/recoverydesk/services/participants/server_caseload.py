"""The caseload on a team practice's server: caseload.py's columns, read through SQLAlchemy.

caseload.py's plain SQL is a practice file's start-up read over a raw SQLite connection, before
SQLAlchemy loads; a team practice opens through SQLAlchemy anyway, speaks its own SQL dialect
(booleans, placeholders), and row-level security decides which participants come back.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models import Participant, ParticipantStatus


def server_rows(session: Session, columns: Sequence[str], status: str | None = None,
                include_archived: bool = False) -> list[Sequence]:
    """caseload.py's ``columns`` as its plain SQL reads them from a file (the status as its
    value), for the participants in ``status`` (any when None)."""
    stmt = select(*(getattr(Participant, name) for name in columns))
    if not include_archived:
        stmt = stmt.where(Participant.archived.is_(False))
    if status:
        stmt = stmt.where(Participant.status == ParticipantStatus(status))
    at = list(columns).index("status")
    return [(*row[:at], row[at].value, *row[at + 1:]) for row in session.execute(stmt)]
