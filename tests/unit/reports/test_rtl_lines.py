"""A long paragraph in Arabic prints its lines in reading order: the first line printed (the top
one) holds the first words written, each line read right to left.

Before, the whole paragraph was put into drawing order and then broken into lines, so the top
line held the END of the text. The goal below is fictional, in a participant's own words.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import unicodedata

import pytest
from report_samples import goal, plan_data, review_data
from reportlab.platypus import Paragraph

from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import BidiParagraph, framed_para, labelled_para
from recoverydesk.reports.crisis_card import build_crisis_card
from recoverydesk.reports.layout import para
from recoverydesk.reports.plan_pack import MARGIN, build_plan_pack
from recoverydesk.reports.review import build_review_report
from recoverydesk.reports.scripts import markup

GOAL = (
    "أريد أن أعود إلى العمل في المخبز القريب من بيتي وأن أمشي كل صباح مع أختي في الحديقة "
    "وأن أطبخ طعاما صحيا لعائلتي يوم الجمعة وأن أتصل بصديقتي مرة في الأسبوع لنتحدث عن "
    "الأشياء الصغيرة التي تجعلني سعيدة وأن أنام مبكرا حتى أشعر بالراحة في الصباح"
)
BODY_WIDTH = 210 * 72 / 25.4 - 2 * MARGIN  # A4 less the plan pack's margins


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def _read(drawn: str) -> str:
    """A line as drawn left to right, back in reading order: the drawn text reversed, then the
    joined letter forms (one glyph for lam-alef) unfolded into the letters typed."""
    return unicodedata.normalize("NFKC", drawn[::-1])


def _line_texts(paragraph) -> list[str]:
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _width, words in lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]


@pytest.mark.parametrize("style", ["body", "quote", "bullet"])
def test_a_long_arabic_paragraph_prints_its_lines_in_reading_order(style):
    paragraph = para(GOAL, getattr(st.plan_styles(False), style))
    paragraph.wrap(BODY_WIDTH, 1000)
    lines = [_read(t) for t in _line_texts(paragraph)]
    assert len(lines) >= 3
    # Top to bottom, the lines hold the words in the order they were written.
    assert _words(" ".join(lines)) == _words(GOAL)
    assert _words(lines[0])[:3] == _words(GOAL)[:3]
    # Ragged on the left: each line ends at the right margin, where Arabic is read from.
    assert paragraph.style.alignment == 2  # TA_RIGHT


def test_lines_are_never_wider_than_the_room_and_follow_a_narrower_column():
    body = st.plan_styles(False).body
    paragraph = para(GOAL, body)
    wide = len(paragraph.wrap(BODY_WIDTH, 1000) and paragraph.blPara.lines)
    narrow = len(paragraph.wrap(BODY_WIDTH / 2, 1000) and paragraph.blPara.lines)
    assert narrow > wide
    assert all(line.extraSpace >= -0.01 for line in paragraph.blPara.lines)
    assert _words(" ".join(_read(t) for t in _line_texts(paragraph))) == _words(GOAL)


def test_a_paragraph_split_over_two_pages_keeps_reading_order():
    paragraph = para(GOAL, st.plan_styles(False).body)
    _w, height = paragraph.wrap(BODY_WIDTH, 1000)
    top, rest = paragraph.split(BODY_WIDTH, height - paragraph.style.leading + 0.5)  # all but the last line
    texts = []
    for part in (top, rest):
        part.wrap(BODY_WIDTH, 1000)
        texts += [_read(t) for t in _line_texts(part)]
    assert _words(" ".join(texts)) == _words(GOAL)


def test_english_with_an_arabic_name_inside_is_set_as_before():
    body = st.plan_styles(False).body
    text = "ليلى would like to walk to the beach with her sister every Sunday morning. " * 3
    paragraph = para(text, body)
    assert not isinstance(paragraph, BidiParagraph)
    before = Paragraph(markup(text, body.fontName), body)  # how it was made before
    assert paragraph.text == before.text
    paragraph.wrap(BODY_WIDTH, 1000)
    before.wrap(BODY_WIDTH, 1000)
    assert _line_texts(paragraph) == _line_texts(before) and len(_line_texts(before)) >= 3
    assert paragraph.style is body


def test_a_short_arabic_name_keeps_the_alignment_of_the_english_around_it():
    cell = st.plan_styles(False).cell
    paragraph = para("ليلى حداد", cell)
    paragraph.wrap(BODY_WIDTH / 3, 1000)
    assert len(paragraph.blPara.lines) == 1
    assert paragraph.style.alignment == cell.alignment


def test_the_plan_pack_prints_an_arabic_goal_top_line_first(tmp_path):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = dataclasses.replace(plan_data(), goals=(dataclasses.replace(goal(1), title=GOAL),))
    buf = io.BytesIO()
    build_plan_pack(data, buf, False)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(buf.getvalue())
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The goal's lines top to bottom; pdftotext reads each line's joined forms back in reading
    # order (between embedding marks, dropped here).
    arabic = [
        unicodedata.normalize("NFKC", line.strip()).replace("\u202b", "").replace("\u202c", "")
        for line in text.splitlines()
        if any("\u0600" <= c <= "\u06ff" or "\ufe70" <= c <= "\ufeff" for c in line)
    ]
    assert len(arabic) >= 3
    assert _words(" ".join(arabic).replace("“", "").replace("”", "")) == _words(GOAL)


def test_arabic_words_after_an_english_label_follow_it_in_reading_order():
    body = st.plan_styles(False).body
    paragraph = labelled_para("Why it matters to me", GOAL, body)
    paragraph.wrap(BODY_WIDTH, 1000)
    lines = _line_texts(paragraph)
    assert len(lines) >= 3
    assert lines[0].startswith("Why it matters to me:")  # the label first, on the left
    words = [_read(lines[0].removeprefix("Why it matters to me:"))] + [_read(t) for t in lines[1:]]
    assert _words(" ".join(words)) == _words(GOAL)
    assert all(line.extraSpace >= -0.01 for line in paragraph.blPara.lines)
    assert paragraph.style.alignment == body.alignment  # the paragraph reads left to right


def test_an_english_label_before_english_words_is_set_as_before():
    body = st.plan_styles(False).body
    paragraph = labelled_para("What I'll do", "Walk with ليلى three mornings a week.", body)
    assert not isinstance(paragraph, BidiParagraph)
    assert paragraph.text == f"<b>What I'll do:</b> {markup('Walk with ليلى three mornings a week.')}"


def test_the_plan_pack_prints_arabic_after_a_label_in_reading_order(tmp_path):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    mine = dataclasses.replace(goal(1), title="Walk every morning", why_it_matters=GOAL)
    buf = io.BytesIO()
    build_plan_pack(dataclasses.replace(plan_data(), goals=(mine,)), buf, False)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(buf.getvalue())
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [unicodedata.normalize("NFKC", line.strip()) for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Why it matters to me:"))
    shown = [lines[start].removeprefix("Why it matters to me:")]
    for line in lines[start + 1 :]:
        if not any("\u0600" <= c <= "\u06ff" for c in line):
            break
        shown.append(line)
    assert len(shown) >= 3
    assert _words(" ".join(shown).replace("\u202b", "").replace("\u202c", "")) == _words(GOAL)


def test_a_long_arabic_goal_title_in_a_heading_reads_in_order_between_its_quotes():
    h2 = st.review_styles().h2
    paragraph = framed_para("Goal 1: “", GOAL, "”", h2)
    paragraph.wrap(BODY_WIDTH, 1000)
    lines = _line_texts(paragraph)
    assert len(lines) >= 3
    assert lines[0].startswith("Goal 1: “") and lines[-1].endswith("”")
    inner = [lines[0].removeprefix("Goal 1: “"), *lines[1:-1], lines[-1].removesuffix("”")]
    assert _words(" ".join(_read(t) for t in inner)) == _words(GOAL)
    assert all(line.extraSpace >= -0.01 for line in paragraph.blPara.lines)


def test_the_review_report_prints_a_long_arabic_goal_title_top_line_first(tmp_path):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = review_data()
    data = dataclasses.replace(data, goals=(dataclasses.replace(data.goals[0], title=GOAL),))
    buf = io.BytesIO()
    build_review_report(data, buf)
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(buf.getvalue())
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [unicodedata.normalize("NFKC", line.strip()) for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Goal 1: “"))
    shown = [lines[start].removeprefix("Goal 1: “")]
    for line in lines[start + 1 :]:
        if not any("\u0600" <= c <= "\u06ff" for c in line):
            break
        shown.append(line)
    assert len(shown) >= 2
    words = " ".join(shown).replace("\u202b", "").replace("\u202c", "").replace("”", "")
    assert _words(words) == _words(GOAL)


def test_the_crisis_card_prints_a_long_arabic_warning_sign_top_line_first(tmp_path):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    card = dataclasses.replace(plan_data().crisis_card, warning_signs=(GOAL, "Not sleeping"))
    pdf = tmp_path / "card.pdf"
    build_crisis_card(card, pdf)
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True)
    lines = [unicodedata.normalize("NFKC", line) for line in text.stdout.splitlines()]
    arabic = [t.strip(" •\u202b\u202c") for t in lines if any("\u0600" <= c <= "\u06ff" for c in t)]
    assert len(arabic) >= 3
    assert _words(" ".join(arabic)) == _words(GOAL)


def test_the_plan_pack_prints_a_long_arabic_note_on_a_star_area_in_reading_order(tmp_path):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = plan_data()
    first, *rest = data.star.domains
    star = dataclasses.replace(data.star, domains=(dataclasses.replace(first, note=GOAL), *rest))
    buf = io.BytesIO()
    build_plan_pack(dataclasses.replace(data, star=star), buf, False)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(buf.getvalue())
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True)
    lines = [unicodedata.normalize("NFKC", line) for line in text.stdout.splitlines()]
    start = next(i for i, t in enumerate(lines) if t.startswith(f"• {first.label}: "))
    shown = [lines[start].removeprefix(f"• {first.label}: ")]
    for line in lines[start + 1 :]:
        if not any("\u0600" <= c <= "\u06ff" for c in line):
            break
        shown.append(line)
    assert len(shown) >= 2
    assert _words(" ".join(shown).replace("\u202b", "").replace("\u202c", "")) == _words(GOAL)
