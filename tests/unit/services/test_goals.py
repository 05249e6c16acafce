import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError

from recoverydesk.models import GoalStatusChange
from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import ValidationError

D0 = dt.date(2026, 3, 2)


@pytest.fixture
def pid(services):
    return services.participants.create(ParticipantDraft(given_name="Robin", family_name="Lake")).value.id


def walk_goal(services, pid, **kw):
    base = dict(
        title="Walk to the beach with my dog",
        specific="Walk from home to the beach and back with Max",
        measure="Walks a week",
        target="3",
        achievable="Max needs walking anyway; the path is flat",
        why_it_matters="I feel calmer after being outside",
        target_date=dt.date(2026, 6, 1),
        domains=("physical_health", "managing_mental_health"),
    )
    base.update(kw)
    return services.goals.create(pid, GoalDraft(**base), on=D0).value


def test_goals_keep_smart_parts_domains_and_start_history(services, pid):
    g = walk_goal(services, pid, priority=1)
    assert g.status == "active" and g.priority_label == "High"
    assert g.measure == "Walks a week" and g.target == "3"
    assert g.domains == ("physical_health", "managing_mental_health")
    assert [(h.from_status, h.to_status, h.changed_on) for h in g.history] == [(None, "active", D0)]
    assert services.goals.goals(pid)[0].id == g.id


def test_a_rough_draft_is_saved_and_the_smart_check_names_what_is_vague(services, pid):
    g = services.goals.create(pid, GoalDraft(title="Feel better"), on=D0).value
    keys = {n.key for n in g.smart_notes(D0)}
    assert {"no_specific", "vague", "no_measure", "no_date", "no_why", "no_achievable"} <= keys
    full = walk_goal(services, pid)
    assert full.smart_notes(D0) == []
    late = full.smart_notes(dt.date(2026, 7, 1))
    assert [n.key for n in late] == ["date_past"] and "1 Jun 2026" in late[0].text


def test_smart_check_flags_measure_without_target(services, pid):
    g = walk_goal(services, pid, target="")
    assert [n.key for n in g.smart_notes(D0)] == ["no_target"]


def test_title_is_the_only_required_part(services, pid):
    with pytest.raises(ValidationError) as err:
        services.goals.create(pid, GoalDraft(title="   "))
    assert "own words" in err.value.errors["title"]


def test_status_change_needs_a_reason_and_is_appended_with_its_date(services, pid):
    g = walk_goal(services, pid)
    with pytest.raises(ValidationError) as err:
        services.goals.change_status(g.id, "paused", "  ")
    assert "reason" in err.value.errors
    day = dt.date(2026, 4, 10)
    g = services.goals.change_status(g.id, "paused", "Knee surgery", on=day).value
    g = services.goals.change_status(g.id, "active", "Knee healed", on=dt.date(2026, 5, 1)).value
    assert [(h.from_status, h.to_status, h.reason) for h in g.history[1:]] == [
        ("active", "paused", "Knee surgery"),
        ("paused", "active", "Knee healed"),
    ]
    assert g.history[1].changed_on == day


def test_same_status_again_is_refused(services, pid):
    g = walk_goal(services, pid)
    with pytest.raises(ValidationError):
        services.goals.change_status(g.id, "active", "still going")


def test_reframe_points_the_old_goal_to_the_new_one(services, pid):
    old = services.goals.create(pid, GoalDraft(title="Return to work", domains=("work",)), on=D0).value
    new = services.goals.reframe(
        old.id,
        GoalDraft(
            title="Build confidence and social connection first", domains=("social_networks",)
        ),
        "Work feels too big right now; confidence first",
        on=dt.date(2026, 5, 5),
    ).value
    old = services.goals.get(old.id)
    assert old.status == "reframed" and old.reframed_to_id == new.id
    assert old.history[-1].reason.startswith("Work feels too big")
    assert new.reframed_from_ids == (old.id,)
    assert "Return to work" in new.history[0].reason


def test_reframed_status_needs_the_goal_it_became(services, pid):
    g = walk_goal(services, pid)
    with pytest.raises(ValidationError) as err:
        services.goals.change_status(g.id, "reframed", "changed")
    assert "reframed_to" in err.value.errors


