"""Right-to-left paragraphs broken into lines in reading order, then each line put into drawing
order.

reportlab breaks a paragraph into lines after its text has been put into visual (drawing)
order, and fills lines from the start of that visual text. For a paragraph in Arabic the visual
text starts with the logical END, so a long one printed its last words on the first line. The
Unicode bidi algorithm (UAX #9, rules L1-L2) breaks lines in logical order first and reorders
each line on its own; ``BidiParagraph`` does that when reportlab tells it the width: the words
are laid into lines by the width of each joined (reshaped) line in the paragraph's font and the
fallback fonts (``scripts.string_width``), each line is made visual on its own, and the lines
are joined with ``<br/>``. A paragraph all in Arabic that wraps is set flush right, so every
line starts where an Arabic reader looks first (one line keeps the alignment around it).

Only lines that read right to left (Arabic with no left-to-right letter) are broken this way;
English with an Arabic name inside reads left to right and is set exactly as before. The
participant's words after an English label or between English words ("Why it matters to me:",
"Goal 1: “...”") are broken the same way after the label (``labelled_para``,
``framed_para``), the paragraph staying left to right.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from recoverydesk.reports.fonts import BOLD
from recoverydesk.reports.scripts import _has_ltr as has_ltr
from recoverydesk.reports.scripts import has_rtl, markup, string_width

_SPACES = re.compile(r"[ \t]+")
# A hair narrower than the room: reportlab must never break one of these lines again.
_SLACK = 0.25


def reads_rtl(line: str) -> bool:
    """A line with right-to-left letters and no left-to-right ones (the same rule as visual)."""
    return has_rtl(line) and not has_ltr(line)


def logical_lines(
    text: str, font: str, size: float, first: float, later: float, tail: float = 0
) -> list[str]:
    """The words of one line of text (no line breaks), in reading order, laid into lines no
    wider than ``first`` (the first line) and ``later`` (the rest) points when joined and set,
    with ``tail`` points left free after the last word (a closing quotation mark)."""
    lines: list[str] = []
    current = ""
    for word in (w for w in _SPACES.split(text.strip()) if w):
        room = (first if not lines else later) - _SLACK
        candidate = f"{current} {word}" if current else word
        if current and string_width(candidate, font, size) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    room = (first if len(lines) == 1 else later) - _SLACK
    last = lines[-1]
    if tail and " " in last and string_width(last, font, size) + tail > room:
        head, _sep, word = last.rpartition(" ")
        lines[-1:] = [head, word]
    return lines


class BidiParagraph(Paragraph):
    """A Paragraph of the coach's or participant's words with right-to-left lines in it.

    Made with ``BidiParagraph.of(text, style, base)``; reportlab's own ``split`` makes the
    pieces with the plain constructor, and those keep the lines already laid out."""

    _rd_text: str | None = None

    @classmethod
    def of(
        cls,
        text: str,
        style: ParagraphStyle,
        base: str,
        lead: tuple[str, float] = ("", 0),
        tail: tuple[str, float] = ("", 0),
        bullet: str | None = None,
    ) -> BidiParagraph:
        """``lead`` and ``tail``: markup set before the text on its first line and after it on
        its last (an English label, such as "<b>Why it matters to me:</b> "; quotation marks),
        each with its width in points; ``bullet``: reportlab's bulletText."""
        made = cls(lead[0] + markup(text, base) + tail[0], style, bulletText=bullet)
        made._rd_text, made._rd_base, made._rd_style = text, base, style
        made._rd_lead, made._rd_tail = lead, tail
        made._rd_width = None
        return made

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        if self._rd_text is not None and availWidth != self._rd_width:
            self._rd_width = availWidth
            self._lay_out(availWidth)
        return super().wrap(availWidth, availHeight)

    def _lay_out(self, width: float) -> None:
        style = self._rd_style
        first = width - style.leftIndent - style.firstLineIndent - style.rightIndent
        first -= self._rd_lead[1]
        later = width - style.leftIndent - style.rightIndent
        parts: list[str] = []
        wrapped = False
        hard = self._rd_text.split("\n")
        for i, line in enumerate(hard):
            if reads_rtl(line):
                tail = self._rd_tail[1] if i == len(hard) - 1 else 0
                pieces = logical_lines(line, style.fontName, style.fontSize, first, later, tail)
                wrapped = wrapped or len(pieces) > 1
                parts.extend(markup(piece, self._rd_base) for piece in pieces)
            else:
                parts.append(markup(line, self._rd_base))
            first = later  # the first-line indent is the paragraph's first line only
        parts[0] = self._rd_lead[0] + parts[0]
        parts[-1] += self._rd_tail[0]
        every_rtl = all(reads_rtl(line) for line in hard if line.strip())
        framed = self._rd_lead[0] or self._rd_tail[0]
        if wrapped and every_rtl and not framed and style.alignment in (TA_LEFT, TA_JUSTIFY):
            # Ragged on the left, like Arabic written by hand; a one-line name or title keeps
            # the alignment of the English around it.
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self._setup("<br/>".join(parts), style, self.bulletText, None, cleanBlockQuotedText)


def bidi_para(text: str, style: ParagraphStyle, base: str, bullet: str | None = None) -> Paragraph:
    """A Paragraph for words in any script: ``BidiParagraph`` when a line reads right to left,
    else reportlab's own (``markup`` already put names inside English into drawing order)."""
    if any(reads_rtl(line) for line in text.split("\n")):
        return BidiParagraph.of(text, style, base, bullet=bullet)
    return Paragraph(markup(text, base), style, bulletText=bullet)


def _framed(text, style, lead: tuple[str, float], tail=("", 0), bullet=None) -> Paragraph:
    base = style.fontName
    if not any(reads_rtl(line) for line in text.split("\n")):
        return Paragraph(lead[0] + markup(text, base) + tail[0], style, bulletText=bullet)
    return BidiParagraph.of(text, style, base, lead, tail, bullet)


def labelled_para(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """"<b>label:</b> text" for an English label before the coach's or participant's words:
    words in Arabic after it are broken into lines in reading order too, the label first (the
    paragraph reads left to right, as the document does)."""
    size = style.fontSize
    width = string_width(f"{label}:", BOLD, size) + string_width(" ", style.fontName, size)
    return _framed(text, style, (f"<b>{escape(label)}:</b> ", width))


def framed_para(
    lead: str, text: str, tail: str, style: ParagraphStyle, bullet: str | None = None
) -> Paragraph:
    """English words (``lead``, ``tail``: "Goal 1: “" and "”") around the coach's or
    participant's words, in the paragraph's own font, Arabic inside broken into lines in
    reading order as ``labelled_para`` does."""
    font, size = style.fontName, style.fontSize
    return _framed(
        text,
        style,
        (markup(lead, font), string_width(lead, font, size)),
        (markup(tail, font), string_width(tail, font, size)),
        bullet,
    )


__all__ = [
    "BidiParagraph",
    "bidi_para",
    "framed_para",
    "labelled_para",
    "logical_lines",
    "reads_rtl",
]
