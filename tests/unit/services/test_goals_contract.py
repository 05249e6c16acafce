"""The goals and plans contract: every write says exactly what it changed (so the Goals page
reloads once, from the bus), the forms' rules are pure and name the field at fault, and the two
capabilities do not import each other in a circle."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import recoverydesk
from recoverydesk.services.goals.types import (
    GoalDraft,
    StepDraft,
    check_progress_note,
    check_status_change,
    clean_goal,
    clean_step,
)
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.plans.types import check_agree
from recoverydesk.services.types import Changed, ChangeSet, problems_of

TODAY = dt.date(2026, 3, 2)
SERVICES = Path(recoverydesk.__file__).parent / "services"


@pytest.fixture
def pid(services):
    return services.participants.create(ParticipantDraft(given_name="Ari", family_name="Lowe")).value.id


def _changes(result, *entities, pid):
    assert isinstance(result, Changed)
    assert result.changes == ChangeSet.of(*entities, participant_id=pid)
    return result.value


def test_every_goal_and_plan_write_says_what_it_changed(services, pid):
    goals, plans = services.goals, services.plans
    g = _changes(goals.create(pid, GoalDraft(title="Swim"), on=TODAY), "goal", pid=pid)
    other = _changes(goals.create(pid, GoalDraft(title="Cook"), on=TODAY), "goal", pid=pid)
    _changes(goals.update(g.id, GoalDraft(title="Swim twice a week")), "goal", pid=pid)
    assert _changes(goals.move(other.id, -1), "goal", pid=pid).position == 0
    step = _changes(goals.add_step(g.id, StepDraft("Buy goggles")), "action_step", pid=pid)
    second = _changes(goals.add_step(g.id, StepDraft("Find the timetable")), "action_step",
                      pid=pid)
    _changes(goals.update_step(step.id, StepDraft("Buy new goggles")), "action_step", pid=pid)
    _changes(goals.set_step_done(step.id, TODAY), "action_step", pid=pid)
    moved = _changes(goals.move_step(second.id, -1), "action_step", pid=pid)
    assert [s.text for s in moved] == ["Find the timetable", "Buy new goggles"]
    again = _changes(goals.reorder_steps(g.id, [step.id, second.id]), "action_step", pid=pid)
    assert [s.id for s in again] == [step.id, second.id]
    _changes(goals.remove_step(second.id), "action_step", pid=pid)
    _changes(goals.add_progress_note(g.id, "Went once", 20, on=TODAY), "progress_note", pid=pid)
    _changes(goals.keep_draft(pid, None, GoalDraft(title="Half typed")), "goal_draft", pid=pid)
    _changes(goals.discard_draft(pid, None), "goal_draft", pid=pid)
    _changes(goals.change_status(other.id, "paused", "Busy month", on=TODAY), "goal", pid=pid)
    new = _changes(goals.reframe(g.id, GoalDraft(title="Swim once a week"), "Too much", on=TODAY),
                   "goal", pid=pid)
    assert new.reframed_from_ids == (g.id,)
    _changes(plans.agree(pid, None, on=TODAY), "plan_version", pid=pid)


def test_the_forms_rules_name_the_field_at_fault():
    assert set(problems_of(clean_goal, GoalDraft(title="  "))) == {"title"}
    assert problems_of(clean_goal, GoalDraft(title="Swim")) == {}
    assert set(problems_of(clean_step, StepDraft("", who="nobody"))) == {"text", "who"}
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert set(problems_of(clean_step, StepDraft("Ring", done_on=tomorrow))) == {"done_on"}
    assert set(check_status_change("reframed", " ", TODAY, new_title="")) == {"new_title", "reason"}
    assert check_status_change("reframed", "Too big", TODAY) == {}  # the service checks the goal
    assert set(check_status_change("gone", "x", tomorrow)) == {"status", "on"}
    assert set(check_progress_note("", 140, tomorrow)) == {"text", "progress", "on"}
    assert check_agree(TODAY - dt.timedelta(days=1), TODAY) == {
        "review_date": "The review date should be on or after the day the plan is agreed."}
    assert check_agree(None, TODAY) == {}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_no_circle_between_goals_plans_and_participants_and_the_types_stay_pure():
    # plans read goals, goals read participants (names, NDIS plan goals): never the way back.
    for importer, imported in (("goals", "plans"), ("participants", "goals")):
        for path in (SERVICES / importer).glob("*.py"):
            back = f"recoverydesk.services.{imported}"
            assert not [m for m in _imports(path) if m.startswith(back)], path
    for cap in ("goals", "plans"):
        for module in _imports(SERVICES / cap / "types.py"):
            assert not module.startswith(("sqlalchemy", "recoverydesk.models", "recoverydesk.store"))
            if module.startswith("recoverydesk.services."):
                assert module in ("recoverydesk.services.types", "recoverydesk.services.goals.smart")
