"""The plan pack's Recovery Star section: the radar (first and latest reading) sized into the
room the page has left, and the table of each area's scores and stage, with what they said."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
)

from recoverydesk.dates import long_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import framed_para
from recoverydesk.reports.data import StarSummary
from recoverydesk.reports.layout import (
    FlexImage,
    esc,
    grid,
    para,
)
from recoverydesk.reports.page_sizes import PLAN_RADAR_MAX, PLAN_RADAR_MIN


def _image(png: bytes, max_width: float, max_height: float) -> Image:
    img = Image(io.BytesIO(png))
    ratio = min(max_width / img.imageWidth, max_height / img.imageHeight)
    img.drawWidth, img.drawHeight = img.imageWidth * ratio, img.imageHeight * ratio
    return img


NOT_SCORED = "–"  # an area left unscored that time


def _score_text(value: float | None) -> str:
    return NOT_SCORED if value is None else f"{value:g}"


RADAR_MAX, RADAR_MIN = PLAN_RADAR_MAX, PLAN_RADAR_MIN  # the radar grows into the room left


def star_section(star: StarSummary, s: st.Styles, width: float, large: bool) -> list[Flowable]:
    """The star section. In normal print the radar takes the room the page has left above
    its table (between RADAR_MIN and RADAR_MAX), so the section fits on a part-used page; in
    large print the star fills the width so its labels grow too, and its table follows on
    the next page. Use ``star_min_height`` for the room it needs."""
    story: list[Flowable] = [Paragraph(f"My {esc(star.template_name)}", s.h1)]
    if star.readings > 1:
        story.append(
            para(
                f"Where I was on {long_date(star.first_date)}, and where I am now "
                f"({long_date(star.latest_date)}). Further out is further along "
                "my journey.",
                s.muted,
            )
        )
    else:
        story.append(
            para(
                f"Where I was on {long_date(star.latest_date)}. We'll look again "
                "together and see how far I've come.",
                s.muted,
            )
        )
    table = star_table(star, s, width, large)
    if star.radar_png and large:
        story.append(_image(star.radar_png, width, 170 * mm))
    elif star.radar_png:
        reserve = _height(table, width) + 2 * mm
        story.append(FlexImage(star.radar_png, width, RADAR_MAX, RADAR_MIN, reserve=reserve))
    if table:
        story.append(KeepTogether(table))
    return story


def star_min_height(star: StarSummary, s: st.Styles, width: float) -> float:
    """The least room the normal-print star section needs (its radar at RADAR_MIN)."""
    heading = star_section(star, s, width, large=False)[:2]  # the title and the words under it
    fixed = heading + star_table(star, s, width, large=False)
    return _height(fixed, width) + (RADAR_MIN + 2 * mm if star.radar_png else 0)


def _height(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def star_table(star: StarSummary, s: st.Styles, width: float, large: bool) -> list[Flowable]:
    if not star.domains:
        return []
    two = star.readings > 1
    head = ["Area of my life", "Then", "Now"] if two else ["Area of my life", "Now"]
    stages = any(d.latest_stage or d.first_stage for d in star.domains)
    if stages:  # the stage beside each score, not only in the chart's key
        head.append("Stage now")
    rows = [[para(h, s.cell_head) for h in head]]
    for d in star.domains:
        now = _score_text(d.latest)
        row = [para(d.label, s.cell)]
        if two:
            arrow = ""
            if d.change:
                arrow = "  ↑" if d.change > 0 else "  ↓"
            row += [para(_score_text(d.first), s.cell), para(now + arrow, s.cell_bold)]
        else:
            row.append(para(now, s.cell_bold))
        if stages:
            row.append(para(d.latest_stage or NOT_SCORED, s.cell))
        rows.append(row)
    shares = [0.6, 0.2, 0.2] if two else [0.7, 0.3]
    if stages:
        shares = [0.38, 0.14, 0.16, 0.32] if two else [0.5, 0.18, 0.32]
    widths = [width * x for x in shares]
    table: list[Flowable] = [Spacer(1, 3 * mm)]
    if large:  # the table has a page of its own: say what it is
        when = ": then and now" if two else ""
        table.append(Paragraph(f"My {esc(star.template_name)}{when}", s.h2))
    table.append(grid(rows, widths, header_bg=st.ACCENT_SOFT))
    if any(d.latest is None or (two and d.first is None) for d in star.domains):
        table.append(para(f"{NOT_SCORED} means we did not score that area that time.", s.muted))
    # The words said about each area while scoring together belong to the participant; the
    # reading's own note is the coach's record and goes in the review report instead.
    said = [d for d in star.domains if d.note]
    if said:
        table.append(Paragraph("What I said about each area", s.h3))
        # Paragraphs with a bullet (not a list flowable): the star's room is measured
        # before the page has a canvas.
        table += [framed_para(f"{d.label}: ", d.note, "", s.bullet, bullet="•") for d in said]
    return table
