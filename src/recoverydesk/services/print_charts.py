"""The charts as printed: each drawn for the place it is printed in, so no text is under 8
points on paper (12 in large print).

The sizes follow how ``reports/`` places each picture: the plan pack's radar takes between
RADAR_MIN and RADAR_MAX of height (drawn at its largest, with type that is still 8 points at
its smallest), large print fills the width; the review's radar is 80-105 mm high, its trend
charts the text width and at least 85 mm high; the eco-map the text width (85% of it in the
review), taller when crowded. A test reads the PDFs and checks the printed size of the
smallest text of every chart.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from recoverydesk.charts.ecomap import EcoMapData
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
    from recoverydesk.reports.plan_pack import MARGIN

    return _text_width(MARGIN)


def review_width() -> float:
    from recoverydesk.reports.review import MARGIN

    return _text_width(MARGIN)


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
        from recoverydesk.reports.plan_pack import RADAR_MAX, RADAR_MIN

        width, low, high = plan_width(), RADAR_MIN, RADAR_MAX
    height = inches(high)
    return inches(width), height, SMALLEST * height * 72 / low


def radar(
    template: ChartTemplate, readings: list[ChartReading], review: bool, large_print: bool
) -> Figure:
    from recoverydesk.charts.star import radar_figure

    width, height, floor = radar_size(review, large_print)
    return radar_figure(template, readings, width=width, height=height, min_font=floor)


def trend(template: ChartTemplate, readings: list[ChartReading]) -> Figure:
    """The review's trend charts: the text width, no taller than its smallest printed height."""
    from recoverydesk.charts.star import trend_figure

    return trend_figure(
        template,
        readings,
        width=inches(review_width()),
        max_height=inches(REVIEW_TREND_MIN),
        min_font=SMALLEST,
    )


def ecomap(data: EcoMapData, review: bool, large_print: bool) -> Figure:
    """The eco-map at the text width; a crowded one grows taller, never smaller type. Past
    the tallest the page holds, the boxes drop the roles (the supporters' table beside it
    gives them) rather than be shrunk to fit."""
    from dataclasses import replace

    from recoverydesk.charts.ecomap import EcoMapData, ecomap_figure

    width = review_width() * REVIEW_ECOMAP_SHARE if review else plan_width()
    height = ECOMAP_HEIGHT_LARGE if large_print and not review else ECOMAP_HEIGHT

    def draw(shown: EcoMapData) -> Figure:
        return ecomap_figure(
            shown,
            width=inches(width),
            height=inches(height),
            show_title=False,
            min_font=smallest(large_print),
        )

    fig = draw(data)
    if fig.get_size_inches()[1] * 72 > ECOMAP_MAX:
        fig = draw(EcoMapData(data.centre_label, tuple(replace(n, detail="") for n in data.nodes)))
    return fig
