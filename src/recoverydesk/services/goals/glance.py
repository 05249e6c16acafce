"""The goals at a glance: their lines on a participant's Overview (how many goals are open, any
overdue step; the recovery plan's line beside them is the plans capability's own glance), and
their part of an agreed plan's snapshot (``plan_part``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.dates import plural, short_date
from recoverydesk.models import ActionStep, Goal, GoalStatus
from recoverydesk.services.goals.rows import load_goals
from recoverydesk.services.goals.types import OPEN_STATUSES
from recoverydesk.services.types import OverviewLine


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    # Counts and one step straight from the database: the Overview is the first tab a coach
    # sees, and loading every goal with its steps and history cost most of its time.
    counts = dict(
        s.execute(
            select(Goal.status, func.count())
            .where(Goal.participant_id == participant_id)
            .group_by(Goal.status)
        ).all()
    )
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
    # The open goals' steps, overdue ones picked out here: a participant has tens of steps,
    # while asked for "open and due before today" SQLite takes the practice-wide index on
    # (done_on, due_on) and walks every overdue step of every participant (3,000 on the large
    # practice: 4-7 ms for the count and the oldest; this reads the busiest one's 5 in 0.5 ms).
    overdue = sorted(
        (step.due_on, step.id, step.text)
        for step in s.execute(
            select(ActionStep.id, ActionStep.text, ActionStep.due_on, ActionStep.done_on)
            .join(Goal, ActionStep.goal_id == Goal.id)
            .where(
                Goal.participant_id == participant_id,
                Goal.status.in_([GoalStatus(x) for x in OPEN_STATUSES]),
            )
        )
        if step.done_on is None and step.due_on is not None and step.due_on < today
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
