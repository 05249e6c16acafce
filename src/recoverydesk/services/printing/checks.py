"""What the coach should know before a plan pack is printed: things to talk over with the
participant first (nobody chosen to call in a crisis, a goal date that has passed, a review
set after the NDIS plan ends, consent that has run out). Pure: plan-pack data in, sentences out.

The plan pack still prints as it is (each of these is printed kindly); the notes are for the
coach, shown beside the preview so nothing stale is handed over unnoticed.
"""

from __future__ import annotations

import datetime as dt

from recoverydesk.dates import short_date
from recoverydesk.reports.data import PlanPackData


def plan_pack_notes(
    data: PlanPackData, today: dt.date, plan_end: dt.date | None = None
) -> tuple[str, ...]:
    name = data.preferred_name
    notes: list[str] = []
    card = data.crisis_card
    if card is not None and not card.supporters:
        notes.append(
            f"Nobody is named to call on {name}'s crisis card yet. Choose them together "
            "(WRAP, crisis plan: supporters); until then the card leaves lines to write in."
        )
    for goal in data.goals:
        if goal.status_key == "active" and goal.target_date and goal.target_date < today:
            notes.append(
                f"“{goal.title}” was aiming for {short_date(goal.target_date)}, which has "
                "passed: choose a new date together, or it prints as passed."
            )
    if data.next_review and plan_end and data.next_review > plan_end:
        notes.append(
            f"The next review ({short_date(data.next_review)}) is after {name}'s NDIS plan "
            f"ends ({short_date(plan_end)})."
        )
    for person in data.supporters:
        if person.consent_expired_on:
            notes.append(
                f"{name}'s OK to share information with {person.name} ended "
                f"{short_date(person.consent_expired_on)}: check it again together."
            )
    return tuple(notes)
