import datetime as dt

import pytest

from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import ValidationError

TODAY = dt.date.today()


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Zoë", family_name="Hartley", preferred_name="Zo")
    ).value.id


def add(services, pid, **kw):
    base = {"name": "Aunty Rose", "kind": "family", "relationship_text": "Aunt"}
    base.update(kw)
    return services.network.add(pid, ContactDraft(**base)).value


def test_contact_is_added_cleaned_and_listed(services, pid):
    c = add(
        services,
        pid,
        name="  Aunty Rose ",
        email="rose@example.org",
        closeness=3,
        emergency_contact=True,
    )
    assert c.name == "Aunty Rose" and c.kind_label == "Family" and c.role == "Aunt"
    assert [x.id for x in services.network.contacts(pid)] == [c.id]
    assert not c.consent_to_share and c.consent_summary == "No consent to share information"


def test_consent_expiry_is_flagged_from_the_day_after_it_expires(services, pid):
    given = TODAY - dt.timedelta(days=400)
    c = add(
        services,
        pid,
        consent_to_share=True,
        consent_scope="Appointments and medication",
        consent_given_on=given,
        consent_expires=TODAY - dt.timedelta(days=1),
    )
    assert c.consent_expired and not c.may_share
    assert "expired" in c.consent_summary.lower()
    # On the expiry day itself consent still holds.
    on_day = services.network.get(c.id, today=TODAY - dt.timedelta(days=1))
    assert not on_day.consent_expired and on_day.may_share
    assert [x.id for x in services.network.expired_consent(pid)] == [c.id]


def test_consent_expiring_soon_and_renewal_clears_the_flag(services, pid):
    c = add(
        services,
        pid,
        consent_to_share=True,
        consent_given_on=TODAY - dt.timedelta(days=300),
        consent_expires=TODAY - dt.timedelta(days=3),
    )
    assert c.consent_expired
    renewed = services.network.renew_consent(c.id, TODAY, TODAY + dt.timedelta(days=20)).value
    assert not renewed.consent_expired and renewed.consent_expiring_soon
    assert renewed.consent_scope == c.consent_scope


def test_no_consent_means_no_expiry_flag_and_no_dates_kept(services, pid):
    c = add(
        services,
        pid,
        consent_to_share=False,
        consent_given_on=TODAY - dt.timedelta(days=9),
        consent_expires=TODAY - dt.timedelta(days=2),
        consent_scope="everything",
    )
    assert not c.consent_expired
    assert c.consent_given_on is None and c.consent_expires is None and c.consent_scope == ""


def test_consent_needs_a_date_and_cannot_expire_before_it_was_given(services, pid):
    with pytest.raises(ValidationError) as err:
        add(services, pid, consent_to_share=True, consent_given_on=None)
    assert "consent_given_on" in err.value.errors
    with pytest.raises(ValidationError) as err:
        add(
            services,
            pid,
            consent_to_share=True,
            consent_given_on=TODAY,
            consent_expires=TODAY - dt.timedelta(days=1),
        )
    assert "before" in err.value.errors["consent_expires"]


def test_every_problem_is_reported_at_once(services, pid):
    with pytest.raises(ValidationError) as err:
        add(services, pid, name=" ", email="not-an-email", closeness=7, kind="cousin")
    assert set(err.value.errors) == {"name", "email", "closeness", "kind"}


def test_archived_contacts_leave_the_network_but_are_kept(services, pid):
    c = add(services, pid)
    services.network.set_archived(c.id, True)
    assert services.network.contacts(pid) == []
    kept = services.network.contacts(pid, include_archived=True)
    assert [x.id for x in kept] == [c.id] and kept[0].archived
    services.network.set_archived(c.id, False)
    assert len(services.network.contacts(pid)) == 1


def test_update_changes_fields(services, pid):
    c = add(services, pid)
    from dataclasses import replace

    updated = services.network.update(c.id, replace(c.to_draft(), closeness=1, strained=True)).value
    assert updated.closeness == 1 and updated.strained


