"""Where the eco-map's boxes and group names go, so nothing collides.

Pure geometry in inches, centred on the participant's circle. Boxes are measured before they
are placed (the caller measures the text with the renderer), then each is put on its own ray
at the first spot that keeps it inside the drawing, clear of every other box, of the group
names and of every tie line (its own line clear of the other boxes too, so a strained tie's
cross-marks always show). When a spot cannot be found the caller makes the drawing taller.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from recoverydesk.charts.geometry import Box, segment_touches_box

GAP = 0.05  # inches kept clear between two boxes, and between a box and a line
MARK_CLEAR = 0.08  # a strained line's cross-marks reach this far either side of it
MIN_STRAINED = 0.45  # inches of a strained tie left showing, so its marks read


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def around(cls, x: float, y: float, w: float, h: float) -> Rect:
        return cls(x - w / 2, y - h / 2, x + w / 2, y + h / 2)

    def grown(self, by: float) -> Rect:
        return Rect(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def overlaps(self, other: Rect) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, bounds: Rect) -> bool:
        return (
            self.x0 >= bounds.x0 and self.y0 >= bounds.y0
            and self.x1 <= bounds.x1 and self.y1 <= bounds.y1
        )

    def crosses(self, p: tuple[float, float], q: tuple[float, float]) -> bool:
        """Does the segment p-q touch this rectangle?"""
        return segment_touches_box(p, q, (self.x0, self.y0, self.x1, self.y1))

    def hits_circle(self, radius: float) -> bool:
        """Does the rectangle come within ``radius`` of the centre (0, 0)?"""
        nx = min(max(0.0, self.x0), self.x1)
        ny = min(max(0.0, self.y0), self.y1)
        return math.hypot(nx, ny) < radius


@dataclass(frozen=True)
class Placed:
    rect: Rect
    line_from: tuple[float, float]  # where the tie leaves the centre circle
    line_to: tuple[float, float]  # the box's centre (the box covers the line's end)


def marks_span(p: tuple[float, float], q: tuple[float, float]) -> tuple[tuple, tuple]:
    """The middle of a tie, where a strained tie's cross-marks are drawn."""
    return (
        (p[0] + (q[0] - p[0]) * 0.3, p[1] + (q[1] - p[1]) * 0.3),
        (p[0] + (q[0] - p[0]) * 0.7, p[1] + (q[1] - p[1]) * 0.7),
    )