def test_history_is_append_only_in_the_database(services, store, pid):
    g = services.goals.change_status(walk_goal(services, pid).id, "achieved", "Did it!").value
    for stmt in (
        update(GoalStatusChange).values(reason="rewritten"),
        delete(GoalStatusChange).where(GoalStatusChange.goal_id == g.id),
    ):
        with pytest.raises(DatabaseError), store.unit_of_work() as s:
            s.execute(stmt)
    with store.read() as s:
        reasons = s.scalars(select(GoalStatusChange.reason).order_by(GoalStatusChange.id)).all()
    assert reasons == ["Goal set together", "Did it!"]
    # The service offers no way to rewrite or remove history, or to delete a goal.
    public = [n for n in dir(type(services.goals)) if not n.startswith("_")]
    assert not [n for n in public if "history" in n or n in ("delete", "remove", "remove_goal")]


def test_history_goes_only_with_the_whole_participant(services, store, pid):
    walk_goal(services, pid)
    with store.unit_of_work() as s:
        s.execute(text("DELETE FROM participants WHERE id = :p"), {"p": pid})
    with store.read() as s:
        assert s.scalar(select(text("count(*)")).select_from(GoalStatusChange)) == 0


def test_steps_who_due_done_reorder_and_overdue(services, pid):
    g = walk_goal(services, pid)
    a = services.goals.add_step(g.id, StepDraft("Buy a new lead", "participant", D0)).value
    b = services.goals.add_step(g.id, StepDraft("Find the dog-friendly path", "coach")).value
    c = services.goals.add_step(g.id, StepDraft("Walk together on Sunday", "supporter")).value
    order = services.goals.move_step(c.id, -2).value
    assert [x.id for x in order] == [c.id, a.id, b.id]
    g = services.goals.get(g.id)
    assert [x.overdue_steps(dt.date(2026, 3, 10)) for x in [g]][0][0].id == a.id
    services.goals.set_step_done(a.id, dt.date(2026, 3, 9))
    g = services.goals.get(g.id)
    assert g.overdue_steps(dt.date(2026, 3, 10)) == []
    assert [st.who_label for st in g.steps] == ["Supporter", "Participant", "Coach"]
    with pytest.raises(ValidationError):
        services.goals.add_step(g.id, StepDraft(""))


def test_removed_step_can_be_put_back_in_place(services, pid):
    g = walk_goal(services, pid)
    steps = [services.goals.add_step(g.id, StepDraft(t)).value for t in ("one", "two", "three")]
    removed = services.goals.remove_step(steps[1].id).value
    services.goals.add_step(g.id, removed.to_draft(), position=removed.position)
    assert [st.text for st in services.goals.get(g.id).steps] == ["one", "two", "three"]


def test_progress_notes_with_optional_percentage(services, pid):
    g = walk_goal(services, pid)
    services.goals.add_progress_note(g.id, "Two walks this week", 40, on=dt.date(2026, 3, 9))
    services.goals.add_progress_note(g.id, "Rained all week", on=dt.date(2026, 3, 16))
    with pytest.raises(ValidationError):
        services.goals.add_progress_note(g.id, "Too much", 140)
    g = services.goals.get(g.id)
    assert [n.text for n in g.progress_notes] == ["Two walks this week", "Rained all week"]
    assert g.latest_progress == 40


def test_steps_due_and_goals_due_across_the_practice(services, pid):
    g = walk_goal(services, pid, target_date=dt.date(2026, 3, 12))
    services.goals.add_step(g.id, StepDraft("Overdue one", due_on=dt.date(2026, 3, 1)))
    services.goals.add_step(g.id, StepDraft("Soon", due_on=dt.date(2026, 3, 5)))
    services.goals.add_step(g.id, StepDraft("Later", due_on=dt.date(2026, 5, 5)))
    due = services.goals.steps_due(dt.date(2026, 3, 3), within_days=7)
    assert [(d.text, d.overdue, d.participant_name) for d in due] == [
        ("Overdue one", True, "Robin Lake"),
        ("Soon", False, "Robin Lake"),
    ]
    goals_due = services.goals.goals_due(dt.date(2026, 3, 3), within_days=14)
    assert [x.goal_id for x in goals_due] == [g.id]
    services.goals.change_status(g.id, "achieved", "Done", on=dt.date(2026, 3, 4))
    assert services.goals.goals_due(dt.date(2026, 3, 3)) == []
    assert services.goals.steps_due(dt.date(2026, 3, 3)) == []


