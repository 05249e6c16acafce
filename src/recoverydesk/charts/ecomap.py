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

from recoverydesk.charts import ecomap_place as place
from recoverydesk.charts import theme
from recoverydesk.charts.fonts import font_families
from recoverydesk.charts.radar_layout import wrap_balanced

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
    """The group's own colour; never the attention amber (that means expired consent or a
    strained tie), and a neutral grey for "Other"."""
    return theme.GROUP_COLOURS.get(group, theme.GROUP_COLOURS["other"])


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
        t = 0.5 + min(0.2, 0.09 / length) * (i - (count - 1) / 2)  # 0.09 in apart
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
    min_font: float = 0.0,
    name_lines: int = 2,
) -> Figure:
    """Draw the eco-map. The result is a plain Figure: show it in a canvas, or save it.

    Drawn in inches on one axes over the whole figure: every text is measured with the
    renderer first and every box placed so none overlaps another, hides a tie or leaves the
    figure (``ecomap_place``); a network too big for ``height`` makes the figure taller.
    ``min_font``: no text smaller than this many points (print draws at printed size).
    ``name_lines``: a long name wraps onto up to this many lines (narrower boxes).
    ``show_group_labels=False`` leaves the group names out (a screen that names the groups
    beside the map)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    fig = Figure(figsize=(width, height), facecolor=theme.PAPER)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    font = {"family": _font_families()}
    crowded = len(data.nodes) > CROWDED
    size = max(7.5 if crowded else 8.5, min_font)

    def inches(artist) -> tuple[float, float]:
        box = artist.get_window_extent(renderer)
        return box.width / fig.dpi, box.height / fig.dpi

    title = None
    if show_title and data.title:
        title = ax.text(0, 0, data.title, fontsize=max(13, min_font), color=theme.INK,
                        ha="left", va="top", gid="title", **font)
    legend = _legend(ax, max(8.5, min_font), width) if show_legend else None
    centre, centre_r = _centre_name(ax, data.centre_label, max(11, min_font), min_font, inches,
                                    font)
    placed, sectors = layout(data)
    texts = [_node_text(ax, p.node, size, crowded, font, name_lines) for p in placed]
    pad = size * 0.45 / 72
    boxes = [(w + 2 * pad, h + 2 * pad) for w, h in (inches(t) for t in texts)]
    labels = []
    if show_group_labels:
        for key, label, _start, _end in sectors:
            labels.append(ax.text(0, 0, label.upper(), ha="center", va="center", zorder=1,
                                  fontsize=max(8, min_font), color=theme.MUTED,
                                  fontweight="bold", gid=f"group:{key}", **font))
    label_sizes = [(w + 0.04, h + 0.02) for w, h in (inches(t) for t in labels)]
    head = inches(title)[1] + 0.15 if title else 0.0
    foot = inches(legend)[1] + 0.12 if legend else 0.0

    # No room: a little taller with no tie under a box; then from the height asked for,
    # letting a plain tie run under a box where nothing else fits; then strained ones too.
    schedule = [(0, k) for k in range(3)] + [(1, k) for k in range(16)]
    schedule += [(2, k) for k in range(40)]
    for mode, grown in schedule:
        tall = height * 1.1**grown
        bounds = place.Rect(-width / 2 + 0.06, -(tall - head - foot) / 2 + 0.06,
                            width / 2 - 0.06, (tall - head - foot) / 2 - 0.06)
        spans = [(s, e) for _k, _l, s, e in sectors] if labels else []
        spots = place.place_labels(label_sizes, spans, bounds, centre_r)
        found = place.place_boxes(
            boxes, [p.angle for p in placed], 2 * math.pi / max(len(placed), 1) * 0.9,
            [p.node.strained for p in placed], bounds, centre_r, [r for r in spots if r],
            mode=mode,
        )
        if found is not None or not placed:
            break
    if tall != height:
        fig.set_size_inches(width, tall)
    cy = foot + (tall - head - foot) / 2  # the circle's centre, inches from the bottom
    ax.set_xlim(-width / 2, width / 2)
    ax.set_ylim(-cy, tall - cy)
    ax.set_aspect("equal", adjustable="box", anchor="C")

    _sectors(ax, sectors, bounds)
    for text, spot in zip(labels, spots, strict=True):
        if spot is None:
            text.remove()
        else:
            text.set_position(((spot.x0 + spot.x1) / 2, (spot.y0 + spot.y1) / 2))
    _ties_and_boxes(ax, placed, texts, found or [], boxes)
    ax.add_patch(Circle((0, 0), centre_r, facecolor=theme.ACCENT, edgecolor=theme.ACCENT_DARK,
                        linewidth=1.5, zorder=5))
    centre.set_position((0, 0))
    if not placed:
        ax.text(0, -centre_r - 0.3, "No one added to the support network yet.", ha="center",
                va="center", fontsize=max(10, min_font), color=theme.MUTED, **font)
    if title is not None:
        title.set_position((-width / 2 + 0.1, tall - cy - 0.08))
    if legend is not None:
        legend.set_bbox_to_anchor((0, -cy + 0.04), transform=ax.transData)
    return fig


def _centre_name(ax, name: str, start: float, floor: float, inches, font):
    """The participant's name in the centre circle: smaller, then on two lines, until it
    fits; the circle grows when even that is not enough (the name is never cut)."""
    radius = 0.36 * max(1.0, start / 11)
    text = ax.text(0, 0, name, ha="center", va="center", color=theme.PAPER,
                   fontweight="bold", zorder=6, gid="centre", linespacing=1.1, **font)
    two = wrap_balanced(name, max(4, len(name) // 2 + 1))
    tries = [(name, s) for s in _steps(start, floor)] + [(two, s) for s in _steps(start, floor)]
    needed = []
    for words, points in tries:
        text.set_text(words)
        text.set_fontsize(points)
        w, h = inches(text)
        need = math.hypot(w / 2, h / 2) + 0.05
        if need <= radius:
            return text, radius
        needed.append((need, words, points))
    need, words, points = min(needed)  # the smallest circle that holds the whole name
    text.set_text(words)
    text.set_fontsize(points)
    return text, need


def _steps(start: float, floor: float) -> list[float]:
    low = max(floor, 7.0)
    out = [start]
    while out[-1] - 1 >= low:
        out.append(out[-1] - 1)
    return out


def _node_text(ax, n: EcoNode, size: float, crowded: bool, font, name_lines: int = 2):
    # Long names go onto two lines (or ``name_lines``), never cut.
    lines = [_wrap_name(n.label, (14 if crowded else 18) * 2 // max(name_lines, 2), name_lines)]
    if n.detail:
        lines.append(n.detail)
    if n.emergency:
        lines.append("Emergency contact")
    if n.consent_expired:
        lines.append("Consent expired")
    text = ax.text(0, 0, "\n".join(lines), ha="center", va="center", fontsize=size,
                   color=theme.INK, zorder=4, linespacing=1.25, **font)
    text.set_gid(f"node:{n.label}")
    return text


def _wrap_name(label: str, width: int, most: int = 2) -> str:
    """A name on one line, or up to ``most`` of about even length when longer than ``width``."""
    if len(label) <= width:
        return label
    for narrower in range(max(width, math.ceil(len(label) / most)), len(label) + 1):
        lines = textwrap.wrap(label, narrower, break_long_words=False, break_on_hyphens=False)
        if len(lines) <= most:
            return wrap_balanced(label, narrower)
    return label


def _sectors(ax, sectors, bounds) -> None:
    """Sector shading, so groups read without colour too: an ellipse filling the drawing."""
    from matplotlib.patches import Wedge
    from matplotlib.transforms import Affine2D

    stretch = Affine2D().scale(bounds.x1, bounds.y1) + ax.transData
    for key, _label, start, end in sectors:
        ax.add_patch(Wedge((0, 0), 1.0, math.degrees(end), math.degrees(start),
                           facecolor=_tint(group_colour(key), 0.92), edgecolor=theme.PAPER,
                           linewidth=2, zorder=0, transform=stretch))


def _ties_and_boxes(ax, placed, texts, spots, boxes) -> None:
    from matplotlib.patches import FancyBboxPatch

    for p, text, spot, (w, h) in zip(placed, texts, spots, boxes, strict=False):
        n = p.node
        colour = theme.ATTENTION if n.strained else LINE
        (x0, y0), (x1, y1) = spot.line_from, spot.line_to
        ax.plot([x0, x1], [y0, y1], color=colour, linewidth=CLOSENESS_WIDTH.get(n.closeness, 2),
                linestyle=CLOSENESS_STYLE.get(n.closeness, "-"), solid_capstyle="round",
                zorder=2, gid=f"tie:{n.label}")
        if n.strained:
            ex, ey = place.ray_exit(spot.rect, (0, 0))
            _strain_marks(ax, x0, y0, ex, ey, theme.ATTENTION)
        text.set_position(spot.line_to)
        corner = min(0.09, h / 3)
        style = "square,pad=0" if n.formal else f"round,pad=0,rounding_size={corner}"
        ax.add_patch(FancyBboxPatch(
            (spot.rect.x0, spot.rect.y0), w, h, boxstyle=style,
            facecolor=_tint(group_colour(n.group)),
            edgecolor=theme.ATTENTION if n.consent_expired else group_colour(n.group),
            linewidth=2.2 if n.consent_expired else 1.4, zorder=3.5, gid=f"box:{n.label}",
        ))


def _legend(ax, size: float, width: float):
    """The key to the lines, in its own strip under the map (never over a box): one row, or
    more when the figure is narrow."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], color=LINE, linewidth=CLOSENESS_WIDTH[3], label="Very close"),
        Line2D([], [], color=LINE, linewidth=CLOSENESS_WIDTH[2], label="Supportive"),
        Line2D([], [], color=LINE, linewidth=CLOSENESS_WIDTH[1] + 0.4,
               linestyle=CLOSENESS_STYLE[1], label="Distant"),
        Line2D([], [], color=theme.ATTENTION, linewidth=1.6, marker="|", markersize=9,
               markeredgewidth=1.6, label="Strained"),
        Patch(facecolor=theme.PAPER, edgecolor=LINE, label="Square box: a service"),
    ]
    renderer = ax.figure.canvas.get_renderer()
    for ncol in (5, 3, 2, 1):
        legend = ax.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False,
                           handlelength=2.6, numpoints=3,
                           prop={"family": _font_families(), "size": size},
                           bbox_to_anchor=(0.5, 0.0), borderaxespad=0.2)
        if legend.get_window_extent(renderer).width / ax.figure.dpi <= width - 0.15:
            break
    return legend


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor(), bbox_inches="tight")
    return buffer.getvalue()


def ecomap_png(data: EcoMapData, dpi: int = 150, **kwargs) -> bytes:
    """The eco-map as PNG bytes, for printed reports."""
    return figure_to_png(ecomap_figure(data, **kwargs), dpi)
