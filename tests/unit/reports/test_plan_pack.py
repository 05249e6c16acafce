"""The participant's plan pack, parsed back with pypdf."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from report_samples import goal, plan_data

from recoverydesk.reports.data import PlanPackData, PracticeInfo
from recoverydesk.reports.plan_pack import build_plan_pack


def _render(data, large_print=False) -> tuple[PdfReader, str, int]:
    buf = io.BytesIO()
    pages = build_plan_pack(data, buf, large_print)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return reader, text, pages


def test_plan_pack_has_every_section_and_the_names_render(sample_plan):
    reader, text, pages = _render(sample_plan)
    assert pages == len(reader.pages) >= 5
    for heading in (
        "My recovery plan",
        "My strengths",
        "My goals",
        "My Recovery Star",
        "My supporters",
        "Useful services",
        "My wellness plan",
        "If Zoë is not OK",
    ):
        assert heading in text
    assert "Zoë Nguyễn O'Brien-Ngata" in text
    assert "Nguyễn Thị Lan" in text
    assert "Agreed on 14 March 2026" in text
    assert "Next review 14 September 2026" in text
    assert "Goal number 1: walk to the beach" in text
    assert "Goals I've reached" in text and "Goal number 3" in text


def test_plan_pack_numbers_its_pages_and_carries_metadata(sample_plan):
    reader, text, pages = _render(sample_plan)
    assert f"Page 2 of {pages}" in text
    assert f"Page {pages - 1} of {pages}" in text
    assert reader.metadata.title == "Zoë’s recovery plan"
    assert reader.metadata.author == "Saltwater Recovery Coaching"


def test_plan_pack_embeds_its_fonts(sample_plan):
    reader, _text, _pages = _render(sample_plan)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts, "no fonts at all"
    for name, font in fonts.items():
        assert "DejaVu" in name or "RDSans" in name, f"{name} is a base-14 font"
        descriptor = (
            font["/FontDescriptor"]
            if "/FontDescriptor" in font
            else font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        )
        assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"


def test_no_goal_is_lost_when_thirty_goals_cross_page_breaks():
    goals = tuple(goal(i, steps=1 + i % 5) for i in range(1, 31))
    _reader, text, pages = _render(plan_data(goals=goals))
    assert pages > 8
    for i in range(1, 31):
        assert f"Goal number {i}: walk" in text, f"goal {i} missing"
        assert f"Step 1 of goal {i}:" in text
    assert len(re.findall(r"Goal \d+ “", text)) + len(re.findall(r"Goal \d+ ", text)) >= 30


def test_an_empty_participant_still_gets_a_sensible_plan():
    data = PlanPackData(
        practice=PracticeInfo(),
        preferred_name="Ro",
        full_name="Ro Smith",
        agreed_on=__import__("datetime").date(2026, 1, 5),
    )
    reader, text, pages = _render(data)
    assert pages == 2  # the cover, then strengths, goals and supporters together
    assert "Page 2 of 2" in text
    assert "No goals written down yet" in text
    assert "We haven't written my strengths down yet" in text
    assert "No one written down yet" in text
    assert "My Recovery Star" not in text
    assert "Agreed on 5 January 2026" in text
    assert reader.metadata.author == "RecoveryDesk"


def test_large_print_uses_bigger_type_and_more_pages(sample_plan):
    _r, _t, normal = _render(sample_plan)
    _r2, text, large = _render(sample_plan, large_print=True)
    assert large > normal
    assert "Goal number 2: walk to the beach" in text


def _page_texts(reader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def test_every_goal_starts_on_the_page_with_its_first_steps():
    # A goal's heading never sits at the foot of a page with its steps overleaf, in normal and
    # large print, however the 30 goals fall across the page breaks.
    goals = tuple(goal(i, steps=1 + i % 7) for i in range(1, 31))
    for large in (False, True):
        reader, _text, _pages = _render(plan_data(goals=goals), large_print=large)
        pages = _page_texts(reader)
        for i in range(1, 31):
            title = f"Goal number {i}: walk"
            (where,) = [n for n, page in enumerate(pages) if title in page]
            assert f"Step 1 of goal {i}:" in pages[where], f"goal {i} split from its steps"


def test_the_cover_is_one_page_in_large_print_with_long_names():
    data = plan_data(
        preferred_name="Ngaio-Rose",
        full_name="Ngaio-Rose Nguyễn Thị O'Brien-Ngata Featherstonehaugh",
        practice=PracticeInfo(
            "Saltwater and Seaview Community Recovery Coaching Collective",
            "Mei-Lin Tanaka-Featherstonehaugh",
            phone="0400 111 222",
        ),
    )
    reader, _text, _pages = _render(data, large_print=True)
    cover, second = _page_texts(reader)[:2]
    assert "Phone 0400 111 222" in cover and "My recovery coach" in cover
    assert "My strengths" in second and "Phone 0400 111 222" not in second


def test_unscored_areas_show_a_dash_and_say_what_it_means():
    from recoverydesk.reports.data import DomainChange, StarSummary

    star = StarSummary(
        "Recovery Star",
        __import__("datetime").date(2025, 6, 1),
        __import__("datetime").date(2026, 3, 1),
        2,
        (DomainChange("Work", 4, None), DomainChange("Trust and hope", 2, 5)),
    )
    _reader, text, _pages = _render(plan_data(star=star))
    assert "Work 4 –" in text
    assert "– means we did not score that area that time" in text


def test_phone_numbers_never_break_across_lines_in_large_print():
    from recoverydesk.reports.data import SupporterData

    people = tuple(
        SupporterData(f"Supporter number {i} with a long name", "Cousin", f"0491 570 {700 + i}")
        for i in range(6)
    )
    reader, _text, _pages = _render(plan_data(supporters=people), large_print=True)
    lines = [
        " ".join(line.replace("\xa0", " ").split())
        for page in reader.pages
        for line in page.extract_text().splitlines()
    ]
    for i in range(6):
        assert f"0491 570 {700 + i}" in lines, f"number {i} is broken across lines"


def test_the_inside_list_names_only_what_is_inside():
    data = PlanPackData(
        practice=PracticeInfo(),
        preferred_name="Ro",
        full_name="Ro Smith",
        agreed_on=__import__("datetime").date(2026, 1, 5),
    )
    _reader, text, _pages = _render(data)
    assert "Inside: my strengths, my goals and steps, and the people and places" in text
    assert "wellness plan" not in text and "a card to keep" not in text
    _reader, text, _pages = _render(plan_data())
    assert "my wellness plan, and a card to keep with you." in text


def test_steps_that_run_onto_the_next_page_say_whose_they_are_and_never_one_alone():
    goals = tuple(goal(i, steps=4 + i % 9) for i in range(1, 13))
    for large in (False, True):
        reader, _text, _pages = _render(plan_data(goals=goals), large_print=large)
        pages = _page_texts(reader)
        for i in range(1, 13):
            steps = [
                n for n, page in enumerate(pages) if re.search(rf"Step \d+ of goal {i}:", page)
            ]
            for n in sorted(set(steps))[1:]:  # every page the goal's steps run onto
                assert f"Goal {i}: my next steps, continued" in pages[n]
                assert len(re.findall(rf"Step \d+ of goal {i}:", pages[n])) >= 2


def test_every_smart_part_prints_and_a_passed_date_is_said_kindly(sample_plan):
    import datetime as dt
    from dataclasses import replace

    first = replace(
        sample_plan.goals[0],
        achievable="My sister walks with me on Sundays",
        target_date=dt.date(2025, 3, 1),  # a year before the plan was agreed
    )
    data = replace(sample_plan, goals=(first,) + sample_plan.goals[1:])
    _reader, text, _pages = _render(data)
    assert "What will help me: My sister walks with me on Sundays" in text
    assert (
        "Aiming for: 1 March 2025 (that date has passed: we'll choose a new one together)" in text
    )
    assert "Aiming for: 30 September 2026" in text  # a date still ahead prints plainly


def test_large_print_says_then_and_now_only_with_two_readings(sample_plan):
    from dataclasses import replace

    _reader, text, _pages = _render(sample_plan, large_print=True)
    assert "then and now" in text
    one = replace(sample_plan.star, readings=1)
    _reader, text, _pages = _render(replace(sample_plan, star=one), large_print=True)
    assert "then and now" not in text


def test_a_long_crisis_plan_continues_on_a_second_card_in_large_print(sample_plan):
    """Before, the card at the end of the pack shrank its type until it could not be read."""
    from dataclasses import replace

    from card_samples import detailed_card

    reader, _text, _pages = _render(
        replace(sample_plan, crisis_card=detailed_card()), large_print=True
    )
    pages = _page_texts(reader)
    assert "If Marguerite is not OK" in pages[-2] and "Continued on the next card" in pages[-2]
    assert "Crisis card, continued" in pages[-1]
    assert "Page " not in pages[-1] and "Page " not in pages[-2]  # cards carry no footer


def _footer_runs(page) -> list[tuple[float, float, str]]:
    """(left x, right x, text) of each run of text drawn in the footer band of a page."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from recoverydesk.reports.fonts import REGULAR

    runs = []

    def visit(text, cm, tm, _font, size):
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if text.strip() and y < 16 * 2.8346:  # below the footer rule (14 mm)
            scale = cm[0] * tm[0]
            runs.append((x, x + stringWidth(text, REGULAR, size) * scale, text))

    page.extract_text(visitor_text=visit)
    return runs


