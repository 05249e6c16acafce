"""The crisis card at the end of the plan pack: who to call and what helps, in the
participant's own words, to tear off and keep.

It must stay readable in a crisis, so its type never goes below 9 pt (14 pt in large print).
A long plan first fills both columns (balanced, so neither is left half empty), then steps
its type down towards that floor, and when even that is not enough it continues on a second
card (and a third...), saying so at the foot of each card and at the head of the next.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.charts import theme
from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import bidi_para
from recoverydesk.reports.card_columns import Columns, Piece, balance, pour
from recoverydesk.reports.data import CrisisCardData, PracticeInfo
from recoverydesk.reports.fonts import BOLD, REGULAR
from recoverydesk.reports.layout import BASE_TABLE, esc, para, phone_text, write_in_lines

CARD_MARGIN = 14 * mm
MUTED_HEX = theme.MUTED
COLUMN_GAP = 8 * mm
CONTINUED = "Continued on the next card"
CONTINUATION = "Crisis card, continued"


def floor_size(large_print: bool) -> float:
    """The smallest type on the card: 9 pt, or 14 pt in large print."""
    return 14.0 if large_print else 9.0


def cut_line(large_print: bool = False):
    """A page template's ``onPage``: a dashed border round the card, with a scissors mark."""
    size = floor_size(large_print)
    words = (
        "✂  Tear off this page and keep it with you."
        if large_print
        else "✂  Tear off or fold this page and keep it with you. "
        "Show it to someone who is helping you."
    )

    def draw(canvas, _doc) -> None:
        canvas.rd_footer = False
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(st.MUTED)
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.8)
        inset = CARD_MARGIN - 2 * mm
        canvas.roundRect(inset, inset, width - 2 * inset, height - 2 * inset, 6 * mm)
        canvas.setDash()
        canvas.setFont(REGULAR, size)
        canvas.setFillColor(st.MUTED)
        canvas.drawString(inset + 8 * mm, inset - 5 * mm, words)
        canvas.restoreState()

    return draw


draw_cut_line = cut_line(False)


@dataclass(frozen=True)
class CardLayout:
    """What the layout chose: the body type size and each card's flowables."""

    size: float
    cards: tuple[list[Flowable], ...]


def card_styles(size: float, floor: float) -> st.Styles:
    """The plan's styles at ``size``, with nothing (cells, small print) under ``floor``."""
    s = st.plan_styles(body=size)

    def at_least(style: ParagraphStyle) -> ParagraphStyle:
        if style.fontSize >= floor:
            return style
        return ParagraphStyle(
            style.name, parent=style, fontSize=floor, leading=floor * 1.25
        )

    return replace(
        s,
        small=at_least(s.small),
        cell=at_least(s.cell),
        cell_bold=at_least(s.cell_bold),
        cell_head=at_least(s.cell_head),
    )


def layout_card(
    card: CrisisCardData, width: float, height: float, large_print: bool = False
) -> CardLayout:
    """The largest type (from 12 pt, or 16 pt in large print, down to the floor) that needs
    the fewest cards."""
    floor = floor_size(large_print)
    size = 16.0 if large_print else 12.0
    best: CardLayout | None = None
    while size >= floor - 0.01:
        cards = _cards(card, card_styles(size, floor), width, height)
        if best is None or len(cards) < len(best.cards):
            best = CardLayout(size, tuple(cards))
        if len(cards) == 1:
            break
        size -= 0.5
    assert best is not None
    return best


def crisis_card_story(
    card: CrisisCardData, width: float, height: float, large_print: bool = False
) -> list[Flowable]:
    """The card's pages for a frame of ``width`` x ``height`` (one or more cards)."""
    story: list[Flowable] = []
    for i, flowables in enumerate(layout_card(card, width, height, large_print).cards):
        if i:
            story.append(PageBreak())
        # Measured to fit; the frame only guards against a single unsplittable giant.
        story.append(KeepInFrame(width, height, flowables, mode="shrink"))
    return story


