"""Geometry of the radar: how big the star can be so every domain label fits inside the figure,
and which gap between two spokes is freest for the stage names and the scale numbers.

Pure arithmetic on inches and data units (a score ``s`` sits at radius ``s``); text is measured
with matplotlib's font metrics (cached), so no renderer is needed and nothing is drawn twice.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from recoverydesk.charts.geometry import segment_touches_box

LINE_SPACING = 1.1
LABEL_GAP_IN = 0.1  # between the outer ring and a domain label
MARGIN_IN = 0.12  # kept clear at the figure's edges


@dataclass(frozen=True)
class Label:
    """A domain label: where it is anchored and how far it reaches, in inches."""

    angle: float
    text: str
    width: float
    height: float
    ha: str
    va: str

    def reach(self, radius_in: float) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) relative to the star's centre for a ring of radius_in."""
        x, y = point(self.angle, radius_in + LABEL_GAP_IN)
        left = {"left": x, "right": x - self.width, "center": x - self.width / 2}[self.ha]
        bottom = {"bottom": y, "top": y - self.height, "center": y - self.height / 2}[self.va]
        return left, left + self.width, bottom, bottom + self.height


def point(angle: float, radius: float) -> tuple[float, float]:
    """Clockwise from the top, like a clock face."""
    return radius * math.sin(angle), radius * math.cos(angle)


