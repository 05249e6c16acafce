"""NDIS funding over a plan: one stacked bar per funding period (claimed, delivered but not yet
claimed, booked) against what the period has to spend (released plus what rolled over), marked
as a line above each bar; a period whose bar passes its line is labelled with the overspend in
the attention colour.

Pure: plain data in (``ChartPeriod``, money in integer cents), a matplotlib ``Figure`` out; no
database, no Qt. matplotlib is imported when a chart is drawn (as in ``charts/star``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families
from recoverydesk.dates import month_abbr

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

# The stacked parts of a bar, bottom to top: (key, label, colour, hatch).
PARTS = (
    ("claimed", "Claimed", theme.ACCENT_DARK, ""),
    ("unclaimed", "Delivered, not yet claimed", theme.SERIES[4], ""),
    ("booked", "Booked (planned sessions)", theme.PAPER, "///"),
)


@dataclass(frozen=True)
class ChartPeriod:
    starts_on: dt.date
    ends_on: dt.date
    released_cents: int
    claimed_cents: int
    unclaimed_cents: int
    booked_cents: int
    rolled_over_cents: int = 0

    @property
    def available_cents(self) -> int:
        return self.released_cents + self.rolled_over_cents

    @property
    def over_cents(self) -> int:
        """How far claimed, delivered and booked work goes past what is available (0 if not)."""
        return max(0, self.claimed_cents + self.unclaimed_cents + self.booked_cents
                   - self.available_cents)


def period_label(p: ChartPeriod) -> str:
    """ "Jul-Sep 2026" for whole months; "Dec 2026-Feb 2027" across a new year; "Jul 2026" for
    one month; "30 Apr-29 Jul 2026" (the days too) when a period does not run month to month."""
    first, last = p.starts_on, p.ends_on
    if first == last:
        return f"{first.day} {month_abbr(first)} {first.year}"
    whole = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    if not whole:
        start = f"{first.day} {month_abbr(first)}" + (
            f" {first.year}" if first.year != last.year else "")
        return f"{start}-{last.day} {month_abbr(last)} {last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{month_abbr(first)} {first.year}"
    if first.year == last.year:
        return f"{month_abbr(first)}-{month_abbr(last)} {last.year}"
    return f"{month_abbr(first)} {first.year}-{month_abbr(last)} {last.year}"


def dollars(cents: int) -> str:
    """ "$1,234"; "-$537" (whole dollars, for axis labels, bar notes and summary tables)."""
    return f"{'-' if cents < 0 else ''}${round(abs(cents) / 100):,}"


def bar_values(periods: list[ChartPeriod]) -> dict[str, list[float]]:
    """The dollars each part of each bar stands for, bottom to top (what the chart draws)."""
    values = {key: [getattr(p, f"{key}_cents") / 100 for p in periods] for key, *_ in PARTS}
    values["available"] = [p.available_cents / 100 for p in periods]
    return values


def funding_figure(periods: list[ChartPeriod], *, width: float = 8.0, height: float = 3.4,
                   title: str = "", min_font: float = 0.0) -> Figure:
    """The plan's funding periods side by side (see the module docstring)."""
    from matplotlib.figure import Figure  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.lines import Line2D  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.patches import Patch  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    font = {"family": list(font_families())}
    tick, note = max(8.0, min_font), max(8.0, min_font)
    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    top_in = 0.45 if title else 0.15
    legend_in = 0.2 + tick * 1.6 / 72
    two_lines = any(len(period_label(p)) > 12 for p in periods)
    fig.subplots_adjust(left=max(0.07, 0.75 / width), right=0.98,
                        bottom=(legend_in + 0.15 + tick * (3.0 if two_lines else 1.6) / 72)
                        / height,
                        top=1 - top_in / height)
    ax = fig.add_subplot()
    ax.set_facecolor(theme.PAPER)
    values = bar_values(periods)
    xs = list(range(len(periods)))
    bottoms = [0.0] * len(periods)
    for key, _label, colour, hatch in PARTS:
        heights = values[key]
        ax.bar(xs, heights, 0.6, bottom=bottoms, color=colour, hatch=hatch,
               edgecolor=theme.ACCENT_DARK, linewidth=0.8, zorder=3, gid=key)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    for x, available in zip(xs, values["available"], strict=True):
        ax.plot([x - 0.4, x + 0.4], [available, available], color=theme.INK, linewidth=2,
                zorder=4, gid="available")
    peak = max([*bottoms, *values["available"], 1.0])
    for x, p, top in zip(xs, periods, bottoms, strict=True):
        over = p.over_cents
        left = p.available_cents - round(top * 100)
        text = f"over by {dollars(over)}" if over else f"{dollars(left)} left"
        ax.text(x, max(top, p.available_cents / 100) + peak * 0.03, text, ha="center",
                va="bottom", fontsize=note, color=theme.ATTENTION if over else theme.MUTED,
                fontweight="bold" if over else "normal", zorder=5, **font)
    ax.set_ylim(0, peak * 1.18)
    ax.set_xlim(-0.6, max(len(periods), 1) - 0.4)
    labels = [period_label(p) for p in periods]
    if max((len(t) for t in labels), default=0) > 12:  # "30 Apr-29 Jul 2026" on two lines
        labels = [t.replace("-", "-\n", 1) for t in labels]
    ax.set_xticks(xs, labels, fontsize=tick, color=theme.INK, **font)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: dollars(round(v * 100))))
    ax.tick_params(labelsize=tick, colors=theme.MUTED, length=2)
    ax.grid(axis="y", color=theme.RULE, linewidth=0.6, zorder=0)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color(theme.RULE)
    handles = [Patch(facecolor=c, edgecolor=theme.ACCENT_DARK, hatch=h, label=lab)
               for _k, lab, c, h in PARTS]
    handles.append(Line2D([], [], color=theme.INK, linewidth=2, label="Released (with rollover)"))
    fig.legend(handles=handles, loc="lower left", ncols=4 if width >= 6 else 2, frameon=False,
               fontsize=tick, bbox_to_anchor=(0.0, 0.0), prop={**font, "size": tick},
               labelcolor=theme.INK, handlelength=1.4, columnspacing=1.2)
    if title:
        fig.suptitle(title, x=0.02, ha="left", y=1 - 0.12 / height, fontsize=max(11.0, min_font),
                     color=theme.INK, **font)
    if not periods:
        ax.text(0, peak * 0.5, "No funding periods yet", ha="center", color=theme.MUTED,
                fontsize=note, **font)
    return fig
