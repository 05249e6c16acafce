"""The participant's NDIS plan goals (a short list, in the plan's own words) and the link from a
coaching goal to the plan goal it serves, so a review can show the planner how each coaching
goal serves the plan.

The link is a plain id on the goal (no foreign key, see models/goals.py): this module checks it
belongs to the participant and clears it when a plan goal is removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from recoverydesk.models import Goal
from recoverydesk.models.participant import NdisPlanGoal
from recoverydesk.services.types import ValidationError, Validator

MAX_GOALS = 20
MAX_CHARS = 1000


@dataclass(frozen=True)
class NdisGoalDTO:
    id: int
    participant_id: int
    text: str
    position: int


def _dto(g: NdisPlanGoal) -> NdisGoalDTO:
    return NdisGoalDTO(g.id, g.participant_id, g.text, g.position)


def clean_texts(texts: list[str]) -> list[str]:
    """One goal a line; blank lines dropped, repeats kept once."""
    out = list(dict.fromkeys(" ".join(t.split()) for t in texts if t and t.strip()))
    v = Validator()
    v.check(len(out) <= MAX_GOALS, "ndis_goals", "Please keep to 20 plan goals or fewer.")
    v.check(
        all(len(t) <= MAX_CHARS for t in out),
        "ndis_goals",
        "Please keep each plan goal under 1,000 characters.",
    )
    v.raise_if_any()
    return out


def plan_goals(s: Session, participant_id: int) -> list[NdisGoalDTO]:
    rows = s.scalars(
        select(NdisPlanGoal)
        .where(NdisPlanGoal.participant_id == participant_id)
        .order_by(NdisPlanGoal.position, NdisPlanGoal.id)
    ).all()
    return [_dto(r) for r in rows]


def set_plan_goals(s: Session, participant_id: int, texts: list[str]) -> list[NdisGoalDTO]:
    """Replace the list. A goal whose words are unchanged keeps its id (and the coaching goals
    linked to it); a reworded one keeps its place's id; a removed one unlinks its goals."""
    texts = clean_texts(texts)
    rows = list(
        s.scalars(
            select(NdisPlanGoal)
            .where(NdisPlanGoal.participant_id == participant_id)
            .order_by(NdisPlanGoal.position, NdisPlanGoal.id)
        )
    )
    by_text = {r.text: r for r in rows}
    kept: dict[int, NdisPlanGoal] = {}
    for i, text in enumerate(texts):
        if text in by_text:
            kept[i] = by_text.pop(text)
    spare = [r for r in rows if r.text in by_text and by_text[r.text] is r]
    for i, text in enumerate(texts):
        if i in kept:
            continue
        row = spare.pop(0) if spare else NdisPlanGoal(participant_id=participant_id)
        row.text = text
        kept[i] = row
        s.add(row)
    for i, row in kept.items():
        row.position = i
    gone = [r.id for r in spare]
    if gone:
        s.execute(update(Goal).where(Goal.ndis_goal_id.in_(gone)).values(ndis_goal_id=None))
        for r in spare:
            s.delete(r)
    s.flush()
    return plan_goals(s, participant_id)


def check_link(s: Session, participant_id: int, ndis_goal_id: int | None) -> None:
    """A coaching goal links only to one of its own participant's plan goals."""
    if ndis_goal_id is None:
        return
    row = s.get(NdisPlanGoal, ndis_goal_id)
    if row is None or row.participant_id != participant_id:
        raise ValidationError.single(
            "ndis_goal_id", "That NDIS plan goal is no longer in this participant's plan."
        )
