"""The goals at a glance: their lines on a participant's Overview (how many goals are open, any
overdue step; the recovery plan's line beside them is the plans capability's own glance), and
their part of an agreed plan's snapshot (``plan_part``)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.dates import plural, short_date
from recoverydesk.models import ActionStep, Goal, GoalStatus
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.goals.rows import load_goals
from recoverydesk.services.goals.types import OPEN_STATUSES
from recoverydesk.services.types import OverviewLine


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [of_participant(_goals_with_steps, participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    # Rows straight from the database, not every goal with its steps and history (the Overview
    # is the first tab a coach sees). One query: each goal's status with its steps (a goal without steps once, with None);
    # counts by status and the overdue steps of the open goals are worked out here. Asked for
    # "open and due before today", SQLite would take the practice-wide index on (done_on,
    # due_on) and walk every overdue step of every participant (3,000 on the large practice).
    rows = core_rows(s, *of_participant(_goals_with_steps, participant_id)).all()
    statuses = {row.id: row.status for row in rows}
    counts: dict = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    if not counts:
        return [
            OverviewLine(
                "Goals",
                "No goals yet. Ask what they would like to be different, and write it in "
                "their words.",
                page="goals",
                order=20,
                prompt=True,
            )
        ]
    active = counts.get(GoalStatus.ACTIVE, 0)
    paused = counts.get(GoalStatus.PAUSED, 0)
    achieved = counts.get(GoalStatus.ACHIEVED, 0)
    text = plural(active, "active goal")
    if paused:
        text += f", {paused} paused"
    if achieved:
        text += f", {achieved} achieved so far"
    lines = [OverviewLine("Goals", text + ".", page="goals", order=20)]
    open_statuses = {GoalStatus(x) for x in OPEN_STATUSES}
    overdue = sorted(
        (row.due_on, row.step_id, row.text)
        for row in rows
        if row.step_id is not None and row.status in open_statuses
        and row.done_on is None and row.due_on is not None and row.due_on < today
    )
    if overdue:
        due_on, _id, text = overdue[0]
        lines.append(
            OverviewLine(
                "Action steps",
                f"{plural(len(overdue), 'step is', 'steps are')} overdue, "
                f"the oldest “{text}” (due {short_date(due_on)}).",
                attention=True,
                page="goals",
                order=21,
            )
        )
    return lines


@cache
def _goals_with_steps() -> Select:
    """Each of the participant's goals (``participant_id``) with its status, once per step
    (once with None without steps): built once, not at every participant switch."""
    return (
        select(Goal.id, Goal.status, ActionStep.id.label("step_id"), ActionStep.text,
               ActionStep.due_on, ActionStep.done_on)
        .outerjoin(ActionStep, ActionStep.goal_id == Goal.id)
        .where(Goal.participant_id == bindparam("participant_id"))
    )


def plan_part(s: Session, participant_id: int) -> list[dict]:
    """The goals as an agreed plan keeps them: plain JSON-able data, in the coach's order."""
    return [
        {
            "id": g.id,
            "title": g.title,
            "status": g.status,
            "domains": list(g.domains),
            "priority": g.priority,
            "specific": g.specific,
            "measure": g.measure,
            "target": g.target,
            "achievable": g.achievable,
            "why_it_matters": g.why_it_matters,
            "target_date": _iso(g.target_date),
            "started_on": _iso(g.started_on),
            "reframed_to_id": g.reframed_to_id,
            "latest_progress": g.latest_progress,
            "last_reason": g.history[-1].reason if g.history else "",
            "steps": [
                {
                    "id": st.id,
                    "text": st.text,
                    "who": st.who,
                    "due_on": _iso(st.due_on),
                    "done_on": _iso(st.done_on),
                }
                for st in g.steps
            ],
        }
        for g in load_goals(s, participant_id)
    ]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
