"""The plan-review progress report, parsed back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from pypdf import PdfReader
from report_samples import goal, non_embedded_fonts, review_data, tiny_png

from recoverydesk.reports.data import PracticeInfo, ReviewReportData
from recoverydesk.reports.review import build_review_report


def _render(data) -> tuple[PdfReader, str, int]:
    buf = io.BytesIO()
    pages = build_review_report(data, buf)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return reader, text, pages


def test_review_report_has_every_ndis_section(sample_review):
    reader, text, pages = _render(sample_review)
    assert pages == len(reader.pages)
    for heading in (
        "Plan review progress report",
        "1. Supports provided",
        "2. Progress toward goals",
        "3. Recovery Star: distance travelled",
        "4. Links to informal, community and mainstream supports",
        "5. Barriers and strategies",
        "6. Risks",
        "7. Recommendations",
    ):
        assert heading in text
    assert "Zoë Nguyễn O'Brien-Ngata" in text
    assert "431 234 567" in text
    assert "1 September 2025 to 28 February 2026" in text
    assert "24 recovery coaching sessions, 36.5 hours in all" in text
    assert "30 hours face to face (82%)" in text
    assert "Goal number 1: walk to the beach" in text
    assert "Walked twice this week" in text
    assert "Seaview Clubhouse" in text
    assert "Continue recovery coaching at 1.5 hours a week." in text
    assert "+13" in text  # distance travelled over all areas
    assert reader.metadata.author == "Saltwater Recovery Coaching"
    assert "Zoë" in reader.metadata.title
    assert f"Page 1 of {pages}" in text


def test_a_draft_says_so_and_a_final_does_not(sample_review):
    _r, draft_text, _p = _render(review_data(draft=True))
    _r, final_text, _p = _render(sample_review)
    assert "(draft)" in draft_text
    assert "(draft)" not in final_text


def test_coach_bullets_become_a_list():
    _r, text, _p = _render(review_data(risks="- Isolation over winter\n- Money worries"))
    assert "Isolation over winter" in text and "Money worries" in text
    assert "- Isolation" not in text


def test_an_empty_review_still_reads_sensibly():
    data = ReviewReportData(
        PracticeInfo(),
        "Ro Smith",
        "Ro",
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 2),
    )
    _r, text, pages = _render(data)
    assert pages >= 1
    assert "No completed coaching sessions were recorded in this period." in text
    assert "No goals were recorded for this period." in text
    assert "No star readings were recorded by the end of this period." in text
    assert "No community supports in this period." in text
    assert "No mainstream or formal services in this period." in text


def test_many_goals_are_all_in_the_review():
    goals = tuple(goal(i) for i in range(1, 31))
    _r, text, pages = _render(review_data(goals=goals))
    assert pages > 5
    for i in range(1, 31):
        assert f"Goal {i}: “Goal number {i}: walk" in text


def test_review_report_embeds_every_font(sample_review):
    reader, _text, _pages = _render(sample_review)
    assert non_embedded_fonts(reader) == []


def _text(data) -> str:
    return _render(data)[1]


def test_the_support_network_is_drawn_and_expired_consent_is_named(sample_review):
    from recoverydesk.reports.data import SupporterData

    data = replace(
        sample_review,
        ecomap_png=tiny_png(),
        informal_supports=(
            SupporterData("Nguyễn Thị Lan", "Sister"),
            SupporterData("Kevin Ward", "Uncle", consent_expired_on=dt.date(2026, 1, 10)),
        ),
    )
    text = _text(data)
    assert "Support network (eco-map)" in text
    assert "Nguyễn Thị Lan (Sister)" in text
    assert "Kevin Ward (Uncle): consent to share expired 10 Jan 2026" in text
    assert "Support network (eco-map)" not in _text(replace(data, ecomap_png=None))


def test_travel_time_reads_in_hours_and_minutes(sample_review):
    assert "Provider travel: 120.4 km, 5 hours." in _text(sample_review)  # 300 minutes


def test_an_area_not_scored_shows_a_dash(sample_review):
    from recoverydesk.reports.data import DomainChange

    star = replace(
        sample_review.star,
        domains=(DomainChange("Work", 4, None), DomainChange("Trust and hope", 2, 5)),
    )
    text = _text(replace(sample_review, star=star))
    assert "Work 4 – –" in text and "Trust and hope 2 5 +3" in text
    assert "– not scored in that reading." in text


def test_community_and_mainstream_links_are_reported_apart(sample_review):
    from recoverydesk.reports.data import ReferralData

    housing = ReferralData(
        "Harbour Housing", "Housing", dt.date(2025, 11, 3), "A flat", "Contacted", kind="mainstream"
    )
    text = _text(replace(sample_review, referrals=sample_review.referrals + (housing,)))
    community, mainstream = text.split("Mainstream and formal services")
    assert "Community supports" in community and "Seaview Clubhouse" in community
    assert "Harbour Housing" in mainstream and "Seaview Clubhouse" not in mainstream
    only_community = _text(sample_review)
    assert (
        "Mainstream and formal services No mainstream or formal services in this period."
        in only_community
    )


def test_each_goal_shows_its_smart_parts_not_only_the_measure(sample_review):
    from dataclasses import replace

    goal = replace(sample_review.goals[0], achievable="My sister walks with me on Sundays")
    _r, text, _pages = _render(replace(sample_review, goals=(goal,)))
    assert "Specific: Walk along the esplanade three mornings a week." in text
    assert "Achievable (what helps): My sister walks with me on Sundays" in text
    assert "Why it matters: Being outside helps me feel calm." in text
    assert "Measure: Three walks a week for a month." in text


def test_the_star_section_is_named_after_the_star_used(sample_review):
    chime = replace(sample_review.star, template_name="CHIME recovery areas")
    _r, text, _pages = _render(replace(sample_review, star=chime))
    assert "CHIME recovery areas: distance travelled" in text
    assert "Recovery Star: distance travelled" not in text


def test_the_star_table_is_never_split_across_pages(sample_review):
    """Before, with the section falling near a page's foot, the 10-row table split 8/2."""
    labels = [d.label for d in sample_review.star.domains]
    for words in range(0, 400, 25):
        data = replace(sample_review, summary=" ".join(["We walked to the jetty."] * words))
        reader, _text, _pages = _render(data)
        pages = [" ".join(p.extract_text().split()) for p in reader.pages]
        holding = [n for n, page in enumerate(pages) if any(label in page for label in labels)]
        table_pages = {
            n for n in holding if sum(label in pages[n] for label in labels) >= 2
        }
        assert len(table_pages) == 1, (words, holding)
        (page,) = table_pages
        assert all(label in pages[page] for label in labels), words


def test_a_long_name_in_the_footer_keeps_confidential_and_the_page_number(sample_review):
    from recoverydesk.reports.fonts import REGULAR
    from recoverydesk.reports.layout import fit_footer
    from recoverydesk.reports.scripts import string_width

    name = "Maria-Fernanda Alessandra Guadalupe Villanueva-Castellanos de la Cruz Ortega"
    left = f"{name} · Plan review report · 1 Mar 2026 to 31 Aug 2026 · Confidential"
    text, size = fit_footer(left, 8.0, 300)
    assert text.endswith(" · Plan review report · 1 Mar 2026 to 31 Aug 2026 · Confidential")
    assert "…" in text and size >= 7.5
    assert string_width(text, REGULAR, size) <= 300
    reader, _text, _pages = _render(replace(sample_review, full_name=name))
    page = " ".join(reader.pages[0].extract_text().split())
    assert "Confidential" in page and "Page 1 of" in page
