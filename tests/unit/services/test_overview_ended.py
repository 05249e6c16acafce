"""Once support has ended (exited) or a person is archived, their Overview asks nothing of the
coach: no attention lines (overdue steps, reviews due) and no prompts to start something."""

from __future__ import annotations

import datetime as dt

from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft

TODAY = dt.date.today()


def _with_overdue_things(services, status="active"):
    p = services.participants.create(
        ParticipantDraft(given_name="Mere", family_name="Tipene", status=status)).value
    g = services.goals.create(p.id, GoalDraft(title="Swim at the pool")).value
    services.goals.add_step(g.id, StepDraft(text="Ring the pool",
                                            due_on=TODAY - dt.timedelta(days=20)))
    services.plans.agree(p.id, TODAY - dt.timedelta(days=10), on=TODAY - dt.timedelta(days=40))
    return p


def test_an_active_person_still_gets_attention_lines(services):
    p = _with_overdue_things(services)
    lines = services.overview.lines(p.id)
    assert {line.heading for line in lines if line.attention} >= {"Action steps",
                                                                   "Recovery plan"}


def test_an_exited_person_has_no_attention_lines_or_prompts(services):
    p = _with_overdue_things(services, status="exited")
    lines = services.overview.lines(p.id)
    assert not [line for line in lines if line.attention or line.prompt]
    texts = " ".join(line.text for line in lines)
    assert "overdue" not in texts and "Plan the first one" not in texts
    assert lines[0].heading == "Support" and "Support has ended" in lines[0].text


def test_an_archived_person_has_no_attention_lines_or_prompts(services):
    p = _with_overdue_things(services)
    services.participants.archive(p.id)
    lines = services.overview.lines(p.id)
    assert not [line for line in lines if line.attention or line.prompt]
    assert lines[0].text.startswith("Archived")
    assert "Goals" in {line.heading for line in lines}  # the calm facts stay
