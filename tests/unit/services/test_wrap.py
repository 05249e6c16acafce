import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text, update

from recoverydesk.models.wrap import WrapVersion
from recoverydesk.services import overview
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import ValidationError
from recoverydesk.services.wrap.glance import summary
from recoverydesk.services.wrap.types import ITEM_PARTS, NOT_WANTED, SECTIONS, SUPPORTERS

TODAY = dt.date.today()


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Joseph", family_name="Nguyen", preferred_name="Joe")
    ).value.id


def contact(services, pid, name="Mai Nguyen", phone="0491 570 110", **kw):
    draft = ContactDraft(name=name, kind="family", relationship_text="Sister", phone=phone, **kw)
    return services.network.add(pid, draft).value


def test_wrap_every_section_and_part_from_the_issue_is_there(services, pid):
    wrap = services.wrap.get(pid)
    assert [s.title for s in wrap.sections] == [
        "Wellness Toolbox",
        "Daily Maintenance Plan",
        "Triggers",
        "Early Warning Signs",
        "When Things Are Breaking Down",
        "Crisis Plan",
        "Post-Crisis Plan",
    ]
    crisis = wrap.sections[5]
    assert len(crisis.parts) == 13
    assert wrap.sections[1].completeness == "0 of 3 parts started"
    assert wrap.percent == 0 and wrap.last_reviewed is None


@pytest.mark.parametrize("part", sorted(ITEM_PARTS))
def test_wrap_each_part_stores_its_items_in_order(services, pid, part):
    a = services.wrap.add_item(pid, part, "  First   thing ").value
    services.wrap.add_item(pid, part, "Second thing")
    services.wrap.add_item(pid, part, "Before everything", position=0)
    wrap = services.wrap.get(pid)
    assert [i.text for i in wrap.part(part).items] == [
        "Before everything",
        "First thing",
        "Second thing",
    ]
    assert a.text == "First thing"
    others = [p for s in wrap.sections for p in s.parts if p.key != part]
    assert all(not p.items for p in others)  # stored in its own part only


def test_wrap_items_move_by_keyboard_and_by_drag_order(services, pid):
    ids = [services.wrap.add_item(pid, "toolbox", t).value.id for t in ("walk", "music", "journal")]
    services.wrap.move_item(ids[2], 0)
    assert [i.text for i in services.wrap.get(pid).part("toolbox").items] == [
        "journal",
        "walk",
        "music",
    ]
    services.wrap.move_item(ids[2], 99)  # clamped to the end
    assert [i.id for i in services.wrap.get(pid).part("toolbox").items] == ids
    services.wrap.reorder(pid, "toolbox", [ids[1], ids[2], ids[0]])
    items = services.wrap.get(pid).part("toolbox").items
    assert [i.text for i in items] == ["music", "journal", "walk"]
    assert [i.position for i in items] == [0, 1, 2]
    with pytest.raises(ValidationError):
        services.wrap.reorder(pid, "toolbox", ids[:2])


def test_wrap_item_edit_remove_and_blank_text(services, pid):
    item = services.wrap.add_item(pid, "triggers", "Loud places").value
    services.wrap.add_item(pid, "triggers", "Money worries")
    services.wrap.update_item(item.id, "Loud, crowded places")
    removed = services.wrap.remove_item(item.id).value
    assert removed.text == "Loud, crowded places"
    items = services.wrap.get(pid).part("triggers").items
    assert [(i.text, i.position) for i in items] == [("Money worries", 0)]
    with pytest.raises(ValidationError):
        services.wrap.add_item(pid, "triggers", "   ")
    with pytest.raises(ValidationError):
        services.wrap.add_item(pid, "not_a_part", "x")


