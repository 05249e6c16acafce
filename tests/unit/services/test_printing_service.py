"""services/printing.py: gathering a participant's records into the printed reports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.services.reviews.types import ReviewInput
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.settings.types import PracticeDetails
from recoverydesk.services.types import ValidationError

TODAY = dt.date(2026, 3, 20)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.fixture
def zoe(services):
    p = services.participants.create(
        ParticipantDraft(
            given_name="Zoë",
            family_name="Nguyễn",
            preferred_name="Zo",
            ndis_number="431234567",
            plan_start=dt.date(2025, 9, 1),
            plan_end=dt.date(2026, 8, 31),
        )
    ).value
    services.participants.add_strength(p.id, "skills", "A wonderful cook")
    services.network.add(
        p.id,
        ContactDraft(
            name="Lan O'Brien-Ngata",
            kind="family",
            relationship_text="Sister",
            phone="0411 222 333",
        ),
    )
    services.network.add(
        p.id, ContactDraft(name="Dr Shah", kind="gp", formal=True, phone="08 8123 4567")
    )
    res = services.resources.create(
        ResourceDraft(name="Seaview Clubhouse", category="peer_support", phone="08 8000 1111")
    ).value
    services.referrals.refer(p.id, res.id, dt.date(2026, 1, 5), "Meet people", status="attending")
    start = dt.datetime(2026, 1, 10, 0, 0, tzinfo=dt.UTC)
    for i, kind in enumerate(("cafe", "beach", "phone")):
        services.sessions.create(
            p.id,
            SessionInput(
                starts_at=start + dt.timedelta(days=7 * i),
                duration_minutes=90,
                location_kind=kind,
                talked_about="Cooking for friends",
            ),
        )
    services.settings.save_details(PracticeDetails("Saltwater Coaching", "Mei Tanaka"))
    return p


def test_plan_pack_prints_the_participants_records(services, zoe):
    result = services.printing.print_plan(zoe.id, today=TODAY, record=False).value
    text = _text(result.pdf)
    assert result.pages >= 2
    assert "Zo" in text and "Zoë Nguyễn" in text
    assert "A wonderful cook" in text
    assert "Lan O'Brien-Ngata" in text and "0411 222 333" in text
    assert "Seaview Clubhouse" in text
    assert "Agreed on 20 March 2026" in text
    assert "Next review 31 August 2026" in text  # the plan end, within a year
    assert PdfReader(io.BytesIO(result.pdf)).metadata.author == "Saltwater Coaching"


def test_plan_pack_writes_the_file(services, zoe, tmp_path):
    out = tmp_path / "plan.pdf"
    result = services.printing.print_plan(zoe.id, out, today=TODAY, record=False).value
    assert out.read_bytes() == result.pdf
    assert not (tmp_path / "plan.pdf.part").exists()


def test_review_report_counts_supports_and_links(services, zoe):
    result = services.printing.review_report(
        zoe.id, dt.date(2026, 1, 1), dt.date(2026, 2, 28), today=TODAY
    ).value
    text = _text(result.pdf)
    assert "3 recovery coaching sessions, 4.5 hours in all" in text
    assert "3 hours face to face (67%) and 1.5 hours by phone or video" in text
    assert "Lan O'Brien-Ngata (Sister)" in text  # informal support
    # Formal contacts are listed as mainstream or formal services, not as informal supports.
    assert "Mainstream and formal services In the support network: • Dr Shah (GP)" in text
    assert "Seaview Clubhouse" in text and "Attending" in text
    assert "431 234 567" in text


def test_review_report_uses_the_coachs_draft_and_marks_it_final(services, zoe):
    draft = services.reviews.start(zoe.id, today=TODAY).value
    assert (draft.period_start, draft.period_end) == (dt.date(2025, 9, 1), TODAY)
    services.reviews.save(
        draft.id,
        ReviewInput(
            dt.date(2025, 12, 1),
            dt.date(2026, 3, 1),
            recommendations="Keep going weekly.",
            risks="- Money worries",
            coach_notes="private: not for print",
        ),
    )
    preview = services.printing.review_report(zoe.id, review_id=draft.id, final=False, today=TODAY).value
    assert "(draft)" in _text(preview.pdf)
    assert services.reviews.current(zoe.id) is not None
    result = services.printing.review_report(zoe.id, review_id=draft.id, today=TODAY).value
    text = _text(result.pdf)
    assert "Keep going weekly." in text and "Money worries" in text
    assert "private: not for print" not in text
    assert "1 December 2025 to 1 March 2026" in text
    assert services.reviews.get(draft.id).is_final
    assert services.reviews.current(zoe.id) is None


def test_review_report_refuses_a_backwards_period(services, zoe):
    with pytest.raises(ValidationError):
        services.printing.review_report(zoe.id, dt.date(2026, 3, 1), dt.date(2026, 1, 1))


def test_an_empty_participant_still_prints(services):
    p = services.participants.create(ParticipantDraft(given_name="Ro")).value
    plan = services.printing.print_plan(p.id, today=TODAY, record=False).value
    review = services.printing.review_report(p.id, today=TODAY).value
    assert "No goals written down yet" in _text(plan.pdf)
    assert "No completed coaching sessions" in _text(review.pdf)


def test_practice_details_are_checked_and_kept(services):
    with pytest.raises(ValidationError) as err:
        services.settings.save_details(PracticeDetails("A", "B", abn="123"))
    assert "abn" in err.value.errors
    saved = services.settings.save_details(
        PracticeDetails(" Saltwater  Coaching ", "Mei", abn="12345678901")
    ).value
    assert saved.abn == "12 345 678 901"
    assert services.settings.details() == saved
    assert services.printing.practice().name == "Saltwater Coaching"


class FakeStar:
    """Stands in for services.star, following the agreed interface (readings, chart_data)."""

    def __init__(self):
        from recoverydesk.charts.star import ChartDomain, ChartReading, ChartStage, ChartTemplate

        keys = ["managing_mental_health", "physical_health", "trust_hope"]
        labels = ["Managing mental health", "Physical health and self-care", "Trust and hope"]
        stages = (
            ChartStage("Stuck", 1, 2),
            ChartStage("Accepting help", 3, 4),
            ChartStage("Believing", 5, 6),
            ChartStage("Learning", 7, 8),
            ChartStage("Self-reliance", 9, 10),
        )
        self.template = ChartTemplate(
            "Recovery Star",
            tuple(ChartDomain(k, lab) for k, lab in zip(keys, labels, strict=True)),
            stages,
        )
        days = [dt.date(2025, 10, 1), dt.date(2026, 1, 10), dt.date(2026, 3, 1)]
        self.chart = [
            ChartReading(day, {k: 3 + i + j for j, k in enumerate(keys)}, id=i + 1)
            for i, day in enumerate(days)
        ]

    def readings(self, participant_id):
        return [type("R", (), {"id": r.id, "taken_on": r.taken_on})() for r in self.chart]

    def chart_data(self, participant_id, reading_ids=None):
        return self.template, [r for r in self.chart if reading_ids is None or r.id in reading_ids]


def test_star_readings_give_distance_travelled_and_charts(services, zoe):
    services.star = FakeStar()
    data = services.printing.review_data(
        zoe.id, dt.date(2025, 12, 1), dt.date(2026, 3, 31), today=TODAY
    )
    star = data.star
    # The baseline is the last reading on or before the period's start (1 October 2025), not
    # the period's first: the review and the plan pack measure from the same place.
    assert (star.first_date, star.latest_date, star.readings) == (
        dt.date(2025, 10, 1),
        dt.date(2026, 3, 1),
        3,
    )
    assert star.baseline_before_period
    assert [(d.label, d.first, d.latest, d.change) for d in star.domains][0] == (
        "Managing mental health",
        3.0,
        5.0,
        2.0,
    )
    assert (star.domains[0].first_stage, star.domains[0].latest_stage) == (
        "Accepting help",
        "Believing",
    )
    review = _text(
        services.printing.review_report(
            zoe.id, dt.date(2025, 12, 1), dt.date(2026, 3, 31), today=TODAY
        ).value.pdf
    )
    assert "the last reading before this period, on 1 October 2025" in review
    assert "Accepting help → Believing" in review
    assert star.radar_png.startswith(b"\x89PNG") and star.trend_png.startswith(b"\x89PNG")
    plan = services.printing.print_plan(zoe.id, today=TODAY, record=False).value
    text = _text(plan.pdf)
    assert "My Recovery Star" in text and "Trust and hope" in text
    assert "1 October 2025" in text  # the plan pack compares the first reading ever


def test_a_period_after_the_latest_reading_keeps_it_as_the_baseline(services, zoe):
    services.star = FakeStar()
    data = services.printing.review_data(
        zoe.id, dt.date(2026, 4, 20), dt.date(2026, 8, 31), today=TODAY
    )
    assert (data.star.first_date, data.star.readings) == (dt.date(2026, 3, 1), 1)
    assert data.star.baseline_before_period
    text = _text(
        services.printing.review_report(
            zoe.id, dt.date(2026, 4, 20), dt.date(2026, 8, 31), today=TODAY
        ).value.pdf
    )
    assert "No new Recovery Star reading was agreed in this period" in text
    assert "No Recovery Star readings were recorded" not in text


def test_a_period_without_star_readings_has_no_star(services, zoe):
    services.star = FakeStar()
    data = services.printing.review_data(
        zoe.id, dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=TODAY
    )
    assert data.star is None


def _expired_sister(services, pid):
    return services.network.add(
        pid,
        ContactDraft(
            name="Minh Trần",
            kind="family",
            relationship_text="Cousin",
            phone="0422 333 444",
            consent_to_share=True,
            consent_scope="My plan",
            consent_given_on=dt.date(2025, 1, 10),
            consent_expires=dt.date(2026, 1, 10),
        ),
    ).value


def test_expired_consent_is_flagged_in_the_plan_and_the_review(services, zoe):
    _expired_sister(services, zoe.id)
    plan = _text(services.printing.print_plan(zoe.id, today=TODAY, record=False).value.pdf)
    assert "Minh Trần" in plan
    assert "OK to share my information ended 10 Jan 2026" in plan
    # Once in "My supporters" (the card names only supporters Zo chose: none yet); Lan's
    # consent is not flagged.
    assert plan.count("OK to share my information ended") == 1
    review = _text(
        services.printing.review_report(
            zoe.id, dt.date(2026, 1, 1), dt.date(2026, 3, 1), today=TODAY
        ).value.pdf
    )
    assert "Minh Trần (Cousin): consent to share expired 10 Jan 2026" in review


def test_expired_consent_is_flagged_on_the_wrap_supporters_and_the_crisis_card(services, zoe):
    contact = _expired_sister(services, zoe.id)
    services.wrap.add_supporter(zoe.id, contact.id, "Sit with me")
    data = services.printing.plan_pack_data(zoe.id, today=TODAY)
    lines = [i for sec in data.wrap for part in sec.parts for i in part.items]
    assert any("Minh Trần" in x and "OK to share my information ended" in x for x in lines)
    (person,) = data.crisis_card.supporters
    assert person.consent_expired_on == dt.date(2026, 1, 10)
    card_page = PdfReader(io.BytesIO(services.printing.print_plan(zoe.id, today=TODAY).value.pdf))
    last = " ".join(card_page.pages[-1].extract_text().split())
    assert "If Zo is not OK" in last and "OK to share my information ended 10 Jan 2026" in last


def test_every_plan_pack_ends_with_a_crisis_card_even_without_a_wrap(services, zoe):
    # Close, strained, an emergency contact: still nobody the participant chose. The card is
    # in their voice, so it names only the people they chose and otherwise leaves lines.
    services.network.add(
        zoe.id,
        ContactDraft(
            name="Aunty Rose",
            kind="family",
            phone="0433 111 222",
            emergency_contact=True,
            closeness=3,
            strained=True,
        ),
    )
    data = services.printing.plan_pack_data(zoe.id, today=TODAY)
    card = data.crisis_card
    assert card.supporters == ()
    assert card.warning_signs == () and card.what_helps == ()
    result = services.printing.print_plan(zoe.id, today=TODAY, record=False).value
    last_page = " ".join(PdfReader(io.BytesIO(result.pdf)).pages[-1].extract_text().split())
    assert "If Zo is not OK" in last_page and "Please call (name and phone)" in last_page
    assert "Aunty Rose" not in last_page and "Lan O'Brien-Ngata" not in last_page
    assert "13 11 14" in last_page  # Lifeline is always there


def test_the_crisis_card_names_only_the_supporters_chosen(services, zoe):
    (lan,) = [c for c in services.network.contacts(zoe.id) if c.name.startswith("Lan")]
    services.wrap.add_supporter(zoe.id, lan.id, "Stay with me")
    card = services.printing.plan_pack_data(zoe.id, today=TODAY).crisis_card
    assert [(s.name, s.note) for s in card.supporters] == [("Lan O'Brien-Ngata", "Stay with me")]


def test_the_eco_map_is_in_the_plan_pack_and_the_review(services, zoe):
    plan = services.printing.plan_pack_data(zoe.id, today=TODAY)
    review = services.printing.review_data(
        zoe.id, dt.date(2026, 1, 1), dt.date(2026, 3, 1), today=TODAY
    )
    assert plan.ecomap_png.startswith(b"\x89PNG") and review.ecomap_png.startswith(b"\x89PNG")
    text = _text(services.printing.print_plan(zoe.id, today=TODAY, record=False).value.pdf)
    assert "Everyone around me" in text
    alone = services.participants.create(ParticipantDraft(given_name="Kai")).value
    assert services.printing.plan_pack_data(alone.id, today=TODAY).ecomap_png is None


def test_printing_an_unchanged_plan_twice_keeps_one_version(services, zoe):
    first = services.printing.print_plan(zoe.id, today=TODAY).value
    again = services.printing.print_plan(zoe.id, large_print=True, today=TODAY).value
    assert first.version_number == again.version_number == 1
    services.participants.add_strength(zoe.id, "interests", "Swimming at dawn")
    changed = services.printing.print_plan(zoe.id, today=TODAY).value
    assert changed.version_number == 2
    assert [v.number for v in services.plans.versions(zoe.id)] == [2, 1]


def test_a_plan_printed_on_its_review_day_gets_a_new_review_ahead(services, zoe):
    agreed = services.plans.agree(
        zoe.id, dt.date(2026, 3, 20), "First plan", on=dt.date(2026, 1, 5)
    ).value
    result = services.printing.print_plan(zoe.id, today=agreed.review_date).value
    latest = services.plans.versions(zoe.id)[0]
    assert result.version_number == latest.number == 2
    assert latest.agreed_on == TODAY and latest.review_date > TODAY
    assert "Next review 20 March 2026" not in _text(result.pdf)


def test_a_referral_still_open_when_the_period_starts_is_a_link_made(services, zoe):
    # Seaview Clubhouse: referred 5 January 2026 as attending, nothing changed since.
    data = services.printing.review_data(
        zoe.id, dt.date(2026, 2, 1), dt.date(2026, 3, 1), today=TODAY
    )
    assert [(r.name, r.status) for r in data.referrals] == [("Seaview Clubhouse", "Attending")]
    res = services.resources.create(ResourceDraft(name="Harbour Housing", category="housing")).value
    old = services.referrals.refer(zoe.id, res.id, dt.date(2025, 9, 1), "A flat").value
    services.referrals.set_status(old.id, "declined", on=dt.date(2025, 10, 1))
    data = services.printing.review_data(
        zoe.id, dt.date(2026, 2, 1), dt.date(2026, 3, 1), today=TODAY
    )
    assert "Harbour Housing" not in [r.name for r in data.referrals]  # closed before it began
    data = services.printing.review_data(
        zoe.id, dt.date(2025, 9, 1), dt.date(2025, 9, 30), today=TODAY
    )
    # Seen as it stood at the end of that period: suggested, not yet declined.
    assert [(r.name, r.status) for r in data.referrals] == [("Harbour Housing", "Suggested")]


def test_the_preview_shows_the_version_and_dates_that_printing_will_use(services, zoe):
    first = services.printing.plan_pack_pdf(zoe.id, today=TODAY)
    assert first.version_number == 1 and services.plans.versions(zoe.id) == []  # nothing kept
    printed = services.printing.print_plan(zoe.id, today=TODAY).value
    assert printed.version_number == 1
    later = dt.date(2026, 4, 2)
    again = services.printing.plan_pack_pdf(zoe.id, today=later)
    text = _text(again.pdf)
    assert again.version_number == 1  # unchanged: printing now reuses version 1
    assert "Agreed on 20 March 2026" in text and "Plan version 1" in text


def test_a_changed_wellness_plan_is_a_changed_plan(services, zoe):
    services.wrap.get(zoe.id)  # the WRAP capability is loaded, so snapshots carry its summary
    first = services.printing.print_plan(zoe.id, today=TODAY).value
    services.wrap.add_item(zoe.id, "toolbox", "A swim at the rock pool")
    second = services.printing.print_plan(zoe.id, today=TODAY).value
    assert (first.version_number, second.version_number) == (1, 2)


def test_a_plan_that_could_not_be_written_records_no_version(services, zoe, tmp_path):
    with pytest.raises(OSError):
        services.printing.print_plan(zoe.id, tmp_path / "no such folder" / "plan.pdf", today=TODAY)
    assert services.plans.versions(zoe.id) == []
    assert not list(tmp_path.rglob("*.part"))
    written = services.printing.print_plan(zoe.id, tmp_path / "plan.pdf", today=TODAY).value
    assert written.version_number == 1 and [v.number for v in services.plans.versions(zoe.id)] == [
        1
    ]


def test_referrals_are_sorted_into_community_and_mainstream(services, zoe):
    res = services.resources.create(ResourceDraft(name="Seaview GP Clinic", category="health")).value
    services.referrals.refer(zoe.id, res.id, dt.date(2026, 2, 2), "A check-up")
    data = services.printing.review_data(
        zoe.id, dt.date(2026, 1, 1), dt.date(2026, 3, 1), today=TODAY
    )
    assert sorted((r.name, r.kind) for r in data.referrals) == [
        ("Seaview Clubhouse", "community"),
        ("Seaview GP Clinic", "mainstream"),
    ]


def test_the_crisis_card_says_what_a_supporter_is_asked_to_do(services, zoe):
    rose = services.network.add(zoe.id, ContactDraft(name="Aunty Rose", kind="family",
                                                     phone="0433 111 222", closeness=3)).value
    services.wrap.add_supporter(zoe.id, rose.id, note="Come over and sit with me")
    (person,) = services.printing.plan_pack_data(zoe.id, today=TODAY).crisis_card.supporters
    assert (person.name, person.note) == ("Aunty Rose", "Come over and sit with me")
    result = services.printing.print_plan(zoe.id, today=TODAY, record=False).value
    last_page = " ".join(PdfReader(io.BytesIO(result.pdf)).pages[-1].extract_text().split())
    assert "Aunty Rose" in last_page and "Come over and sit with me" in last_page


def test_crisis_card_signs_come_from_the_crisis_plan_else_the_earlier_wrap_signs(services, zoe):
    def signs():
        return services.printing.plan_pack_data(zoe.id, today=TODAY).crisis_card.warning_signs

    services.wrap.add_item(zoe.id, "warning_signs", "Skipping breakfast")
    assert signs() == ("Skipping breakfast",)  # early warning signs, when nothing later
    services.wrap.add_item(zoe.id, "breaking_signs", "Not answering the phone")
    assert signs() == ("Not answering the phone",)  # things breaking down come first
    services.wrap.add_item(zoe.id, "crisis_signs", "Not eating for days")
    assert signs() == ("Not eating for days",)  # the crisis plan's own signs win


def test_star_notes_print_where_they_belong(services, zoe):
    from recoverydesk.services.star.types import ReadingDraft

    keys = [k for k, _label in services.star.domains_for(zoe.id)]
    scores = {k: 5 for k in keys}
    services.star.add_reading(
        zoe.id,
        ReadingDraft(dt.date(2026, 1, 12), scores, {keys[0]: "Sleeping better since the walks"},
                     note="Zo led the scoring today"),
    )
    services.star.add_reading(
        zoe.id,
        ReadingDraft(dt.date(2026, 3, 2), {**scores, keys[0]: 6},
                     {keys[0]: "Most nights now", keys[1]: "Cooking twice a week"}),
    )
    pack = _text(services.printing.print_plan(zoe.id, today=TODAY, record=False).value.pdf)
    # The participant's words about each area (latest reading) are in their pack; the
    # reading's own note, a coach's record, is not.
    assert "What I said about each area" in pack and "Most nights now" in pack
    assert "Cooking twice a week" in pack and "Zo led the scoring today" not in pack
    review = _text(
        services.printing.review_report(
            zoe.id, dt.date(2026, 1, 1), dt.date(2026, 3, 31), today=TODAY
        ).value.pdf
    )
    assert "Said about each area on 2 Mar 2026" in review and "Most nights now" in review
    assert "Notes on the readings" in review and "12 Jan 2026: Zo led the scoring today" in review
