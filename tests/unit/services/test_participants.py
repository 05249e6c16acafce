import datetime as dt

import pytest
from sqlalchemy import select

from recoverydesk.models import AuditEvent
from recoverydesk.services.participants.types import ParticipantDraft, display_name
from recoverydesk.services.types import AmbiguousError, NotFoundError, ValidationError


def make(services, **kw):
    base = {"given_name": "Robin", "family_name": "Tester"}
    base.update(kw)
    return services.participants.create(ParticipantDraft(**base)).value


def audit_actions(store, pid):
    with store.read() as s:
        return [e.action for e in s.scalars(
            select(AuditEvent).where(AuditEvent.participant_id == pid).order_by(AuditEvent.id))]


def test_create_cleans_input_and_audits(services, store):
    p = make(services, given_name="  Robin ", ndis_number="431 234 567", preferred_name="Rob")
    assert p.given_name == "Robin"
    assert p.ndis_number == "431234567"
    assert p.display_name == "Rob Tester"
    assert p.status == "active" and not p.archived
    assert audit_actions(store, p.id) == ["participant.created"]


@pytest.mark.parametrize("ndis", ["12345678", "1234567890", "43123456x", "abc"])
def test_ndis_number_must_be_nine_digits(services, ndis):
    with pytest.raises(ValidationError) as err:
        make(services, ndis_number=ndis)
    assert "9 digits" in err.value.errors["ndis_number"]


def test_every_problem_is_reported_at_once(services):
    with pytest.raises(ValidationError) as err:
        services.participants.create(ParticipantDraft(
            given_name="", plan_start=dt.date(2026, 5, 1), plan_end=dt.date(2026, 1, 1),
            email="not-an-email", date_of_birth=dt.date.today() + dt.timedelta(days=3)))
    assert set(err.value.errors) == {"given_name", "plan_end", "email", "date_of_birth"}
    assert "before the plan start" in err.value.errors["plan_end"]


def test_duplicate_ndis_number_refused(services):
    make(services, ndis_number="431234567")
    with pytest.raises(ValidationError) as err:
        make(services, given_name="Other", ndis_number="431234567")
    assert "already belongs to a participant in the practice" in str(err.value)


def test_update_records_changed_fields_only(services, store):
    p = make(services)
    draft = p.to_draft()
    updated = services.participants.update(p.id, ParticipantDraft(
        **{**draft.__dict__, "pronouns": "they/them", "phone": "0400 000 000"})).value
    assert updated.pronouns == "they/them"
    with store.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "participant.updated")).one()
        assert set(event.detail.split(",")) == {"pronouns", "phone"}


def test_archive_hides_from_caseload_and_restore_brings_back(services, store):
    keep = make(services, given_name="Alex")
    gone = make(services, given_name="Sam")
    services.participants.archive(gone.id)
    assert [r.id for r in services.participants.list()] == [keep.id]
    assert {r.id for r in services.participants.list(include_archived=True)} == {keep.id, gone.id}
    services.participants.restore(gone.id)
    assert {r.id for r in services.participants.list()} == {keep.id, gone.id}
    assert audit_actions(store, gone.id) == ["participant.created", "participant.archived",
                                             "participant.restored"]


def test_list_filters_by_text_and_status(services):
    make(services, given_name="Zoë", family_name="Hartley")
    make(services, given_name="Minh", family_name="Nguyễn", status="paused")
    assert [r.display_name for r in services.participants.list("hart")] == ["Zoë Hartley"]
    assert [r.display_name for r in services.participants.list(status="paused")] == [
        "Minh Nguyễn"]
    assert services.participants.count() == {"active": 1, "paused": 1, "exited": 0}


def test_strengths_add_edit_remove(services, store):
    p = make(services)
    s1 = services.participants.add_strength(p.id, "skills", "Great cook").value
    services.participants.add_strength(p.id, "interests", "Swimming")
    services.participants.update_strength(s1.id, "skills", "Great cook, loves baking")
    removed = services.participants.remove_strength(s1.id).value
    assert removed.text == "Great cook, loves baking"
    assert [s.text for s in services.participants.get(p.id).strengths] == ["Swimming"]
    with pytest.raises(ValidationError):
        services.participants.add_strength(p.id, "skills", "   ")
    assert "strength.removed" in audit_actions(store, p.id)


def test_resolve_by_id_and_name(services):
    a = make(services, given_name="Priya", family_name="Raman")
    make(services, given_name="Priyanka", family_name="Raman")
    assert services.participants.resolve(str(a.id)).id == a.id
    assert services.participants.resolve("Priya Raman").id == a.id
    with pytest.raises(AmbiguousError):
        services.participants.resolve("Raman")
    with pytest.raises(NotFoundError):
        services.participants.resolve("Nobody")


def test_check_constraint_backs_up_service_validation(store):
    from sqlalchemy.exc import IntegrityError

    from recoverydesk.models import Participant

    with pytest.raises(IntegrityError), store.unit_of_work() as s:
        s.add(Participant(given_name="X", ndis_number="12345"))


def test_display_name_prefers_preferred_name():
    assert display_name("Margaret", "Sullivan", "Maggie") == "Maggie Sullivan"
    assert display_name("Margaret", "Sullivan", " ") == "Margaret Sullivan"
