"""The Sessions tab's reads in one transaction (``SessionService.tab``): the timeline's ids with
the rows the coach sees first, the goal titles of its filter, the hours of the past twelve
months, an unfinished note and the rhythm. Read one by one they were six transactions and 17
statements (each read() its own BEGIN), the most of any tab when a participant opens."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models.sessions import CoachingSession
from recoverydesk.services.core_read import Read, core_rows, of_participant, read_ahead
from recoverydesk.services.sessions import drafts, rhythm, rows, summaries
from recoverydesk.services.sessions.types import SessionsTabDTO, hours_start, local_date
from recoverydesk.services.types import NotFoundError


def ids_in(s: Session, participant_id, statuses=None, goal_id=None, tool=None, start=None,
           end=None, limit=None) -> list[int]:
    """A participant's session ids, newest first, filtered."""
    return core_rows(s, *ids_read(participant_id, statuses, goal_id, tool, start, end, limit)
                     ).scalars().all()


def ids_read(participant_id, statuses=None, goal_id=None, tool=None, start=None, end=None,
             limit=None) -> Read:
    """The read ``ids_in`` makes."""
    params = rows.filter_params(participant_id, statuses, goal_id, tool, start, end)
    if limit:
        params["limit"] = limit
    return _ids(frozenset(params)), params


@cache
def _ids(filters: frozenset[str]) -> Select:
    """A participant's session ids newest first, narrowed by the ``filters`` named (the keys of
    ``rows.filter_params``, and ``limit``), each a bound parameter of that name."""
    stmt = rows.filtered(select(CoachingSession.id), filters)
    stmt = stmt.order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc())
    return stmt.limit(bindparam("limit")) if "limit" in filters else stmt


def rows_in(s: Session, ids: list[int], names: dict[int, str] | None = None) -> list:
    """The sessions with these ids, in the order given."""
    if not ids:
        return []
    found = {d.id: d for d in rows.plain_dtos(s, ids, names=names)}
    return [found[i] for i in ids if i in found]


def summary_in(s: Session, participant_id: int, start: dt.date, end: dt.date
               ) -> summaries.SessionSummary:
    # Only the columns the hours count, not whole sessions: the busiest participant's
    # year as DTOs (notes, goals, names) took 3.3 ms of the Sessions tab's loading.
    found = core_rows(s, *_hours_read(participant_id, start, end)).all()
    return summaries.summarise([
        summaries.HoursRow(r.status.value, local_date(r.starts_at), r.duration_minutes,
                           r.face_to_face, r.travel_km, r.travel_minutes,
                           tuple(t for t in r.tools.split(",") if t))
        for r in found], start, end)


def _hours_read(participant_id: int, start: dt.date, end: dt.date) -> Read:
    return _hours(), rows.filter_params(participant_id, None, None, None, start, end)


@cache
def _hours() -> Select:
    """The columns the hours count of a participant's sessions from ``start`` to before
    ``end`` (as ``rows.filter_params`` gives them)."""
    c = CoachingSession
    return rows.filtered(select(c.status, c.starts_at, c.duration_minutes, c.face_to_face,
                                c.travel_km, c.travel_minutes, c.tools),
                         ("start", "end"))


def goal_titles_in(s: Session, participant_id: int) -> list[tuple[int, str]]:
    """(id, title) of the participant's goals in the coach's order (as GoalService.titles)."""
    if _goal_titles() is None:
        return []
    return [(gid, title) for gid, title
            in core_rows(s, *of_participant(_goal_titles, participant_id)).all()]


@cache
def _goal_titles() -> Select | None:
    """(id, title) of the participant's (``participant_id``) goals in the coach's order; None
    without the goals capability."""
    tables = rows.goal_link_tables()
    if tables is None:
        return None
    goals = tables[1]
    return (select(goals.c.id, goals.c.title)
            .where(goals.c.participant_id == bindparam("participant_id"))
            .order_by(goals.c.position, goals.c.id))


def read_tab(s: Session, participant_id: int, statuses, goal_id, tool, *, goal_titles: bool,
             hours: bool, around: int | None, first: int, today: dt.date) -> SessionsTabDTO:
    # Named ahead, in one round trip on a team practice: the first rows too, read by the
    # filters rather than by the ids read with them (a second round trip, and fifty ids sent
    # twice: the Sessions tab of the team benchmark's busiest participant 8-11 -> 5-8 ms).
    first_params = {**rows.filter_params(participant_id, statuses, goal_id, tool, None, None),
                    "limit": first}
    ahead = [rhythm.people_read(today, [participant_id]),
             rhythm.frequencies_read([participant_id]),
             ids_read(participant_id, statuses, goal_id, tool),
             *rows.first_reads(first_params),
             drafts.of_participant_read(participant_id)]
    if goal_titles and _goal_titles() is not None:
        ahead.append(of_participant(_goal_titles, participant_id))
    if hours:
        ahead.append(_hours_read(participant_id, hours_start(today), today))
    read_ahead(s, ahead)
    found = rhythm.statuses_in(s, today, [participant_id])
    if not found:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    status = found[0]
    titles = goal_titles_in(s, participant_id) if goal_titles else None
    ids = ids_in(s, participant_id, statuses, goal_id, tool)
    # (the rows' participant is the one the rhythm has just named)
    names = {participant_id: status.participant_name}
    shown = rows.first_dtos(s, first_params, names)
    if [d.id for d in shown] != ids[:first]:
        # (a session added or changed by another coach between the two reads, on a team
        # practice: the rows of the ids as read)
        shown = rows_in(s, ids[:first], names)
    at = ids.index(around) if around in ids else -1
    if at >= first:  # (the session asked for is further down: its rows too)
        wanted = ids[at:at + first]
        read_ahead(s, rows.shown_reads(wanted, participant_id))
        shown += rows_in(s, wanted, names)
    summary = summary_in(s, participant_id, hours_start(today), today) if hours else None
    kept = drafts.of_participant_in(s, participant_id)
    return SessionsTabDTO(participant_id, ids, shown, status, summary,
                          kept[0] if kept else None, titles)
