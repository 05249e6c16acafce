import datetime as dt

import pytest
from sqlalchemy import update
from sqlalchemy.exc import DatabaseError

from recoverydesk.models import PlanVersion
from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.plans import service as plans_module
from recoverydesk.services.types import ValidationError

D0 = dt.date(2026, 3, 2)


@pytest.fixture
def pid(services):
    p = services.participants.create(ParticipantDraft(given_name="Sam", family_name="Reed")).value
    services.participants.add_strength(p.id, "interests", "Loves gardening")
    return p.id


def test_agree_freezes_goals_steps_strengths_supports_and_review_date(services, pid):
    g = services.goals.create(
        pid, GoalDraft(title="Cook twice a week", domains=("living_skills",)), on=D0
    ).value
    services.goals.add_step(g.id, StepDraft("Plan two meals", "participant", dt.date(2026, 3, 9)))
    services.network.add(pid, ContactDraft(name="Aunty Jo", relationship_text="Aunt"))
    v = services.plans.agree(pid, dt.date(2026, 6, 2), "First plan", on=D0).value
    assert v.number == 1 and v.agreed_on == D0 and v.review_date == dt.date(2026, 6, 2)
    assert v.goals[0]["title"] == "Cook twice a week"
    assert v.goals[0]["steps"][0]["text"] == "Plan two meals"
    assert v.content["strengths"][0]["text"] == "Loves gardening"
    assert v.content["supports"][0]["name"] == "Aunty Jo"
    assert v.content["review_date"] == "2026-06-02"
    assert services.plans.agree(pid, None, on=D0).value.number == 2
    assert [x.number for x in services.plans.versions(pid)] == [2, 1]


def test_old_versions_never_change_when_goals_are_edited_later(services, pid):
    g = services.goals.create(pid, GoalDraft(title="Cook twice a week"), on=D0).value
    st = services.goals.add_step(g.id, StepDraft("Plan two meals")).value
    v1 = services.plans.agree(pid, None, on=D0).value
    services.goals.update(g.id, GoalDraft(title="Cook three times a week", measure="meals"))
    services.goals.set_step_done(st.id, dt.date(2026, 3, 8))
    services.goals.change_status(
        g.id, "achieved", "Cooking most nights now", on=dt.date(2026, 4, 1)
    )
    again = services.plans.version(v1.id)
    assert again.content == v1.content
    assert again.goals[0]["title"] == "Cook twice a week"
    assert again.goals[0]["status"] == "active"
    assert again.goals[0]["steps"][0]["done_on"] is None


def test_a_version_is_immutable_in_the_database(services, store, pid):
    v = services.plans.agree(pid, None, on=D0).value
    with pytest.raises(DatabaseError), store.unit_of_work() as s:
        s.execute(update(PlanVersion).values(note="changed"))
    with pytest.raises(DatabaseError), store.unit_of_work() as s:
        s.execute(PlanVersion.__table__.delete())
    assert services.plans.version(v.id).note == ""


def test_review_date_cannot_be_before_agreement(services, pid):
    with pytest.raises(ValidationError):
        services.plans.agree(pid, dt.date(2026, 1, 1), on=D0)


def test_what_changed_in_plain_words(services, pid):
    work = services.goals.create(pid, GoalDraft(title="Return to work"), on=D0).value
    cook = services.goals.create(pid, GoalDraft(title="Cook twice a week"), on=D0).value
    bus = services.goals.create(pid, GoalDraft(title="Catch the bus alone"), on=D0).value
    step = services.goals.add_step(cook.id, StepDraft("Plan two meals")).value
    v1 = services.plans.agree(pid, dt.date(2026, 6, 1), on=D0).value
    services.goals.reframe(
        work.id,
        GoalDraft(title="Build confidence and social connection first"),
        "Work feels too big right now",
        on=dt.date(2026, 4, 1),
    )
    services.goals.set_step_done(step.id, dt.date(2026, 3, 9))
    services.goals.change_status(cook.id, "achieved", "Cooking most nights", on=dt.date(2026, 5, 1))
    services.goals.change_status(bus.id, "let_go", "Dad drives me now", on=dt.date(2026, 5, 1))
    services.goals.create(pid, GoalDraft(title="Join the walking group"), on=dt.date(2026, 5, 2))
    v2 = services.plans.agree(pid, dt.date(2026, 9, 1), on=dt.date(2026, 6, 1)).value
    words = services.plans.compare(v1.id, v2.id)
    assert (
        "“Return to work” was reframed as “Build confidence and social connection first” "
        "(Work feels too big right now)." in words
    )
    assert "Achieved: “Cook twice a week” (Cooking most nights)." in words
    assert "“Catch the bus alone” was let go (Dad drives me now)." in words
    assert "Step done for “Cook twice a week”: Plan two meals." in words
    assert "New goal: “Join the walking group”." in words
    # The reframed goal is told as a reframe, not as a new goal.
    assert "New goal: “Build confidence and social connection first”." not in words
    assert "The next review is planned for 1 Sep 2026." in words
    grouped = dict(services.plans.compare_grouped(v1.id, v2.id))
    assert "Achieved: “Cook twice a week” (Cooking most nights)." in grouped["Goals"]
    assert grouped["Steps"] == ["Step done for “Cook twice a week”: Plan two meals."]
    # Order of the arguments does not matter; comparing with now works too.
    assert services.plans.compare(v2.id, v1.id) == words
    assert services.plans.compare(v2.id) == ["Nothing has changed in the plan since this version."]


def test_other_capabilities_add_their_part_to_every_snapshot(services, pid, monkeypatch):
    monkeypatch.setitem(plans_module.PLAN_SNAPSHOT_PARTS, "wrap", lambda s, p: {"items": 3})
    v = services.plans.agree(pid, None, on=D0).value
    assert v.content["parts"]["wrap"] == {"items": 3}


def test_reviews_due_uses_the_latest_version(services, pid):
    services.plans.agree(pid, dt.date(2026, 3, 10), on=D0)
    due = services.plans.reviews_due(dt.date(2026, 3, 1), within_days=14)
    assert [(d.participant_id, d.overdue) for d in due] == [(pid, False)]
    services.plans.agree(pid, dt.date(2026, 9, 1), on=dt.date(2026, 3, 3))
    assert services.plans.reviews_due(dt.date(2026, 3, 12)) == []
    line = [
        x
        for x in services.overview.lines(pid, dt.date(2026, 8, 25))
        if x.heading == "Recovery plan"
    ][0]
    assert line.attention and "1 Sep 2026" in line.text


def test_what_changed_mentions_the_wellness_plan(services, pid, monkeypatch):
    started = iter([4, 9])
    monkeypatch.setitem(
        plans_module.PLAN_SNAPSHOT_PARTS,
        "wrap",
        lambda s, p: {"started_parts": next(started), "total_parts": 20},
    )
    v1 = services.plans.agree(pid, None, on=D0).value
    v2 = services.plans.agree(pid, None, on=D0).value
    assert dict(services.plans.compare_grouped(v1.id, v2.id))["Wellness plan"] == [
        "The wellness plan (WRAP) now has 9 of 20 parts filled in (it had 4)."
    ]
