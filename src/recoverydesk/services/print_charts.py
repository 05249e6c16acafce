"""The charts as printed: each drawn at the size it is printed, so a point of type in the chart
is a point on paper, and none is under 8 points (12 in large print).

The sizes follow how ``reports/`` places each picture: the plan pack's radar takes between
RADAR_MIN and RADAR_MAX of height (drawn at RADAR_MIN, it only ever grows), large print fills
the width; the review's radar is at least 80 mm, its trend charts the text width and at least
85 mm high; the eco-map the text width (85% of it in the review). A test reads the PDFs and
checks the printed size of every text.
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
REVIEW_RADAR_MIN = 80 * MM  # reports/review.py: the radar's smallest printed height
REVIEW_TREND_MIN = 85 * MM
LARGE_RADAR_MAX = 170 * MM  # reports/plan_pack.py: the large-print radar
ECOMAP_HEIGHT, ECOMAP_HEIGHT_LARGE = 95 * MM, 125 * MM
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


def radar_inches(review: bool, large_print: bool) -> float:
    """The radar's side as printed at its smallest."""
    if review:
        return inches(REVIEW_RADAR_MIN)
    if large_print:
        return inches(min(plan_width(), LARGE_RADAR_MAX))
    from recoverydesk.reports.plan_pack import RADAR_MIN

    return inches(RADAR_MIN)


def radar(
    template: ChartTemplate, readings: list[ChartReading], review: bool, large_print: bool
) -> Figure:
    from recoverydesk.charts.star import radar_figure

    side = radar_inches(review, large_print)
    return radar_figure(
        template, readings, width=side, height=side, min_font=smallest(large_print)
    )


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
    """The eco-map at the text width; a crowded one grows taller, never smaller type."""
    from recoverydesk.charts.ecomap import ecomap_figure

    width = review_width() * REVIEW_ECOMAP_SHARE if review else plan_width()
    height = ECOMAP_HEIGHT_LARGE if large_print and not review else ECOMAP_HEIGHT
    return ecomap_figure(
        data,
        width=inches(width),
        height=inches(height),
        show_title=False,
        min_font=smallest(large_print),
    )