def test_wrap_supporter_link_survives_a_contact_edit(services, pid):
    mai = contact(services, pid)
    services.wrap.add_supporter(pid, mai.id, "Stay with me and call my GP")
    changed = dataclasses.replace(mai.to_draft(), name="Mai Tran", phone="0491 570 999")
    services.network.update(mai.id, changed)
    people = services.wrap.get(pid).part(SUPPORTERS).people
    assert [(p.name, p.phone, p.role, p.note) for p in people] == [
        ("Mai Tran", "0491 570 999", "Sister", "Stay with me and call my GP")
    ]
    card = services.wrap.crisis_card(pid)
    assert [(s.name, s.phone) for s in card.supporters] == [("Mai Tran", "0491 570 999")]


def test_wrap_not_wanted_never_appears_as_supporter(services, pid):
    dad = contact(services, pid, name="Kevin Nguyen")
    mai = contact(services, pid, name="Mai Nguyen")
    services.wrap.add_not_wanted(pid, dad.id, note="We argue and it makes things worse")
    with pytest.raises(ValidationError) as err:
        services.wrap.add_supporter(pid, dad.id)
    assert "not to involve" in str(err.value)
    services.wrap.add_supporter(pid, mai.id)
    with pytest.raises(ValidationError):
        services.wrap.add_not_wanted(pid, mai.id)
    services.wrap.add_not_wanted(pid, name="My ex-partner")
    wrap = services.wrap.get(pid)
    assert [p.name for p in wrap.part(SUPPORTERS).people] == ["Mai Nguyen"]
    assert [p.name for p in wrap.part(NOT_WANTED).people] == ["Kevin Nguyen", "My ex-partner"]
    card = services.wrap.crisis_card(pid)
    assert [s.name for s in card.supporters] == ["Mai Nguyen"]
    assert "Kevin Nguyen" in card.not_involved
    candidates = [name for _id, name, _role in services.wrap.candidate_contacts(pid)]
    assert "Kevin Nguyen" not in candidates and "Mai Nguyen" not in candidates


def test_wrap_typed_not_wanted_name_of_a_contact_links_to_that_contact(services, pid):
    dad = contact(services, pid, name="Kevin Nguyen")
    row = services.wrap.add_not_wanted(pid, name="  kevin   nguyen ").value
    assert row.contact_id == dad.id and row.name == "Kevin Nguyen"
    with pytest.raises(ValidationError) as err:
        services.wrap.add_supporter(pid, dad.id)
    assert "not to involve" in str(err.value)
    assert services.wrap.crisis_card(pid).supporters == ()


def test_wrap_contact_added_later_with_a_typed_not_wanted_name_cant_be_a_supporter(
    services, pid
):
    services.wrap.add_not_wanted(pid, name="Darren Cole", note="My ex")
    darren = contact(services, pid, name="Darren Cole")
    with pytest.raises(ValidationError) as err:
        services.wrap.add_supporter(pid, darren.id)
    assert "not to involve" in str(err.value)
    assert [p.name for p in services.wrap.get(pid).part(SUPPORTERS).people] == []


def test_wrap_supporter_renamed_to_a_not_wanted_name_leaves_the_crisis_card(services, pid):
    services.wrap.add_not_wanted(pid, name="Darren Cole")
    friend = contact(services, pid, name="Daz")
    services.wrap.add_supporter(pid, friend.id)
    assert [s.name for s in services.wrap.crisis_card(pid).supporters] == ["Daz"]
    services.network.update(
        friend.id, ContactDraft(name="Darren Cole", kind="friend", phone="0491 570 110")
    )
    card = services.wrap.crisis_card(pid)
    assert card.supporters == () and "Darren Cole" in card.not_involved


def test_wrap_supporter_must_come_from_this_participants_network(services, pid):
    other = services.participants.create(ParticipantDraft(given_name="Ana")).value.id
    stranger = contact(services, other, name="Someone Else")
    with pytest.raises(ValidationError):
        services.wrap.add_supporter(pid, stranger.id)


def test_wrap_people_reorder_and_remove(services, pid):
    a, b = contact(services, pid, name="A Person"), contact(services, pid, name="B Person")
    sa = services.wrap.add_supporter(pid, a.id).value
    sb = services.wrap.add_supporter(pid, b.id).value
    services.wrap.move_person(sb.id, 0)
    assert [p.name for p in services.wrap.get(pid).part(SUPPORTERS).people] == [
        "B Person",
        "A Person",
    ]
    services.wrap.remove_person(sa.id)
    assert [p.id for p in services.wrap.get(pid).part(SUPPORTERS).people] == [sb.id]


