"""The plan pack's cover: the coloured band with the name they go by, the agreed and review
dates, what the pack holds, and who their coach is. ``MARGIN`` is the pack's page margin."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.dates import long_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import PlanPackData
from recoverydesk.reports.fonts import BOLD, REGULAR
from recoverydesk.reports.layout import (
    BASE_TABLE,
    para,
)
from recoverydesk.reports.page_sizes import PLAN_MARGIN
from recoverydesk.reports.scripts import draw_string, string_width

MARGIN = PLAN_MARGIN


def possessive(name: str) -> str:
    name = name.strip() or "My"
    if name == "My":
        return name
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def cover_band(data: PlanPackData, large: bool):
    def draw(canvas, _doc) -> None:
        canvas.rd_footer = False
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(st.ACCENT)
        canvas.rect(0, height - 85 * mm, width, 85 * mm, stroke=0, fill=1)
        canvas.setFillColor(st.ACCENT_DARK)
        canvas.rect(0, height - 88 * mm, width, 3 * mm, stroke=0, fill=1)
        canvas.setFillColor(st.WHITE)
        canvas.setFont(REGULAR, 16 if large else 14)
        canvas.drawString(MARGIN, height - 30 * mm, "My recovery plan")
        canvas.setFont(BOLD, 40 if large else 36)
        draw_string(
            canvas,
            MARGIN,
            height - 52 * mm,
            _fit(
                canvas,
                data.preferred_name or "My plan",
                BOLD,
                40 if large else 36,
                width - 2 * MARGIN,
            ),
            BOLD,
            canvas._fontsize,
        )
        canvas.setFont(REGULAR, 14 if large else 12)
        if data.full_name and data.full_name != data.preferred_name:
            draw_string(
                canvas, MARGIN, height - 64 * mm, data.full_name, REGULAR, 14 if large else 12
            )
        canvas.restoreState()

    return draw


def _fit(canvas, text: str, font: str, size: float, width: float) -> str:
    """Shrink the cover name's font until it fits on one line."""
    while size > 16 and string_width(text, font, size) > width:
        size -= 2
    canvas.setFont(font, size)
    return text


def _inside(data: PlanPackData) -> str:
    """What this pack holds, in the participant's words (only what is really inside)."""
    bits = ["my strengths", "my goals and steps"]
    if data.star is not None and data.star.readings:
        bits.append("how things are going")
    bits.append("the people and places that support me")
    if any(p.items for sec in data.wrap for p in sec.parts):
        bits.append("my wellness plan")
    if data.crisis_card is not None:
        bits.append("a card to keep with you")
    return "Inside: " + ", ".join(bits[:-1]) + ", and " + bits[-1] + "."


def cover_story(
    data: PlanPackData, s: st.Styles, width: float, height: float, large: bool
) -> list[Flowable]:
    rows = [["Agreed on", long_date(data.agreed_on)]]
    if data.next_review:
        rows.append(["Next review", long_date(data.next_review)])
    if data.version_number:
        rows.append(["Plan version", str(data.version_number)])
    dates = Table(
        [[para(a, s.cell_bold), para(b, s.subtitle)] for a, b in rows],
        colWidths=[(60 if large else 45) * mm, width - (60 if large else 45) * mm],
        hAlign="LEFT",
    )
    dates.setStyle(
        TableStyle(
            BASE_TABLE
            + [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, st.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    name = data.preferred_name or "you"
    # The coloured band covers the top 88 mm of the page; the frame starts 20 mm down.
    band = 78 * mm if large else 90 * mm
    body: list[Flowable] = [
        dates,
        Spacer(1, 10 * mm),
        para(
            f"This plan belongs to {name}. We wrote it together, in {name}’s own words. "
            "It is about what matters to you, what you are good at, and the next steps "
            "you have chosen. It can change whenever you want it to.",
            s.body,
        ),
        Spacer(1, 3 * mm),
        para(_inside(data), s.muted),
    ]
    practice = data.practice
    who = [
        t
        for t in (
            practice.coach_name and f"My recovery coach: {practice.coach_name}",
            practice.name,
            practice.phone and f"Phone {practice.phone}",
        )
        if t
    ]
    if who:
        body += [Spacer(1, 10 * mm)] + [para(line, s.body) for line in who]
    # However long the names, the cover is one page.
    return [Spacer(1, band), KeepInFrame(width, height - band, body, mode="shrink")]
