"""Goals in the store: reading goal rows into DTOs, and the small row-level steps every goal use
case shares (find a goal or step, set its domains, add a goal, append to its story).

``load_goals`` is the public read other capabilities use (the plan snapshot reads the goals
through it); everything else here serves the goals package only.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, partial

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from recoverydesk.models import (
    ActionStep,
    Goal,
    GoalDomain,
    GoalEditDraft,
    GoalStatus,
    GoalStatusChange,
    ProgressNote,
)
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.goals.plan_link import check_link
from recoverydesk.services.goals.types import (
    GoalDTO,
    HistoryEntryDTO,
    ProgressNoteDTO,
    StepDTO,
)
from recoverydesk.services.types import ChangeSet, NotFoundError


def to_dto(g: Goal, reframed_from: tuple[int, ...] = (), parts: tuple | None = None) -> GoalDTO:
    """``g``: the goal, or its row with ``parts``: its domain, step, history and progress note
    rows, each in the goal's order (else read from the goal's relationships)."""
    domains, steps, history, notes = parts or (g.domains, g.steps, g.history, g.progress_notes)
    return GoalDTO(
        id=g.id,
        participant_id=g.participant_id,
        title=g.title,
        specific=g.specific,
        measure=g.measure,
        target=g.target,
        achievable=g.achievable,
        why_it_matters=g.why_it_matters,
        target_date=g.target_date,
        priority=g.priority,
        status=str(g.status),
        started_on=g.started_on,
        reframed_to_id=g.reframed_to_id,
        position=g.position,
        domains=tuple(d.domain_key for d in domains),
        ndis_goal_id=g.ndis_goal_id,
        steps=tuple(step_dto(st) for st in steps),
        history=tuple(
            HistoryEntryDTO(
                h.id,
                h.changed_on,
                None if h.from_status is None else str(h.from_status),
                str(h.to_status),
                h.reason,
            )
            for h in history
        ),
        progress_notes=tuple(
            ProgressNoteDTO(n.id, n.noted_on, n.text, n.progress) for n in notes
        ),
        reframed_from_ids=reframed_from,
        version=g.version,
    )


def step_dto(st: ActionStep) -> StepDTO:
    return StepDTO(
        st.id, st.goal_id, st.text, str(st.who), st.due_on, st.done_on, st.position, st.contact_id,
        version=st.version,
    )


def load_goals(
    s: Session, participant_id: int, statuses: tuple[str, ...] | None = None
) -> list[GoalDTO]:
    """A participant's goals (optionally only some statuses) in the coach's order."""
    # Rows, not mapped objects: the busiest participant's 24 goals came with 275 domains,
    # steps, status changes and progress notes as objects, 5.4 ms of the Goals tab's loading.
    # Only the columns the DTOs show: the times each row was written (created_at, updated_at,
    # turned into aware datetimes one by one) were most of the rows' cost.
    # The statements are built once (the participant a bound parameter): building the five of
    # them at every participant switch was ~1 ms of the Goals tab's Python.
    # Run as Core (core_rows flushes first, as the ORM would: an agreed plan's snapshot reads
    # the goals inside its unit of work).
    run = partial(core_rows, s)
    who = {"participant_id": participant_id}
    if statuses:
        goals = run(_goals_in_statuses(), {**who, "statuses": [GoalStatus(x) for x in statuses]}
                    ).all()
    else:
        goals = run(_statements()[0], who).all()
    kids = []
    for query in _statements()[1:]:
        out: dict[int, list] = {g.id: [] for g in goals}
        for row in run(query, who).all():  # the goal's id first
            part = out.get(row[0])
            if part is not None:
                part.append(row)
        kids.append(out)
    back: dict[int, list[int]] = {}
    reframed = (  # every goal is in hand when none was left out; else ask for the reframed ones
        sorted((g.id, g.reframed_to_id) for g in goals if g.reframed_to_id is not None)
        if not statuses else
        run(_reframed(), who))
    for gid, to_id in reframed:
        back.setdefault(to_id, []).append(gid)
    return [to_dto(g, tuple(back.get(g.id, ())), tuple(part[g.id] for part in kids))
            for g in goals]


_GOAL_COLUMNS = [c for c in Goal.__table__.c if c.key not in ("created_at", "updated_at")]


def _columns(model, *names: str) -> list:
    return [model.__table__.c[name] for name in ("goal_id", *names)]


# Each goal's rows of a table: the table, the columns to_dto reads, their order.
_CHILDREN = (
    (GoalDomain, _columns(GoalDomain, "domain_key"), (GoalDomain.position,)),
    (ActionStep, _columns(ActionStep, "id", "text", "who", "due_on", "done_on", "position",
                          "contact_id", "version"), (ActionStep.position,)),
    (GoalStatusChange, _columns(GoalStatusChange, "id", "changed_on", "from_status",
                                "to_status", "reason"),
     (GoalStatusChange.changed_on, GoalStatusChange.id)),
    (ProgressNote, _columns(ProgressNote, "id", "noted_on", "text", "progress"),
     (ProgressNote.noted_on, ProgressNote.id)),
)


def goals_reads(participant_id: int) -> list[Read]:
    """What ``load_goals`` reads for all of a participant's goals, to name ahead."""
    return [(query, {"participant_id": participant_id}) for query in _statements()]


