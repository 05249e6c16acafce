"""What a planner looks for in a plan review, gathered for the report (issue 17 item 12): the
participant's own view, where coach and participant see things differently, each coaching goal
against the NDIS plan goal it serves with its target and measured result, the WRAP and crisis
plan status, and whether risks were assessed.

Plain functions over DTOs; ``planner_fields`` gives the ReviewReportData fields in one dict.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from recoverydesk.dates import short_date
from recoverydesk.reports.data import GoalResultData

if TYPE_CHECKING:
    from recoverydesk.services.goals.types import GoalDTO
    from recoverydesk.services.participants.types import NdisGoalDTO
    from recoverydesk.services.reviews.types import ReviewDTO
    from recoverydesk.services.wrap.types import WrapDTO

CRISIS_SECTION = "crisis"


def goal_result(g: GoalDTO, plan_goals: dict[int, str], end: dt.date) -> GoalResultData:
    """The goal's target (measure and target) and its latest progress note by the period's end."""
    target = g.measure
    if g.target:
        target = f"{target}: {g.target}" if target else g.target
    notes = [n for n in g.progress_notes if n.noted_on <= end]
    latest = max(notes, key=lambda n: n.noted_on) if notes else None
    result = ""
    if latest is not None:
        result = latest.text.rstrip(". ") + (
            f" ({latest.progress}% of the way)" if latest.progress else ""
        )
    return GoalResultData(
        g.title,
        plan_goals.get(g.ndis_goal_id or -1, ""),
        target,
        result,
        latest.noted_on if latest else None,
    )


def wrap_status(wrap: WrapDTO | None) -> str:
    """One line: sections started, the crisis plan, when the WRAP was last reviewed."""
    if wrap is None or wrap.started_parts == 0:
        return "No WRAP yet, and no crisis plan written."
    started = sum(1 for s in wrap.sections if s.started_parts)
    crisis = next((s for s in wrap.sections if s.key == CRISIS_SECTION), None)
    if crisis is None or not crisis.started_parts:
        crisis_words = "no crisis plan written yet"
    else:
        crisis_words = (
            f"crisis plan written ({crisis.started_parts} of {crisis.total_parts} parts)"
        )
    reviewed = (
        f"last reviewed {short_date(wrap.last_reviewed)}"
        if wrap.last_reviewed
        else "not reviewed together yet"
    )
    return (
        f"WRAP: {started} of {len(wrap.sections)} sections started; {crisis_words}; {reviewed}."
    )


def planner_fields(
    review: ReviewDTO | None,
    goals: list[GoalDTO],
    plan_goals: list[NdisGoalDTO],
    wrap: WrapDTO | None,
    end: dt.date,
) -> dict:
    """The review report's planner fields (keyword arguments for ReviewReportData)."""
    texts = {g.id: g.text for g in plan_goals}
    return dict(
        participant_view=review.participant_view if review else "",
        different_views=review.different_views if review else "",
        risks_assessed=review.risks_assessed if review else "not_assessed",
        ndis_goals=tuple(g.text for g in plan_goals),
        goal_results=tuple(goal_result(g, texts, end) for g in goals),
        wrap_status=wrap_status(wrap),
    )
