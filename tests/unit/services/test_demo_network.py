"""The demo's support networks, resource directory, referrals and plan-review drafts
(``demo``: tests/unit/services/conftest.py)."""

from __future__ import annotations

import datetime as dt

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
        for r in demo.resources.referrals(p.id)
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