def _cards(card: CrisisCardData, s: st.Styles, width: float, height: float) -> list[list]:
    colw = (width - COLUMN_GAP) / 2
    rest = _pieces(card, s, colw)
    cards: list[list[Flowable]] = []
    while True:
        top = _head(card, s, width, continued=bool(cards)) + [Spacer(1, 4 * mm)]
        foot = [Spacer(1, 5 * mm)] + _foot(card, s, width)
        room = height - _stack_height(top + foot, width) - 2
        cols = balance(rest, colw, room)
        if cols is not None or len(cards) >= 9:
            cols = cols if cols is not None else pour(rest, colw, room)[0]
            cards.append(top + [Columns(cols, colw, COLUMN_GAP)] + foot)
            return cards
        more = Paragraph(f"<b>{CONTINUED} ›</b>", _right(s.cell_bold))
        room -= _stack_height([Spacer(1, 2 * mm), more], width)
        cols, rest = pour(rest, colw, room)
        cards.append(top + [Columns(cols, colw, COLUMN_GAP), Spacer(1, 2 * mm), more] + foot)


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(style.name + "_right", parent=style, alignment=2)


def _stack_height(flowables: list[Flowable], width: float) -> float:
    return sum(
        f.wrap(width, 1e6)[1] + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
        for i, f in enumerate(flowables)
    )


def _head(card: CrisisCardData, s: st.Styles, width: float, continued: bool) -> list[Flowable]:
    """The title on one line when it can be (down to the heading size); a continuation card
    has a smaller title, so its room goes to the words."""
    name = card.preferred_name or "me"
    title = f"If {name} is not OK"
    if continued:
        return [Paragraph(esc(title), s.h1), para(f"{CONTINUATION}.", s.subtitle)]
    size = s.title.fontSize
    while size > s.h1.fontSize and _text_width(title, size) > width:
        size -= 1
    style = ParagraphStyle("card_title", parent=s.title, fontSize=size, leading=size * 1.16)
    sub = "This is what I want you to know and do. Thank you for helping me."
    return [Paragraph(esc(title), style), para(sub, s.subtitle)]