def test_a_long_name_in_the_footer_never_runs_into_the_page_number(sample_plan):
    """Before, the footer's words shrank to 6 pt and then overprinted 'Page 1 of 2'."""
    from dataclasses import replace

    long_name = "Maria-Fernanda Alessandra Guadalupe Villanueva-Castellanos de la Cruz"
    data = replace(sample_plan, preferred_name=long_name, full_name=long_name)
    for large in (False, True):
        reader, _text, _pages = _render(data, large_print=large)
        page = reader.pages[1]  # the first page with a footer
        runs = _footer_runs(page)
        numbers = [r for r in runs if r[2].startswith("Page ")]
        assert numbers, runs
        start = min(r[0] for r in numbers)
        words = [r for r in runs if not r[2].startswith("Page ")]
        assert words and max(r[1] for r in words) < start
        assert "…" in "".join(r[2] for r in words)


def test_a_step_table_over_three_pages_says_continued_on_each(sample_plan):
    """Before, the caption came on the second page only, not on the third."""
    goals = (goal(1, steps=3), goal(2, steps=75))
    for large in (False, True):
        reader, _text, _pages = _render(plan_data(goals=goals), large_print=large)
        pages = _page_texts(reader)
        runs_onto = [n for n, page in enumerate(pages) if re.search(r"Step \d+ of goal 2:", page)]
        assert len(runs_onto) >= 3
        for n in runs_onto[1:]:
            assert "Goal 2: my next steps, continued" in pages[n]


def test_a_first_goal_without_steps_never_leaves_its_last_line_alone():
    """Before, the goal's heading box was taken for a table to flow on with, so its last line
    ("No steps yet ...") could start the next page on its own."""
    from dataclasses import replace

    from recoverydesk.reports.data import StrengthData

    for large in (False, True):
        for words in range(1, 30, 2):
            first = replace(goal(1, steps=0), why_it_matters=" ".join(["calm"] * words))
            strengths = tuple(StrengthData("Skills and talents", f"Strength {i}") for i in range(8))
            data = plan_data(goals=(first, goal(2)), strengths=strengths)
            reader, _text, _pages = _render(data, large_print=large)
            for page in _page_texts(reader):
                assert not page.startswith("No steps yet"), (large, words)
