"""Recovery moments per CHIME process per quarter (issue 23, the Recovery story): one group of
bars per quarter, a bar per process, each process its own colour AND hatch (so the chart still
reads in greyscale), the count above every bar that has one.

Pure: plain data in (quarter labels, counts per process), a matplotlib ``Figure`` out; no
database, no Qt. matplotlib is imported when a chart is drawn (as in ``charts/funding``).
"""

from __future__ import annotations

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
