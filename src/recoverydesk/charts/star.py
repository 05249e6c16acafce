"""Recovery Star charts: the radar (one to three readings overlaid) and the trends (one small
chart per domain over time, with the distance travelled).

Pure: plain data in (``ChartTemplate``, ``ChartReading``), a matplotlib ``Figure`` out; no
database, no Qt. matplotlib is imported when a chart is drawn, not when this module is imported.

Reading the radar, in colour or greyscale: the latest reading is a solid dark line with round
markers, the first a dashed light line with squares, a middle one dotted with triangles; the
faint rings behind are the stages of the scale, named with their scores in a key under the
legend (inside the star every name was crossed by some reading's line: a closed line round the
centre crosses every ray from it); the legend gives each reading's date.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
import threading
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from recoverydesk.charts import radar_layout as layout
from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families
from recoverydesk.dates import day_month, month_abbr, short_date

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_OVERLAID = 3
_AGG = threading.local()
# Chronological position -> theme series style, so the latest is always the boldest line.
_STYLE_FOR = {1: [0], 2: [1, 0], 3: [1, 2, 0]}


@dataclass(frozen=True)
class ChartDomain:
    key: str
    label: str


@dataclass(frozen=True)
class ChartStage:
    name: str
    min: int
    max: int


@dataclass(frozen=True)
class ChartTemplate:
    name: str
    domains: tuple[ChartDomain, ...]
    stages: tuple[ChartStage, ...] = ()
    scale_min: int = 1
    scale_max: int = 10


@dataclass(frozen=True)
class ChartReading:
    taken_on: dt.date
    scores: dict[str, float | None] = field(default_factory=dict)  # domain key -> score
    label: str = ""  # legend text; the date when empty
    id: int | None = None


def reading_label(reading: ChartReading) -> str:
    return reading.label or short_date(reading.taken_on)


def distance_travelled(
    template: ChartTemplate, readings: list[ChartReading]
) -> dict[str, float | None]:
    """Latest minus first score per domain, over readings that scored it (None if < 2)."""
    out: dict[str, float | None] = {}
    ordered = sorted(readings, key=lambda r: r.taken_on)
    for d in template.domains:
        scored = [r.scores.get(d.key) for r in ordered if r.scores.get(d.key) is not None]
        out[d.key] = (scored[-1] - scored[0]) if len(scored) >= 2 else None
    return out


@cache
def _font_families() -> tuple[str, ...]:
    return font_families()


def _wrap(label: str, width: int) -> str:
    return (
        "\n".join(textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False))
        or label
    )


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
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    readings = sorted(readings, key=lambda r: r.taken_on)[-MAX_OVERLAID:]
    n = len(template.domains)
    hi = template.scale_max
    families = _font_families()
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
    from matplotlib.patheffects import withStroke

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
    from matplotlib.lines import Line2D

    sample_in, gap_in, pad_in = 0.42, 0.08, 0.36
    families = _font_families()
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


def _grid_shape(count: int) -> tuple[int, int]:
    if count <= 5:
        return 1, count
    if count <= 10:
        return 2, math.ceil(count / 2)
    cols = 4
    return math.ceil(count / cols), cols


def trend_figure(
    template: ChartTemplate,
    readings: list[ChartReading],
    *,
    width: float = 10.0,
    title: str = "",
    max_height: float | None = None,
    min_font: float = 0.0,
) -> Figure:
    """One small chart per domain: score over time, with "distance travelled" (latest minus
    first) written in each. Shared scales, so the small charts compare at a glance.
    ``max_height``: the small charts get shorter (not below 0.6 in) to keep the figure within
    it; ``min_font``: no text under this many points (print draws at printed size)."""
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    readings = sorted(readings, key=lambda r: r.taken_on)
    rows, cols = _grid_shape(len(template.domains))
    tick, name, note = max(7.0, min_font), max(9.0, min_font), max(7.5, min_font)
    wrap_at = max(10, int(width / cols * 108 / name))
    titles = [_wrap(d.label, wrap_at) for d in template.domains]
    lines = max(t.count("\n") + 1 for t in titles)
    head_in = 0.16 + note * 1.5 / 72 + name * 1.3 / 72 * lines  # title + distance line
    foot_in = 0.2 + tick * 2.0 / 72
    top_in = max(0.35, 0.1 + 2 * name / 72) if title else 0.05
    cell_in = 1.55
    if max_height is not None:
        cell_in = max(0.6, min(cell_in, (max_height - foot_in - top_in) / rows - head_in))
    height = foot_in + rows * (cell_in + head_in) + top_in
    font = {"family": list(_font_families())}
    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    top = 1 - (head_in + top_in) / height
    fig.subplots_adjust(
        left=max(0.05, (0.12 + tick * 2.2 / 72) / width),
        right=0.98,
        bottom=foot_in / height,
        top=top,
        hspace=head_in / cell_in,
        wspace=0.18 if tick < 8 else 0.3,  # dates under one chart clear of the next's
    )
    axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
    lo, hi = template.scale_min, template.scale_max
    travelled = distance_travelled(template, readings)
    style = theme.series_style(0)
    days = [r.taken_on for r in readings]
    if len(days) == 1:
        span = (days[0] - dt.timedelta(days=45), days[0] + dt.timedelta(days=45))
    elif days:
        pad = max(dt.timedelta(days=14), (days[-1] - days[0]) / 20)
        span = (days[0] - pad, days[-1] + pad)
    else:
        today = dt.date.today()
        span = (today - dt.timedelta(days=90), today)

    for index, ax in enumerate(axes.flat):
        if index >= len(template.domains):
            ax.set_visible(False)
            continue
        domain = template.domains[index]
        ax.set_facecolor(theme.PAPER)
        for i, stage in enumerate(template.stages):
            ax.axhspan(
                stage.min - 0.5,
                stage.max + 0.5,
                color=theme.STAGE_BANDS[i % len(theme.STAGE_BANDS)],
                zorder=0,
                linewidth=0,
            )
        points = [(r.taken_on, r.scores.get(domain.key)) for r in readings]
        points = [(d, v) for d, v in points if v is not None]
        if points:
            ax.plot(
                [d for d, _ in points],
                [v for _, v in points],
                color=style.color,
                linewidth=1.8,
                marker=style.marker,
                markersize=4,
                zorder=3,
                gid="trend",
            )
        ax.set_ylim(lo - 0.5, hi + 0.5)
        ax.set_xlim(*span)
        ax.set_yticks([t for t in range(lo, hi + 1) if t % 2 == 0 or hi - lo <= 5])
        ax.tick_params(labelsize=tick, colors=theme.MUTED, length=2)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        for spine in ("left", "bottom"):
            ax.spines[spine].set_color(theme.RULE)
        ax.set_title(titles[index], fontsize=name, color=theme.INK, loc="left",
                     pad=note * 1.5 + 4, **font)
        moved = travelled[domain.key]
        if moved is None:
            text, colour = "not enough readings", theme.MUTED
        else:
            sign = "+" if moved > 0 else ("\u2212" if moved < 0 else "\u00b1")
            text = f"{sign}{abs(moved):g} since first"
            colour = theme.SUCCESS if moved > 0 else (theme.ATTENTION if moved < 0 else theme.MUTED)
        ax.text(
            0.0,
            1.02,
            text,
            transform=ax.transAxes,
            fontsize=note,
            color=colour,
            va="bottom",
            ha="left",
            fontweight="bold" if moved else "normal",
            **font,
        )
        # As many dates as fit under a small chart at this size ("6 Sep" is about 3 ems).
        room = (width * 0.93 / cols) / (tick * 3.2 / 72)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=max(2, min(5, int(room))))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(_date_tick)
    if title:
        fig.suptitle(title, x=0.05, ha="left", y=1 - 0.2 / height, fontsize=max(12.0, min_font), color=theme.INK)
    return fig


def _date_tick(x: float, _pos: int | None = None) -> str:
    """A time axis's tick labelled as matplotlib's ConciseDateFormatter would ("2026" at a new
    year, "Sep" at a month, "6 Sep" at a day), in the app's month names: strftime's follow the
    machine's locale."""
    import matplotlib.dates as mdates

    day = mdates.num2date(x).date()
    if day.day == 1:
        return str(day.year) if day.month == 1 else month_abbr(day)
    return day_month(day)


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    """PNG bytes of exactly the figure's size in inches x dpi (white background, no alpha).

    A figure not shown anywhere is drawn straight to an Agg buffer and lightly compressed,
    which is noticeably faster than ``savefig``; one living in a window goes through
    ``savefig`` so its canvas is left alone."""
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if type(fig.canvas) not in (FigureCanvasBase, FigureCanvasAgg):
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            dpi=dpi,
            facecolor=fig.get_facecolor(),
            pil_kwargs={"compress_level": 1},
        )
        return buffer.getvalue()
    from PIL import Image

    # One Agg canvas per thread, reused: its renderer (and so matplotlib's text-metrics
    # cache) survives from one chart to the next of the same size, which halves text layout.
    canvas = getattr(_AGG, "canvas", None)
    if canvas is None:
        canvas = _AGG.canvas = FigureCanvasAgg(fig)
    canvas.figure = fig
    fig.set_canvas(canvas)
    original = fig.dpi
    fig.dpi = dpi
    try:
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        rgba = canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        fig.dpi = original
        fig.set_canvas(FigureCanvasBase(fig))  # the figure does not keep the shared canvas
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def figure_to_svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", facecolor=fig.get_facecolor())
    return buffer.getvalue()
