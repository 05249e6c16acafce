"""What a planner looks for in a review (issue 17 item 12): the participant's own view, where we
see it differently, goals linked to the NDIS plan's goals with their target and measured result,
the WRAP and crisis plan status, risks assessed or not, and a place for next plan's hours."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.reviews.types import ReviewInput
from recoverydesk.services.types import ValidationError

TODAY = dt.date(2026, 3, 20)
START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 1)
PLAN = ["I want to make friends and be part of my community", "I want to find paid work"]


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def ana(services):
    p = services.participants.create(
        ParticipantDraft(given_name="Ana", family_name="Tuilagi", plan_start=dt.date(2025, 9, 1))
    ).value
    services.participants.set_ndis_goals(p.id, PLAN)
    return p


def _goal(services, pid, title="Join the Tuesday art group", **kw):
    return services.goals.create(
        pid, GoalDraft(title=title, measure="art group visits a month", target="3", **kw),
        on=dt.date(2025, 12, 1),
    ).value


def test_plan_goals_keep_their_links_when_reworded_and_unlink_when_removed(services, ana):
    plan = services.participants.ndis_goals(ana.id)
    assert [g.text for g in plan] == PLAN
    goal = _goal(services, ana.id, ndis_goal_id=plan[0].id)
    assert services.goals.get(goal.id).ndis_goal_id == plan[0].id
    # Reordered and one reworded: the unchanged words keep their id (and the link).
    services.participants.set_ndis_goals(ana.id, ["I want to find paid work, part time", PLAN[0]])
    again = services.participants.ndis_goals(ana.id)
    assert again[1].id == plan[0].id and again[1].text == PLAN[0]
    assert services.goals.get(goal.id).ndis_goal_id == plan[0].id
    services.participants.set_ndis_goals(ana.id, ["I want to find paid work, part time"])
    assert services.goals.get(goal.id).ndis_goal_id is None  # unlinked, not dangling


def test_a_goal_links_only_to_its_own_participants_plan_goal(services, ana):
    other = services.participants.create(ParticipantDraft(given_name="Ben", family_name="Lo")).value
    theirs = services.participants.set_ndis_goals(other.id, ["Live on my own"]).value[0]
    with pytest.raises(ValidationError, match="no longer in this participant's plan"):
        _goal(services, ana.id, ndis_goal_id=theirs.id)


def test_too_many_plan_goals_are_refused_kindly(services, ana):
    with pytest.raises(ValidationError, match="20 plan goals or fewer"):
        services.participants.set_ndis_goals(ana.id, [f"Goal {i}" for i in range(21)])
    assert [g.text for g in services.participants.ndis_goals(ana.id)] == PLAN  # nothing lost


def test_the_review_draft_keeps_their_words_and_whether_risks_were_assessed(services, ana):
    review = services.reviews.start(ana.id, TODAY).value
    saved = services.reviews.save(
        review.id,
        ReviewInput(review.period_start, review.period_end, participant_view="I feel braver.",
                    different_views="Ana rates work higher than I do.",
                    risks_assessed="none_identified"),
    ).value
    again = services.reviews.get(saved.id)
    assert again.participant_view == "I feel braver."
    assert again.different_views == "Ana rates work higher than I do."
    assert again.risks_assessed == "none_identified"
    with pytest.raises(ValidationError, match="whether risks were assessed"):
        services.reviews.save(review.id, ReviewInput(START, END, risks_assessed="maybe"))


def test_the_report_gives_a_planner_what_they_look_for(services, ana):
    plan = services.participants.ndis_goals(ana.id)
    goal = _goal(services, ana.id, ndis_goal_id=plan[0].id)
    _goal(services, ana.id, title="Cook a meal for my sister")
    services.goals.add_progress_note(goal.id, "Went twice in January", 40, on=dt.date(2026, 1, 30))
    services.goals.add_progress_note(goal.id, "Went 3 times in February", 100,
                                     on=dt.date(2026, 2, 27))
    services.wrap.add_item(ana.id, "toolbox", "Walk on the beach")
    review = services.reviews.start(ana.id, TODAY).value
    services.reviews.save(review.id, ReviewInput(START, END, participant_view="I feel braver.",
                                                 different_views="We see work differently."))
    text = _text(services.printing.review_report(ana.id, START, END, today=TODAY).value.pdf)
    assert "In Ana's words “I feel braver.”" in text
    assert "Where we see it differently We see work differently." in text
    assert "The NDIS plan's goals" in text and PLAN[1] in text
    # Each coaching goal against the plan goal it serves, its target and the latest result.
    row = text[text.index("Goals against targets") :]
    assert "Join the Tuesday art group" in row and PLAN[0] in row
    assert "art group visits a month: 3" in row
    assert "Went 3 times in February (100% of the way) (27 Feb 2026)" in row
    assert "Not linked" in row  # the cooking goal serves no plan goal yet
    assert "Risks were not assessed in this period." in text
    assert "WRAP: 1 of 7 sections started; no crisis plan written yet; not reviewed" in text
    assert "Recommendations for the next plan" in text
    assert "Recovery coaching hours recommended for the next plan: ______ hours a week" in text


def test_no_risks_identified_is_told_apart_from_not_assessed(services, ana):
    review = services.reviews.start(ana.id, TODAY).value
    services.reviews.save(review.id, ReviewInput(START, END, risks_assessed="none_identified"))
    text = _text(services.printing.review_report(ana.id, START, END, today=TODAY).value.pdf)
    assert "Risks were assessed: no risks identified." in text
    assert "not assessed" not in text
