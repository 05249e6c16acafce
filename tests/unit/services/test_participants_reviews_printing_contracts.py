"""The participants, reviews, settings, search and printing contract: every write says exactly
what it changed (so a page reloads once, from the bus), the forms' rules in each ``types``
module refuse what the services refuse and name the field at fault, and the ``types`` modules
import no database."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import recoverydesk
from recoverydesk.services.participants.types import (
    FIELD_LABELS,
    ParticipantDraft,
    check_draft,
    check_strength,
)
from recoverydesk.services.reviews.types import ReviewInput, check_input
from recoverydesk.services.settings.types import PracticeDetails, check_details
from recoverydesk.services.types import Changed, ChangeSet, ValidationError

TODAY = dt.date(2026, 3, 2)
SERVICES = Path(recoverydesk.__file__).parent / "services"
CAPABILITIES = ("participants", "reviews", "settings", "search", "printing")


def _changes(result, *entities, pid=None):
    assert isinstance(result, Changed)
    assert result.changes == ChangeSet.of(*entities, participant_id=pid)
    return result.value


def test_every_participant_write_says_what_it_changed(services):
    people = services.participants
    p = _changes(people.create(ParticipantDraft(given_name="Ari")), "participant", pid=1)
    pid = p.id
    _changes(people.update(pid, ParticipantDraft(given_name="Ari", family_name="Lowe")),
             "participant", pid=pid)
    assert _changes(people.archive(pid), "participant", pid=pid).archived
    assert not _changes(people.restore(pid), "participant", pid=pid).archived
    s = _changes(people.add_strength(pid, "skills", "Fixes bikes"), "strength", pid=pid)
    _changes(people.update_strength(s.id, "skills", "Fixes bikes for the kids"), "strength",
             pid=pid)
    assert _changes(people.remove_strength(s.id), "strength", pid=pid).id == s.id
    goals = people.set_ndis_goals(pid, ["Make friends"])
    assert isinstance(goals, Changed) and goals.changes.touches("participant", participant_id=pid)
    assert [g.text for g in goals.value] == ["Make friends"]


def test_review_settings_search_and_printing_writes_say_what_they_changed(services):
    pid = services.participants.create(ParticipantDraft(given_name="Ana")).value.id
    review = _changes(services.reviews.start(pid, TODAY), "review", pid=pid)
    again = services.reviews.start(pid, TODAY)  # the same draft: nothing new
    assert again.value.id == review.id and again.changes == ChangeSet()
    data = ReviewInput(review.period_start, review.period_end, summary="Going well")
    _changes(services.reviews.save(review.id, data), "review", pid=pid)
    saved = _changes(services.settings.save_details(PracticeDetails("Saltwater", "Mei")),
                     "practice_settings")
    assert saved.practice_name == "Saltwater"
    _changes(services.search.rebuild(), "search_index")
    preview = services.printing.print_plan(pid, today=TODAY, record=False)
    assert preview.changes == ChangeSet() and preview.value.pages >= 1
    _changes(services.printing.print_plan(pid, today=TODAY), "plan_version", pid=pid)
    draft = services.printing.review_report(pid, review_id=review.id, final=False, today=TODAY)
    assert draft.changes == ChangeSet() and not services.reviews.get(review.id).is_final
    _changes(services.printing.review_report(pid, review_id=review.id, today=TODAY), "review",
             pid=pid)
    assert services.reviews.get(review.id).is_final


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (ParticipantDraft(), "given_name"),
        (ParticipantDraft(given_name="Ari", ndis_number="4312"), "ndis_number"),
        (ParticipantDraft(given_name="Ari", email="ari@"), "email"),
        (ParticipantDraft(given_name="Ari", plan_start=TODAY, plan_end=TODAY.replace(day=1)),
         "plan_end"),
        (ParticipantDraft(given_name="Ari", date_of_birth=TODAY.replace(year=2030)),
         "date_of_birth"),
    ],
)
def test_the_participant_forms_rule_refuses_what_the_service_refuses(services, draft, field):
    assert field in check_draft(draft, TODAY)
    assert field in FIELD_LABELS  # the form has a label (and an error line) for it
    with pytest.raises(ValidationError) as err:
        services.participants.create(draft)
    assert field in err.value.errors


def test_the_other_forms_rules_name_the_field_at_fault():
    assert check_draft(ParticipantDraft(given_name="Ari", ndis_number="431 234-567")) == {}
    assert set(check_strength("skills", "")) == {"text"}
    assert set(check_strength("nonsense", "Kind")) == {"category"}
    assert check_strength("skills", "Kind") == {}
    assert set(check_details(PracticeDetails(abn="123"))) == {"abn"}
    assert check_details(PracticeDetails(abn="12 345 678 901")) == {}
    start = dt.date(2026, 1, 1)
    assert set(check_input(ReviewInput(start, start - dt.timedelta(days=1)))) == {"period_end"}
    assert set(check_input(ReviewInput(start, start, risks_assessed="maybe"))) == {
        "risks_assessed"
    }
    assert check_input(ReviewInput(start, start)) == {}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_the_types_modules_import_no_database_and_no_service(capability):
    for module in _imports(SERVICES / capability / "types.py"):
        assert not module.startswith(
            ("sqlalchemy", "recoverydesk.models", "recoverydesk.store")
        ), module
        assert not module.endswith(".service"), module
