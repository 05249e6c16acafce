"""The participant's NDIS plan goals (a short list, in the plan's own words), kept in order.

A coaching goal may say which plan goal it serves (a plain id on the goal, no foreign key, see
models/goals.py; the goals capability checks it in ``goals/plan_link.py``): a plan goal removed
here unlinks the goals that served it.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from recoverydesk.models import Goal
from recoverydesk.models.participant import NdisPlanGoal
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.participants.types import NdisGoalDTO, clean_ndis_goal_texts


def _dto(g) -> NdisGoalDTO:
    return NdisGoalDTO(g.id, g.participant_id, g.text, g.position)


def plan_goals_read(participant_id: int) -> Read:
    """The read ``plan_goals`` makes."""
    return of_participant(_plan_goals, participant_id)


def plan_goals(s: Session, participant_id: int) -> list[NdisGoalDTO]:
    """The plan goals in order (read as rows: a write flushes before it asks)."""
    rows = core_rows(s, *plan_goals_read(participant_id)).all()
    return [_dto(r) for r in rows]


@cache
def _plan_goals() -> Select:
    """The participant's (``participant_id``) plan goals: the columns ``_dto`` reads, in order."""
    return (select(NdisPlanGoal.id, NdisPlanGoal.participant_id, NdisPlanGoal.text,
                   NdisPlanGoal.position)
            .where(NdisPlanGoal.participant_id == bindparam("participant_id"))
            .order_by(NdisPlanGoal.position, NdisPlanGoal.id))


def set_plan_goals(s: Session, participant_id: int, texts: list[str]) -> list[NdisGoalDTO]:
    """Replace the list. A goal whose words are unchanged keeps its id (and the coaching goals
    linked to it); a reworded one keeps its place's id; a removed one unlinks its goals."""
    texts = clean_ndis_goal_texts(texts)
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
