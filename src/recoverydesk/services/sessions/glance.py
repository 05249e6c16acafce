"""Sessions at a glance on a participant's Overview: when they last met and what is planned,
and whether a session is due under their rhythm."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models.sessions import CoachingSession, SessionStatus
from recoverydesk.services.sessions.rhythm import statuses_in
from recoverydesk.services.sessions.types import local_date, local_midnight
from recoverydesk.services.types import OverviewLine


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    """The last session and the next planned one (or a prompt to start)."""
    last = s.scalar(select(func.max(CoachingSession.starts_at)).where(
        CoachingSession.participant_id == participant_id,
        CoachingSession.status == SessionStatus.COMPLETED))
    upcoming = s.scalar(select(func.min(CoachingSession.starts_at)).where(
        CoachingSession.participant_id == participant_id,
        CoachingSession.status == SessionStatus.PLANNED,
        CoachingSession.starts_at >= local_midnight(today)))
    if last is None and upcoming is None:
        return [OverviewLine("Sessions", "No sessions yet. Plan the first one or "
                                         "write up a note.", page="sessions", order=20,
                             prompt=True)]
    parts = []
    if last is not None:
        parts.append(f"Last session {short_date(local_date(last.replace(tzinfo=dt.UTC)))}.")
    if upcoming is not None:
        parts.append(f"Next planned {short_date(local_date(upcoming.replace(tzinfo=dt.UTC)))}.")
    else:
        parts.append("Nothing planned yet.")
    return [OverviewLine("Sessions", " ".join(parts), attention=upcoming is None,
                         page="sessions", order=20)]


def rhythm_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    """A line only when a session is due or overdue under the participant's rhythm."""
    found = statuses_in(s, today, [participant_id])
    if not found or found[0].state not in ("due", "overdue"):
        return []
    st = found[0]
    return [OverviewLine("Session rhythm", st.sentence, attention=st.state == "overdue",
                         page="sessions", order=21)]
