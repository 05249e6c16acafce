"""Writing and reading the audit trail (inside the caller's unit of work).

Which coach made a change is not passed in: on a team practice the database names the role
connected (``audit_events.coach_role`` defaults to ``current_user``, and row-level security lets
a coach add events only in their own name); on a practice file it stays empty (its one coach)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models import AuditEvent


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    participant_id: int | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditEvent(
            action=action,
            entity=entity,
            entity_id=entity_id,
            participant_id=participant_id,
            detail=detail,
        )
    )


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    action: str
    entity: str
    entity_id: int | None
    detail: str
    # The coach who made the change: their role on a team practice, "" on a practice file.
    coach: str = ""


def entries_for(session: Session, participant_id: int, limit: int = 200) -> list[AuditEntry]:
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.participant_id == participant_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [AuditEntry(r.at, r.action, r.entity, r.entity_id, r.detail, r.coach_role or "")
            for r in rows]