def _foot(card: CrisisCardData, s: st.Styles, width: float) -> list[Flowable]:
    """The numbers to ring any time (on every card: the cards may be carried apart)."""
    lines = [
        [Paragraph(f"<b>{phone_text(line.phone)}</b>", s.cell_bold), para(line.name, s.cell)]
        for line in card.crisis_lines
    ]
    numbers = max((_text_width(x.phone, s.cell_bold.fontSize) for x in card.crisis_lines), default=0)
    numbers += 24
    box = Table(
        [[Paragraph("Any time, day or night", s.cell_bold), ""]] + lines,
        colWidths=[numbers, width - numbers],
    )
    box.setStyle(
        TableStyle(
            BASE_TABLE
            + [
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, -1), st.ACCENT_SOFT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out: list[Flowable] = [box]
    if card.updated_on:
        out += [Spacer(1, 2 * mm), para(f"Last updated {long_date(card.updated_on)}.", s.small)]
    return out


def _pieces(card: CrisisCardData, s: st.Styles, colw: float) -> list[Piece]:
    """The card's words in reading order: who to call first, then the rest."""
    out = _call(card, s, colw)
    if card.not_involved:
        out += _section("Please don't involve", card.not_involved, s, colw)
    out += _section("Signs I'm becoming unwell", card.warning_signs, s, colw)
    out += _section("What helps me", card.what_helps, s, colw)
    out += _section("Please don't", card.what_to_avoid, s, colw, lines=2)
    if card.medications:
        out += _section("My medications and allergies", card.medications, s, colw)
    if card.preferred_facilities or card.unwanted_facilities:
        out.append(Piece(Paragraph("If I need care", s.h3), keep_with_next=True))
        if card.preferred_facilities:
            out.append(Piece(para("I'd prefer: " + "; ".join(card.preferred_facilities), s.body)))
        if card.unwanted_facilities:
            out.append(Piece(para("Please not: " + "; ".join(card.unwanted_facilities), s.body)))
    return out


def _section(
    title: str, items: tuple[str, ...], s: st.Styles, width: float, lines: int = 3
) -> list[Piece]:
    """A part of the card, one piece per item; one not written yet leaves ruled lines to fill
    in by hand."""
    out = [Piece(Paragraph(esc(title), s.h3), keep_with_next=True)]
    if not items:
        return out + [Piece(write_in_lines(width, lines, gap=s.leading * 1.6))]
    style = ParagraphStyle(
        "card_bullet",
        parent=s.bullet,
        bulletFontName=REGULAR,
        bulletFontSize=s.bullet.fontSize,
        spaceAfter=s.body_size * 0.15,
    )
    return out + [Piece(bidi_para(t, style, style.fontName, bullet="•")) for t in items]


def _call(card: CrisisCardData, s: st.Styles, width: float) -> list[Piece]:
    """Who to call, one piece per person: the number beside the name when both fit on one
    line, else under it, so a name is never split mid-word and a number never wraps; then
    what the participant would like that person to do ("Sit with me"), in their words."""
    if not card.supporters:
        return [
            Piece(Paragraph("Please call (name and phone)", s.h3), keep_with_next=True),
            Piece(write_in_lines(width, 3, gap=s.leading * 1.8)),
        ]
    out = [Piece(Paragraph("Please call", s.h3), keep_with_next=True)]
    numbers = max(_text_width(x.phone, s.cell.fontSize) for x in card.supporters) + 8
    numbers = min(max(numbers, width * 0.3), width * 0.55)
    for sup in card.supporters:
        beside = _text_width(sup.name, s.cell.fontSize) <= width - numbers - 8  # cell padding
        lines = [f"<b>{esc(sup.name)}</b>"]
        if not beside:
            lines.append(f"<b>{phone_text(sup.phone)}</b>")
        if sup.role:
            lines.append(f"<font color='{MUTED_HEX}'>{esc(sup.role)}</font>")
        if sup.note:
            lines.append(esc(sup.note))
        if sup.consent_expired_on:
            lines.append(
                f"<font color='{theme.ATTENTION}'>OK to share my information ended "
                f"{short_date(sup.consent_expired_on)}</font>"
            )
        number = Paragraph(f"<b>{phone_text(sup.phone)}</b>", s.cell) if beside else ""
        rows = [[Paragraph(lines[0], s.cell), number]]
        rows += [[Paragraph(text, s.cell), ""] for text in lines[1:]]
        spans = [("SPAN", (0, i), (1, i)) for i in range(0 if not beside else 1, len(rows))]
        row = Table(rows, colWidths=[width - numbers, numbers])
        row.setStyle(
            TableStyle(
                BASE_TABLE
                + spans
                + [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.5, st.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, 0), 3),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
                ]
            )
        )
        out.append(Piece(row))
    return out


def _text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text or "", BOLD, size)


def build_crisis_card(
    card: CrisisCardData,
    out: Path | io.BytesIO,
    practice: PracticeInfo | None = None,
    large_print: bool = False,
) -> int:
    """The card on its own, for printing a spare; returns the number of cards (pages)."""
    width, height = A4
    frame = Frame(
        CARD_MARGIN, CARD_MARGIN, width - 2 * CARD_MARGIN, height - 2 * CARD_MARGIN, id="card"
    )
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        title=f"Crisis card for {card.preferred_name}",
        author=(practice or PracticeInfo()).author,
        creator="RecoveryDesk",
    )
    doc.addPageTemplates([PageTemplate("card", [frame], onPage=cut_line(large_print))])
    doc.build(crisis_card_story(card, frame._aW, frame._aH, large_print))
    return doc.page
