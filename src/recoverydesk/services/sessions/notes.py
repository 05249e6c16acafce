"""Writing up sessions: save a new note or an edited one (the draft it came from goes with it),
change how a session went, remove one planned by mistake. Each returns what it changed."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete

from recoverydesk.models.sessions import CoachingSession, SessionNoteDraft
from recoverydesk.services import audit
from recoverydesk.services.sessions import rows
from recoverydesk.services.sessions.types import SessionDTO, SessionInput
from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.store.session import Store


def session_changes(participant_id: int, draft: str | None = None) -> ChangeSet:
    """A session of this participant changed (and the draft it was written from, if any)."""
    kinds = ("session", "session_draft") if draft else ("session",)
    return ChangeSet.of(*kinds, participant_id=participant_id)


def create(store: Store, participant_id: int, data: SessionInput, draft: str | None = None
           ) -> Changed[SessionDTO]:
    values = rows.column_values(data)
    with store.unit_of_work() as s:
        rows.participant_row(s, participant_id)
        row = CoachingSession(participant_id=participant_id, **values)
        s.add(row)
        s.flush()
        rows.set_goals(s, row.id, participant_id, data.goal_ids)
        audit.record(s, "session.created", "session", row.id, participant_id)
        if draft:
            s.execute(delete(SessionNoteDraft).where(SessionNoteDraft.key == draft))
        s.flush()
        dto = rows.dto_of(s, row.id)
    return Changed(dto, session_changes(participant_id, draft))


def update(store: Store, session_id: int, data: SessionInput, draft: str | None = None
           ) -> Changed[SessionDTO]:
    values = rows.column_values(data)
    with store.unit_of_work() as s:
        row = rows.session_row(s, session_id)
        changed = [k for k, v in values.items() if getattr(row, k) != v]
        for key in changed:
            setattr(row, key, values[key])
        if rows.set_goals(s, row.id, row.participant_id, data.goal_ids):
            changed.append("goals")
        if changed:
            audit.record(s, "session.updated", "session", row.id, row.participant_id,
                         ",".join(changed))
        if draft:
            s.execute(delete(SessionNoteDraft).where(SessionNoteDraft.key == draft))
        s.flush()
        dto = rows.dto_of(s, row.id)
    return Changed(dto, session_changes(dto.participant_id, draft))


def set_status(store: Store, current: SessionDTO, status: str, reason: str = ""
               ) -> Changed[SessionDTO]:
    return update(store, current.id, replace(current.to_input(), status=status,
                                             status_reason=reason))


def remove(store: Store, session_id: int) -> Changed[SessionDTO]:
    """Remove a session (a planned one made by mistake); the DTO lets the UI offer Undo."""
    with store.unit_of_work() as s:
        row = rows.session_row(s, session_id)
        dto = rows.dto_of(s, row.id)
        audit.record(s, "session.deleted", "session", row.id, row.participant_id)
        rows.set_goals(s, row.id, row.participant_id, ())
        s.delete(row)
    return Changed(dto, session_changes(dto.participant_id))
