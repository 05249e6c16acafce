"""The tear-off crisis card: always one page, with who to call."""

from __future__ import annotations

import io

from pypdf import PdfReader
from report_samples import plan_data

from recoverydesk.reports.crisis_card import build_crisis_card
from recoverydesk.reports.data import CrisisCardData


def _text(buf: io.BytesIO) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_crisis_card_shows_supporters_with_phones_and_crisis_lines():
    buf = io.BytesIO()
    build_crisis_card(plan_data().crisis_card, buf)
    pages, text = _text(buf)
    assert pages == 1
    assert "If Zoë is not OK" in text
    assert "Nguyễn Thị Lan" in text and "0411 222 333" in text
    assert "13 11 14" in text and "000" in text
    assert "My uncle Kevin" in text


def test_what_a_supporter_is_asked_to_do_is_on_the_card():
    buf = io.BytesIO()
    build_crisis_card(plan_data().crisis_card, buf)
    _pages, text = _text(buf)
    assert "Nguyễn Thị Lan" in text and "Sit with me and make a cup of tea" in text


def test_a_very_long_crisis_card_still_fits_on_one_page():
    many = tuple(f"Warning sign number {i} that is quite long to write down" for i in range(60))
    card = CrisisCardData("Sam", warning_signs=many, what_helps=many[:30])
    buf = io.BytesIO()
    build_crisis_card(card, buf, large_print=True)
    pages, text = _text(buf)
    assert pages == 1
    assert "Warning sign number 59" in text