def test_status_filter(services, pid):
    a = walk_goal(services, pid)
    walk_goal(services, pid, title="Cook twice a week")
    services.goals.change_status(a.id, "paused", "Busy month")
    assert [g.title for g in services.goals.goals(pid, statuses=["paused"])] == [a.title]
    assert len(services.goals.goals(pid, statuses=("active", "paused"))) == 2


def test_domains_fall_back_to_the_recovery_star_keys(services, pid):
    keys = [k for k, _ in services.goals.domains_for(pid)]
    assert keys[0] == "managing_mental_health" and "trust_hope" in keys and len(keys) >= 10


def test_overview_lines_count_goals_and_overdue_steps(services, pid):
    g = walk_goal(services, pid)
    services.goals.add_step(g.id, StepDraft("Buy a lead", due_on=dt.date(2020, 1, 1)))
    lines = services.overview.lines(pid, dt.date(2026, 3, 10))
    texts = {line.heading: line for line in lines if line.page == "goals"}
    assert texts["Goals"].text.startswith("1 active goal")
    assert texts["Action steps"].attention and "1 step is overdue" in texts["Action steps"].text
    assert "Not agreed yet" in texts["Recovery plan"].text


def test_demo_goals_tell_the_return_to_work_story(store, services):
    from recoverydesk.demo import generate_demo

    ctx = generate_demo(store, participants=4, years=2, seed=3, today=dt.date(2026, 11, 1))
    first = ctx.people[0].id
    goals = {g.title: g for g in services.goals.goals(first)}
    work = goals["Return to work"]
    assert work.status == "reframed"
    assert services.goals.get(work.reframed_to_id).title == (
        "Build confidence and social connection first"
    )
    assert work.history[-1].reason and services.plans.versions(first)
    # Demo snapshots read like real ones: the comparison finds the reframe.
    versions = services.plans.versions(first)
    words = services.plans.compare(versions[-1].id)
    assert any("reframed as" in w for w in words)


def test_demo_never_gives_anyone_the_same_goal_twice(store, services):
    """A later round of goals is new goals, not a let-go goal set again word for word."""
    from recoverydesk.demo import generate_demo

    ctx = generate_demo(store, participants=14, years=4, seed=1, today=dt.date(2026, 12, 1))
    for person in ctx.people:
        titles = [g.title for g in services.goals.goals(person.id)]
        assert len(titles) == len(set(titles)), person.id


def test_unsaved_goal_edits_are_kept_until_saved_or_discarded(services, pid):
    g = walk_goal(services, pid)
    edited = GoalDraft(title="Walk to the beach", measure="Walks", target_date=dt.date(2026, 7, 1))
    services.goals.keep_draft(pid, g.id, edited)
    services.goals.keep_draft(pid, None, GoalDraft(title="Half-written new goal"))
    kept = services.goals.kept_drafts(pid)
    assert kept[g.id] == edited and kept[None].title == "Half-written new goal"
    services.goals.update(g.id, edited)
    assert g.id not in services.goals.kept_drafts(pid)
    services.goals.discard_draft(pid, None)
    assert services.goals.kept_drafts(pid) == {}


def test_changing_domains_keeps_the_ones_that_stay(services, pid):
    g = walk_goal(services, pid)  # physical_health, managing_mental_health
    draft = g.to_draft()
    g = services.goals.update(g.id, replace(draft, domains=("managing_mental_health", "work"))).value
    assert g.domains == ("managing_mental_health", "work")


