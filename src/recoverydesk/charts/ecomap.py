"""The eco-map: the participant in the middle, their people and services around them.

Pure: plain data in (``EcoMapData``), a matplotlib ``Figure`` out. No database, no Qt.

Reading it, in colour or greyscale:
- groups (family, friends, health, support services, community) sit in their own labelled
  sector of the ring, each with its own colour;
- informal ties (people) are rounded boxes, formal ones (services) square boxes;
- the line to the middle shows the tie: thick = very close, plain = supportive, dotted =
  distant; cross-marks on a line mean the tie is strained;
- an emergency contact says so in its box; expired consent to share is written in its box and
  edged in the attention colour.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families

if TYPE_CHECKING:  # matplotlib is imported on first draw, not when services import this module
    from matplotlib.figure import Figure

CROWDED = 9  # more nodes than this: two rings, smaller type
GROUP_ORDER = ["family", "friends", "health", "supports", "community", "other"]
CLOSENESS_WIDTH = {3: 4.0, 2: 2.0, 1: 1.3}
CLOSENESS_STYLE = {3: "-", 2: "-", 1: (0, (1.5, 2.5))}
LINE = "#6B7780"


@dataclass(frozen=True)
class EcoNode:
    label: str  # a name: "Aunty Rose", "Seaview Medical Centre"
    group: str  # one of GROUP_ORDER
    group_label: str  # "Family and carers"
    detail: str = ""  # the role: "Sister", "GP"
    closeness: int = 2  # 1 distant, 2 supportive, 3 very close
    strained: bool = False
    formal: bool = False
    emergency: bool = False
    consent_expired: bool = False


@dataclass(frozen=True)
class EcoMapData:
    centre_label: str
    nodes: tuple[EcoNode, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class PlacedNode:
    node: EcoNode
    x: float
    y: float
    angle: float  # radians, 0 = right, counter-clockwise


def group_colour(group: str) -> str:
    index = GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER) - 1
    return theme.SERIES[index % len(theme.SERIES)]


def _tint(hex_colour: str, amount: float = 0.85) -> str:
    """Mix a colour with white (amount 1.0 = white), for box fills that keep text readable."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def layout(
    data: EcoMapData, rx: float = 1.45, ry: float = 1.05
) -> tuple[list[PlacedNode], list[tuple[str, str, float, float]]]:
    """Place nodes on an ellipse, group by group, clockwise from the top. Returns the placed
    nodes and one (group, label, start angle, end angle) per group, for sector shading."""
    groups: list[tuple[str, str, list[EcoNode]]] = []
    for node in data.nodes:
        for g in groups:
            if g[0] == node.group:
                g[2].append(node)
                break
        else:
            groups.append((node.group, node.group_label, [node]))
    groups.sort(key=lambda g: GROUP_ORDER.index(g[0]) if g[0] in GROUP_ORDER else 99)
    total = len(data.nodes)
    if total == 0:
        return [], []
    gap = 0.4 if len(groups) > 1 else 0.0  # a little space between groups
    slots = total + gap * len(groups)
    step = 2 * math.pi / slots
    top = math.pi / 2
    crowded = total > CROWDED
    placed: list[PlacedNode] = []
    sectors = []
    cursor = gap / 2
    for key, label, nodes in groups:
        first = cursor
        for node in nodes:
            a = top - step * (cursor + 0.5)  # clockwise from the top
            # When crowded, every other node sits on an inner ring so boxes do not overlap.
            sx, sy = (
                (1.0, 1.0)
                if not crowded
                else ((1.12, 1.24) if len(placed) % 2 == 0 else (0.7, 0.66))
            )
            placed.append(PlacedNode(node, rx * sx * math.cos(a), ry * sy * math.sin(a), a))
            cursor += 1
        sectors.append(
            (key, label, top - step * (first - gap / 2), top - step * (cursor + gap / 2))
        )
        cursor += gap
    return placed, sectors


@cache
def _font_families() -> list[str]:
    """The theme's installed fonts and the fallbacks for any script (charts/fonts.py)."""
    return list(font_families())


