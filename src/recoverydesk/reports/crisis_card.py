"""The one-page crisis card at the end of the plan pack: who to call and what helps, in the
participant's own words, to tear off and keep. Always exactly one page (it shrinks to fit)."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.charts import theme
from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import CrisisCardData, PracticeInfo
from recoverydesk.reports.fonts import BOLD, REGULAR
from recoverydesk.reports.layout import (
    BASE_TABLE,
    bullets,
    esc,
    para,
    phone_text,
    write_in_lines,
)

CARD_MARGIN = 14 * mm
MUTED_HEX = theme.MUTED


def draw_cut_line(canvas, _doc) -> None:
    """A dashed border round the card, with a scissors mark: this page is meant to come out."""
    canvas.rd_footer = False
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setStrokeColor(st.MUTED)
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.8)
    inset = CARD_MARGIN - 2 * mm
    canvas.roundRect(inset, inset, width - 2 * inset, height - 2 * inset, 6 * mm)
    canvas.setDash()
    canvas.setFont(REGULAR, 9)
    canvas.setFillColor(st.MUTED)
    canvas.drawString(
        inset + 8 * mm,
        inset - 5 * mm,
        "✂  Tear off or fold this page and keep "
        "it with you. Show it to someone who is helping you.",
    )
    canvas.restoreState()


def _call_table(card: CrisisCardData, s: st.Styles, width: float) -> Table:
    """Who to call: the number beside the name when both fit on one line, else under it, so a
    name is never split mid-word and a number never wraps; then what the participant would
    like that person to do ("Sit with me"), in their words."""
    numbers = max(_text_width(x.phone, s.cell.fontSize) for x in card.supporters) + 8
    numbers = min(max(numbers, width * 0.3), width * 0.55)
    rows, spans = [], []
    for i, sup in enumerate(card.supporters):
        who = f"<b>{esc(sup.name)}</b>"
        beside = _text_width(sup.name, s.cell.fontSize) <= width - numbers - 8  # cell padding
        if not beside:
            who += f"<br/><b>{phone_text(sup.phone)}</b>"
        if sup.role:
            who += f"<br/><font color='{MUTED_HEX}'>{esc(sup.role)}</font>"
        if sup.note:
            who += f"<br/>{esc(sup.note)}"
        if sup.consent_expired_on:
            who += (
                f"<br/><font color='{theme.ATTENTION}'>OK to share my information ended "
                f"{short_date(sup.consent_expired_on)}</font>"
            )
        if beside:
            rows.append(
                [Paragraph(who, s.cell), Paragraph(f"<b>{phone_text(sup.phone)}</b>", s.cell)]
            )
        else:
            rows.append([Paragraph(who, s.cell), ""])
            spans.append(("SPAN", (0, i), (1, i)))
    table = Table(rows, colWidths=[width - numbers, numbers])
    table.setStyle(
        TableStyle(
            BASE_TABLE
            + spans
            + [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text or "", BOLD, size)


def _section(
    title: str, items: tuple[str, ...], s: st.Styles, width: float, lines: int = 3
) -> list[Flowable]:
    """A part of the card; one not written yet leaves ruled lines to fill in by hand."""
    out: list[Flowable] = [Paragraph(esc(title), s.h3)]
    if items:
        out.append(bullets(items, s.bullet))
    else:
        out.append(write_in_lines(width, lines, gap=s.leading * 1.6))
    return out


def crisis_card_story(
    card: CrisisCardData,
    s: st.Styles,
    width: float,
    height: float,
    smaller: tuple[st.Styles, ...] = (),
) -> list[Flowable]:
    """The card, shrunk to fit one page. In large print a long card would shrink below the
    normal size, so it steps down through ``smaller`` (largest first) to the first type size
    that fits, and only the last one shrinks."""
    story = _card_story(card, s, width)
    for styles in smaller:
        if _height(story, width) <= height:
            break
        story = _card_story(card, styles, width)
    return [KeepInFrame(width, height, story, mode="shrink")]


def card_step_down(large_print: bool) -> tuple[st.Styles, ...]:
    """The type sizes a large-print card may step down to (none for normal print)."""
    if not large_print:
        return ()
    return tuple(st.plan_styles(body=size) for size in (14.5, 13.0, 12.0))


def _height(story: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 1e6)[1] for f in story)


def _card_story(card: CrisisCardData, s: st.Styles, width: float) -> list[Flowable]:
    name = card.preferred_name or "me"
    head = Table(
        [
            [Paragraph(f"If {esc(name)} is not OK", s.title)],
            [para("This is what I want you to know and do. Thank you for helping me.", s.subtitle)],
        ],
        colWidths=[width],
    )
    head.setStyle(
        TableStyle(
            BASE_TABLE
            + [("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        )
    )

    half = (width - 8 * mm) / 2
    call_part: list[Flowable] = [Paragraph("Please call", s.h3)]
    if card.supporters:
        call_part.append(_call_table(card, s, half))
    else:
        call_part = [
            Paragraph("Please call (name and phone)", s.h3),
            write_in_lines(half, 3, gap=s.leading * 1.8),
        ]

    left: list[Flowable] = []
    left += _section("Signs I'm becoming unwell", card.warning_signs, s, half)
    left += _section("What helps me", card.what_helps, s, half)
    left += _section("Please don't", card.what_to_avoid, s, half, lines=2)

    right: list[Flowable] = list(call_part)
    if card.not_involved:
        right += _section("Please don't involve", card.not_involved, s, half)
    if card.medications:
        right += _section("My medications and allergies", card.medications, s, half)
    if card.preferred_facilities or card.unwanted_facilities:
        right.append(Paragraph("If I need care", s.h3))
        if card.preferred_facilities:
            right.append(para("I'd prefer: " + "; ".join(card.preferred_facilities), s.body))
        if card.unwanted_facilities:
            right.append(para("Please not: " + "; ".join(card.unwanted_facilities), s.body))

    cols = Table([[left, right]], colWidths=[half + 4 * mm, half + 4 * mm])
    cols.setStyle(
        TableStyle(
            BASE_TABLE
            + [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 8 * mm),
            ]
        )
    )

    lines = [
        [Paragraph(f"<b>{phone_text(line.phone)}</b>", s.cell_bold), para(line.name, s.cell)]
        for line in card.crisis_lines
    ]
    line_numbers = max(_text_width(x.phone, s.cell_bold.fontSize) for x in card.crisis_lines) + 24
    help_box = Table(
        [[Paragraph("Any time, day or night", s.cell_bold), ""]] + lines,
        colWidths=[line_numbers, width - line_numbers],
    )
    help_box.setStyle(
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

    story: list[Flowable] = [head, Spacer(1, 4 * mm), cols, Spacer(1, 5 * mm), help_box]
    if card.updated_on:
        story += [Spacer(1, 2 * mm), para(f"Last updated {long_date(card.updated_on)}.", s.small)]
    return story


def build_crisis_card(
    card: CrisisCardData,
    out: Path | io.BytesIO,
    practice: PracticeInfo | None = None,
    large_print: bool = False,
) -> None:
    """The card on its own (one page), for printing a spare."""
    s = st.plan_styles(large_print)
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
    doc.addPageTemplates([PageTemplate("card", [frame], onPage=draw_cut_line)])
    doc.build(crisis_card_story(card, s, frame._aW, frame._aH, card_step_down(large_print)))
