"""The plan-review report drafts' contract with the window: the draft's input and DTO, the
labels (FIELD_LABELS, RISKS_ASSESSED) and the rules the form checks (a period of three years or
less that ends after it starts, each part under 20,000 characters).

Standard library only: this is the one reviews module ``ui/`` may import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk.services.types import Validator, problems_of

TEXT_FIELDS = (
    "summary",
    "barriers_strategies",
    "risks",
    "recommendations",
    "coach_notes",
    "participant_view",
    "different_views",
)
# Whether risks were looked at: "no risks identified" is never mistaken for "not asked".
RISKS_ASSESSED = {
    "not_assessed": "Not assessed in this period",
    "none_identified": "Assessed: no risks identified",
    "see_below": "Assessed: see below",
}
TEXT_LIMIT = 20_000
# The one name of each part: the form's labels (the participant's view is headed with the name
# they go by, "In Ro's words", where it is shown).
FIELD_LABELS = {
    "period_start": "Period from",
    "period_end": "Period to",
    "summary": "Summary",
    "participant_view": "In their words",
    "different_views": "Where we see it differently",
    "barriers_strategies": "Barriers and strategies",
    "risks_assessed": "Risks assessed",
    "risks": "Risks",
    "recommendations": "Recommendations for the next plan",
    "coach_notes": "My notes (private)",
}


@dataclass(frozen=True)
class ReviewInput:
    period_start: dt.date
    period_end: dt.date
    summary: str = ""
    barriers_strategies: str = ""
    risks: str = ""
    recommendations: str = ""
    coach_notes: str = ""
    participant_view: str = ""  # in the participant's own words
    different_views: str = ""  # where coach and participant see things differently
    risks_assessed: str = "not_assessed"


@dataclass(frozen=True)
class ReviewDTO:
    id: int
    participant_id: int
    period_start: dt.date
    period_end: dt.date
    summary: str
    barriers_strategies: str
    risks: str
    recommendations: str
    coach_notes: str
    finalised_at: dt.datetime | None
    updated_at: dt.datetime
    participant_view: str = ""
    different_views: str = ""
    risks_assessed: str = "not_assessed"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    def to_input(self) -> ReviewInput:
        return ReviewInput(
            self.period_start,
            self.period_end,
            self.summary,
            self.barriers_strategies,
            self.risks,
            self.recommendations,
            self.coach_notes,
            self.participant_view,
            self.different_views,
            self.risks_assessed,
        )


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    v = Validator()
    v.check(start is not None, "period_start", "Please choose the first day of the period.")
    v.check(end is not None, "period_end", "Please choose the last day of the period.")
    if start and end:
        v.check(end >= start, "period_end", "The period ends before it starts.")
        v.check(
            (end - start).days <= 366 * 3,
            "period_end",
            "Please choose a period of three years or less.",
        )
    v.raise_if_any()


def clean_input(data: ReviewInput) -> dict:
    check_period(data.period_start, data.period_end)
    values = {"period_start": data.period_start, "period_end": data.period_end}
    v = Validator()
    for name in TEXT_FIELDS:
        text = (getattr(data, name) or "").strip()
        v.check(len(text) <= TEXT_LIMIT, name, "Please keep each part under 20,000 characters.")
        values[name] = text
    v.check(
        data.risks_assessed in RISKS_ASSESSED,
        "risks_assessed",
        "Please say whether risks were assessed.",
    )
    v.raise_if_any()
    values["risks_assessed"] = data.risks_assessed
    return values


def default_period(plan_start: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """Since the plan started (at most a year back), or the last six months."""
    if plan_start and plan_start <= today and (today - plan_start).days <= 366:
        return plan_start, today
    return today - dt.timedelta(days=182), today


def check_input(data: ReviewInput) -> dict[str, str]:
    """What is wrong with the draft, by field (empty when it can be saved)."""
    return problems_of(clean_input, data)
