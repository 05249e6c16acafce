"""The WRAP and Recovery Star contracts: every write says exactly what it changed (so the window
publishes that and a tab refreshes once), the forms' rules refuse what the services refuse, and
the types modules the window imports stay free of the database."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from recoverydesk.models import star as star_models
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.star import types as star_types
from recoverydesk.services.star.types import ReadingDraft, check_reading, check_scored
from recoverydesk.services.types import Changed, ChangeSet, ValidationError
from recoverydesk.services.wrap.types import check_item_text, check_review

TODAY = dt.date.today()


@pytest.fixture
def pid(services):
    return services.participants.create(ParticipantDraft(given_name="Tui", family_name="Hale")).value.id


def wrap_changes(pid: int) -> ChangeSet:
    return ChangeSet.of("wrap", participant_id=pid)


def test_every_wrap_write_says_it_changed_this_persons_wrap(services, pid):
    svc = services.wrap
    mai = services.network.add(pid, ContactDraft(name="Mai Hale", kind="family")).value
    writes = [
        lambda: svc.add_item(pid, "daily_well", "Up early"),
        lambda: svc.add_item(pid, "daily_well", "Chatty"),
        lambda: svc.copy_part(pid, "daily_well", "crisis_well"),
    ]
    results = [w() for w in writes]
    first = results[0].value
    results += [
        svc.update_item(first.id, "Up with the sun"),
        svc.move_item(first.id, 1),
        svc.reorder(pid, "daily_well", [first.id, results[1].value.id]),
    ]
    person = svc.add_supporter(pid, mai.id, "Call me")
    results += [
        person,
        svc.update_person_note(person.value.id, "Sit with me"),
        svc.move_person(person.value.id, 0),
        svc.add_not_wanted(pid, name="Uncle Bob"),
        svc.remove_person(person.value.id),
        svc.remove_item(first.id),
        svc.mark_reviewed(pid, TODAY),
        svc.clear(pid),
    ]
    for result in results:
        assert isinstance(result, Changed)
        assert result.changes == wrap_changes(pid)


def test_star_writes_say_what_they_changed(services, pid):
    svc = services.star
    keys = [k for k, _ in svc.domains_for(pid)]
    added = svc.add_reading(pid, ReadingDraft(TODAY, {keys[0]: 4}))
    readings = ChangeSet.of("star_reading", participant_id=pid)
    assert added.changes == readings
    changed = svc.update_reading(added.value.id, ReadingDraft(TODAY, {keys[0]: 6}))
    assert changed.changes == readings and changed.value.scores[keys[0]] == 6
    same = svc.update_reading(added.value.id, ReadingDraft(TODAY, {keys[0]: 6}))
    assert same.changes == ChangeSet()  # nothing changed, nothing to refresh
    copy = svc.copy_template(svc.templates()[0].id, "Our star")
    assert copy.changes == ChangeSet.of("star_template")
    again = svc.save_template(_data(copy.value), copy.value.id)
    assert again.changes == ChangeSet()  # the same wording adds no version


def _data(template) -> dict:
    return json.loads(template.definition.to_json())


def test_the_forms_rules_refuse_what_the_services_refuse(services, pid):
    assert check_item_text("   ") == {"text": "Please write something first."}
    assert check_item_text("x" * 1000) == {}
    assert set(check_item_text("x" * 1001)) == {"text"}
    with pytest.raises(ValidationError) as err:
        services.wrap.add_item(pid, "toolbox", "   ")
    assert err.value.errors == check_item_text("   ")

    problems = check_review(TODAY, TODAY - dt.timedelta(days=1), TODAY)
    with pytest.raises(ValidationError) as err:
        services.wrap.mark_reviewed(pid, TODAY, TODAY - dt.timedelta(days=1))
    assert err.value.errors == problems == {
        "next_review": "The next review date is before the review date."}

    template = services.star.template_for(pid)
    future = ReadingDraft(TODAY + dt.timedelta(days=3), {template.definition.domains[0].key: 4})
    problems = check_reading(future, template.definition, TODAY)
    with pytest.raises(ValidationError) as err:
        services.star.add_reading(pid, future)
    assert err.value.errors == problems and set(problems) == {"taken_on"}
    assert check_scored(ReadingDraft(TODAY, {"work": None})) == {
        "scores": "Score at least one domain before saving."}


def test_the_star_scale_in_the_types_is_the_one_the_database_checks():
    assert (star_types.SCORE_MIN, star_types.SCORE_MAX) == (
        star_models.SCORE_MIN, star_models.SCORE_MAX)


def test_the_types_modules_import_no_database():
    code = ("import sys; import recoverydesk.services.wrap.types, recoverydesk.services.star.types;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'"
            " or m.startswith(('recoverydesk.models', 'recoverydesk.store'))"
            " or m.endswith('.service')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
