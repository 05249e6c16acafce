"""Goals in the store: reading goal rows into DTOs, and the small row-level steps every goal use
case shares (find a goal or step, set its domains, add a goal, append to its story).

``load_goals`` is the public read other capabilities use (the plan snapshot reads the goals
through it); everything else here serves the goals package only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models import (
    ActionStep,
    Goal,
    GoalDomain,
    GoalEditDraft,
    GoalStatus,
    GoalStatusChange,
)
from recoverydesk.services.goals.plan_link import check_link
from recoverydesk.services.goals.types import (
    GoalDTO,
    HistoryEntryDTO,
    ProgressNoteDTO,
    StepDTO,
)
from recoverydesk.services.types import ChangeSet, NotFoundError


def to_dto(g: Goal, reframed_from: tuple[int, ...] = ()) -> GoalDTO:
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
        domains=tuple(d.domain_key for d in g.domains),
        ndis_goal_id=g.ndis_goal_id,
        steps=tuple(step_dto(st) for st in g.steps),
        history=tuple(
            HistoryEntryDTO(
                h.id,
                h.changed_on,
                None if h.from_status is None else str(h.from_status),
                str(h.to_status),
                h.reason,
            )
            for h in g.history
        ),
        progress_notes=tuple(
            ProgressNoteDTO(n.id, n.noted_on, n.text, n.progress) for n in g.progress_notes
        ),
        reframed_from_ids=reframed_from,
    )


def step_dto(st: ActionStep) -> StepDTO:
    return StepDTO(
        st.id, st.goal_id, st.text, str(st.who), st.due_on, st.done_on, st.position, st.contact_id
    )


def load_goals(
    s: Session, participant_id: int, statuses: tuple[str, ...] | None = None
) -> list[GoalDTO]:
    """A participant's goals (optionally only some statuses) in the coach's order."""
    q = (
        select(Goal)
        .where(Goal.participant_id == participant_id)
        .options(
            selectinload(Goal.domains),
            selectinload(Goal.steps),
            selectinload(Goal.history),
            selectinload(Goal.progress_notes),
        )
        .order_by(Goal.position, Goal.id)
    )
    if statuses:
        q = q.where(Goal.status.in_([GoalStatus(x) for x in statuses]))
    rows = list(s.scalars(q))
    back: dict[int, list[int]] = {}
    for gid, to_id in s.execute(
        select(Goal.id, Goal.reframed_to_id).where(
            Goal.participant_id == participant_id, Goal.reframed_to_id.is_not(None)
        )
    ):
        back.setdefault(to_id, []).append(gid)
    return [to_dto(g, tuple(back.get(g.id, ()))) for g in rows]


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
