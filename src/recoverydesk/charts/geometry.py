"""Plane geometry the chart layouts share (the radar's labels, the eco-map's boxes)."""

from __future__ import annotations

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def segment_touches_box(p: Point, q: Point, box: Box) -> bool:
    """Does the segment p-q touch the box? Liang-Barsky clipping: the segment's parameter
    range is narrowed by each of the four edges; it touches while the range is not empty."""
    x0, y0, x1, y1 = box
    (px, py), (qx, qy) = p, q
    dx, dy = qx - px, qy - py
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True
