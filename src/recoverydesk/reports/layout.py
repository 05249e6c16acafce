"""Shared pieces of every report: escaping, dates, page numbers ("Page 2 of 7"), tables."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Table,
    TableStyle,
)

from recoverydesk.dates import plural
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import bidi_para
from recoverydesk.reports.fonts import REGULAR
from recoverydesk.reports.scripts import draw_string, markup, string_width

# Table cells without a Paragraph would otherwise use Helvetica, a font that is never embedded.
BASE_TABLE = [("FONTNAME", (0, 0), (-1, -1), REGULAR)]


def esc(text: str) -> str:
    """Escape the coach's or participant's words for a Paragraph; keep their line breaks.

    Any script prints: right-to-left words joined and in reading order, and characters the body
    font lacks (emoji, Chinese...) set in a fallback font (reports/scripts.py)."""
    return markup(text or "")


def phone_text(number: str) -> str:
    """A phone number for a Paragraph, escaped, its spaces kept from breaking the line."""
    return esc((number or "").replace(" ", "\u00a0"))


def hours_text(hours: float) -> str:
    text = f"{hours:.1f}".rstrip("0").rstrip(".")
    return f"{text} hour" if text == "1" else f"{text} hours"


def para(text: str, style, escape_text: bool = True) -> Paragraph:
    if not escape_text:
        return Paragraph(text, style)
    # Set for the paragraph's own face: letters its italic lacks (Arabic) are set upright. A
    # paragraph in Arabic is broken into lines in reading order once its width is known.
    return bidi_para(text or "", style, getattr(style, "fontName", REGULAR))


def bullets(items: Iterable[str], style, bullet: str = "•") -> ListFlowable:
    return ListFlowable(
        [ListItem(para(t, style), leftIndent=style.leftIndent, value=bullet) for t in items],
        bulletType="bullet",
        start=bullet,
        leftIndent=style.leftIndent,
        bulletFontName=REGULAR,
        bulletFontSize=style.fontSize * 0.9,
        bulletColor=st.ACCENT,
    )


def grid(
    rows: list[list],
    col_widths: list[float],
    *,
    header: bool = True,
    header_bg=st.ACCENT_DARK,
    zebra: bool = True,
    pad: float = 4,
) -> Table:
    """A table that splits across pages, repeating its header row."""
    table = Table(rows, colWidths=col_widths, repeatRows=1 if header else 0, hAlign="LEFT")
    cmds = BASE_TABLE + [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad + 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
    ]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), header_bg))
    if zebra:
        for i in range(1 if header else 0, len(rows)):
            if (i % 2 == 0) == header:
                cmds.append(("BACKGROUND", (0, i), (-1, i), st.SURFACE))
    table.setStyle(TableStyle(cmds))
    return table


class KeepTogetherOrFlow(KeepTogether):
    """Kept on one page when it fits in the space left. When it does not, it flows on from
    here if its lead-in fits (everything before its last table, plus that table's header and
    first ``lead_rows`` rows), so a long block never leaves half a page empty and a table never
    loses its heading; otherwise it starts on the next page.

    A table that flows on leaves at least two rows for the next page (never one orphan row),
    and with ``continued`` those rows carry a line saying whose they are ("Goal 2, continued").
    """

    def __init__(
        self,
        flowables: list[Flowable],
        lead_rows: int = 2,
        continued: str = "",
        moved: bool = False,
    ):
        super().__init__(flowables)
        self._lead_rows = lead_rows
        self._continued = continued
        self._moved = moved  # already moved to a fresh page: flow from here whatever

    def _space_before(self) -> float:
        """The first flowable's space above it, which the frame adds below other text but
        reportlab's measure leaves out: unmeasured, it pushed a block's last line (a lone
        "No steps yet ...") over to the next page."""
        frame = getattr(self, "_frame", None)
        if not self._content or frame is None or getattr(frame, "_atTop", True):
            return 0.0
        return self._content[0].getSpaceBefore()

    def _table_index(self) -> int | None:
        tables = [i for i, f in enumerate(self._content) if isinstance(f, Table)]
        return tables[-1] if tables else None

    def _before_height(self, aw: float, ah: float, upto: int) -> float:
        return sum(
            f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self._content[:upto]
        )

    def _lead_height(self, aw: float, ah: float) -> float:
        last = self._table_index()
        if last is None:
            return self._before_height(aw, ah, len(self._content))
        table = self._content[last]
        table.wrap(aw, ah)
        return self._before_height(aw, ah, last) + sum(table._rowHeights[: 1 + self._lead_rows])

    def split(self, aW, aH):  # noqa: N803 (reportlab's names)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH >= self._H + self._space_before():
            return list(self._content)
        if not self._moved and aH < self._lead_height(aW, aH):
            # Too little room here: start on the next page, and flow on from there.
            from reportlab.platypus.doctemplate import FrameBreak

            again = KeepTogetherOrFlow(self._content, self._lead_rows, self._continued, moved=True)
            return [FrameBreak(), again]
        last = self._table_index()
        if last is None:
            return list(self._content)
        return self._flow_table(aW, aH, last)

    def _flow_table(self, aw: float, ah: float, last: int) -> list[Flowable]:
        before, table, after = self._content[:last], self._content[last], self._content[last + 1 :]
        room = ah - self._before_height(aw, ah, last)
        heights = table._rowHeights
        parts = table.split(aw, room)
        if len(parts) == 2:
            rest = len(parts[1]._cellvalues) - table.repeatRows
            if rest < 2 and len(heights) - 1 - self._lead_rows >= 2:
                # Move one more row over, so the next page never starts with a single row.
                parts = table.split(aw, room - heights[len(heights) - rest - 1] - 0.5)
        if len(parts) != 2:
            return list(self._content)  # it could not split: let the frame deal with it
        first, rest = parts
        tail: list[Flowable] = [rest]
        if self._continued:
            # The rest may run over yet another page: it says whose it is there too.
            caption = Paragraph(self._continued, _continued_style())
            tail = [
                KeepTogetherOrFlow([caption, rest], self._lead_rows, self._continued)
            ]
        return [*before, first, *tail, *after]


def _continued_style():
    from reportlab.lib.styles import ParagraphStyle

    from recoverydesk.reports.fonts import ITALIC

    return ParagraphStyle("continued", fontName=ITALIC, fontSize=9, leading=12, textColor=st.MUTED)


class FlexImage(Flowable):
    """A picture that takes the height left in the frame, less ``reserve`` (room kept for what
    follows it), between ``min_h`` and ``max_h``, keeping its shape and never wider than
    ``max_w``. Put a CondPageBreak(min_h + reserve) before it."""

    def __init__(self, png: bytes, max_w: float, max_h: float, min_h: float, reserve: float = 0.0):
        super().__init__()
        self._reserve = reserve
        from reportlab.lib.utils import ImageReader

        self._png = png
        self._iw, self._ih = ImageReader(io.BytesIO(png)).getSize()
        self._max_w, self._max_h, self._min_h = max_w, max_h, min_h
        self.hAlign = "CENTER"

    def wrap(self, aW, aH):  # noqa: N803 (reportlab's names)
        height = max(self._min_h, min(self._max_h, aH - self._reserve - 1))
        scale = min(min(self._max_w, aW) / self._iw, height / self._ih)
        self.drawWidth, self.drawHeight = self._iw * scale, self._ih * scale
        return self.drawWidth, self.drawHeight

    def draw(self):
        self.canv.drawImage(
            _image_reader(self._png), 0, 0, self.drawWidth, self.drawHeight, mask="auto"
        )


def _image_reader(png: bytes):
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))


def write_in_lines(width: float, count: int = 3, gap: float = 9 * mm) -> Flowable:
    """Ruled lines to write on by hand (a card not filled in yet is still useful)."""
    from reportlab.platypus.flowables import Flowable as Base

    class Lines(Base):
        def wrap(self, aW, aH):  # noqa: N803
            return width, gap * count

        def draw(self):
            self.canv.saveState()
            self.canv.setStrokeColor(st.RULE)
            self.canv.setLineWidth(0.8)
            for i in range(count):
                y = gap * (count - i - 1) + 1
                self.canv.line(0, y, width, y)
            self.canv.restoreState()

    return Lines()


def hours_minutes(minutes: int) -> str:
    """95 -> "1 hour 35 minutes"; 588 -> "9 hours 48 minutes"."""
    h, m = divmod(int(minutes), 60)
    parts = []
    if h:
        parts.append(plural(h, "hour"))
    if m or not h:
        parts.append(plural(m, "minute"))
    return " ".join(parts)


class FooterInfo:
    """What the footer says; a page template's ``onPage`` may switch it off (cover, card)."""

    def __init__(self, left: str, size: float, author: str = ""):
        self.left = left
        self.size = size
        self.author = author