def _strain_marks(ax, x0, y0, x1, y1, colour, count=3):
    """Short cross-marks across the middle of a line: the eco-map sign for a strained tie."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * 0.06, dx / length * 0.06
    for i in range(count):
        t = 0.42 + 0.1 * (i - (count - 1) / 2)
        cx, cy = x0 + dx * t, y0 + dy * t
        ax.plot(
            [cx - nx + dx / length * 0.025, cx + nx - dx / length * 0.025],
            [cy - ny + dy / length * 0.025, cy + ny - dy / length * 0.025],
            color=colour,
            linewidth=1.6,
            solid_capstyle="round",
            zorder=2,
        )


def ecomap_figure(
    data: EcoMapData,
    width: float = 9.0,
    height: float = 7.0,
    show_legend: bool = True,
    show_title: bool = True,
    show_group_labels: bool = True,
) -> Figure:
    """Draw the eco-map. The result is a plain Figure: show it in a canvas, or save it.

    ``show_group_labels=False`` leaves the group names out (a screen that names the groups
    beside the map) so the map itself can be drawn larger."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Patch, Wedge
    from matplotlib.transforms import Affine2D

    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_axis_off()
    font = {"family": _font_families()}
    placed, sectors = layout(data)
    crowded = len(placed) > CROWDED

    # Sector shading and group names, so groups read without colour too. The sectors are
    # drawn on a unit circle stretched to an ellipse of the same shape as the node ring.
    rx, ry = 1.45, 1.05
    stretch = Affine2D().scale(rx * 1.4, ry * 1.4) + ax.transData
    for key, label, start, end in sectors:
        colour = group_colour(key)
        ax.add_patch(
            Wedge(
                (0, 0),
                1.0,
                math.degrees(end),
                math.degrees(start),
                facecolor=_tint(colour, 0.92),
                edgecolor=theme.PAPER,
                linewidth=2,
                zorder=0,
                transform=stretch,
            )
        )
        if not show_group_labels:
            continue
        mid = (start + end) / 2
        lx, ly = rx * 1.45 * math.cos(mid), ry * 1.47 * math.sin(mid)
        side = "center" if abs(math.cos(mid)) < 0.3 else ("left" if lx > 0 else "right")
        ax.text(
            lx,
            ly,
            label.upper(),
            ha=side,
            va="center",
            fontsize=8,
            color=theme.MUTED,
            fontweight="bold",
            zorder=1,
            **font,
        )

    # Ties first, so the boxes sit on top of their line ends.
    for p in placed:
        n = p.node
        colour = theme.ATTENTION if n.strained else LINE
        ax.plot(
            [0, p.x],
            [0, p.y],
            color=colour,
            linewidth=CLOSENESS_WIDTH.get(n.closeness, 2),
            linestyle=CLOSENESS_STYLE.get(n.closeness, "-"),
            solid_capstyle="round",
            zorder=2,
        )
        if n.strained:
            _strain_marks(ax, 0, 0, p.x, p.y, theme.ATTENTION)

    for p in placed:
        n = p.node
        colour = group_colour(n.group)
        lines = textwrap.wrap(n.label, 16 if crowded else 22) or [""]
        if n.detail:
            lines.append(n.detail)
        if n.emergency:
            lines.append("Emergency contact")
        if n.consent_expired:
            lines.append("Consent expired")
        box = {
            "boxstyle": "square,pad=0.45" if n.formal else "round,pad=0.45,rounding_size=0.9",
            "facecolor": _tint(colour),
            "edgecolor": theme.ATTENTION if n.consent_expired else colour,
            "linewidth": 2.2 if n.consent_expired else 1.4,
        }
        text = ax.text(
            p.x,
            p.y,
            "\n".join(lines),
            ha="center",
            va="center",
            fontsize=7.5 if crowded else 8.5,
            color=theme.INK,
            bbox=box,
            zorder=4,
            linespacing=1.25,
            **font,
        )
        text.set_gid(f"node:{n.label}")

    ax.add_patch(
        Circle(
            (0, 0),
            0.36,
            facecolor=theme.ACCENT,
            edgecolor=theme.ACCENT_DARK,
            linewidth=1.5,
            zorder=5,
        )
    )
    ax.text(
        0,
        0,
        data.centre_label,
        ha="center",
        va="center",
        fontsize=11,
        color=theme.PAPER,
        fontweight="bold",
        zorder=6,
        wrap=True,
        **font,
    ).set_gid("centre")
    if not placed:
        ax.text(
            0,
            -0.75,
            "No one added to the support network yet.",
            ha="center",
            va="center",
            fontsize=10,
            color=theme.MUTED,
            **font,
        )

    if show_group_labels:
        ax.set_xlim(-2.75, 2.75)
        ax.set_ylim(-1.7, 1.7)
    else:
        ax.set_xlim(-2.08, 2.08)
        ax.set_ylim(-1.55, 1.55)
    if show_title and data.title:
        ax.set_title(data.title, fontsize=13, color=theme.INK, loc="left", pad=6, **font)
    if show_legend:
        handles = [
            Line2D([], [], color=LINE, linewidth=CLOSENESS_WIDTH[3], label="Very close"),
            Line2D([], [], color=LINE, linewidth=CLOSENESS_WIDTH[2], label="Supportive"),
            Line2D(
                [],
                [],
                color=LINE,
                linewidth=CLOSENESS_WIDTH[1] + 0.4,
                linestyle=CLOSENESS_STYLE[1],
                label="Distant",
            ),
            Line2D(
                [],
                [],
                color=theme.ATTENTION,
                linewidth=1.6,
                marker="|",
                markersize=9,
                markeredgewidth=1.6,
                label="Strained",
            ),
            Patch(facecolor=theme.PAPER, edgecolor=LINE, label="Square box: a service"),
        ]
        ax.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, -0.06),
            ncol=5,
            frameon=False,
            fontsize=8.5,
            handlelength=2.6,
            numpoints=3,
        )
    return fig


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor(), bbox_inches="tight")
    return buffer.getvalue()


def ecomap_png(data: EcoMapData, dpi: int = 150, **kwargs) -> bytes:
    """The eco-map as PNG bytes, for printed reports."""
    return figure_to_png(ecomap_figure(data, **kwargs), dpi)
