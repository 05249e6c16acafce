"""The charts as printed: each drawn for the place it is printed in, so no text is under 8
points on paper (12 in large print).

The sizes follow how ``reports/`` places each picture: the plan pack's radar takes between
RADAR_MIN and RADAR_MAX of height (drawn at its largest, with type that is still 8 points at
its smallest), large print fills the width; the review's radar is 80-105 mm high, its trend
charts the text width and at least 85 mm high; the eco-map the text width (85% of it in the
review), taller when crowded, in large print up to a page of its own, and in two or more
pictures when one would not fit at this size. A test reads the PDFs and checks the printed size of the
smallest text of every chart.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from recoverydesk.charts.ecomap import EcoMapData, ecomap_figure
from recoverydesk.charts.star import radar_figure, trend_figure
from recoverydesk.reports.ecomap_pictures import ecomap_page_room
from recoverydesk.reports.page_sizes import (
    PLAN_MARGIN,
    PLAN_RADAR_MAX,
    PLAN_RADAR_MIN,
    REVIEW_MARGIN,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from recoverydesk.charts.star import ChartReading, ChartTemplate

MM = 72 / 25.4  # points per millimetre
A4_WIDTH = 210 * MM
FRAME_PADDING = 12  # reportlab's frame padding, 6 points each side
SMALLEST = 8.0  # points, printed
SMALLEST_LARGE = 12.0
REVIEW_RADAR_MIN, REVIEW_RADAR_MAX = 80 * MM, 105 * MM  # reports/review.py's radar heights
REVIEW_RADAR_SHARE = 0.8  # of the review's text width, at most
REVIEW_TREND_MIN = 85 * MM
LARGE_RADAR_MAX = 170 * MM  # reports/plan_pack.py: the large-print radar
ECOMAP_HEIGHT, ECOMAP_HEIGHT_LARGE = 95 * MM, 125 * MM
ECOMAP_MAX = 225 * MM  # reports: the tallest eco-map a page holds with its heading
ECOMAP_MAX_LARGE = 250 * MM  # large print: a page of its own (reports/plan_pack.py)
REVIEW_ECOMAP_SHARE = 0.85  # of the review's text width
DPI = 150  # the pictures' dots per inch


def inches(points: float) -> float:
    """``points`` in inches, rounded down to whole dots: the picture is never a dot larger
    than its place on the page, so it is never shrunk to fit."""
    return math.floor(points / 72 * DPI) / DPI


def smallest(large_print: bool) -> float:
    return SMALLEST_LARGE if large_print else SMALLEST


def _text_width(margin: float) -> float:
    """The width of a report's text frame in points, for a page margin in points."""
    return A4_WIDTH - 2 * margin - FRAME_PADDING


def plan_width() -> float:
    return _text_width(PLAN_MARGIN)


def review_width() -> float:
    return _text_width(REVIEW_MARGIN)


def radar_size(review: bool, large_print: bool) -> tuple[float, float, float]:
    """The radar's width and height in inches and its smallest type in points. In normal
    print the picture takes the room the page has left, between a smallest and a largest
    height (reports' FlexImage): it is drawn at its largest, as wide as its place allows
    (so the labels have room beside the star), with type large enough that at its smallest
    nothing is under 8 points. Large print fills the width at 12 points."""
    if large_print and not review:
        side = inches(min(plan_width(), LARGE_RADAR_MAX))
        return side, side, SMALLEST_LARGE
    if review:
        width, low, high = review_width() * REVIEW_RADAR_SHARE, REVIEW_RADAR_MIN, REVIEW_RADAR_MAX
    else:
        width, low, high = plan_width(), PLAN_RADAR_MIN, PLAN_RADAR_MAX
    height = inches(high)
    return inches(width), height, SMALLEST * height * 72 / low


def radar(
    template: ChartTemplate, readings: list[ChartReading], review: bool, large_print: bool
) -> Figure:
    width, height, floor = radar_size(review, large_print)
    return radar_figure(template, readings, width=width, height=height, min_font=floor)


def trend(template: ChartTemplate, readings: list[ChartReading]) -> Figure:
    """The review's trend charts: the text width, no taller than its smallest printed height."""
    return trend_figure(
        template,
        readings,
        width=inches(review_width()),
        max_height=inches(REVIEW_TREND_MIN),
        min_font=SMALLEST,
    )


CROWDED_PAGE = 12  # large print: more people than this draw on the whole page's height
SERVICES = ("health", "supports")  # the groups a split eco-map draws on its second picture


def ecomap_room(review: bool, large_print: bool) -> float:
    """The tallest eco-map picture in points: in large print the plan pack gives the map a
    page of its own (the page's height under its heading); otherwise ECOMAP_MAX."""
    if large_print and not review:
        return min(ecomap_page_room(), ECOMAP_MAX_LARGE)
    return ECOMAP_MAX


def ecomap(data: EcoMapData, review: bool, large_print: bool) -> list[Figure]:
    """The eco-map as printed, in as many pictures as it needs (one, unless crowded), each at
    the text width and no taller than its room, never in smaller type. When one is too tall
    it first drops the roles (the supporters' table gives them), then wraps names onto
    three lines; then the network is drawn in parts, each with the person in the centre:
    family, friends and community on one, health and support services on the other (a part
    still too big is halved again)."""
    width = review_width() * REVIEW_ECOMAP_SHARE if review else plan_width()
    room = ecomap_room(review, large_print)
    # Large print: a page of its own, so a crowded map may use all of it from the start.
    height = ECOMAP_HEIGHT_LARGE if large_print and not review else ECOMAP_HEIGHT
    if large_print and not review and len(data.nodes) > CROWDED_PAGE:
        height = room - 1

    def draw(shown: EcoMapData, lines: int = 2) -> Figure:
        return ecomap_figure(
            shown,
            width=inches(width),
            height=inches(height),
            show_title=bool(shown.title),
            min_font=smallest(large_print),
            name_lines=lines,
        )

    def fits(fig: Figure) -> bool:
        return fig.get_size_inches()[1] * 72 <= room

    def drawn(part: EcoMapData, split) -> list[Figure]:
        bare = replace(part, nodes=tuple(replace(n, detail="") for n in part.nodes))
        for shown, lines in ((part, 2), (bare, 2), (bare, 3)):
            fig = draw(shown, lines)
            if fits(fig) or len(part.nodes) == 1:
                return [fig]
        return [f for piece in split(part) for f in drawn(piece, _halves)]

    return drawn(data, _parts)


def _titled(data: EcoMapData, nodes: list) -> EcoMapData:
    """A part of the map, titled with the groups it shows ("Family and carers, Friends")."""
    labels = list(dict.fromkeys(n.group_label for n in nodes))
    return EcoMapData(data.centre_label, tuple(nodes), ", ".join(labels))


def _parts(data: EcoMapData) -> list[EcoMapData]:
    """People and community on one picture, services on the other."""
    informal = [n for n in data.nodes if n.group not in SERVICES]
    formal = [n for n in data.nodes if n.group in SERVICES]
    if not informal or not formal:
        return _halves(data)
    return [_titled(data, informal), _titled(data, formal)]


def _halves(data: EcoMapData) -> list[EcoMapData]:
    """Split at the group boundary nearest the middle (within a group when there is one)."""
    nodes = list(data.nodes)
    middle = len(nodes) // 2
    cuts = [i for i in range(1, len(nodes)) if nodes[i].group != nodes[i - 1].group]
    cut = min(cuts, key=lambda i: abs(i - middle)) if cuts else middle
    return [_titled(data, nodes[:cut]), _titled(data, nodes[cut:])]
