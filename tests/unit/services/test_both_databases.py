"""What a practice file (SQLite) and a team practice's server (PostgreSQL) would do differently,
made the same by the services (every test here runs on both, see conftest.py): text longer than
its column, NUL characters, the caseload's read, and the refusals in words."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from recoverydesk.models import Participant
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import ValidationError

UTC = dt.UTC


def robin(services, **kw):
    return services.participants.create(ParticipantDraft(given_name="Robin", **kw)).value


@pytest.mark.parametrize(("field", "value", "label"), [
    ("pronouns", "x" * 41, "Pronouns"),
    ("phone", "0" * 41, "Phone"),
    ("email", "a" * 195 + "@b.com", "Email"),
])
def test_a_participant_value_longer_than_its_column_is_refused_in_words(services, field, value,
                                                                       label):
    with pytest.raises(ValidationError) as refused:
        robin(services, **{field: value})
    assert set(refused.value.errors) == {field}
    assert refused.value.errors[field].startswith(f"{label} is too long")
    assert services.participants.list() == []
    kept = robin(services)
    with pytest.raises(ValidationError):
        services.participants.update(kept.id, dataclasses.replace(kept.to_draft(),
                                                                  **{field: value}))
    assert getattr(services.participants.get(kept.id), field) == ""


def test_the_longest_value_a_column_holds_is_kept_whole(services):
    kept = robin(services, pronouns="p" * 40, phone="0" * 40)
    again = services.participants.get(kept.id)
    assert (again.pronouns, again.phone) == ("p" * 40, "0" * 40)


def test_nul_characters_are_dropped_not_stored_nor_refused(services):
    kept = services.participants.create(ParticipantDraft(given_name="Ro\x00bin",
                                                         family_name="Te\x00ster")).value
    assert services.participants.get(kept.id).full_name == "Robin Tester"
    assert [r.full_name for r in services.participants.list("robin")] == ["Robin Tester"]


def test_contact_resource_and_session_texts_are_checked_the_same_way(services):
    p = robin(services)
    with pytest.raises(ValidationError) as refused:
        services.network.add(p.id, ContactDraft(name="Mai", organisation="o" * 201))
    assert list(refused.value.errors) == ["organisation"]
    with pytest.raises(ValidationError) as refused:
        services.resources.create(ResourceDraft(name="Hub", website="w" * 301))
    assert list(refused.value.errors) == ["website"]
    with pytest.raises(ValidationError) as refused:
        services.sessions.create(p.id, SessionInput(starts_at=dt.datetime.now(UTC),
                                                    tools=("other",), tools_other="t" * 201))
    assert list(refused.value.errors) == ["tools_other"]
    assert services.network.contacts(p.id) == [] and services.resources.list() == []


def test_fit_names_every_field_too_long_and_leaves_the_rest():
    with pytest.raises(ValidationError) as refused:
        fit(Participant, {"given_name": "g" * 101, "phone": "0" * 41, "about": "a" * 10_000},
            {"given_name": "First name"})
    assert refused.value.errors == {
        "given_name": "First name is too long: please keep it to 100 characters or fewer.",
        "phone": "Phone is too long: please keep it to 40 characters or fewer."}
    assert fit(Participant, {"given_name": "A\x00b", "unknown": 1}) == {"given_name": "Ab",
                                                                       "unknown": 1}


def test_a_write_the_services_did_not_check_is_refused_in_words_on_a_server(store, database):
    """The net under the services' own checks (practice/errors.py): PostgreSQL's refusal of a
    too-long value reaches the caller as a ValidationError; a practice file keeps the value."""
    from recoverydesk.services.container import Services

    Services(store)  # hands the store its translation of troubles into words
    try:
        with store.unit_of_work() as s:
            s.add(Participant(given_name="g" * 101))
    except ValidationError as refused:
        assert database == "postgresql"
        assert "longer than the practice keeps" in str(refused)
    else:
        assert database == "sqlite"


def test_the_caseload_reads_the_same_on_both(services):
    p = services.participants
    kiri = p.create(ParticipantDraft(given_name="Kiri", family_name="Waititi",
                                     ndis_number="431234567", status="paused",
                                     plan_end=dt.date(2027, 1, 31))).value
    p.create(ParticipantDraft(given_name="Ana", family_name="Silva", preferred_name="Nina"))
    p.set_archived(kiri.id, True)
    rows = p.list(include_archived=True)
    assert [(r.display_name, r.status, r.archived, r.plan_end) for r in rows] == [
        ("Kiri Waititi", "paused", True, dt.date(2027, 1, 31)),
        ("Nina Silva", "active", False, None)]
    assert all(type(r.status) is str for r in rows)
    assert [r.display_name for r in p.list()] == ["Nina Silva"]
    assert [r.display_name for r in p.list("431 234", include_archived=True)] == ["Kiri Waititi"]
    assert p.list(status="paused") == [] and p.list(status="paused", include_archived=True) == [
        rows[0]]


def test_rows_that_tie_keep_one_order_even_after_an_edit_moves_them_on_disk(services):
    """PostgreSQL returns rows in no promised order (an updated row usually comes back last);
    lists that sort on a value two rows can share break the tie by age."""
    first, second = robin(services), robin(services)
    services.participants.update(first.id, dataclasses.replace(first.to_draft(), phone="1"))
    assert [r.id for r in services.participants.list()] == [first.id, second.id]
    when = dt.datetime(2026, 3, 2, 10, tzinfo=UTC)
    a, b = (services.sessions.create(first.id, SessionInput(starts_at=when)).value
            for _ in range(2))
    services.sessions.update(a.id, SessionInput(starts_at=when, talked_about="edited"))
    day = (when - dt.timedelta(hours=1), when + dt.timedelta(hours=1))
    assert [x.id for x in services.sessions.between(*day)] == [a.id, b.id]
    assert [x.id for x in services.sessions.sessions(first.id)] == [b.id, a.id]  # newest first


def test_nul_characters_are_dropped_from_goals_steps_and_wrap_items(services):
    from recoverydesk.services.goals.types import GoalDraft, StepDraft

    p = robin(services)
    goal = services.goals.create(p.id, GoalDraft(title="Swim\x00 weekly",
                                                 specific="At the\x00 pool")).value
    step = services.goals.add_step(goal.id, StepDraft(text="Buy\x00 goggles")).value
    item = services.wrap.add_item(p.id, "toolbox", "Walk\x00 the dog").value
    again = services.goals.get(goal.id)
    assert (again.title, again.specific, step.text, item.text) == (
        "Swim weekly", "At the pool", "Buy goggles", "Walk the dog")


def test_a_plan_managers_details_longer_than_kept_are_refused_in_words(services):
    from recoverydesk.services.claims.types import FundingSetup

    p = robin(services)
    with pytest.raises(ValidationError) as refused:
        services.claims.save_funding_setup(p.id, FundingSetup(
            "plan", manager_name="Plan Partners", manager_phone="0" * 41))
    assert refused.value.errors == {
        "manager_phone": "Plan manager's phone is too long: please keep it to 40 characters or "
                         "fewer."}
    saved = services.claims.save_funding_setup(p.id, FundingSetup(
        "plan", manager_name="Plan\x00 Partners")).value
    assert saved.manager_name == "Plan Partners"


def test_an_invoice_prefix_that_would_not_fit_an_invoice_number_is_refused(services):
    details = services.claims.details()
    with pytest.raises(ValidationError) as refused:
        services.claims.save_details(dataclasses.replace(details, invoice_prefix="P" * 21))
    assert list(refused.value.errors) == ["invoice_prefix"]
    saved = services.claims.save_details(dataclasses.replace(details, invoice_prefix="P" * 20))
    assert saved.value.invoice_prefix == "P" * 20


def test_a_person_not_wanted_in_a_crisis_is_named_within_what_is_kept(services):
    p = robin(services)
    with pytest.raises(ValidationError) as refused:
        services.wrap.add_not_wanted(p.id, name="N" * 201)
    assert refused.value.errors == {
        "name": "Name is too long: please keep it to 200 characters or fewer."}
    kept = services.wrap.add_not_wanted(p.id, name="Uncle\x00 Bob").value
    assert kept.name == "Uncle Bob"


def test_after_an_import_kept_ids_new_records_get_ids_past_them(services, empty_store):
    """The import writes every id as exported; on PostgreSQL the id sequences must then be moved
    past them (a file's SQLite picks max(id) + 1 by itself), or the next record collides."""
    from recoverydesk.services.container import Services
    from recoverydesk.services.practice.transfer import IOService

    first, second = robin(services), robin(services, family_name="Two")
    services.network.add(first.id, ContactDraft(name="Mai"))
    IOService(empty_store).import_data(IOService(services._store).export_data())
    imported = Services(empty_store)
    third = imported.participants.create(ParticipantDraft(given_name="Tui")).value
    contact = imported.network.add(third.id, ContactDraft(name="Ana")).value
    assert third.id > second.id and contact.participant_id == third.id
    assert [r.id for r in imported.participants.list()] == [first.id, second.id, third.id]
