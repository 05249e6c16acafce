"""The Recovery Star over time: one small chart per domain, with the distance travelled."""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import TYPE_CHECKING

from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families
from recoverydesk.charts.star.model import (
    ChartDomain,
    ChartReading,
    ChartTemplate,
    distance_travelled,
)
from recoverydesk.dates import day_month, month_abbr

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)


def _wrap(label: str, width: int) -> str:
    return (
        "\n".join(textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False))
        or label
    )


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
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

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
    travelled = distance_travelled(template, readings)
    days = [r.taken_on for r in readings]
    if len(days) == 1:
        span = (days[0] - dt.timedelta(days=45), days[0] + dt.timedelta(days=45))
    elif days:
        pad = max(dt.timedelta(days=14), (days[-1] - days[0]) / 20)
        span = (days[0] - pad, days[-1] + pad)
    else:
        today = dt.date.today()
        span = (today - dt.timedelta(days=90), today)

    sizes = (tick, name, note)
    for index, ax in enumerate(axes.flat):
        if index >= len(template.domains):
            ax.set_visible(False)
            continue
        _draw_domain(ax, template, template.domains[index], readings, titles[index],
                     travelled[template.domains[index].key], span, sizes, width / cols)
    if title:
        fig.suptitle(title, x=0.05, ha="left", y=1 - 0.2 / height, fontsize=max(12.0, min_font), color=theme.INK)
    return fig


def _draw_domain(ax, template: ChartTemplate, domain: ChartDomain, readings: list[ChartReading],
                 title: str, moved: float | None, span: tuple[dt.date, dt.date],
                 sizes: tuple[float, float, float], cell_width: float) -> None:
    """One domain's small chart: the stage bands, its scores over time, its name and the
    distance travelled written above it."""
    import matplotlib.dates as mdates  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    tick, name, note = sizes
    lo, hi = template.scale_min, template.scale_max
    style = theme.series_style(0)
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
    font = {"family": list(font_families())}
    ax.set_title(title, fontsize=name, color=theme.INK, loc="left",
                 pad=note * 1.5 + 4, **font)
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
    room = (cell_width * 0.93) / (tick * 3.2 / 72)
    locator = mdates.AutoDateLocator(minticks=2, maxticks=max(2, min(5, int(room))))
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_date_tick)


def _date_tick(x: float, _pos: int | None = None) -> str:
    """A time axis's tick labelled as matplotlib's ConciseDateFormatter would ("2026" at a new
    year, "Sep" at a month, "6 Sep" at a day), in the app's month names: strftime's follow the
    machine's locale."""
    import matplotlib.dates as mdates  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    day = mdates.num2date(x).date()
    if day.day == 1:
        return str(day.year) if day.month == 1 else month_abbr(day)
    return day_month(day)