def test_emergency_contacts_come_first(services, pid):
    add(services, pid, name="Ann", closeness=3)
    e = add(services, pid, name="Zed", emergency_contact=True, closeness=1)
    assert services.network.contacts(pid)[0].id == e.id


def test_ecomap_data_groups_people_and_services(services, pid):
    add(services, pid, name="Aunty Rose", kind="family", closeness=3, emergency_contact=True)
    add(
        services,
        pid,
        name="Dr Sharma",
        kind="gp",
        formal=True,
        consent_to_share=True,
        consent_given_on=TODAY - dt.timedelta(days=500),
        consent_expires=TODAY - dt.timedelta(days=10),
    )
    add(services, pid, name="Jess", kind="friend", closeness=1, strained=True)
    data = services.network.ecomap_data(pid)
    assert data.centre_label == "Zo"
    by_label = {n.label: n for n in data.nodes}
    assert by_label["Aunty Rose"].group == "family" and by_label["Aunty Rose"].emergency
    assert by_label["Dr Sharma"].group == "health" and by_label["Dr Sharma"].consent_expired
    assert by_label["Jess"].strained and by_label["Jess"].closeness == 1
    assert [n.group for n in data.nodes] == ["family", "friends", "health"]


def test_overview_lines_count_supporters_and_flag_expired_consent(services, pid):
    first = {line.heading: line for line in services.overview.lines(pid)}
    assert "No one noted yet" in first["Support network"].text
    add(services, pid, name="Aunty Rose", emergency_contact=True)
    add(
        services,
        pid,
        name="Dr Sharma",
        kind="gp",
        formal=True,
        consent_to_share=True,
        consent_given_on=TODAY - dt.timedelta(days=500),
        consent_expires=TODAY - dt.timedelta(days=10),
    )
    lines = {line.heading: line for line in services.overview.lines(pid)}
    assert "2 in the network" in lines["Support network"].text
    assert "Emergency contact: Aunty Rose" in lines["Support network"].text
    assert lines["Consent to share"].attention and "Dr Sharma" in lines["Consent to share"].text


def test_the_tab_is_what_its_separate_reads_give(services, pid):
    """``tab`` (one read for the Network tab) agrees with contacts, the referrals, the goal
    titles and ecomap_data; its eco-map is drawn from what it read, archived people left out."""
    from recoverydesk.services.goals.types import GoalDraft
    from recoverydesk.services.resources.types import ResourceDraft

    def same(include_archived=False):
        tab = services.network.tab(pid, include_archived, today=TODAY)
        assert tab.contacts == services.network.contacts(pid, include_archived, today=TODAY)
        assert tab.referrals == services.referrals.of(pid)
        assert tab.goals == services.goals.titles(pid)
        assert tab.ecomap == services.network.ecomap_data(pid, today=TODAY)

    same()
    add(services, pid, name="Aunty Rose", closeness=3, emergency_contact=True)
    gone = add(services, pid, name="Old mate", kind="friend")
    services.network.set_archived(gone.id, True)
    services.goals.create(pid, GoalDraft(title="A place of my own"))

    def place(name, category):
        return services.resources.create(ResourceDraft(name=name, category=category)).value

    for name, category, status in [("Seaview Housing Hub", "housing", "contacted"),
                                   ("Beach Walkers", "recreation", "attending"),
                                   ("Beach Walkers", "health", "contacted"),
                                   ("Men's Shed", "peer_support", "suggested")]:
        services.referrals.refer(pid, place(name, category).id, TODAY - dt.timedelta(days=9),
                                 status=status)
    same()
    same(include_archived=True)
    labels = [n.label for n in services.network.tab(pid, today=TODAY).ecomap.nodes]
    assert "Old mate" not in labels and labels.count("Beach Walkers") == 1
