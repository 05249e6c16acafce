"""Planning ahead: one session or a series (every week for 8 weeks ...), and moving a planned
session, with the later ones of its series if the coach asks. Steps are taken in local days and
hours, so 10 am stays 10 am across a daylight-saving change."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from sqlalchemy import select

from recoverydesk.models.sessions import CoachingSession, SessionStatus
from recoverydesk.services import audit
from recoverydesk.services.sessions import rows
from recoverydesk.services.sessions.types import (
    SessionDTO,
    SessionInput,
    check_series,
    wall_clock,
)
from recoverydesk.services.types import Changed, ChangeSet, ValidationError
from recoverydesk.store.session import Store


def plan_series(store: Store, participant_id: int, first: SessionInput, every_days: int = 7,
                count: int = 8) -> Changed[list[SessionDTO]]:
    """Plan ``count`` sessions, ``every_days`` apart, starting with ``first``."""
    check_series(every_days, count)
    first = replace(first, status="planned", talked_about="", went_well="")
    values = rows.column_values(first)
    key = uuid.uuid4().hex[:12] if count > 1 else None
    local_start = values["starts_at"].astimezone()
    with store.unit_of_work() as s:
        rows.participant_row(s, participant_id)
        ids = []
        for i in range(count):
            naive = local_start.replace(tzinfo=None) + dt.timedelta(days=every_days * i)
            row = CoachingSession(participant_id=participant_id, series_key=key,
                                  **{**values, "starts_at": naive.astimezone(dt.UTC)})
            s.add(row)
            s.flush()
            rows.set_goals(s, row.id, participant_id, first.goal_ids)
            ids.append(row.id)
        audit.record(s, "session.planned", "session", ids[0], participant_id,
                     f"count={count}")
        s.flush()
        planned = rows.dtos(s, select(CoachingSession).where(CoachingSession.id.in_(ids))
                            .order_by(CoachingSession.starts_at, CoachingSession.id))
    return Changed(planned, ChangeSet.of("session", participant_id=participant_id))


def move(store: Store, session_id: int, new_start: dt.datetime, later_in_series: bool = False
         ) -> Changed[list[SessionDTO]]:
    """Move a planned session (and, if asked, the later ones in its series by as much)."""
    if new_start.tzinfo is None:
        raise ValueError("new_start must be timezone-aware")
    with store.unit_of_work() as s:
        row = rows.session_row(s, session_id)
        if row.status != SessionStatus.PLANNED:
            raise ValidationError.single(
                "starts_at", "Only planned sessions can be moved. To change the date of "
                "a session that happened, edit its note.")
        # The shift in local wall-clock time (days and hours as the coach sees them), so
        # 10 am stays 10 am across a daylight-saving change, as plan_series steps.
        shift = wall_clock(new_start) - wall_clock(row.starts_at)
        moving = [row]
        if later_in_series and row.series_key:
            moving += list(s.scalars(select(CoachingSession).where(
                CoachingSession.series_key == row.series_key,
                CoachingSession.status == SessionStatus.PLANNED,
                CoachingSession.starts_at > row.starts_at,
                CoachingSession.id != row.id)))
        for r in moving:
            r.starts_at = (wall_clock(r.starts_at) + shift).astimezone(dt.UTC)
        row.starts_at = new_start.astimezone(dt.UTC)
        audit.record(s, "session.moved", "session", row.id, row.participant_id,
                     f"count={len(moving)}")
        s.flush()
        moved = rows.dtos(s, select(CoachingSession).where(
            CoachingSession.id.in_([r.id for r in moving])).order_by(CoachingSession.starts_at))
        pid = row.participant_id
    return Changed(moved, ChangeSet.of("session", participant_id=pid))
