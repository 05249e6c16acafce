"""The demo's support networks, resource directory, referrals and plan-review drafts
(``demo``: tests/unit/services/conftest.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from recoverydesk.demo import generate_demo
from recoverydesk.demo.people import PROFILES
from recoverydesk.services.container import Services
from recoverydesk.services.practice.transfer import IOService
from recoverydesk.store.migrate import create_practice
from recoverydesk.store.session import Store

TODAY = dt.date(2026, 11, 2)


def test_the_directory_has_thirty_plus_local_services_with_every_field(demo):
    resources = demo.resources.list()
    assert len(resources) >= 30
    assert len({r.category for r in resources}) == 10  # every category is represented
    for r in resources:
        assert r.name and r.offers and r.phone and r.address and r.opening_hours, r.name
        assert r.eligibility and r.cost and r.tags and r.last_checked, r.name


def test_every_participant_has_a_network_with_someone_to_call(demo):
    for p in demo.participants.list(include_archived=True):
        contacts = demo.network.contacts(p.id, today=TODAY)
        assert len(contacts) >= 3, p.display_name
        assert any(c.emergency_contact for c in contacts), p.display_name
        assert any(c.formal for c in contacts) and any(not c.formal for c in contacts)
    expired = [
        c
        for p in demo.participants.list(include_archived=True)
        for c in demo.network.contacts(p.id, today=TODAY)
        if c.consent_expired
    ]
    assert expired, "the demo shows what expired consent looks like"


def test_referrals_have_outcomes_and_a_kept_history(demo):
    referrals = [
        r
        for p in demo.participants.list(include_archived=True)
        for r in demo.referrals.of(p.id)
    ]
    assert len(referrals) >= 14
    assert {r.status for r in referrals} >= {"attending", "declined", "closed"}
    assert sum(1 for r in referrals if r.outcome) >= len(referrals) // 2
    assert any(len(r.history) >= 3 for r in referrals)
    for r in referrals:
        assert r.history and r.history[-1].status == r.status


def test_the_first_active_people_have_a_review_draft_in_the_coachs_words(demo):
    drafts = [
        d
        for p in demo.participants.list()
        if p.status == "active"
        for d in demo.reviews.drafts(p.id)
    ]
    assert len(drafts) >= 5
    for d in drafts:
        assert not d.is_final and d.period_end == TODAY
        assert d.summary and d.barriers_strategies and d.risks and d.recommendations


# What a story person's "about" and strengths say -> who their network must hold for it.
MENTIONS = {
    r"\bsister\b": "sister",
    r"\bbrother\b": "brother",
    r"\b(her|his|their) mum\b": "mother",  # not "Mum of two teenagers"
    r"\bcousin\b": "cousin",
    r"\baunties\b": "aunt",
    r"\bdaughter\b": "daughter",
    r"\bteenagers\b": "son",
    r"\bnephews\b": "nephews",
    r"\bneighbour\b": "neighbour",
    r"\bbandmate\b": "bandmate",
    r"\bhead chef\b": "head chef",
    r"\bteam mates\b": "team mate",
    r"\bfriend from her old job\b": "old job",
    r"\bstaff\b": "key worker",
    r"\bresidents\b": "housemate",
    r"\bfamily\b": "",  # any relative
}


@pytest.fixture(scope="module")
def story_caseload(tmp_path_factory):
    """Every story person (PROFILES), in a practice of their own."""
    path = tmp_path_factory.mktemp("stories") / "stories.rdk"
    create_practice(path)
    store = Store(path)
    generate_demo(store, participants=len(PROFILES), years=1, seed=3, today=TODAY)
    services = Services(store)
    services.export = IOService(store).export_data()  # the whole practice, for reading
    yield services
    store.close()


def test_each_story_persons_network_holds_the_people_their_story_mentions(story_caseload):
    svc = story_caseload
    people = {(r.full_name): r.id for r in svc.participants.list(include_archived=True)}
    checked = 0
    for profile in PROFILES:
        contacts = svc.network.contacts(people[f"{profile.given} {profile.family}"], today=TODAY)
        story = " ".join([profile.about, *(text for _cat, text in profile.strengths)]).lower()
        for pattern, relation in MENTIONS.items():
            if not re.search(pattern, story):
                continue
            checked += 1
            fits = [c for c in contacts if (relation in c.relationship_text.lower() if relation
                                            else c.kind == "family")]
            assert fits, f"{profile.given}'s story mentions {pattern!r}: not in the network"
    assert checked >= 18


def test_a_story_relation_is_not_doubled_by_chance(story_caseload):
    svc = story_caseload
    zoe = next(r for r in svc.participants.list() if r.full_name == "Zoë Hartley")
    contacts = svc.network.contacts(zoe.id, today=TODAY)
    sisters = [c for c in contacts if c.relationship_text == "Sister"]
    assert [c.name for c in sisters] == ["Rose Hartley"]  # "close to her sister": one sister
    assert sisters[0].emergency_contact and sisters[0].notes == "Calls every week"


RELATION_OF = {"mum": "Mother", "dad": "Father", "sister": "Sister", "brother": "Brother",
               "aunty": "Aunt", "nan": "Grandmother", "cousin": "Cousin", "partner": "Partner",
               "daughter": "Daughter", "son": "Son"}
NAMES_A_RELATIVE = re.compile(r"\b(?:my|their|his|her) (" + "|".join(RELATION_OF) + r")\b", re.I)


def test_goals_and_notes_name_only_relatives_who_are_in_the_network(story_caseload):
    export = story_caseload.export
    named = 0
    for person in export["participants"]:
        relations = {c["relationship_text"] for c in person["contacts"]}
        texts = [s["next_steps"] for s in person["sessions"]]
        for goal in person["goals"]:
            texts += [goal["specific"], goal["achievable"], goal["why_it_matters"]]
            texts += [step["text"] for step in goal["action_steps"]]
        for word in NAMES_A_RELATIVE.findall(" ".join(texts)):
            named += 1
            assert RELATION_OF[word.lower()] in relations, (person["given_name"], word)
    assert named >= 5  # the demo's goals and notes do mention family


def test_children_in_a_network_are_never_crisis_supporters(story_caseload):
    children = {f"{s.given} {s.family or p.family}" for p in PROFILES for s in p.people if s.young}
    assert children  # Tariq's nephews, Shiv's teenagers
    for person in story_caseload.export["participants"]:
        names = {c["id"]: c["name"] for c in person["contacts"]}
        for plan in person["wrap_plans"]:
            chosen = {names.get(x["contact_id"]) for x in plan["wrap_supporters"]}
            assert not chosen & children, person["given_name"]


def test_demo_medications_are_answers_not_the_questions_offered(story_caseload):
    questions = set(story_caseload.wrap.ideas("crisis_medications"))
    written = [
        item["text"]
        for person in story_caseload.export["participants"]
        for plan in person["wrap_plans"]
        for item in plan["wrap_items"]
        if item["part"] == "crisis_medications"
    ]
    assert written and not set(written) & questions


def test_people_have_mobiles_and_services_landlines(story_caseload):
    for person in story_caseload.export["participants"]:
        for c in person["contacts"]:
            mobile = c["phone"].startswith("04")
            assert mobile != c["formal"], (person["given_name"], c["name"], c["phone"])