def test_wrap_completeness_per_section_and_overall(services, pid):
    services.wrap.add_item(pid, "daily_well", "Chatty")
    services.wrap.add_item(pid, "daily_every", "Breakfast")
    services.wrap.add_item(pid, "toolbox", "Walk the dog")
    wrap = services.wrap.get(pid)
    assert wrap.sections[1].completeness == "2 of 3 parts started"
    assert wrap.sections[0].completeness == "Started"
    total = sum(len(s.parts) for s in SECTIONS)
    assert wrap.started_parts == 3 and wrap.total_parts == total
    assert wrap.percent == round(300 / total)


def test_wrap_crisis_card_gathers_the_crisis_plan(services, pid):
    for part, t in [
        ("crisis_signs", "Not eating for days"),
        ("crisis_helps", "Sit with me quietly"),
        ("crisis_not_helpful", "Arguing with me"),
        ("crisis_treatments_avoid", "Being restrained"),
        ("crisis_medications", "Allergic to penicillin"),
        ("crisis_facilities_preferred", "Seaview Hospital"),
        ("crisis_facilities_avoid", "Northgate clinic"),
    ]:
        services.wrap.add_item(pid, part, t)
    card = services.wrap.crisis_card(pid)
    assert card.preferred_name == "Joe"
    assert card.warning_signs == ("Not eating for days",)
    assert card.what_helps == ("Sit with me quietly",)
    assert card.what_to_avoid == ("Arguing with me", "Being restrained")
    assert card.medications == ("Allergic to penicillin",)
    assert card.preferred_facilities == ("Seaview Hospital",)
    assert card.unwanted_facilities == ("Northgate clinic",)


def test_wrap_review_keeps_immutable_snapshots(services, store, pid):
    services.wrap.add_item(pid, "toolbox", "Swim at the beach")
    first = services.wrap.mark_reviewed(pid, TODAY, note="Reviewed together").value
    services.wrap.add_item(pid, "toolbox", "Call Mai")
    second = services.wrap.mark_reviewed(pid, TODAY).value
    assert (first.number, second.number) == (1, 2)
    versions = services.wrap.versions(pid)
    assert [v.number for v in versions] == [2, 1]
    old = services.wrap.version(first.id).content
    tools = [p for s in old["sections"] for p in s["parts"] if p["key"] == "toolbox"][0]
    assert tools["items"] == ["Swim at the beach"]  # later edits don't reach the snapshot
    wrap = services.wrap.get(pid)
    assert wrap.last_reviewed == TODAY and wrap.version_count == 2
    assert wrap.next_review > TODAY
    with store.unit_of_work() as s, pytest.raises(Exception, match="never changes"):
        s.execute(update(WrapVersion).where(WrapVersion.id == first.id).values(note="x"))
    with store.unit_of_work() as s, pytest.raises(Exception, match="never changes"):
        s.execute(text("UPDATE wrap_versions SET content = '{}'"))
    assert services.wrap.version(first.id).note == "Reviewed together"


def test_wrap_review_dates_are_checked(services, pid):
    with pytest.raises(ValidationError):
        services.wrap.mark_reviewed(pid, TODAY, next_review=TODAY - dt.timedelta(days=1))


def test_wrap_reviews_due_practice_wide(services, pid):
    other = services.participants.create(ParticipantDraft(given_name="Ana")).value.id
    services.wrap.mark_reviewed(pid, TODAY - dt.timedelta(days=200))
    services.wrap.mark_reviewed(other, TODAY, next_review=TODAY + dt.timedelta(days=90))
    due = services.wrap.reviews_due(TODAY)
    assert [(d.display_name, d.overdue) for d in due] == [("Joe Nguyen", True)]
    assert len(services.wrap.reviews_due(TODAY, within_days=120)) == 2


