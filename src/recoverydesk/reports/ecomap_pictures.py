"""The eco-map as placed in the reports: one picture, or several when a crowded network
is drawn in parts (services/print_charts.py), each at its printed size, never shrunk. In
large print the plan pack gives the map a page of its own."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph

from recoverydesk.reports import styles as st
from recoverydesk.reports.layout import para
from recoverydesk.reports.page_sizes import PLAN_MARGIN

PLAN_HEADING = "Everyone around me"
PLAN_CAPTION = "Me in the middle; a thicker line is a closer tie."
PLAN_CAPTION_PARTS = PLAN_CAPTION + " My network is drawn on {n} maps, me in each."


def pictures(png: bytes | tuple[bytes, ...] | None) -> tuple[bytes, ...]:
    """The eco-map's pictures: ``ecomap_png`` is one picture or a tuple of them."""
    if not png:
        return ()
    return (png,) if isinstance(png, bytes) else tuple(png)


def picture(png: bytes, max_width: float, max_height: float) -> Image:
    img = Image(io.BytesIO(png))
    ratio = min(1.0, max_width / img.imageWidth, max_height / img.imageHeight)
    img.drawWidth, img.drawHeight = img.imageWidth * ratio, img.imageHeight * ratio
    return img


def _plan_head(s: st.Styles, parts: int) -> list[Flowable]:
    caption = PLAN_CAPTION_PARTS.format(n=parts) if parts > 1 else PLAN_CAPTION
    return [Paragraph(PLAN_HEADING, s.h2), para(caption, s.muted)]


def ecomap_page_room() -> float:
    """Points left for the large-print eco-map on a page of its own, under its heading
    (the caption at its longest, for a map in parts)."""
    width = A4[0] - 2 * PLAN_MARGIN - 12
    frame = A4[1] - PLAN_MARGIN - 20 * mm - 12  # the plan pack's body frame, inside its padding
    head = 0.0
    for f in _plan_head(st.plan_styles(True), 9):
        head += f.wrap(width, frame)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return frame - head - 2 * mm


def plan_story(png, s: st.Styles, width: float, max_height: float, large: bool) -> list[Flowable]:
    """The plan pack's map: under its heading; in large print, from the top of a page."""
    shown = pictures(png)
    if not shown:
        return []
    first = KeepTogether(_plan_head(s, len(shown)) + [picture(shown[0], width, max_height)])
    story: list[Flowable] = [PageBreak(), first] if large else [first]
    return story + [picture(p, width, max_height) for p in shown[1:]]


def review_story(png, heading: Flowable, width: float, max_height: float) -> list[Flowable]:
    """The review's map under its heading; a map in parts follows picture by picture."""
    shown = pictures(png)
    if not shown:
        return []
    first = KeepTogether([heading, picture(shown[0], width, max_height)])
    return [first] + [picture(p, width, max_height) for p in shown[1:]]
