"""Chart text in any script: every glyph found in one of the chart's fonts."""

from __future__ import annotations

import warnings

import pytest

from recoverydesk.charts.fonts import EMOJI_FAMILY, font_families
from recoverydesk.system_fonts import installed_cjk


def _missing_glyph_warnings(text: str) -> list[str]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 1))
    fig.text(0.05, 0.5, text, family=list(font_families()), fontsize=12)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(__import__("io").BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_the_chart_fonts_end_with_the_emoji_font_and_sans_serif():
    families = font_families()
    assert families[0] == "DejaVu Sans" and families[-1] == "sans-serif"
    assert EMOJI_FAMILY in families


@pytest.mark.parametrize("text", ["ليلى حداد", "Herbs 🌱", "Zoë Nguyễn"])
def test_names_and_emoji_find_a_font(text):
    assert _missing_glyph_warnings(text) == []


@pytest.mark.skipif(not installed_cjk(), reason="no Chinese font on this computer")
def test_a_chinese_name_finds_the_computers_font():
    assert _missing_glyph_warnings("王小明") == []
