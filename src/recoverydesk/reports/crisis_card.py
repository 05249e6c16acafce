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
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import CrisisCardData, PracticeInfo
from recoverydesk.reports.fonts import REGULAR
from recoverydesk.reports.layout import BASE_TABLE, bullets, esc, long_date, para

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


def _section(title: str, items: tuple[str, ...], s: st.Styles, empty: str) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(esc(title), s.h3)]
    if items:
        out.append(bullets(items, s.bullet))
    else:
        out.append(para(empty, s.muted))
    return out


def crisis_card_story(
    card: CrisisCardData, s: st.Styles, width: float, height: float
) -> list[Flowable]:
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

    call_rows = []
    for sup in card.supporters:
        who = f"<b>{esc(sup.name)}</b>"
        if sup.role:
            who += f"<br/><font color='{MUTED_HEX}'>{esc(sup.role)}</font>"
        call_rows.append([Paragraph(who, s.cell), Paragraph(f"<b>{esc(sup.phone)}</b>", s.cell)])
    half = (width - 8 * mm) / 2
    if call_rows:
        call = Table(call_rows, colWidths=[half * 0.58, half * 0.42])
        call.setStyle(
            TableStyle(
                BASE_TABLE
                + [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        call_part: list[Flowable] = [Paragraph("Please call", s.h3), call]
    else:
        call_part = [
            Paragraph("Please call", s.h3),
            para("No supporters written down yet: add them with your coach.", s.muted),
        ]

    left: list[Flowable] = []
    left += _section("Signs I'm becoming unwell", card.warning_signs, s, "Not written yet.")
    left += _section("What helps me", card.what_helps, s, "Not written yet.")
    left += _section("Please don't", card.what_to_avoid, s, "Nothing written yet.")

    right: list[Flowable] = list(call_part)
    if card.not_involved:
        right += _section("Please don't involve", card.not_involved, s, "")
    if card.medications:
        right += _section("My medications and allergies", card.medications, s, "")
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
        [Paragraph(f"<b>{esc(line.phone)}</b>", s.cell_bold), para(line.name, s.cell)]
        for line in card.crisis_lines
    ]
    help_box = Table(
        [[Paragraph("Any time, day or night", s.cell_bold), ""]] + lines,
        colWidths=[42 * mm, width - 42 * mm],
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
    return [KeepInFrame(width, height, story, mode="shrink")]


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
    doc.build(crisis_card_story(card, s, frame._aW, frame._aH))
