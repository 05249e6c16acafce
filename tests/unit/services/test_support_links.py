"""The eco-map and the review's text list the same supports under the same headings
(services/support_links.py), issue 17 item 7."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from recoverydesk.services.network import support_links
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft

TODAY = dt.date(2026, 3, 20)
START, END = dt.date(2026, 1, 1), dt.date(2026, 2, 28)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _person(services):
    p = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Moana")).value
    add = services.network.add
    add(p.id, ContactDraft(name="Dr Shah", kind="gp", formal=True))
    add(p.id, ContactDraft(name="Dr Ioannou", kind="psychiatrist", formal=True))
    add(p.id, ContactDraft(name="Jo Park", kind="support_coordinator", formal=True))
    add(p.id, ContactDraft(name="Sam Lee", kind="friend"))
    cafe = services.resources.create(ResourceDraft(name="Seaview Social Cafe", category="health")).value
    # Attending since before the period: nothing new in it, still a live link.
    services.referrals.refer(p.id, cafe.id, dt.date(2025, 6, 1), "Company", status="attending")
    return p


def test_everyone_on_the_eco_map_is_in_the_text_under_the_same_heading(services):
    p = _person(services)
    nodes = services.network.ecomap_data(p.id, TODAY).nodes
    data = services.printing.review_data(p.id, START, END, today=TODAY)
    listed = {x.name: x.link for x in data.informal_supports + data.formal_supports}
    listed |= {r.name: r.kind for r in data.referrals}
    for node in nodes:
        assert node.label in listed, node.label
        assert support_links.link_kind(node.group, node.formal) == listed[node.label], node.label
    assert listed["Dr Shah"] == listed["Jo Park"] == "mainstream"
    assert listed["Sam Lee"] == "informal"


def test_the_review_lists_the_gp_and_coordinator_though_no_referral_was_made(services):
    p = _person(services)
    pdf = services.printing.review_report(p.id, START, END, today=TODAY).value.pdf
    text = _text(pdf)
    mainstream = text[text.index("Mainstream and formal services") :]
    for name in ("Dr Shah (GP)", "Dr Ioannou", "Jo Park", "Seaview Social Cafe"):
        assert name in mainstream, name
    assert "No referrals" not in text
    assert "Sam Lee (Friend)" in text[: text.index("Community supports")]


def test_a_community_service_is_community_on_the_map_and_in_the_text(services):
    p = _person(services)
    club = services.resources.create(ResourceDraft(name="Harbour Clubhouse", category="recreation")).value
    services.referrals.refer(p.id, club.id, dt.date(2026, 1, 9), "Art group", status="attending")
    node = next(n for n in services.network.ecomap_data(p.id, TODAY).nodes if "Clubhouse" in n.label)
    data = services.printing.review_data(p.id, START, END, today=TODAY)
    ref = next(r for r in data.referrals if r.name == "Harbour Clubhouse")
    assert node.group == "community" and ref.kind == "community"
    cafe = next(n for n in services.network.ecomap_data(p.id, TODAY).nodes if "Cafe" in n.label)
    assert cafe.group == "health"  # beside the GP, and "mainstream" in the text
