"""Recovery Star charts: labels, series, sizes, no clipped or overlapping labels."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import pytest
from PIL import Image

from recoverydesk.charts.star import (
    ChartDomain,
    ChartReading,
    ChartStage,
    ChartTemplate,
    distance_travelled,
    figure_to_png,
    figure_to_svg,
    radar_figure,
    trend_figure,
)

STAGES = (
    ChartStage("Stuck", 1, 2),
    ChartStage("Accepting help", 3, 4),
    ChartStage("Believing", 5, 6),
    ChartStage("Learning", 7, 8),
    ChartStage("Self-reliance", 9, 10),
)
LABELS = [
    "Managing mental health",
    "Physical health and self-care",
    "Living skills",
    "Social networks",
    "Work",
    "Relationships",
    "Addictive behaviour",
    "Responsibilities",
    "Identity and self-esteem",
    "Trust and hope",
    "Money and everyday finances",
    "Where I live",
]


def _template(count: int) -> ChartTemplate:
    return ChartTemplate(
        f"{count} domains", tuple(ChartDomain(f"d{i}", LABELS[i]) for i in range(count)), STAGES
    )


def _readings(template: ChartTemplate, count: int) -> list[ChartReading]:
    return [
        ChartReading(
            dt.date(2025, 1, 1) + dt.timedelta(days=110 * i),
            {d.key: float(min(10, 2 + i * 3 + j % 3)) for j, d in enumerate(template.domains)},
        )
        for i in range(count)
    ]


def _texts(fig, gid):
    return [t for ax in fig.axes for t in ax.texts if t.get_gid() == gid]


@pytest.mark.parametrize("domains", [5, 10, 12])
@pytest.mark.parametrize("series", [1, 2, 3])
def test_radar_has_a_label_per_domain_and_a_line_per_reading(domains, series):
    template = _template(domains)
    fig = radar_figure(template, _readings(template, series), title="Mia")
    labels = _texts(fig, "domain-label")
    assert [t.get_text().replace("\n", " ") for t in labels] == list(LABELS[:domains])
    lines = [line for line in fig.axes[0].lines if line.get_gid() == "reading"]
    assert len(lines) == series
    legend = [t.get_text() for t in _texts(fig, "legend-label")]
    assert legend[0] == "1 Jan 2025" and len(legend) == series


def _boxes(fig, gids):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    texts = [t for t in fig.texts + fig.axes[0].texts if t.get_gid() in gids]
    return [t.get_window_extent(renderer) for t in texts]


@pytest.mark.parametrize("height", [6.4, 4.0, None])
@pytest.mark.parametrize("series", [1, 3])
@pytest.mark.parametrize("domains", [5, 10, 12])
def test_radar_texts_are_inside_the_figure_and_never_overlap(domains, series, height):
    template = _template(domains)
    fig = radar_figure(template, _readings(template, series), title="Mia", height=height)
    page = fig.bbox
    gids = {"domain-label", "stage-name", "scale-number", "title", "legend-label"}
    boxes = _boxes(fig, gids)
    key, numbers = _texts(fig, "stage-name"), _texts(fig, "scale-number")
    assert 1 <= len(key) <= 2 and 1 <= len(numbers) <= 5
    assert len(boxes) == domains + len(numbers) + len(key) + 1 + series
    for box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_radar_of_natural_height_is_no_taller_than_it_needs():
    template = _template(10)
    fig = radar_figure(template, _readings(template, 2), title="Mia", height=None)
    assert 4.5 < fig.get_figheight() < fig.get_figwidth()
    top = max(b.y1 for b in _boxes(fig, {"title"}))
    bottom = min(b.y0 for b in _boxes(fig, {"legend-label", "stage-name"}))
    assert fig.bbox.y1 - top < 0.3 * fig.dpi and bottom - fig.bbox.y0 < 0.3 * fig.dpi


def _angles_of(fig, gid):
    import math

    return {
        round(math.degrees(math.atan2(*t.get_position())) % 360)
        for t in fig.axes[0].texts
        if t.get_gid() == gid
    }


def _crossed(fig, gid) -> list[str]:
    """The texts of ``gid`` that a reading line passes through."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.path import Path

    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    segments = []
    for line in (ln for ln in ax.lines if ln.get_gid() == "reading"):
        pts = ax.transData.transform(list(zip(line.get_xdata(), line.get_ydata(), strict=True)))
        segments += [
            Path([p, q]) for p, q in zip(pts, pts[1:], strict=False) if all(p == p) and all(q == q)
        ]
    return [
        t.get_text()
        for t in ax.texts
        if t.get_gid() == gid
        and any(
            seg.intersects_bbox(t.get_window_extent(renderer), filled=False) for seg in segments
        )
    ]


KEY = "Stuck 1–2 · Accepting help 3–4 · Believing 5–6 · Learning 7–8 · Self-reliance 9–10"


