"""The recovery plan's line on a participant's Overview (shown after the goals): which plan was
agreed when, and whether its review is coming up or passed. The dates only, never a snapshot.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import Goal, PlanVersion
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.types import OverviewLine


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [of_participant(_latest_plan, participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    line = plan_review_line(s, participant_id, today)
    if line.prompt and not s.connection().scalar(_has_goals(), {"participant_id": participant_id}):
        return []  # with no goals yet, agreeing the plan is not the thing to suggest
    return [line]


def plan_review_line(s: Session, participant_id: int, today: dt.date) -> OverviewLine:
    v = core_rows(s, *of_participant(_latest_plan, participant_id)).first()
    if v is None:
        return OverviewLine(
            "Recovery plan",
            "Not agreed yet. When the goals feel right, agree the plan together.",
            page="goals",
            order=22,
            prompt=True,
        )
    text = f"Plan {v.number} agreed {short_date(v.agreed_on)}."
    attention = False
    if v.review_date is None:
        text += " No review date set."
    elif v.review_date < today:
        text += f" The review was due {short_date(v.review_date)}."
        attention = True
    elif v.review_date <= today + dt.timedelta(days=14):
        text += f" Review due {short_date(v.review_date)}."
        attention = True
    else:
        text += f" Next review {short_date(v.review_date)}."
    return OverviewLine("Recovery plan", text, attention=attention, page="goals", order=22)


@cache
def _latest_plan() -> Select:
    """The latest plan's number and dates (``participant_id``), the dates only, not the whole
    snapshot: built once."""
    return (select(PlanVersion.number, PlanVersion.agreed_on, PlanVersion.review_date)
            .where(PlanVersion.participant_id == bindparam("participant_id"))
            .order_by(PlanVersion.number.desc())
            .limit(1))


@cache
def _has_goals() -> Select:
    """Whether the participant (``participant_id``) has any goal: built once."""
    return select(exists().where(Goal.participant_id == bindparam("participant_id")))
