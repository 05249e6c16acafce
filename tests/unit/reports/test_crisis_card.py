"""The tear-off crisis card: who to call, readable (never under 9 pt, 14 pt in large print),
on more than one card when the plan is long."""

from __future__ import annotations

import io

import pytest
from card_samples import detailed_card, stress_card
from pypdf import PdfReader
from pypdf.generic import ContentStream
from report_samples import plan_data
from reportlab.lib.pagesizes import A4

from recoverydesk.reports.card_columns import Columns
from recoverydesk.reports.crisis_card import CARD_MARGIN, build_crisis_card, layout_card
from recoverydesk.reports.data import CrisisCardData

FRAME = (A4[0] - 2 * CARD_MARGIN - 12, A4[1] - 2 * CARD_MARGIN - 12)


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


def _shown_sizes(buf: io.BytesIO) -> list[set[float]]:
    """The printed size of the text actually shown on each page: the font size from the
    content stream times the drawing's scale (a frame that shrinks its contents scales them)."""
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    pages = []
    for page in reader.pages:
        scale, stack, text_scale, size, shown = 1.0, [], 1.0, 0.0, set()
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(scale)
            elif op == b"Q":
                scale = stack.pop()
            elif op == b"cm":
                a, b, c, d = (float(x) for x in operands[:4])
                scale *= abs(a * d - b * c) ** 0.5
            elif op == b"Tm":
                a, b, c, d = (float(x) for x in operands[:4])
                text_scale = abs(a * d - b * c) ** 0.5
            elif op == b"Tf":
                size = float(operands[1])
            elif op in (b"Tj", b"TJ", b"'", b'"') and str(operands[-1]).strip():
                shown.add(round(size * scale * text_scale, 2))
        pages.append(shown)
    return pages


def _every_word_of(card: CrisisCardData) -> list[str]:
    return [
        *card.warning_signs, *card.what_helps, *card.what_to_avoid, *card.medications,
        *card.not_involved, *(s.name for s in card.supporters),
    ]


@pytest.mark.parametrize("large, floor", [(False, 9.0), (True, 14.0)])
def test_a_detailed_crisis_plan_stays_readable(large, floor):
    """Before, a realistic detailed plan shrank to about 5 pt on one page."""
    card = detailed_card()
    buf = io.BytesIO()
    pages = build_crisis_card(card, buf, large_print=large)
    sizes = _shown_sizes(buf)
    assert len(sizes) == pages
    assert min(min(s) for s in sizes) >= floor
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(buf).pages)
    for words in _every_word_of(card):
        assert " ".join(words.split()) in text
    if pages == 1:
        assert "continued" not in text.lower()


def test_normal_print_fits_a_detailed_plan_on_one_card_using_both_columns():
    layout = layout_card(detailed_card(), *FRAME)
    assert len(layout.cards) == 1
    assert 9.0 <= layout.size < 12.0
    (columns,) = [f for f in layout.cards[0] if isinstance(f, Columns)]
    left, right = (columns._col_height(c) for c in columns._cols)
    assert abs(left - right) < 0.15 * max(left, right)  # balanced, not one column half empty


def test_large_print_goes_on_to_a_second_card_rather_than_below_14_pt():
    layout = layout_card(detailed_card(), *FRAME, large_print=True)
    assert layout.size >= 14.0
    assert len(layout.cards) == 2


@pytest.mark.parametrize("large, floor", [(False, 9.0), (True, 14.0)])
def test_a_very_long_crisis_plan_continues_on_more_cards_and_says_so(large, floor):
    """Before, the stress case printed at 2.8 pt on one page."""
    card = stress_card()
    buf = io.BytesIO()
    pages = build_crisis_card(card, buf, large_print=large)
    assert pages >= 2
    assert min(min(s) for s in _shown_sizes(buf)) >= floor
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    for text in texts[:-1]:
        assert "Continued on the next card" in text
    for text in texts[1:]:
        assert "Crisis card, continued" in text and "If Sam is not OK" in text
    assert "Continued on the next card" not in texts[-1]
    for text in texts:  # the numbers to ring are on every card
        assert "13 11 14" in text
    everything = " ".join(texts)
    for words in _every_word_of(card):
        assert words in everything


def test_a_short_card_keeps_its_full_size_and_one_page():
    layout = layout_card(plan_data().crisis_card, *FRAME, large_print=True)
    assert layout.size == 16.0 and len(layout.cards) == 1
