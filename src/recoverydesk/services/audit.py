"""Writing and reading the audit trail (inside the caller's unit of work)."""

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


def entries_for(session: Session, participant_id: int, limit: int = 200) -> list[AuditEntry]:
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.participant_id == participant_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [AuditEntry(r.at, r.action, r.entity, r.entity_id, r.detail) for r in rows]
