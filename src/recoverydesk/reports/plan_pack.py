"""The participant's plan pack: what they take home and are proud to keep.

Cover (preferred name, agreed and next review dates), my strengths, my goals with their steps,
my Recovery Star (first and latest), my supporters and useful services, my wellness plan (WRAP)
and a tear-off crisis card. Plain warm words, large type, page numbers.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from recoverydesk.dates import long_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.crisis_card import CARD_MARGIN, crisis_card_story, cut_line
from recoverydesk.reports.data import PlanPackData
from recoverydesk.reports.layout import (
    FooterInfo,
    bullets,
    esc,
    numbered_canvas,
    para,
)
from recoverydesk.reports.plan_cover import MARGIN, cover_band, cover_story, possessive
from recoverydesk.reports.plan_goals import goals, reached, strengths
from recoverydesk.reports.plan_people import people
from recoverydesk.reports.plan_star import (
    RADAR_MAX,
    RADAR_MIN,
    star_min_height,
    star_section,
)

# The page margin and the radar's sizes, for the tests that measure printed pictures.
__all__ = ["MARGIN", "RADAR_MAX", "RADAR_MIN", "build_plan_pack"]


def _wrap(data: PlanPackData, s: st.Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("My wellness plan", s.h1),
        para(
            "My Wellness Recovery Action Plan (WRAP): what keeps me "
            "well, and what to do when things get hard.",
            s.muted,
        ),
    ]
    for section in data.wrap:
        parts = [p for p in section.parts if p.items]
        if not parts:
            continue
        block: list[Flowable] = [Paragraph(esc(section.title), s.h2)]
        for i, part in enumerate(parts):
            chunk: list[Flowable] = []
            if part.heading:
                chunk.append(Paragraph(esc(part.heading), s.h3))
            chunk.append(bullets(part.items, s.bullet))
            if i == 0:
                story.append(KeepTogether(block + chunk))
            else:
                story.append(KeepTogether(chunk))
    return story


def build_plan_pack(
    data: PlanPackData, out: Path | io.BytesIO | str, large_print: bool = False
) -> int:
    """Write the plan pack PDF to ``out`` (a path or a binary stream); returns the page count."""
    s = st.plan_styles(large_print)
    width, height = A4
    body = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - MARGIN - 20 * mm, id="body")
    cover = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - MARGIN - 20 * mm, id="cover")
    card = Frame(
        CARD_MARGIN, CARD_MARGIN, width - 2 * CARD_MARGIN, height - 2 * CARD_MARGIN, id="card"
    )
    name = data.preferred_name or data.full_name
    title = f"{possessive(name)} recovery plan"
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        title=title,
        author=data.practice.author,
        subject=f"Agreed on {long_date(data.agreed_on)}",
        creator="RecoveryDesk",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
    )
    doc.addPageTemplates(
        [
            PageTemplate("cover", [cover], onPage=cover_band(data, large_print)),
            PageTemplate("body", [body]),
            PageTemplate("card", [card], onPage=cut_line(large_print)),
        ]
    )
    w = width - 2 * MARGIN - 12  # frame padding (6 pt each side)
    h = height - MARGIN - 20 * mm - 12
    story: list[Flowable] = [NextPageTemplate("body")]
    story += cover_story(data, s, w, h, large_print)
    story.append(PageBreak())
    story += strengths(data, s)
    story += reached(data, s)
    story.append(CondPageBreak(70 * mm))
    story += goals(data, s, w)
    has_star = data.star is not None and data.star.readings > 0
    if has_star:
        # Normal print: the radar and its table share a page. Large print: the star fills
        # a page and its table follows.
        room = star_min_height(data.star, s, w) + 2 * mm
        story.append(PageBreak() if large_print else CondPageBreak(room))
        story += star_section(data.star, s, w, large_print)
    # Supporters follow on the same page when there is room for their table to start.
    story.append(PageBreak() if has_star else CondPageBreak(110 * mm))
    story += people(data, s, w, large_print)
    if any(p.items for sec in data.wrap for p in sec.parts):
        story.append(PageBreak())
        story += _wrap(data, s)
    if data.crisis_card is not None:
        story += [NextPageTemplate("card"), PageBreak()]
        story += crisis_card_story(
            data.crisis_card,
            width - 2 * CARD_MARGIN - 12,
            height - 2 * CARD_MARGIN - 12,
            large_print,
        )
    footer = FooterInfo(
        f"{title} · agreed on {long_date(data.agreed_on)}"
        + (f" · next review {long_date(data.next_review)}" if data.next_review else ""),
        s.footer_size,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return doc.page
