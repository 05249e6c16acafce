"""Sessions at a glance on a participant's Overview: when they last met and what is planned,
and whether a session is due under their rhythm."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import Participant
from recoverydesk.models.sessions import CoachingSession, SessionStatus
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.sessions.rhythm import (
    day_params,
    frequencies_read,
    person_columns,
    statuses_of,
)
from recoverydesk.services.sessions.types import local_date
from recoverydesk.services.types import OverviewLine


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` and ``rhythm_lines`` read first, named ahead
    (``core_read.read_ahead``)."""
    return [_person_read(participant_id, today), frequencies_read([participant_id])]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    """The last session and the next planned one (or a prompt to start)."""
    p = person(s, participant_id, today)
    last = p.last_ever if p is not None else None
    upcoming = p.upcoming if p is not None else None
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
    p = person(s, participant_id, today)
    if p is None:
        return []
    [st] = statuses_of(s, [p], today)
    if st.state not in ("due", "overdue"):
        return []
    return [OverviewLine("Session rhythm", st.sentence, attention=st.state == "overdue",
                         page="sessions", order=21)]


def person(s: Session, participant_id: int, today: dt.date) -> Row | None:
    """The participant as the rhythm reads them (``rhythm.person_columns``) with their latest
    completed session at any time (``last_ever``); None when there is no such participant.

    The sessions line, the rhythm line and the Overview's "support ended" all ask for it in one
    read: it is read once per read session and kept in the session's ``info`` (a read session
    is short and writes nothing, so it cannot go stale)."""
    key = (__name__, "person", participant_id, today)
    if key not in s.info:
        s.info[key] = core_rows(s, *_person_read(participant_id, today)).first()
    return s.info[key]


def _person_read(participant_id: int, today: dt.date) -> Read:
    return _person(), {"participant_id": participant_id, **day_params(today)}


@cache
def _person() -> Select:
    """``person``'s statement (``participant_id`` and ``rhythm.day_params``): built once."""
    last_ever = (select(CoachingSession.starts_at)
                 .where(CoachingSession.participant_id == Participant.id,
                        CoachingSession.status == SessionStatus.COMPLETED)
                 .order_by(CoachingSession.starts_at.desc()).limit(1)
                 .correlate(Participant).scalar_subquery())
    return (select(*person_columns(), last_ever.label("last_ever"))
            .where(Participant.id == bindparam("participant_id")))
