"""The Recovery story's two charts (issue 23): the five CHIME processes side by side over time
(``timeline_figure``, a lane per process), and moments per process per quarter
(``quarters_figure``: one group of bars per quarter, a bar per process, the count above every
bar that has one). Each process has its own colour AND hatch or mark shape, so both charts
still read in greyscale.

Pure: plain data in (quarter labels, counts per process), a matplotlib ``Figure`` out; no
database, no Qt. matplotlib is imported when a chart is drawn (as in ``charts/funding``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

HATCHES = ["", "///", "...", "xxx", "\\\\\\"]


def quarters_figure(labels: list[str], counts: dict[str, tuple[int, ...]],
                    names: dict[str, str], *, width: float = 8.0, height: float = 3.0,
                    title: str = "", min_font: float = 0.0) -> Figure:
    """``counts`` maps a process key to one count per quarter of ``labels``; ``names`` gives
    each process its legend name, in the order the bars stand."""
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    font = {"family": list(font_families())}
    tick = max(8.0, min_font)
    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    top_in = 0.45 if title else 0.15
    legend_in = 0.2 + tick * 1.6 / 72
    fig.subplots_adjust(left=max(0.06, 0.5 / width), right=0.98,
                        bottom=(legend_in + 0.15 + tick * 1.6 / 72) / height,
                        top=1 - top_in / height)
    ax = fig.add_subplot()
    ax.set_facecolor(theme.PAPER)
    keys = list(names)
    bar = 0.8 / max(len(keys), 1)
    peak = max([1, *(c for key in keys for c in counts.get(key, ()))])
    for i, key in enumerate(keys):
        values = list(counts.get(key, ()))
        xs = [q - 0.4 + bar * (i + 0.5) for q in range(len(values))]
        ax.bar(xs, values, bar * 0.92, color=theme.SERIES[i % len(theme.SERIES)],
               hatch=HATCHES[i % len(HATCHES)], edgecolor=theme.PAPER, linewidth=0.6,
               label=names[key], zorder=3, gid=key)
        for x, v in zip(xs, values, strict=True):
            if v:
                ax.text(x, v + peak * 0.02, str(v), ha="center", va="bottom", fontsize=tick - 1,
                        color=theme.MUTED, zorder=4, **font)
    ax.set_xticks(range(len(labels)), labels, fontsize=tick, color=theme.INK, **font)
    ax.set_xlim(-0.6, max(len(labels), 1) - 0.4)
    ax.set_ylim(0, peak * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=tick, colors=theme.MUTED, length=2)
    ax.grid(axis="y", color=theme.RULE, linewidth=0.6, zorder=0)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color(theme.RULE)
    fig.legend(loc="lower left", ncols=5 if width >= 7 else 3, frameon=False,
               bbox_to_anchor=(0.0, 0.0), prop={**font, "size": tick}, labelcolor=theme.INK,
               handlelength=1.4, columnspacing=1.2)
    if title:
        fig.suptitle(title, x=0.02, ha="left", y=1 - 0.12 / height, fontsize=max(11.0, min_font),
                     color=theme.INK, **font)
    if not labels:
        ax.text(0, 0.5, "No tagged moments yet", ha="center", color=theme.MUTED,
                fontsize=tick, **font)
    return fig


MARKERS = ["o", "s", "^", "D", "v"]


def timeline_figure(lanes: dict[str, list[dt.date]], names: dict[str, str],
                    turning_points: list[tuple[dt.date, str]] = (),
                    readings: dict[str, list[dt.date]] | None = None, *, width: float = 8.0,
                    height: float = 2.6, min_font: float = 0.0) -> Figure:
    """The five processes side by side over time: a lane per process (in ``names`` order, the
    first on top), a mark on the day of each tagged moment, a hollow mark for each measure
    reading that has items on that process, and each turning point as a dashed line across
    every lane with its title above. Every mark has its process's colour AND shape."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    font = {"family": list(font_families())}
    tick = max(8.0, min_font)
    keys = list(names)
    readings = readings or {}
    days = [d for key in keys for d in (*lanes.get(key, ()), *readings.get(key, ()))]
    days += [d for d, _title in turning_points]
    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    label_in = max(len(names[k]) for k in keys) * tick * 0.62 / 72 + 0.2 if keys else 0.5
    top_in = 0.3 + (tick * 1.4 / 72 if turning_points else 0)
    fig.subplots_adjust(left=min(0.45, label_in / width), right=0.98,
                        bottom=(0.2 + tick * 1.8 / 72) / height, top=1 - top_in / height)
    ax = fig.add_subplot()
    ax.set_facecolor(theme.PAPER)
    for row, key in enumerate(keys):
        y = len(keys) - 1 - row
        colour = theme.SERIES[row % len(theme.SERIES)]
        ax.axhline(y, color=theme.RULE, linewidth=0.6, zorder=1)
        moments = list(lanes.get(key, ()))
        if moments:
            ax.plot(moments, [y] * len(moments), linestyle="none",
                    marker=MARKERS[row % len(MARKERS)], markersize=7, color=colour,
                    markeredgecolor=theme.PAPER, zorder=3, gid=key)
        taken = list(readings.get(key, ()))
        if taken:
            ax.plot(taken, [y] * len(taken), linestyle="none", marker=MARKERS[row % len(MARKERS)],
                    markersize=8, markerfacecolor="none", markeredgecolor=colour,
                    markeredgewidth=1.4, zorder=3, gid=f"{key}-readings")
    for day, title in turning_points:
        ax.axvline(day, color=theme.MUTED, linestyle="--", linewidth=0.9, zorder=2)
        ax.annotate(title if len(title) <= 32 else title[:31] + "…", (day, len(keys) - 0.5),
                    xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                    fontsize=tick - 1, color=theme.INK, annotation_clip=False, **font)
    ax.set_yticks(range(len(keys)), [names[k] for k in reversed(keys)], fontsize=tick,
                  color=theme.INK, **font)
    ax.set_ylim(-0.6, len(keys) - 0.4)
    if days:
        first, last = min(days), max(days)
        pad = max((last - first) / 30, dt.timedelta(days=7))
        ax.set_xlim(first - pad, last + pad)
        locator = AutoDateLocator(maxticks=max(3, int(width * 1.2)))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "No tagged moments yet", ha="center", va="center",
                transform=ax.transAxes, color=theme.MUTED, fontsize=tick, **font)
    ax.tick_params(labelsize=tick, colors=theme.MUTED, length=2)
    ax.tick_params(axis="y", length=0)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color(theme.RULE)
    return fig