@lru_cache(maxsize=512)
def text_size(text: str, size: float, families: tuple[str, ...]) -> tuple[float, float]:
    """Width and height in inches of (possibly multi-line) text at ``size`` points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family=list(families), size=size)
    lines = text.split("\n")
    width = max(text_to_path.get_text_width_height_descent(ln, prop, False)[0] for ln in lines)
    height = size * (1 + LINE_SPACING * (len(lines) - 1)) * 1.2
    return width / 72, height / 72


def wrap_balanced(label: str, width: int) -> str:
    """Wrap at about ``width`` characters into as few lines as that needs, of even length
    ("Physical health / and self-care", not "Physical health and / self-care")."""
    lines = textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False)
    if len(lines) <= 1:
        return label
    for narrower in range(math.ceil(len(label) / len(lines)), width):
        attempt = textwrap.wrap(
            label, width=narrower, break_long_words=False, break_on_hyphens=False
        )
        if len(attempt) == len(lines):
            return "\n".join(attempt)
    return "\n".join(lines)


def key_rows(items: list[str], size: float, families: tuple[str, ...], width: float) -> list[str]:
    """``items`` joined by " · " into as few rows as fit ``width`` inches, as even as can be
    ("Stuck 1–2 · Accepting help 3–4 · Believing 5–6" over "Learning 7–8 · Self-reliance
    9–10", not four over one)."""
    if not items:
        return []
    room = width - 2 * MARGIN_IN
    for count in range(1, len(items) + 1):
        per_row = math.ceil(len(items) / count)
        rows = [" · ".join(items[i : i + per_row]) for i in range(0, len(items), per_row)]
        if all(text_size(row, size, families)[0] <= room for row in rows):
            return rows
    return items


def anchor(angle: float) -> tuple[str, str]:
    """Alignment that keeps a label on the outside of the ring at ``angle``."""
    x, y = math.sin(angle), math.cos(angle)
    ha = "center" if abs(x) < 0.2 else ("left" if x > 0 else "right")
    va = "center" if abs(y) < 0.45 else ("bottom" if y > 0 else "top")
    return ha, va


@dataclass(frozen=True)
class Layout:
    scale: float  # inches per score point
    centre_y: float  # inches from the bottom of the figure to the star's centre
    top: float  # inches above the centre that the star and its labels reach
    bottom: float  # inches below the centre


def solve(
    labels: list[Label], outer: float, width: float, height: float, head: float, foot: float
) -> Layout:
    """The largest star whose labels fit ``width`` x ``height`` inches with ``head`` inches
    kept for a title above and ``foot`` for the legend below; the block is centred."""
    half = width / 2 - MARGIN_IN
    room = height - head - foot - 2 * MARGIN_IN

    def extents(scale: float) -> tuple[float, float, float]:
        r = outer * scale
        side, top, bottom = r, r, r
        for lab in labels:
            left, right, low, high = lab.reach(r)
            side = max(side, -left, right)
            top, bottom = max(top, high), max(bottom, -low)
        return side, top, bottom

    lo, hi = 0.0, min(half, room / 2) / outer
    for _ in range(28):  # bisection: every extent grows with the scale
        mid = (lo + hi) / 2
        side, top, bottom = extents(mid)
        if side <= half and top + bottom <= room:
            lo = mid
        else:
            hi = mid
    scale = max(lo, 0.2 / outer)  # a postage-stamp star rather than none at all
    _, top, bottom = extents(scale)
    slack = max(0.0, height - head - foot - top - bottom)
    return Layout(scale, slack / 2 + foot + bottom, top, bottom)


def labels_collide(labels: list[Label], radius_in: float) -> bool:
    """Would any two domain labels round a ring of ``radius_in`` inches overlap?"""
    boxes = [lab.reach(radius_in) for lab in labels]
    return any(
        a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def _crosses(box: tuple[float, float, float, float], p: tuple, q: tuple) -> bool:
    """Does the segment p-q touch the box (x0, y0, x1, y1)?"""
    return segment_touches_box(p, q, box)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segments_near(spokes: int, series: list[list[float | None]], gap: int) -> list[tuple]:
    """The reading lines' segments on either side of ``gap`` and across it."""
    step = 2 * math.pi / spokes
    segments = []
    for values in series:
        for i in (gap - 1, gap, gap + 1):
            a, b = values[i % spokes], values[(i + 1) % spokes]
            if a is not None and b is not None:
                segments.append((point(step * i, a), point(step * (i + 1), b)))
    return segments


def _box(bisector: float, radius: float, w: float, h: float) -> tuple[float, float, float, float]:
    x, y = point(bisector, radius)
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def crossed_marks(
    spokes: int,
    series: list[list[float | None]],
    marks: list[tuple[float, float, float, float]],
    gap: int,
    radii: list[float],
) -> list[bool]:
    """Which of ``marks`` (placed down ``gap`` at ``radii``) a reading line still crosses."""
    bisector = 2 * math.pi / spokes * (gap + 0.5)
    segments = _segments_near(spokes, series, gap)
    return [
        any(_crosses(_box(bisector, r, w, h), p, q) for p, q in segments)
        for r, (_r, _slack, w, h) in zip(radii, marks, strict=True)
    ]


def place_marks(
    spokes: int,
    series: list[list[float | None]],
    marks: list[tuple[float, float, float, float]],
    preferred: float,
    limit: float,
    avoid: frozenset[int] = frozenset(),
) -> tuple[int, list[float]]:
    """Where to put small texts that run down one gap between two spokes.

    ``marks`` are (radius, slack, width, height) in data units, centred on the gap's bisector;
    a mark may move up to ``slack`` in or out (a stage name anywhere in its band, a number
    nowhere). Returns the gap (0 = between spokes 0 and 1) and each mark's radius, so the
    marks stay clear of each other and inside the ring of radius ``limit``, and the reading
    lines cross as few as possible; ties go to the gap nearest the ``preferred`` angle, so the
    chart looks the same whenever nothing is in the way."""
    step = 2 * math.pi / spokes
    best: tuple[float, int, list[float]] = (math.inf, 0, [m[0] for m in marks])
    for gap in range(spokes):
        if gap in avoid:
            continue
        bisector = step * gap + step / 2
        segments = _segments_near(spokes, series, gap)
        cost, radii, boxes = 0.0, [], []
        for radius, slack, w, h in marks:
            choice, fewest, chosen_box = radius, math.inf, None
            for shift in (0.0, -slack / 2, slack / 2, -slack, slack) if slack else (0.0,):
                box = _box(bisector, radius + shift, w, h)
                count = sum(_crosses(box, p, q) for p, q in segments)
                # Bumping into another mark or out of the ring is far worse than a line.
                count += 10 * sum(_overlap(box, other) for other in boxes)
                corner = max(abs(box[0]), abs(box[2])) ** 2 + max(abs(box[1]), abs(box[3])) ** 2
                count += 10 * (corner > (limit + 0.3) ** 2)
                if count < fewest:
                    choice, fewest, chosen_box = radius + shift, count, box
                if not count:
                    break
            cost += fewest
            radii.append(choice)
            boxes.append(chosen_box)
        turn = abs((bisector - preferred + math.pi) % (2 * math.pi) - math.pi)
        cost += turn / (4 * math.pi)  # the angle only breaks ties
        if cost < best[0]:
            best = (cost, gap, radii)
    return best[1], best[2]
