"""The plans capability's contract: an agreed plan version and a review coming due (DTOs), the
labels of the "Agree the plan" form and its rule. Standard library, ``dates`` and
``services.types`` only: this (with ``services.types``) is all the window imports from plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from recoverydesk.dates import short_date

SNAPSHOT_FORMAT = 1
PLAN_ENTITY = "plan_version"  # what agreeing a plan changes (ChangeSet entity)
# The one name of each field of the "Agree the plan" form.
FIELD_LABELS = {"review_date": "Review on", "note": "Note"}
# The headings "what changed" sorts its sentences under, in reading order.
CHANGE_GROUPS = ("Goals", "Steps", "Strengths and supports", "Wellness plan", "Review")


@dataclass(frozen=True)
class PlanVersionDTO:
    id: int
    participant_id: int
    number: int
    agreed_on: dt.date
    review_date: dt.date | None
    note: str
    created_at: dt.datetime
    # The snapshot, decoded afresh for every DTO: changing it never touches the stored version.
    content: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return f"Plan {self.number}, agreed {short_date(self.agreed_on)}"

    @property
    def goals(self) -> list[dict]:
        return list(self.content.get("goals", []))


@dataclass(frozen=True)
class ReviewDueDTO:
    participant_id: int
    participant_name: str
    version_id: int
    review_date: dt.date
    overdue: bool


def check_agree(review_date: dt.date | None, on: dt.date | None = None) -> dict[str, str]:
    """What is wrong with agreeing a plan as typed (``{}`` when it may be agreed)."""
    on = on or dt.date.today()
    if review_date is not None and review_date < on:
        return {"review_date": "The review date should be on or after the day the plan is agreed."}
    return {}