def test_what_has_happened_is_never_dated_in_the_future(services, pid):
    g = walk_goal(services, pid)
    step = services.goals.add_step(g.id, StepDraft("Buy a new lead")).value
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    cases = [
        (lambda: services.goals.set_step_done(step.id, tomorrow).value, "done_on"),
        (
            lambda: services.goals.update_step(step.id, StepDraft("Buy a lead", done_on=tomorrow)).value,
            "done_on",
        ),
        (lambda: services.goals.change_status(g.id, "paused", "Away", on=tomorrow).value, "on"),
        (lambda: services.goals.add_progress_note(g.id, "Going well", 20, on=tomorrow).value, "on"),
        (
            lambda: services.goals.reframe(
                g.id, GoalDraft(title="Walk the dog"), "Smaller", on=tomorrow
            ).value,
            "on",
        ),
    ]
    for call, field_name in cases:
        with pytest.raises(ValidationError) as err:
            call()
        assert field_name in err.value.errors
    g = services.goals.get(g.id)  # nothing was half-written
    assert g.status == "active" and len(g.history) == 1 and g.progress_notes == ()
    assert g.steps[0].done_on is None and g.steps[0].text == "Buy a new lead"
    assert len(services.goals.goals(pid)) == 1


def test_overview_counts_every_status_and_names_the_oldest_open_overdue_step(services, pid):
    walking = walk_goal(services, pid)
    cooking = walk_goal(services, pid, title="Cook twice a week")
    swim = walk_goal(services, pid, title="Swim at the pool")
    old = walk_goal(services, pid, title="Join a choir")
    services.goals.add_step(walking.id, StepDraft("Buy a lead", due_on=dt.date(2026, 3, 9)))
    done = services.goals.add_step(walking.id, StepDraft("Find the map", due_on=dt.date(2026, 3, 3))).value
    services.goals.set_step_done(done.id, dt.date(2026, 3, 4))
    services.goals.add_step(cooking.id, StepDraft("Pick recipes", due_on=dt.date(2026, 3, 6)))
    services.goals.add_step(old.id, StepDraft("Ring the choir", due_on=dt.date(2026, 3, 3)))
    services.goals.add_step(walking.id, StepDraft("Walk Monday", due_on=dt.date(2026, 4, 30)))
    services.goals.change_status(cooking.id, "paused", "Busy month", on=dt.date(2026, 3, 5))
    services.goals.change_status(swim.id, "achieved", "Swam twice", on=dt.date(2026, 3, 5))
    services.goals.change_status(old.id, "let_go", "Not for me", on=dt.date(2026, 3, 5))
    lines = services.overview.lines(pid, dt.date(2026, 3, 20))
    texts = {line.heading: line.text for line in lines if line.page == "goals"}
    assert texts["Goals"] == "1 active goal, 1 paused, 1 achieved so far."
    # The let-go goal's step and the done step do not count; the paused goal's step does.
    assert texts["Action steps"].startswith("2 steps are overdue, the oldest “Pick recipes”")


def test_the_tab_is_what_its_separate_reads_give(services, pid):
    """``tab`` (one read for the Goals tab) agrees with goals, domains_for, the NDIS plan's
    goals and kept_drafts."""
    def same():
        tab = services.goals.tab(pid)
        assert tab.goals == services.goals.goals(pid)
        assert tab.domains == services.goals.domains_for(pid)
        assert tab.plan_goals == [(g.id, g.text) for g in services.participants.ndis_goals(pid)]
        assert tab.drafts == services.goals.kept_drafts(pid)

    same()
    g = services.goals.create(pid, GoalDraft(title="Walk to the beach", domains=("work",))).value
    services.goals.add_step(g.id, StepDraft("Find shoes"))
    services.participants.set_ndis_goals(pid, ["Be part of my community", "Find work"])
    services.goals.keep_draft(pid, None, GoalDraft(title="Half typed"))
    services.goals.keep_draft(pid, g.id, GoalDraft(title="Walk further"))
    same()
    assert services.goals.tab(pid).domains[0][0] == "managing_mental_health"
    assert services.goals.tab(pid).latest_plan is None
    services.plans.agree(pid, dt.date.today() + dt.timedelta(days=30))
    services.plans.agree(pid, None)
    newest = services.plans.versions(pid, limit=1)[0]
    line = services.goals.tab(pid).latest_plan
    assert (line.number, line.agreed_on, line.review_date) == (
        newest.number, newest.agreed_on, newest.review_date) == (2, newest.agreed_on, None)