def test_wrap_overview_line(services, pid):
    assert any("No WRAP yet" in line.text for line in services.overview.lines(pid))
    services.wrap.add_item(pid, "toolbox", "Walk")
    line = next(x for x in services.overview.lines(pid) if x.heading == "WRAP")
    assert "% complete" in line.text and "Not reviewed yet" in line.text and line.page == "wrap"
    assert any(
        p.__name__ == "overview_lines" and "wrap" in p.__module__ for p in overview.GLANCES
    )


def test_wrap_summary_for_plan_snapshots(services, store, pid):
    mai = contact(services, pid)
    services.wrap.add_supporter(pid, mai.id)
    services.wrap.add_item(pid, "toolbox", "Walk")
    with store.read() as s:
        data = summary(s, pid)
    assert data["wellness_tools"] == ["Walk"]
    assert data["supporters"][0]["phone"] == "0491 570 110"


def test_wrap_ideas_are_offered_per_part(services):
    assert "Go for a walk by the water" in services.wrap.ideas("toolbox")
    assert services.wrap.ideas(SUPPORTERS) == ()


def test_wrap_copy_part_appends_without_duplicates(services, pid):
    services.wrap.add_item(pid, "daily_well", "Chatty")
    services.wrap.add_item(pid, "daily_well", "Up early")
    services.wrap.add_item(pid, "crisis_well", "up early")
    assert services.wrap.copy_part(pid, "daily_well", "crisis_well").value == 1
    items = services.wrap.get(pid).part("crisis_well").items
    assert [(i.text, i.position) for i in items] == [("up early", 0), ("Chatty", 1)]


def test_wrap_summary_is_in_every_recovery_plan_snapshot(services, pid):
    services.wrap.add_item(pid, "toolbox", "Swim")
    version = services.plans.agree(pid, TODAY + dt.timedelta(days=90)).value
    assert version.content["parts"]["wrap"]["wellness_tools"] == ["Swim"]


def test_wrap_overview_counts_agree_with_the_whole_plan(services, pid):
    services.wrap.add_item(pid, "toolbox", "Walk on the beach")
    services.wrap.add_item(pid, "toolbox", "Call Mai")
    services.wrap.add_item(pid, sorted(ITEM_PARTS - {"toolbox"})[0], "Something else")
    services.wrap.add_supporter(pid, contact(services, pid).id)
    services.wrap.add_not_wanted(pid, name="Uncle Bob")
    wrap = services.wrap.get(pid)
    line = next(x for x in services.overview.lines(pid) if x.heading == "WRAP")
    assert wrap.started_parts == 4
    assert line.text.startswith(
        f"WRAP {wrap.percent}% complete ({wrap.started_parts} of {wrap.total_parts} parts).")


def test_the_tab_is_the_wrap_and_its_candidates(services, pid):
    """``tab`` (one read for the WRAP tab) agrees with get and candidate_contacts: no plan yet,
    then items, a supporter, an archived contact on a list, a typed-in name and a review."""
    def same():
        tab = services.wrap.tab(pid)
        assert tab.wrap == services.wrap.get(pid)
        assert tab.candidates == services.wrap.candidate_contacts(pid)

    same()
    mai = contact(services, pid)
    contact(services, pid, name="Aunty Rose", phone="")
    gone = contact(services, pid, name="Old mate")
    same()
    services.wrap.add_item(pid, "toolbox", "Walk on the beach")
    services.wrap.add_item(pid, "triggers", "Loud places")
    services.wrap.add_supporter(pid, mai.id, "Ring me")
    services.wrap.add_not_wanted(pid, gone.id, note="Not now")
    services.network.set_archived(gone.id, True)
    services.wrap.add_not_wanted(pid, name="Cousin Ray")
    same()
    services.wrap.mark_reviewed(pid, dt.date.today())
    same()
    assert [c[1] for c in services.wrap.tab(pid).candidates] == ["Aunty Rose"]
