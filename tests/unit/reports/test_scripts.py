"""Names and words in any script print with the right letters, joined, in reading order.

A fictional Arabic name (ليلى حداد), a Chinese one (王小明) and an emoji in a strength go through
the plan pack and the review report; each character must be drawn in a font that has it.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader
from report_samples import plan_data, review_data

from recoverydesk.reports.data import StrengthData, SupporterData
from recoverydesk.reports.fonts import (
    ITALIC,
    REGULAR,
    UPRIGHT,
    cjk_fallback,
    covers,
    fallback_fonts,
)
from recoverydesk.reports.plan_pack import build_plan_pack
from recoverydesk.reports.review import build_review_report
from recoverydesk.reports.scripts import runs, visual
from recoverydesk.system_fonts import installed_cjk

ARABIC = "ليلى حداد"
CHINESE = "王小明"
SPROUT = "🌱"
needs_cjk = pytest.mark.skipif(not installed_cjk(), reason="no Chinese font on this computer")


def _chunks(pdf: bytes) -> list[tuple[str, str]]:
    """(font BaseFont, text) for every piece of text drawn in the PDF."""
    out: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, _cm, _tm, font, _size):
            if text.strip() and font:
                out.append((str(font.get("/BaseFont", "")), text))

        page.extract_text(visitor_text=visit)
    return out


def _page_fonts(pdf: bytes) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }


def _plan_pdf() -> bytes:
    data = plan_data(
        full_name=ARABIC,
        preferred_name="ليلى",
        strengths=(StrengthData("Skills and talents", f"Growing herbs {SPROUT} on the balcony"),),
        supporters=(SupporterData(CHINESE, "Friend", "0411 222 333", emergency=True),),
    )
    buf = io.BytesIO()
    build_plan_pack(data, buf, False)
    return buf.getvalue()


def _review_pdf() -> bytes:
    data = review_data(
        full_name=ARABIC,
        preferred_name="ليلى",
        informal_supports=(SupporterData(CHINESE, "Friend"),),
        barriers_strategies=f"Growing herbs {SPROUT} helps on hard days.",
    )
    buf = io.BytesIO()
    build_review_report(data, buf)
    return buf.getvalue()


def test_arabic_is_joined_and_put_in_drawing_order():
    shown = visual(ARABIC)
    # Joined letter forms (Arabic Presentation Forms-B), not the bare letters typed in.
    assert all("\ufe70" <= c <= "\ufeff" for c in shown.replace(" ", ""))
    # Drawn left to right, the last word comes first: read back right to left it is the name.
    assert unicodedata.normalize("NFKC", shown[::-1]) == ARABIC
    # English around a name keeps reading left to right.
    assert visual("ليلى's plan").endswith("'s plan")


def test_arabic_in_an_italic_line_is_set_upright_in_a_face_that_has_it():
    assert not covers(ITALIC, "ﻟ")  # DejaVu Sans Oblique has no Arabic
    for font, chunk in runs(visual(ARABIC), ITALIC):
        assert chunk.isspace() or (font == UPRIGHT and all(covers(UPRIGHT, c) for c in chunk.strip()))


def test_every_character_gets_a_font_that_has_it():
    for text in (ARABIC, f"Herbs {SPROUT}\ufe0f", CHINESE if installed_cjk() else "Zoë"):
        for font, chunk in runs(visual(text)):
            for char in chunk:
                assert char.isspace() or covers(font or REGULAR, char), (text, char, font)


@pytest.mark.parametrize("make", [_plan_pdf, _review_pdf], ids=["plan pack", "review"])
def test_the_documents_print_every_script_in_a_font_that_has_it(make):
    pdf = make()
    chunks = _chunks(pdf)
    fonts_of = lambda needle: {f for f, t in chunks if needle in t}  # noqa: E731
    text = unicodedata.normalize("NFKC", " ".join(t for _f, t in chunks))
    assert ARABIC in text or "ليلى" in text  # pypdf reads the joined forms back in order
    # In a face that has Arabic: never the oblique (it has none), even in an italic line.
    arabic_fonts = fonts_of("ﻟﻴﻠﻰ")
    assert arabic_fonts and all(f.endswith(("DejaVuSans", "DejaVuSans-Bold")) for f in arabic_fonts)
    # pypdf cannot read reportlab's map for characters beyond U+FFFF back, so look at the fonts.
    assert any("NotoEmoji" in name for name in _page_fonts(pdf)), "no emoji font for the emoji"
    if installed_cjk():
        assert fonts_of(CHINESE) and all("DejaVu" not in f for f in fonts_of(CHINESE))
    assert "RDEmoji" in fallback_fonts()


@needs_cjk
def test_a_chinese_font_is_found_on_this_computer():
    assert cjk_fallback() == "RDCJK"


def test_a_fallback_font_is_read_only_when_a_letter_needs_it():
    # Reading the computer's CJK font holds ~30,000 glyphs (18 MB) for the session.
    cjk_fallback.cache_clear()
    runs("Kiri Waititi, naïve café: Nguyễn Thị Mai, Ελένη, Ольга, ليلى 😀")
    assert cjk_fallback.cache_info().misses == 0
    fallback_fonts.cache_clear()
    assert runs("Kiri Waititi, Nguyễn Thị Mai, Ελένη, Ольга") == [
        (None, "Kiri Waititi, Nguyễn Thị Mai, Ελένη, Ольга")]
    assert fallback_fonts.cache_info().misses == 0  # DejaVu Sans has them all