def numbered_canvas(info: FooterInfo) -> Callable[..., Canvas]:
    """A canvas class that writes "Page N of M" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = REGULAR  # never a non-embedded base-14 font
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []
            self.rd_footer = True

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()
            self.rd_footer = True

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                if self.rd_footer:
                    self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setStrokeColor(st.RULE)
            self.setLineWidth(0.6)
            self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
            self.setFillColor(st.MUTED)
            number = f"Page {self._pageNumber} of {total}"
            size = info.size
            self.setFont(REGULAR, size)
            self.drawRightString(width - 18 * mm, 9.5 * mm, number)
            room = width - 36 * mm - self.stringWidth(number, REGULAR, size) - 8 * mm
            left, size = fit_footer(info.left, size, room)
            self.setFont(REGULAR, size)
            draw_string(self, 18 * mm, 9.5 * mm, left, REGULAR, size)
            self.restoreState()

    return NumberedCanvas


FOOTER_MIN = 7.5  # the footer's words shrink this far, then are cut short


def fit_footer(text: str, size: float, room: float) -> tuple[str, float]:
    """The footer's left words and their size, never wider than ``room`` (so they never run
    into "Page 1 of 2"): a little smaller first, then cut short with an ellipsis at a word
    where it can be."""
    while size > FOOTER_MIN and string_width(text, REGULAR, size) > room:
        size = max(FOOTER_MIN, size - 0.5)
    if string_width(text, REGULAR, size) <= room:
        return text, size
    head, sep, tail = text.partition(" · ")
    if sep:  # shorten the name at the start, keep the rest ("... · Confidential")
        while head and string_width(head.rstrip() + "…" + sep + tail, REGULAR, size) > room:
            head = head[:-1]
        if head.strip():
            return head.rstrip() + "…" + sep + tail, size
    cut = text
    while cut and string_width(cut.rstrip(" ·,") + "…", REGULAR, size) > room:
        cut = cut[:-1]
    word = cut.rfind(" ")
    if word > len(cut) * 0.6:  # end on a whole word when that loses little
        cut = cut[:word]
    return cut.rstrip(" ·,") + "…", size


def no_footer(canvas, _doc) -> None:
    canvas.rd_footer = False
