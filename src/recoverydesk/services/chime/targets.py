"""What a tag sits on: for each kind of item (session note, goal, step reached, WRAP item), its
participant, its texts by field, and the day its moment belongs to on the recovery story:

- a session note: the session's local date;
- a goal: the day it was marked achieved (its latest change to achieved), else the day it began;
- a step: the day it was done, else its due date, else the day it was written;
- a WRAP item: the day it was last changed (local date).

Loaded in bulk (one query per kind), so a participant's story never asks row by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Row, Select, bindparam, func, select
from sqlalchemy.orm import Session

from recoverydesk.models import (
    ActionStep,
    ChimeTag,
    CoachingSession,
    Goal,
    GoalStatus,
    GoalStatusChange,
    WrapItem,
    WrapPlan,
)
from recoverydesk.services.chime.types import TARGET_KINDS, TARGET_LABELS, TEXT_FIELDS
from recoverydesk.services.types import NotFoundError, ValidationError

# The tag column naming each kind's item.
COLUMN = {"session": "session_id", "goal": "goal_id", "step": "step_id",
          "wrap_item": "wrap_item_id"}


@dataclass(frozen=True)
class Target:
    kind: str
    id: int
    participant_id: int
    texts: dict[str, str]
    moment_on: dt.date | None


def kind_of(tag: ChimeTag | Row) -> tuple[str, int]:
    for kind, column in COLUMN.items():
        value = getattr(tag, column)
        if value is not None:
            return kind, value
    raise ValueError("a tag without an item")  # the table's check makes this impossible


def _local(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else moment.astimezone().date()


def load(s: Session, kind: str, ids: Iterable[int], texts: bool = True) -> dict[int, Target]:
    """The items of ``kind`` among ``ids``, by id; without ``texts``, each Target's texts are
    left empty (the Overview counts the moments, it quotes nothing)."""
    ids = sorted(set(ids))
    if kind not in TARGET_KINDS:
        raise ValidationError.single("target_kind", f"Only {', '.join(TARGET_LABELS.values())} "
                                     "can carry a recovery tag.")
    if not ids:
        return {}
    fields = TEXT_FIELDS[kind] if texts else ()
    # Through the session, not its connection: a caller's unit of work may hold changes not
    # yet flushed (a goal just achieved), which a moment must see.
    reached = dict(s.execute(_achieved_on(), {"ids": ids}).all()) if kind == "goal" else {}
    return {row.id: Target(kind, row.id, row.participant_id,
                           {f: getattr(row, f) or "" for f in fields},
                           _moment_on(kind, row, reached))
            for row in s.execute(_items(kind, texts), {"ids": ids})}


def _moment_on(kind: str, row: Row, reached: dict[int, dt.date]) -> dt.date | None:
    """The day the item's moment belongs to (the rules in this module's docstring)."""
    if kind == "session":
        return _local(row.starts_at)
    if kind == "goal":
        day = reached.get(row.id) if row.status == GoalStatus.ACHIEVED else None
        return day or row.started_on
    if kind == "step":
        return row.done_on or row.due_on or _local(row.created_at)
    return _local(row.updated_at)


_MODELS = {"session": CoachingSession, "goal": Goal, "step": ActionStep, "wrap_item": WrapItem}


@cache
def _items(kind: str, texts: bool) -> Select:
    """The items of ``kind`` among ``ids``: each one's id, participant, what its moment's day is
    made of and (``texts``) its texts by field. Built once per kind."""
    model = _MODELS[kind]
    text_columns = [getattr(model, f) for f in TEXT_FIELDS[kind]] if texts else []
    if kind == "session":
        stmt = select(model.id, model.participant_id, model.starts_at, *text_columns)
    elif kind == "goal":
        stmt = select(model.id, model.participant_id, model.status, model.started_on,
                      *text_columns)
    elif kind == "step":
        stmt = (select(model.id, Goal.participant_id, model.done_on, model.due_on,
                       model.created_at, *text_columns)
                .join(Goal, Goal.id == ActionStep.goal_id))
    else:
        stmt = (select(model.id, WrapPlan.participant_id, model.updated_at, *text_columns)
                .join(WrapPlan, WrapPlan.id == WrapItem.plan_id))
    return stmt.where(model.id.in_(bindparam("ids", expanding=True)))


@cache
def _achieved_on() -> Select:
    """The day each goal among ``ids`` was last marked achieved (goals never achieved left out):
    built once."""
    return (select(GoalStatusChange.goal_id, func.max(GoalStatusChange.changed_on))
            .where(GoalStatusChange.goal_id.in_(bindparam("ids", expanding=True)),
                   GoalStatusChange.to_status == GoalStatus.ACHIEVED)
            .group_by(GoalStatusChange.goal_id))


def one(s: Session, kind: str, target_id: int) -> Target:
    found = load(s, kind, [target_id]).get(target_id)
    if found is None:
        raise NotFoundError(f"That {TARGET_LABELS[kind].lower()} is no longer there.")
    return found


def of_tags(s: Session, tags: Iterable[ChimeTag | Row], texts: bool = True
            ) -> dict[tuple[str, int], Target]:
    """What each of ``tags`` (tags or rows of their item columns) sits on, by (kind, id)."""
    wanted: dict[str, set[int]] = {k: set() for k in TARGET_KINDS}
    for tag in tags:
        kind, ref = kind_of(tag)
        wanted[kind].add(ref)
    out: dict[tuple[str, int], Target] = {}
    for kind, ids in wanted.items():
        for ref, target in load(s, kind, ids, texts).items():
            out[(kind, ref)] = target
    return out
