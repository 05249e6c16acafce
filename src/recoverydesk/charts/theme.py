"""The one palette shared by the app, the charts and the printed reports.

Series colours are Okabe-Ito (colour-blind safe) and differ in lightness too, so a chart still
reads when printed in greyscale; charts also vary line style and marker per series.
"""

from __future__ import annotations

from dataclasses import dataclass

ACCENT = "#2A7F8F"  # calm teal: the one accent colour
ACCENT_DARK = "#1D5F6B"
ACCENT_SOFT = "#D8ECEF"
INK = "#1F2A30"  # body text
MUTED = "#5F6B72"  # secondary text
RULE = "#D5DBDF"  # hairlines, grid
PAPER = "#FFFFFF"
SURFACE = "#F5F7F8"  # panels, page background
ATTENTION = "#B85C00"  # overdue, expired: an amber that passes contrast on white
SUCCESS = "#2E7D4F"

# Dark variants for the app when the system colour scheme is dark.
DARK_PAPER = "#1E2427"
DARK_SURFACE = "#262E32"
DARK_INK = "#E6ECEF"
DARK_MUTED = "#A3B0B6"
DARK_RULE = "#3A454B"
DARK_ACCENT = "#5FB3C2"

# Okabe-Ito, ordered so consecutive series differ strongly in lightness.
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
# Eco-map groups: distinct from each other and from ATTENTION (amber means "look at this"
# only); "other" is a neutral grey.
GROUP_COLOURS = {
    "family": "#0072B2",
    "friends": "#009E73",
    "health": "#CC79A7",
    "supports": "#56B4E9",
    "community": "#7E5DB8",
    "other": "#7A868C",
}
LINE_STYLES = ["-", "--", ":", "-."]
MARKERS = ["o", "s", "^", "D"]

# Faint bands for the five Journey of Change stages, light to lighter.
STAGE_BANDS = ["#EEF3F5", "#F6F9FA", "#EEF3F5", "#F6F9FA", "#EEF3F5"]

FONT_FAMILY = ["DejaVu Sans", "Noto Sans", "Arial", "sans-serif"]


@dataclass(frozen=True)
class SeriesStyle:
    color: str
    linestyle: str
    marker: str


def series_style(index: int) -> SeriesStyle:
    return SeriesStyle(
        SERIES[index % len(SERIES)],
        LINE_STYLES[index % len(LINE_STYLES)],
        MARKERS[index % len(MARKERS)],
    )
