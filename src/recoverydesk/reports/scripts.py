"""Text in any script for reportlab: right-to-left words joined and in reading order, and each
character set in a font that has it.

reportlab lays text out left to right, one glyph per character, without the optional rlbidi
module (not published): an Arabic name printed as typed came out reversed with its letters
unjoined. So Arabic letters are first turned into their joined forms (arabic-reshaper) and the
line put into visual order (python-bidi), one line at a time. Characters the body font (DejaVu
Sans) lacks are set in a fallback font (emoji: the bundled Noto Emoji; Chinese, Japanese,
Korean: the computer's font), by wrapping runs of them in ``<font name=...>`` tags.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from recoverydesk.reports.fonts import REGULAR, font_for

_RTL_CLASSES = {"R", "AL"}
# Emoji joiners and presentation selectors: they print nothing, and a font without them would
# print its "missing" box, so they are dropped after the emoji they belong to.
_INVISIBLE = re.compile("[\u200d\ufe0e\ufe0f]")


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def visual(text: str) -> str:
    """The text in the order and letter forms to draw it left to right (each line on its own)."""
    text = text or ""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    # The documents are in English: a line with any left-to-right letter reads left to right
    # ("ليلى's recovery plan"); a line all in Arabic keeps its own direction.
    return "\n".join(
        get_display(arabic_reshaper.reshape(line), base_dir="L" if _has_ltr(line) else None)
        for line in text.split("\n")
    )


def _has_ltr(text: str) -> bool:
    return any(unicodedata.bidirectional(c) == "L" for c in text)


def runs(text: str, base: str = REGULAR) -> list[tuple[str | None, str]]:
    """Split text into (font name, or None for the text's own font ``base``, text) runs."""
    out: list[tuple[str | None, str]] = []
    for char in _INVISIBLE.sub("", text):
        font = font_for(char, base)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text: str, base: str = REGULAR) -> str:
    """Escaped Paragraph markup for the coach's or participant's words (line breaks kept), for
    a paragraph set in ``base`` (only the oblique lacks letters the regular face has)."""
    parts = []
    for font, chunk in runs(visual(text or ""), base):
        body = escape(chunk).replace("\n", "<br/>")
        parts.append(f'<font name="{font}">{body}</font>' if font else body)
    return "".join(parts)


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left"):
    """canvas.drawString for any script: the same runs and fallback fonts as a Paragraph."""
    pieces = runs(visual(text), font)
    width = sum(canvas.stringWidth(chunk, f or font, size) for f, chunk in pieces)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for f, chunk in pieces:
        canvas.setFont(f or font, size)
        canvas.drawString(x, y, chunk)
        x += canvas.stringWidth(chunk, f or font, size)
    canvas.setFont(font, size)
    return width


def string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(chunk, f or font, size) for f, chunk in runs(visual(text), font))


__all__ = ["draw_string", "has_rtl", "markup", "runs", "string_width", "visual"]
