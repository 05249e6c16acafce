"""The WRAP at a glance: its line on the participant's Overview, and the short summary every
recovery plan snapshot keeps (``PLAN_SNAPSHOT_PARTS["wrap"]``)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import CompoundSelect, bindparam, case, literal, select, union
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.types import OverviewLine
from recoverydesk.services.wrap.plan import build
from recoverydesk.services.wrap.types import (
    NOT_WANTED,
    PART_KEYS,
    SUPPORTERS,
    crisis_card_of,
    review_due_on,
)

NOT_STARTED = "No WRAP yet. Start with the Wellness Toolbox together."


def summary(s: Session, participant_id: int) -> dict:
    """A short WRAP summary for every recovery plan snapshot."""
    wrap = build(s, participant_id, dt.date.today())
    card = crisis_card_of(wrap)
    return {
        "started_parts": wrap.started_parts,
        "total_parts": wrap.total_parts,
        "last_reviewed": wrap.last_reviewed.isoformat() if wrap.last_reviewed else None,
        "sections": {sec.title: sec.completeness for sec in wrap.sections},
        "wellness_tools": [i.text for i in wrap.part("toolbox").items],
        "supporters": [{"name": x.name, "role": x.role, "phone": x.phone} for x in card.supporters],
        "warning_signs": list(card.warning_signs),
    }


@cache
def _plan_and_parts() -> CompoundSelect:
    """The participant's plan (``participant_id``) with its review dates, once per part that
    holds something (once with None when none does; no rows without a plan): built once, not
    at every participant switch. Which parts hold something is asked of the database: the
    Overview needs the counts, not every item of the plan (the people's lists are parts of
    their own)."""
    plan = (WrapPlan.id, WrapPlan.last_reviewed, WrapPlan.next_review)
    of_participant = WrapPlan.participant_id == bindparam("participant_id")
    return union(
        select(*plan, WrapItem.part.label("part"))
        .outerjoin(WrapItem, WrapItem.plan_id == WrapPlan.id).where(of_participant),
        select(*plan, case((WrapSupporter.wanted.is_(True), literal(SUPPORTERS)),
                           else_=literal(NOT_WANTED)))
        .join(WrapSupporter, WrapSupporter.plan_id == WrapPlan.id).where(of_participant),
    )


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [of_participant(_plan_and_parts, participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    not_started = [OverviewLine("WRAP", NOT_STARTED, page="wrap", order=40, prompt=True)]
    rows = core_rows(s, *of_participant(_plan_and_parts, participant_id)).all()
    if not rows:
        return not_started
    plan = rows[0]
    filled = {row.part for row in rows}
    started = sum(1 for key in PART_KEYS if key in filled)
    if started == 0:
        return not_started
    percent = round(100 * started / len(PART_KEYS))
    text = f"WRAP {percent}% complete ({started} of {len(PART_KEYS)} parts)."
    due = review_due_on(plan.last_reviewed, plan.next_review)
    attention = False
    if plan.last_reviewed is None:
        text += " Not reviewed yet."
    elif due is not None and due < today:
        text += f" Review overdue since {short_date(due)}."
        attention = True
    elif due is not None and due <= today + dt.timedelta(days=14):
        text += f" Review due {short_date(due)}."
        attention = True
    else:
        text += f" Last reviewed {short_date(plan.last_reviewed)}."
    return [OverviewLine("WRAP", text, attention=attention, page="wrap", order=40)]
