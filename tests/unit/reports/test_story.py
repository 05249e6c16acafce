"""The Recovery story PDF (issue 23 item 4), parsed back with pypdf: its five parts with the
moments chosen, the measures then and now, their own words and names, in normal and large
print; and attached to the plan review report."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from report_samples import non_embedded_fonts, review_data

from recoverydesk.reports.data import PracticeInfo
from recoverydesk.reports.review import build_review_report
from recoverydesk.reports.story import build_story
from recoverydesk.reports.story_data import (
    MeasureRow,
    MeasureThenNow,
    StoryExcerpt,
    StoryPdfData,
    StorySection,
)

D = dt.date


def story_sample(**overrides) -> StoryPdfData:
    base = dict(
        practice=PracticeInfo("Bright Paths Coaching", "Alex Chen"),
        preferred_name="Zoë", full_name="Zoë Nguyễn O'Brien-Ngata", agreed_on=D(2026, 6, 1),
        sections=(
            StorySection("connectedness", "Connectedness", (
                StoryExcerpt(D(2026, 2, 3), "She rang her sister for the first time in a year.",
                             True, "Session note"),
                StoryExcerpt(D(2026, 4, 9), "Join the Tuesday walking group", False, "Goal"))),
            StorySection("hope", "Hope and optimism about the future", (
                StoryExcerpt(D(2026, 5, 12), "Zoë felt hopeful about the TAFE course.", True,
                             "Session note"),)),
            StorySection("identity", "Identity"),
            StorySection("meaning", "Meaning in life", (
                StoryExcerpt(D(2026, 3, 1), "Volunteering gives my week a shape.", True),)),
            StorySection("empowerment", "Empowerment", (
                StoryExcerpt(D(2026, 5, 20), "I made the appointment myself.", True,
                             "Step reached"),)),
        ),
        measures=(
            MeasureThenNow("Recovery Star", D(2025, 9, 1), D(2026, 5, 28), (
                MeasureRow("Managing mental health", "3", "6"),
                MeasureRow("Social networks", "2", "7"))),
            MeasureThenNow("QPR (15 items)", D(2026, 5, 28), D(2026, 5, 28),
                           (MeasureRow("Total", "", "44 of 60"),)),
        ),
        own_words="I used to think nothing would change.\n\nNow I have people I can ring.",
        typed_name="Zoë O'Brien-Ngata", agreed_by="Alex Chen",
    )
    base.update(overrides)
    return StoryPdfData(**base)


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.mark.parametrize("large", [False, True])
def test_the_story_has_five_parts_their_moments_measures_and_words(large):
    buf = io.BytesIO()
    pages = build_story(story_sample(), buf, large)
    reader, text = _text(buf.getvalue())
    assert pages == len(reader.pages) and pages <= 4
    assert non_embedded_fonts(reader) == []
    assert "Zoë’s recovery story" in text
    assert "Agreed together on 1 June 2026" in text
    for part in ("Connectedness", "Hope and optimism about the future", "Identity",
                 "Meaning in life", "Empowerment"):
        assert part in text
    abouts = ["The people, groups", "What gives me hope", "Who I am, and", "What makes my life",
              "Taking charge"]  # each part's line, in CHIME's order
    assert [text.index(a) for a in abouts] == sorted(text.index(a) for a in abouts)
    # the moments they chose, dated, their words quoted
    assert "“She rang her sister for the first time in a year.”" in text
    assert "3 Feb 2026" in text and "12 May 2026" in text
    assert "Join the Tuesday walking group" in text  # a goal tagged whole: not in quotes
    assert "Zoë chose no moment for this part." in text  # Identity: nothing chosen
    # measures then and now
    assert "My measures, then and now" in text
    assert "Managing mental health 3 6" in text
    assert "44 of 60" in text and "One reading so far, on 28 May 2026." in text
    # their own words, their name and the coach
    assert "In my own words" in text and "Now I have people I can ring." in text
    assert "Agreed on 1 June 2026" in text
    assert "by Zoë O'Brien-Ngata (name typed)" in text.replace("’", "'")
    assert "with Alex Chen, Bright Paths Coaching" in text
    assert reader.metadata.title == "Zoë’s recovery story"


def test_without_measures_or_own_words_the_story_still_reads():
    buf = io.BytesIO()
    build_story(story_sample(measures=(), own_words="", typed_name=""), buf)
    _reader, text = _text(buf.getvalue())
    assert "My measures" not in text and "In my own words" not in text
    assert "by Zoë" in text and "(name typed)" not in text


def test_the_review_report_can_carry_the_agreed_story():
    plain, attached = io.BytesIO(), io.BytesIO()
    build_review_report(review_data(), plain)
    build_review_report(replace(review_data(), recovery_story=story_sample()), attached)
    _r, without = _text(plain.getvalue())
    reader, text = _text(attached.getvalue())
    assert "recovery story" not in without
    assert "Attached: Zoë’s recovery story" in text
    assert "“Zoë felt hopeful about the TAFE course.”" in text
    assert text.index("Recommendations") < text.index("Attached: Zoë’s recovery story")
    assert non_embedded_fonts(reader) == []