@cache
def _statements() -> tuple[Select, ...]:
    """A participant's goals, then each goal's rows of every ``_CHILDREN`` table (the goal's id
    first, ``columns``, in ``order``), the participant the bound parameter ``participant_id``."""
    pid = bindparam("participant_id")
    goals = select(*_GOAL_COLUMNS).where(Goal.participant_id == pid)
    return (goals.order_by(Goal.position, Goal.id), *(
        select(*columns).join(Goal, model.goal_id == Goal.id)
        .where(Goal.participant_id == pid).order_by(*order)
        for model, columns, order in _CHILDREN))


@cache
def _goals_in_statuses() -> Select:
    """A participant's goals (``participant_id``) in some ``statuses`` (expanding), in the
    coach's order."""
    return _statements()[0].where(Goal.status.in_(bindparam("statuses", expanding=True)))


@cache
def _reframed() -> Select:
    """(id, reframed_to_id) of the participant's (``participant_id``) reframed goals."""
    return (select(Goal.id, Goal.reframed_to_id)
            .where(Goal.participant_id == bindparam("participant_id"),
                   Goal.reframed_to_id.is_not(None)).order_by(Goal.id))


def changes(participant_id: int, *entities: str) -> ChangeSet:
    """What a goal write changed, for one participant."""
    return ChangeSet.of(*(entities or ("goal",)), participant_id=participant_id)


def goal_row(s: Session, goal_id: int) -> Goal:
    g = s.get(Goal, goal_id)
    if g is None:
        raise NotFoundError("That goal could not be found. It may belong to another practice file.")
    return g


def step_row(s: Session, step_id: int) -> ActionStep:
    st = s.get(ActionStep, step_id)
    if st is None:
        raise NotFoundError("That step could not be found.")
    return st


def set_domains(goal: Goal, keys: tuple[str, ...]) -> None:
    # Reuse the rows of domains that stay, so the (goal, domain) unique key is never hit.
    existing = {d.domain_key: d for d in goal.domains}
    rows = []
    for i, key in enumerate(keys):
        row = existing.get(key) or GoalDomain(domain_key=key)
        row.position = i
        rows.append(row)
    goal.domains = rows


def insert_goal(s: Session, participant_id: int, values: dict, on: dt.date, reason: str) -> int:
    """Add a goal (active, last in the coach's order) with the first entry of its story."""
    position = s.scalar(
        select(func.coalesce(func.max(Goal.position), -1) + 1).where(
            Goal.participant_id == participant_id
        )
    )
    values = dict(values)
    domains = values.pop("domains")
    check_link(s, participant_id, values.get("ndis_goal_id"))
    g = Goal(participant_id=participant_id, started_on=on, position=position, **values)
    set_domains(g, domains)
    s.add(g)
    s.flush()
    s.add(
        GoalStatusChange(
            goal_id=g.id,
            changed_on=on,
            from_status=None,
            to_status=GoalStatus.ACTIVE,
            reason=reason,
        )
    )
    return g.id


def append_change(s: Session, g: Goal, status: GoalStatus, reason: str, on: dt.date) -> None:
    """Add one entry to the goal's story (append-only) and set its status."""
    s.add(
        GoalStatusChange(
            goal_id=g.id, changed_on=on, from_status=g.status, to_status=status, reason=reason
        )
    )
    g.status = status


def draft_query(participant_id: int, goal_id: int | None) -> Select:
    q = select(GoalEditDraft).where(GoalEditDraft.participant_id == participant_id)
    if goal_id is None:
        return q.where(GoalEditDraft.goal_id.is_(None))
    return q.where(GoalEditDraft.goal_id == goal_id)
