"""services/print_checks.py: what the coach is told before a plan pack is printed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from recoverydesk.reports.data import (
    CrisisCardData,
    GoalData,
    PlanPackData,
    PracticeInfo,
    SupporterData,
)
from recoverydesk.services.printing.checks import plan_pack_notes

TODAY = dt.date(2026, 12, 2)


def _plan(**changes) -> PlanPackData:
    base = PlanPackData(
        practice=PracticeInfo("Saltwater Coaching", "Mei Tanaka"),
        preferred_name="Zo",
        full_name="Zoë Nguyễn",
        agreed_on=TODAY,
        next_review=dt.date(2027, 6, 1),
        goals=(GoalData("Walk to the beach", target_date=dt.date(2027, 2, 1)),),
        supporters=(SupporterData("Lan", "Sister"),),
        crisis_card=CrisisCardData(
            preferred_name="Zo", supporters=(SupporterData("Lan", "Sister"),)
        ),
    )
    return replace(base, **changes)


def test_a_plan_in_order_has_nothing_to_say():
    assert plan_pack_notes(_plan(), TODAY, plan_end=dt.date(2027, 8, 31)) == ()


def test_each_thing_to_talk_over_is_said_in_words():
    data = _plan(
        crisis_card=CrisisCardData(preferred_name="Zo"),
        goals=(
            GoalData("Walk to the beach", target_date=dt.date(2025, 11, 30)),
            GoalData("Cook for friends", status_key="achieved", target_date=dt.date(2025, 1, 1)),
        ),
        supporters=(SupporterData("Lan", "Sister", consent_expired_on=dt.date(2026, 10, 1)),),
    )
    notes = plan_pack_notes(data, TODAY, plan_end=dt.date(2027, 3, 31))
    assert notes == (
        "Nobody is named to call on Zo's crisis card yet. Choose them together (WRAP, crisis "
        "plan: supporters); until then the card leaves lines to write in.",
        "“Walk to the beach” was aiming for 30 Nov 2025, which has passed: choose a new date "
        "together, or it prints as passed.",
        "The next review (1 Jun 2027) is after Zo's NDIS plan ends (31 Mar 2027).",
        "Zo's OK to share information with Lan ended 1 Oct 2026: check it again together.",
    )
