"""Recovery Star charts: the radar (one to three readings overlaid, ``radar.py``) and the trends
(one small chart per domain over time, with the distance travelled, ``trends.py``), from plain
data (``model.py``), saved as PNG or SVG (``files.py``).

Pure: plain data in (``ChartTemplate``, ``ChartReading``), a matplotlib ``Figure`` out; no
database, no Qt. matplotlib is imported when a chart is drawn, not when this package is imported.
"""

from recoverydesk.charts.star.files import figure_to_png, figure_to_svg
from recoverydesk.charts.star.model import (
    MAX_OVERLAID,
    ChartDomain,
    ChartReading,
    ChartStage,
    ChartTemplate,
    distance_travelled,
    reading_label,
)
from recoverydesk.charts.star.radar import radar_figure
from recoverydesk.charts.star.trends import trend_figure

__all__ = [
    "MAX_OVERLAID",
    "ChartDomain",
    "ChartReading",
    "ChartStage",
    "ChartTemplate",
    "distance_travelled",
    "figure_to_png",
    "figure_to_svg",
    "radar_figure",
    "reading_label",
    "trend_figure",
]
