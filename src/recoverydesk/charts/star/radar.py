"""The star itself: one to three readings overlaid on the domains, over faint rings for the
stages, the scale numbers, the domain labels made to fit, a legend of dates and a key of stages.

Reading the radar, in colour or greyscale: the latest reading is a solid dark line with round
markers, the first a dashed light line with squares, a middle one dotted with triangles; the
faint rings behind are the stages of the scale, named with their scores in a key under the
legend (inside the star every name was crossed by some reading's line: a closed line round the
centre crosses every ray from it); the legend gives each reading's date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverydesk.charts import radar_layout as layout
from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families
from recoverydesk.charts.star.model import (
    MAX_OVERLAID,
    ChartReading,
    ChartStage,
    ChartTemplate,
    reading_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

# Chronological position -> theme series style, so the latest is always the boldest line.
_STYLE_FOR = {1: [0], 2: [1, 0], 3: [1, 2, 0]}


def _label_size(count: int) -> tuple[float, int]:
    """Font size and wrap width for the domain labels of a star with ``count`` domains."""
    if count <= 6:
        return 10.0, 16
    if count <= 10:
        return 9.5, 16
    return 8.5, 14


def _fitted_labels(
    template: ChartTemplate,
    angles: list[float],
    outer: float,
    size: tuple[float, float | None],
    head: float,
    foot: float,
    families: tuple[str, ...],
    min_font: float = 0.0,
) -> tuple[list[layout.Label], float, layout.Layout, float]:
    """The domain labels, their type size, the star that fits ``size`` (width, height or None
    for the natural height) and the height: in a small figure the star shrinks until labels
    of many domains would run into each other, so the type steps down (by up to 1.5 points)
    until they keep apart."""
    width, height = size
    base, wrap_at = _label_size(len(template.domains))
    base = max(base, min_font)
    steps = sorted({max(base - step, min_font) for step in (0.0, 0.75, 1.5)}, reverse=True)
    for fontsize in steps:
        labels = []
        for angle, domain in zip(angles, template.domains, strict=True):
            text = layout.wrap_balanced(domain.label, wrap_at)
            w, h = layout.text_size(text, fontsize, families)
            labels.append(layout.Label(angle, text, w, h, *layout.anchor(angle)))
        tall = height
        if tall is None:
            natural = layout.solve(labels, outer, width, 3 * width, head, foot)
            tall = head + foot + natural.top + natural.bottom + 2 * layout.MARGIN_IN
        fit = layout.solve(labels, outer, width, tall, head, foot)
        if not layout.labels_collide(labels, fit.scale * outer):
            break
    return labels, fontsize, fit, tall


SMALL = 6.5  # points: the scale numbers inside the star
KEY_SIZE = 7.5  # points: the stage key under the legend
KEY_ROW_IN = 0.17
LEGEND_ROW_IN = 0.45


def radar_figure(
    template: ChartTemplate,
    readings: list[ChartReading],
    *,
    title: str = "",
    width: float = 6.4,
    height: float | None = 6.4,
    show_stage_names: bool = True,
    show_legend: bool = True,
    min_font: float = 0.0,
) -> Figure:
    """The star: each reading a closed line over the domains; up to three, oldest first.
    ``height=None`` makes the figure just as tall as the star, its labels, title and legend.
    ``show_stage_names``: the key of stages and their scores under the legend.
    ``min_font``: no text smaller than this many points (print draws the figure at the size
    it is printed, so this is the printed size: 8 points, 12 in large print).

    Drawn on plain axes (not matplotlib's polar projection), which is several times faster and
    lets us place every label ourselves: the star is made as large as the labels around it
    allow, with the title just above and the legend just below. Unscored domains leave a gap
    in that reading's line (and no fill)."""
    from matplotlib.collections import LineCollection  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.patches import Circle  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    readings = sorted(readings, key=lambda r: r.taken_on)[-MAX_OVERLAID:]
    n = len(template.domains)
    hi = template.scale_max
    families = font_families()
    font = {"family": list(families)}
    angles = [2 * math.pi * i / n for i in range(n)]
    outer = hi + 0.45
    sizes = _Sizes(min_font)
    head = max(0.5, sizes.title * 1.6 / 72) if title else 0.0
    key_rows = (
        layout.key_rows([_stage_text(s) for s in template.stages], sizes.key, families, width)
        if show_stage_names
        else []
    )
    legend_in = max(LEGEND_ROW_IN, sizes.legend * 2.4 / 72) if show_legend and readings else 0.0
    key_row_in = max(KEY_ROW_IN, sizes.key * 1.35 / 72)
    key_in = key_row_in * len(key_rows)
    foot = legend_in + key_in
    labels, fontsize, fit, height = _fitted_labels(
        template, angles, outer, (width, height), head, foot, families, min_font
    )
    scale, cy = fit.scale, fit.centre_y

    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    # One axes over the whole figure, one data unit = one score point (fixed layout: fast, and
    # the PNG is exactly width x height).
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(-width / 2 / scale, width / 2 / scale)
    ax.set_ylim(-cy / scale, (height - cy) / scale)
    # Still round when a window reshapes the figure; title and legend sit on the axes, so
    # the whole design keeps together in the middle.
    ax.set_aspect("equal", adjustable="box", anchor="C")

    # Stage bands as faint rings (score s sits at radius s; a stage spans its scores +- 0.5).
    stages = list(template.stages)
    for i in reversed(range(len(stages))):
        r1 = outer if i == len(stages) - 1 else stages[i].max + 0.5
        ax.add_patch(
            Circle(
                (0, 0),
                r1,
                facecolor=theme.STAGE_BANDS[i % len(theme.STAGE_BANDS)],
                edgecolor=theme.RULE,
                linewidth=0.7 if i < len(stages) - 1 else 0.9,
                zorder=0,
            )
        )
    if not stages:
        ax.add_patch(Circle((0, 0), outer, facecolor=theme.SURFACE, edgecolor=theme.RULE))
    spokes = [[(0, 0), layout.point(a, outer)] for a in angles]
    ax.add_collection(LineCollection(spokes, colors=theme.RULE, linewidths=0.7, zorder=1))

    series = [
        [None if r.scores.get(d.key) is None else float(r.scores[d.key]) for d in template.domains]
        for r in readings
    ]
    _scale_numbers(ax, template, series, scale, outer, families, sizes.small)

    for lab in labels:
        px, py = layout.point(lab.angle, outer + layout.LABEL_GAP_IN / scale)
        ax.text(
            px,
            py,
            lab.text,
            ha=lab.ha,
            va=lab.va,
            fontsize=fontsize,
            color=theme.INK,
            linespacing=layout.LINE_SPACING,
            gid="domain-label",
            **font,
        )

    handles = []
    styles = _STYLE_FOR.get(len(readings), list(range(len(readings))))
    for reading, values, style_index in zip(readings, series, styles, strict=True):
        style = theme.series_style(style_index)
        pts = [
            layout.point(a, v) if v is not None else (math.nan, math.nan)
            for a, v in zip(angles, values, strict=True)
        ]
        xs = [p[0] for p in pts] + [pts[0][0]]
        ys = [p[1] for p in pts] + [pts[0][1]]
        latest = reading is readings[-1]
        (line,) = ax.plot(
            xs,
            ys,
            color=style.color,
            linestyle=style.linestyle,
            linewidth=2.4 if latest else 1.8,
            marker=style.marker,
            markersize=6.5 if latest else 5.5,
            markeredgecolor=theme.PAPER,
            markeredgewidth=0.8,
            label=reading_label(reading),
            zorder=4 if latest else 3,
            gid="reading",
        )
        if all(v is not None for v in values):
            ax.fill(
                xs, ys, color=style.color, alpha=0.10 if latest else 0.06, zorder=2, linewidth=0
            )
        handles.append(line)

    if title:
        ax.text(
            0.5,
            (cy + fit.top + head / 2) / height,
            title,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=sizes.title,
            color=theme.INK,
            gid="title",
            **font,
        )
    below = cy - fit.bottom  # inches from the bottom of the figure to the foot of the star
    if show_legend and handles:
        _legend_row(ax, handles, width, (below - legend_in / 2) / height, sizes.legend)
    for i, row in enumerate(key_rows):
        y = below - legend_in + 0.02 - key_row_in * (i + 0.5)
        ax.text(0.5, y / height, row, transform=ax.transAxes, ha="center", va="center",
                fontsize=sizes.key, color=theme.MUTED, style="italic", gid="stage-name", **font)
    return fig


@dataclass(frozen=True)
class _Sizes:
    """The radar's type sizes in points, none under ``floor``."""

    floor: float = 0.0

    @property
    def small(self) -> float:
        return max(SMALL, self.floor)

    @property
    def key(self) -> float:
        return max(KEY_SIZE, self.floor)

    @property
    def legend(self) -> float:
        return max(9.5, self.floor)

    @property
    def title(self) -> float:
        return max(13.0, self.floor)


def _stage_text(stage: ChartStage) -> str:
    """ "Believing 5–6" (or "Stuck 1" for a stage of one score)."""
    scores = str(stage.min) if stage.min == stage.max else f"{stage.min}–{stage.max}"
    return f"{stage.name} {scores}"


def _scale_numbers(
    ax,
    template: ChartTemplate,
    series: list[list[float | None]],
    scale: float,
    outer: float,
    families: tuple[str, ...],
    small: float = SMALL,
) -> None:
    """The scale numbers, run down the gap between two spokes that the reading lines cross
    least (by default the bottom one). A number a line still crosses (a ring of scores there)
    is drawn over the line, so it stays readable; each has a halo in its ring's colour, so
    neither spokes nor lines strike it out."""
    from matplotlib.patheffects import withStroke  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    n = len(template.domains)
    lo, hi = template.scale_min, template.scale_max
    stages = list(template.stages)
    step = 2 * math.pi / n
    ticks = [t for t in range(lo, hi + 1) if t % 2 == 0] if hi - lo > 5 else list(range(lo, hi + 1))
    # A small star with large type: every other number (the outermost kept) until they
    # keep apart along the gap.
    tall = layout.text_size("10", small, families)[1] + 0.02
    while len(ticks) > 2 and (ticks[1] - ticks[0]) * scale < tall:
        ticks = ticks[::-1][::2][::-1]

    def band_of(radius: float) -> str:
        for i, stage in enumerate(stages):
            if radius <= stage.max + 0.5:
                return theme.STAGE_BANDS[i % len(theme.STAGE_BANDS)]
        return theme.STAGE_BANDS[0] if stages else theme.SURFACE

    marks = []
    for t in ticks:
        w, h = layout.text_size(str(t), small, families)
        # A little clearance all round: a line just grazing a number is as bad as one through it.
        marks.append((float(t), 0.0, (w + 0.1) / scale, (h + 0.06) / scale))
    gap, radii = layout.place_marks(n, series, marks, math.pi + step / 2, outer)
    crossed = layout.crossed_marks(n, series, marks, gap, radii)
    bisector = step * gap + step / 2
    for radius, t, over in zip(radii, ticks, crossed, strict=True):
        x, y = layout.point(bisector, radius)
        ax.text(
            x,
            y,
            str(t),
            fontsize=small,
            color=theme.MUTED,
            ha="center",
            va="center",
            zorder=5 if over else 1.5,
            family=list(families),
            path_effects=[withStroke(linewidth=2.5, foreground=band_of(radius))],
            gid="scale-number",
        )


def _legend_row(ax, handles: list, width: float, y: float, size: float = 9.5) -> None:
    """One centred row of line samples with their dates. Drawn by hand: matplotlib's legend
    machinery costs more than the whole star."""
    from matplotlib.lines import Line2D  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    sample_in, gap_in, pad_in = 0.42, 0.08, 0.36
    families = font_families()
    widths = [
        sample_in + gap_in + layout.text_size(h.get_label(), size, families)[0] for h in handles
    ]
    total = sum(widths) + pad_in * (len(handles) - 1)
    x = (width - total) / 2
    for handle, entry in zip(handles, widths, strict=True):
        x0, x1 = x / width, (x + sample_in) / width
        ax.add_artist(
            Line2D(
                [x0, (x0 + x1) / 2, x1],
                [y, y, y],
                transform=ax.transAxes,
                color=handle.get_color(),
                linestyle=handle.get_linestyle(),
                linewidth=handle.get_linewidth(),
                marker=handle.get_marker(),
                markevery=[1],
                markersize=handle.get_markersize(),
                markeredgecolor=theme.PAPER,
                markeredgewidth=0.8,
                gid="legend-sample",
            )
        )
        ax.text(
            (x + sample_in + gap_in) / width,
            y,
            handle.get_label(),
            transform=ax.transAxes,
            va="center",
            ha="left",
            fontsize=size,
            color=theme.INK,
            family=list(families),
            gid="legend-label",
        )
        x += entry + pad_in
