"""Sessions over the store: finding rows, the goals a session worked on, and turning rows into
``SessionDTO``s. Shared by the reading, note, planning and summary use cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from functools import cache, partial

from sqlalchemy import Select, Table, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from recoverydesk.models import Base, Participant
from recoverydesk.models.sessions import CoachingSession, LocationKind, SessionStatus
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.sessions.types import (
    FIELD_LABELS,
    SessionDTO,
    SessionInput,
    clean_session,
    local_midnight,
)
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import NotFoundError, ValidationError


def column_values(data: SessionInput) -> dict:
    """``clean_session``'s values, with the kinds as the model's enums."""
    values = fit(CoachingSession, clean_session(data), FIELD_LABELS)  # on either database
    values["location_kind"] = LocationKind(values["location_kind"])
    values["status"] = SessionStatus(values["status"])
    return values


def goal_link_tables() -> tuple[Table, Table] | None:
    """(session_goals, goals) once the goals capability and the link table exist."""
    link, goals = Base.metadata.tables.get("session_goals"), Base.metadata.tables.get("goals")
    return (link, goals) if link is not None and goals is not None else None


def filter_params(participant_id, statuses, goal_id, tool, start, end) -> dict:
    """The bound parameters of ``filtered`` for one participant's sessions matching the filters
    given (those not given are left out: their keys name the filters)."""
    params: dict = {"participant_id": participant_id}
    if statuses:
        params["statuses"] = [SessionStatus(x) for x in statuses]
    if tool:
        params["tool"] = f"%,{tool},%"
    if start is not None:
        params["start"] = local_midnight(start)
    if end is not None:
        params["end"] = local_midnight(end + dt.timedelta(days=1))
    if goal_id is not None:
        params["goal_id"] = goal_id
    return params


def filtered(stmt, filters: Collection[str]):
    """``stmt`` narrowed to one participant's sessions by the ``filters`` named (the keys of
    ``filter_params``), each a bound parameter of that name: built once per kind of filter."""
    stmt = stmt.where(CoachingSession.participant_id == bindparam("participant_id"))
    if "statuses" in filters:
        stmt = stmt.where(CoachingSession.status.in_(bindparam("statuses", expanding=True)))
    if "tool" in filters:
        stmt = stmt.where(("," + CoachingSession.tools + ",").like(bindparam("tool")))
    if "start" in filters:
        stmt = stmt.where(CoachingSession.starts_at >= bindparam("start"))
    if "end" in filters:
        stmt = stmt.where(CoachingSession.starts_at < bindparam("end"))
    if "goal_id" in filters:
        tables = goal_link_tables()
        if tables is None:
            return stmt.where(CoachingSession.id.is_(None))
        link = tables[0]
        stmt = stmt.where(CoachingSession.id.in_(
            select(link.c.session_id).where(link.c.goal_id == bindparam("goal_id"))))
    return stmt


def participant_row(s: Session, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    return p


def session_row(s: Session, session_id: int) -> CoachingSession:
    row = s.get(CoachingSession, session_id)
    if row is None:
        raise NotFoundError("That session no longer exists.")
    return row


def set_goals(s: Session, session_id: int, participant_id: int, goal_ids) -> bool:
    """Replace the goals a session worked on; returns True when they changed."""
    tables = goal_link_tables()
    if tables is None:
        return False
    link, goals = tables
    wanted = set(int(g) for g in goal_ids)
    if wanted:
        valid = set(s.scalars(select(goals.c.id).where(
            goals.c.id.in_(wanted), goals.c.participant_id == participant_id)))
        if valid != wanted:
            raise ValidationError.single("goal_ids", "One of the chosen goals belongs to "
                                                     "someone else or no longer exists.")
    current = set(s.scalars(select(link.c.goal_id).where(link.c.session_id == session_id)))
    if current == wanted:
        return False
    if current - wanted:
        s.execute(delete(link).where(link.c.session_id == session_id,
                                     link.c.goal_id.in_(current - wanted)))
    if wanted - current:
        s.execute(insert(link), [{"session_id": session_id, "goal_id": g}
                                 for g in sorted(wanted - current)])
    return True


def dto_of(s: Session, session_id: int) -> SessionDTO:
    return dtos(s, select(CoachingSession).where(CoachingSession.id == session_id))[0]


def dtos(s: Session, stmt, names: dict[int, str] | None = None) -> list[SessionDTO]:
    """``stmt``'s sessions as DTOs; ``names``: the participants' names when the caller has
    them already (one statement fewer)."""
    return _dtos(s, list(s.scalars(stmt)), names)


def plain_dtos(s: Session, ids: list[int], names: dict[int, str] | None = None
               ) -> list[SessionDTO]:
    """``dtos`` of the sessions with these ids, read as plain rows, not ORM objects: for
    reads that only show them (the Sessions tab's 50 rows: an ORM object each cost more than
    the statement)."""
    return _dtos(s, core_rows(s, _with_ids(), {"ids": ids}).all(), names)


def first_reads(params: dict) -> list[Read]:
    """The newest ``params["limit"]`` sessions that ``filtered`` finds with ``params``, and the
    goals they worked on: read by the filters themselves, so they can be named ahead with the
    ids (one round trip on a team practice, and no list of fifty ids to send)."""
    filters = frozenset(params)
    goals = _goals_of_first(filters)
    return [(_first(filters), params)] + ([(goals, params)] if goals is not None else [])


def first_dtos(s: Session, params: dict, names: dict[int, str] | None = None
               ) -> list[SessionDTO]:
    """``plain_dtos`` of the sessions ``first_reads`` names, newest first."""
    reads = first_reads(params)
    found = core_rows(s, *reads[0]).all()
    goals = core_rows(s, *reads[1]).all() if len(reads) > 1 else []
    return _dtos(s, found, names, goals)


@cache
def _first_ids(filters: frozenset[str]) -> Select:
    """The ids of the newest ``limit`` sessions ``filtered`` finds (``filters`` as there)."""
    stmt = filtered(select(CoachingSession.id), filters)
    return (stmt.order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc())
            .limit(bindparam("limit")))


@cache
def _first(filters: frozenset[str]) -> Select:
    """Every column of the newest ``limit`` sessions ``filtered`` finds, newest first."""
    table = CoachingSession.__table__
    stmt = filtered(select(table), filters)
    return (stmt.order_by(table.c.starts_at.desc(), table.c.id.desc())
            .limit(bindparam("limit")))


@cache
def _goals_of_first(filters: frozenset[str]) -> Select | None:
    """(session id, goal id, title) of the goals the sessions of ``_first`` worked on; None
    without the goals capability."""
    tables = goal_link_tables()
    if tables is None:
        return None
    link, g = tables
    # (joined to the fifty as a table, and nothing said of the goals' participant: PostgreSQL's
    # plan for any participant then looks up each of the fifty sessions' links, rather than
    # walking all of the participant's goals' links to keep those of the fifty: 1.0-1.3 ms)
    first = _first_ids(filters).subquery()
    return (select(link.c.session_id, g.c.id, g.c.title)
            .select_from(first.join(link, link.c.session_id == first.c.id)
                         .join(g, g.c.id == link.c.goal_id))
            .order_by(g.c.id))


def shown_reads(ids: list[int], participant_id: int) -> list[Read]:
    """What ``plain_dtos`` reads for one participant's sessions of these ``ids``, named by the
    caller that knows whose they are."""
    reads = [(_with_ids(), {"ids": ids})]
    if _goals_of_sessions() is not None:
        reads.append((_goals_of_sessions(), {"ids": ids, "pids": [participant_id]}))
    return reads


@cache
def _with_ids() -> Select:
    """Every column of the sessions with these ``ids`` (expanding)."""
    table = CoachingSession.__table__
    return select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))


def _dtos(s: Session, rows: list, names: dict[int, str] | None,
          goal_rows: list | None = None) -> list[SessionDTO]:
    """DTOs of session ``rows``; ``goal_rows``: (session id, goal id, title) of the goals they
    worked on when the caller has read them (else they are read here)."""
    if not rows:
        return []
    pids = {r.participant_id for r in rows}
    run = partial(core_rows, s)
    if names is None or not pids <= names.keys():
        names = {p.id: display_name(p.given_name, p.family_name, p.preferred_name)
                 for p in run(_names(), {"pids": list(pids)}).all()}
    if goal_rows is None and _goals_of_sessions() is not None:
        goal_rows = run(_goals_of_sessions(),
                        {"ids": [r.id for r in rows], "pids": list(pids)}).all()
    goals: dict[int, list[tuple[int, str]]] = {}
    for sid, gid, title in goal_rows or ():
        goals.setdefault(sid, []).append((gid, title))
    return [
        SessionDTO(
            id=r.id, participant_id=r.participant_id,
            participant_name=names.get(r.participant_id, ""), starts_at=r.starts_at,
            duration_minutes=r.duration_minutes, location_kind=r.location_kind.value,
            location_text=r.location_text, face_to_face=r.face_to_face,
            status=r.status.value, status_reason=r.status_reason,
            tools=tuple(t for t in r.tools.split(",") if t), tools_other=r.tools_other,
            talked_about=r.talked_about, went_well=r.went_well, next_steps=r.next_steps,
            travel_km=r.travel_km, travel_minutes=r.travel_minutes, series_key=r.series_key,
            goal_ids=tuple(gid for gid, _ in goals.get(r.id, ())),
            goal_titles=tuple(title for _, title in goals.get(r.id, ())),
            updated_at=r.updated_at)
        for r in rows
    ]


@cache
def _names() -> Select:
    """The names of the participants with these ``pids`` (expanding)."""
    return (select(Participant.id, Participant.given_name, Participant.family_name,
                   Participant.preferred_name)
            .where(Participant.id.in_(bindparam("pids", expanding=True))))


@cache
def _goals_of_sessions() -> Select | None:
    """(session id, goal id, title) of the goals the sessions with these ``ids`` worked on, of
    the participants ``pids`` (both expanding); None without the goals capability."""
    tables = goal_link_tables()
    if tables is None:
        return None
    link, g = tables
    return (select(link.c.session_id, g.c.id, g.c.title).join(g, g.c.id == link.c.goal_id)
            .where(link.c.session_id.in_(bindparam("ids", expanding=True)))
            # Naming the participants too lets a team practice's planner walk their goals
            # only, not every goal the coach's row-level policy allows (7-14 ms -> < 1 ms).
            .where(g.c.participant_id.in_(bindparam("pids", expanding=True))).order_by(g.c.id))