def ray_exit(rect: Rect, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the centre to the box's centre enters the box."""
    cx, cy = (rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2
    hw, hh = (rect.x1 - rect.x0) / 2, (rect.y1 - rect.y0) / 2
    dx, dy = -cx, -cy
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf, 1.0)
    return cx + dx * t, cy + dy * t


def place_labels(
    sizes: list[tuple[float, float]],
    spans: list[tuple[float, float]],
    bounds: Rect,
    centre_r: float,
) -> list[Rect | None]:
    """Group names at the rim of their sector (``spans``: start and end angles), moved
    along it and inwards until clear of each other; one that finds no room is left out
    (None) rather than cut off."""
    hx, hy = bounds.x1, bounds.y1  # bounds are centred on the circle
    out: list[Rect | None] = []
    tries = [(shrink, along) for shrink in (1.0, 0.94, 0.88, 0.82, 0.76, 0.7)
             for along in (0.5, 0.3, 0.7, 0.15, 0.85)]
    for (w, h), (start, end) in zip(sizes, spans, strict=True):
        chosen = None
        for shrink, along in tries:
            a = start + (end - start) * along
            x = shrink * hx * math.cos(a)
            y = shrink * hy * math.sin(a)
            x = min(max(x, bounds.x0 + w / 2), bounds.x1 - w / 2)
            y = min(max(y, bounds.y0 + h / 2), bounds.y1 - h / 2)
            rect = Rect.around(x, y, w, h)
            if rect.hits_circle(centre_r + GAP):
                continue
            if any(other and rect.overlaps(other.grown(GAP)) for other in out):
                continue
            chosen = rect
            break
        out.append(chosen)
    return out


def place_boxes(
    sizes: list[tuple[float, float]],
    angles: list[float],
    step: float,
    strained: list[bool],
    bounds: Rect,
    centre_r: float,
    obstacles: list[Rect],
    mode: int = 0,
) -> list[Placed] | None:
    """Each box on its own ray, at the first free spot; None when one finds no room.
    ``mode`` 0: no tie under any box; 1: plain ties may run under a box where nothing else
    fits; 2: strained ones too (the last resort before a map taller than a page)."""
    hx, hy = bounds.x1, bounds.y1
    crowded = len(sizes) > 9
    # Strained ties first: their lines must stay clear, so they choose before the rest. A
    # box that finds no room goes to the front and everything is placed again (a few times).
    order = sorted(range(len(sizes)), key=lambda i: not strained[i])
    for _retry in range(min(len(sizes), 6)):
        spots: dict[int, Placed] = {}
        for i in order:
            (w, h), a = sizes[i], angles[i]
            # A crowded map alternates between an outer and an inner ring.
            prefer = (1.0 if i % 2 == 0 else 0.6) if crowded else 0.8
            if strained[i]:
                prefer = 0.55  # a short strained tie blocks less, and its marks still show
            done = list(spots)
            spot = _first_free(w, h, a, step, prefer, strained[i] and mode < 2, hx, hy, bounds,
                               centre_r, obstacles, [spots[j] for j in done],
                               [strained[j] and mode < 2 for j in done], mode == 0)
            if spot is None:
                order = [i] + [j for j in order if j != i]
                break
            spots[i] = spot
        else:
            return [spots[i] for i in range(len(sizes))]
    return None


_TURNS = (0.0, 0.25, -0.25, 0.5, -0.5, 0.75, -0.75, 1.0, -1.0, 1.5, -1.5)


@cache
def _candidates(prefer: float) -> tuple[tuple[float, float], ...]:
    """(ring position 0..1, turn in slots) pairs, the most natural first: near the
    preferred ring and on the box's own ray (the same few rings are asked for every box)."""
    rings = [round(0.15 + 0.05 * i, 2) for i in range(18)]
    pairs = [(t, s) for t in rings for s in _TURNS]
    pairs.sort(key=lambda p: abs(p[0] - prefer) + 0.35 * abs(p[1]))
    return tuple(pairs)


def _grown(r: Rect, by: float) -> Box:
    return r.x0 - by, r.y0 - by, r.x1 + by, r.y1 + by


def _first_free(w, h, a, step, prefer, tense, hx, hy, bounds, centre_r, obstacles, placed,
                strained, strict):
    """The first spot with no collision at all; failing that, the one where the fewest
    plain ties run under a box. Boxes never overlap, and a strained tie (its cross-marks)
    is never under a box: those are not negotiable.

    Tried for every candidate spot against every box placed so far, in every round of
    ``place_boxes``: the other boxes' ties, their margins and the obstacles are worked out
    once per call, on plain tuples, and a spot is given up at the first thing that rules it
    out (the same answers as checking everything: only the count of crossings decides)."""
    rx, ry = max(hx - w / 2, 0.0), max(hy - h / 2, 0.0)
    bx0, by0, bx1, by1 = bounds.x0, bounds.y0, bounds.x1, bounds.y1
    keep_off = centre_r + GAP
    walls = [(o.x0, o.y0, o.x1, o.y1) for o in obstacles]
    walls_near = [_grown(o, GAP / 2) for o in obstacles]
    taken = [(p.rect.x0, p.rect.y0, p.rect.x1, p.rect.y1) for p in placed]
    others = []  # each placed box: its margin, its marks' margin, its tie, the tie's marks
    for p, hard in zip(placed, strained, strict=True):
        q = ray_exit(p.rect, (0.0, 0.0))
        others.append((_grown(p.rect, GAP), _grown(p.rect, MARK_CLEAR), p.line_from, q,
                       marks_span(p.line_from, q), hard))
    best: tuple[int, Placed] | None = None
    turns = {turn: (math.cos(a + turn * step), math.sin(a + turn * step)) for turn in _TURNS}
    for ring, turn in _candidates(prefer):
        cos, sin = turns[turn]
        x, y = ring * rx * cos, ring * ry * sin
        x0, y0, x1, y1 = x - w / 2, y - h / 2, x + w / 2, y + h / 2
        if not (x0 >= bx0 and y0 >= by0 and x1 <= bx1 and y1 <= by1):
            continue
        if math.hypot(min(max(0.0, x0), x1), min(max(0.0, y0), y1)) < keep_off:
            continue
        clear = (x0 - GAP, y0 - GAP, x1 + GAP, y1 + GAP)
        if _overlaps_any(clear, walls) or _overlaps_any(clear, taken):
            continue
        angle = math.atan2(y, x)
        start = (centre_r * math.cos(angle), centre_r * math.sin(angle))
        rect = Rect(x0, y0, x1, y1)
        end = ray_exit(rect, (0.0, 0.0))
        if tense and math.dist(start, end) < MIN_STRAINED:
            continue
        marks_clear = (x0 - MARK_CLEAR, y0 - MARK_CLEAR, x1 + MARK_CLEAR, y1 + MARK_CLEAR)
        own_marks = marks_span(start, end) if tense else None
        enough = 1 if strict else (best[0] if best else None)  # this many: no better
        crossings = _crossings(clear, marks_clear, start, end, own_marks, tense, others, enough)
        if crossings is None:
            continue
        for near in walls_near:
            if enough is not None and crossings >= enough:
                break
            crossings += segment_touches_box(start, end, near)
        if crossings == 0:
            return Placed(rect, start, (x, y))
        if enough is not None and crossings >= enough:
            continue
        best = (crossings, Placed(rect, start, (x, y)))
    return best[1] if best else None


def _overlaps_any(box: Box, others) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1 for o in others)


def _crossings(clear, marks_clear, start, end, own_marks, tense, others, enough):
    """How many ties run under the spot and under other boxes; None when a strained one
    would (never allowed), or ``enough`` reached (the spot cannot beat the best so far)."""
    crossings = 0
    for _margin, _marks_margin, line_from, line_to, marks, hard in others:
        # another box's tie (or its cross-marks) under this spot
        if segment_touches_box(line_from, line_to, clear) or (
                hard and segment_touches_box(*marks, marks_clear)):
            if hard:
                return None
            crossings += 1
            if enough is not None and crossings >= enough:
                return crossings
    for margin, marks_margin, _from, _to, _marks, _hard in others:
        # this spot's tie under another box
        if segment_touches_box(start, end, margin) or (
                tense and segment_touches_box(*own_marks, marks_margin)):
            if tense:
                return None
            crossings += 1
            if enough is not None and crossings >= enough:
                return crossings
    return crossings
