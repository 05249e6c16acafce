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

from sqlalchemy import func, select
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


def kind_of(tag: ChimeTag) -> tuple[str, int]:
    for kind, column in COLUMN.items():
        value = getattr(tag, column)
        if value is not None:
            return kind, value
    raise ValueError("a tag without an item")  # the table's check makes this impossible


def _local(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else moment.astimezone().date()


def load(s: Session, kind: str, ids: Iterable[int]) -> dict[int, Target]:
    ids = sorted(set(ids))
    if kind not in TARGET_KINDS:
        raise ValidationError.single("target_kind", f"Only {', '.join(TARGET_LABELS.values())} "
                                     "can carry a recovery tag.")
    if not ids:
        return {}
    fields = TEXT_FIELDS[kind]
    out: dict[int, Target] = {}
    if kind == "session":
        for row in s.scalars(select(CoachingSession).where(CoachingSession.id.in_(ids))):
            out[row.id] = Target(kind, row.id, row.participant_id,
                                 {f: getattr(row, f) or "" for f in fields}, _local(row.starts_at))
    elif kind == "goal":
        reached = dict(s.execute(
            select(GoalStatusChange.goal_id, func.max(GoalStatusChange.changed_on))
            .where(GoalStatusChange.goal_id.in_(ids),
                   GoalStatusChange.to_status == GoalStatus.ACHIEVED)
            .group_by(GoalStatusChange.goal_id)).all())
        for row in s.scalars(select(Goal).where(Goal.id.in_(ids))):
            day = reached.get(row.id) if row.status == GoalStatus.ACHIEVED else None
            out[row.id] = Target(kind, row.id, row.participant_id,
                                 {f: getattr(row, f) or "" for f in fields},
                                 day or row.started_on)
    elif kind == "step":
        for row, pid in s.execute(select(ActionStep, Goal.participant_id)
                                  .join(Goal, Goal.id == ActionStep.goal_id)
                                  .where(ActionStep.id.in_(ids))):
            day = row.done_on or row.due_on or _local(row.created_at)
            out[row.id] = Target(kind, row.id, pid, {"text": row.text}, day)
    else:
        for row, pid in s.execute(select(WrapItem, WrapPlan.participant_id)
                                  .join(WrapPlan, WrapPlan.id == WrapItem.plan_id)
                                  .where(WrapItem.id.in_(ids))):
            out[row.id] = Target(kind, row.id, pid, {"text": row.text}, _local(row.updated_at))
    return out


def one(s: Session, kind: str, target_id: int) -> Target:
    found = load(s, kind, [target_id]).get(target_id)
    if found is None:
        raise NotFoundError(f"That {TARGET_LABELS[kind].lower()} is no longer there.")
    return found


def of_tags(s: Session, tags: Iterable[ChimeTag]) -> dict[tuple[str, int], Target]:
    wanted: dict[str, set[int]] = {k: set() for k in TARGET_KINDS}
    for tag in tags:
        kind, ref = kind_of(tag)
        wanted[kind].add(ref)
    out: dict[tuple[str, int], Target] = {}
    for kind, ids in wanted.items():
        for ref, target in load(s, kind, ids).items():
            out[(kind, ref)] = target
    return out