def test_stages_are_named_in_a_key_under_the_legend_where_no_line_can_cross_them():
    template = _template(10)
    # Three full readings in the middle of the scale: every gap between two spokes is crossed
    # in the middle bands, so a name inside the star could not escape the lines.
    fig = radar_figure(template, _readings(template, 3), width=6.4, height=None)
    assert [t.get_text() for t in _texts(fig, "stage-name")] == [KEY]
    key_top = max(b.y1 for b in _boxes(fig, {"stage-name"}))
    assert key_top <= min(b.y0 for b in _boxes(fig, {"legend-label"}))
    assert _crossed(fig, "stage-name") == []
    # A narrow star keeps the key to its width, in even rows.
    narrow = radar_figure(template, [], width=3.2, height=3.6)
    rows = [t.get_text() for t in _texts(narrow, "stage-name")]
    assert len(rows) == 2 and " · ".join(rows) == KEY
    page = narrow.bbox
    assert all(page.x0 <= b.x0 and b.x1 <= page.x1 for b in _boxes(narrow, {"stage-name"}))


def test_scale_numbers_step_aside_from_reading_lines_or_are_drawn_over_them():
    template = _template(10)
    assert _angles_of(radar_figure(template, []), "scale-number") == {198}  # bottom left
    # Readings scored only around the bottom gaps draw their lines right through the numbers.
    beside = [
        ChartReading(
            dt.date(2025, 1, 1) + dt.timedelta(days=90 * i),
            {k: v for k in ("d4", "d5", "d6")},
        )
        for i, v in enumerate((2.0, 5.0, 8.0))
    ]
    fig = radar_figure(template, beside)
    assert _crossed(fig, "scale-number") == [] and len(_angles_of(fig, "scale-number")) == 1
    ring = [
        ChartReading(dt.date(2025, 1, 1), {d.key: 4.0 for d in template.domains}),
    ]
    fig = radar_figure(template, ring)  # a ring at 4 crosses every gap at 4
    numbers = {t.get_text(): t.get_zorder() for t in _texts(fig, "scale-number")}
    assert list(numbers) == ["2", "4", "6", "8", "10"]
    lines = max(ln.get_zorder() for ln in fig.axes[0].lines if ln.get_gid() == "reading")
    assert _crossed(fig, "scale-number") == ["4"] and numbers["4"] > lines > numbers["6"]


def test_small_texts_go_to_the_nearest_gap_no_line_crosses():
    import math

    from recoverydesk.charts.radar_layout import place_marks

    top_left = -math.pi / 10
    mark = [(5 * math.cos(math.pi / 10), 0.0, 0.6, 0.3)]  # right on the line across gap 9
    free = [[None] * 10]
    assert place_marks(10, free, mark, top_left, 10.45)[0] == 9
    blocked = [[5.0 if i in (9, 0) else None for i in range(10)]]
    assert place_marks(10, blocked, mark, top_left, 10.45)[0] in (0, 8)
    assert place_marks(10, blocked, mark, top_left, 10.45, frozenset({0, 8}))[0] in (1, 7)


def test_only_the_three_latest_readings_are_overlaid():
    template = _template(10)
    fig = radar_figure(template, _readings(template, 5))
    assert len([ln for ln in fig.axes[0].lines if ln.get_gid() == "reading"]) == 3


def test_unscored_domain_leaves_a_gap_not_a_zero():
    template = _template(5)
    reading = ChartReading(dt.date(2025, 1, 1), {"d0": 4.0, "d1": None, "d2": 5, "d3": 6, "d4": 7})
    fig = radar_figure(template, [reading])
    line = next(ln for ln in fig.axes[0].lines if ln.get_gid() == "reading")
    xs = list(line.get_xdata())
    assert xs[1] != xs[1]  # NaN: matplotlib breaks the line there


def test_png_is_non_empty_and_of_the_expected_size():
    template = _template(10)
    data = figure_to_png(radar_figure(template, _readings(template, 2), width=6, height=5), dpi=100)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(data)).size == (600, 500)
    assert b"<svg" in figure_to_svg(radar_figure(template, _readings(template, 1)))


def test_trends_have_one_small_chart_per_domain_and_the_distance_travelled():
    template = _template(10)
    readings = _readings(template, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = trend_figure(template, readings)
        data = figure_to_png(fig, dpi=80)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 10
    assert [len([ln for ln in ax.lines if ln.get_gid() == "trend"]) for ax in visible] == [1] * 10
    assert visible[0].texts[0].get_text() == "+8 since first"
    assert distance_travelled(template, readings)["d0"] == 8.0
    assert Image.open(io.BytesIO(data)).size == (800, round(fig.get_figheight() * 80))


def test_trends_of_twelve_domains_use_three_rows_and_one_reading_says_so():
    template = _template(12)
    fig = trend_figure(template, _readings(template, 1))
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 12
    assert fig.axes[0].texts[0].get_text() == "not enough readings"
