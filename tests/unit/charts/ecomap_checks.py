"""What a clean eco-map is, measured on the drawn figure with the renderer: no two boxes
overlap, no box covers a group name, the key or a strained tie, every text is inside the
figure and inside its box, the participant's name inside the circle."""

from __future__ import annotations

import math

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Circle

from recoverydesk.charts import theme


def _gid(artist, prefix: str) -> bool:
    return (artist.get_gid() or "").startswith(prefix)


def problems(fig) -> list[str]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    page = fig.bbox
    boxes = {p.get_gid(): p.get_window_extent(renderer) for p in ax.patches if _gid(p, "box:")}
    texts = {t.get_gid(): t.get_window_extent(renderer) for t in ax.texts if _gid(t, "node:")}
    groups = {t.get_gid(): t.get_window_extent(renderer) for t in ax.texts if _gid(t, "group:")}
    out = []
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if boxes[a].overlaps(boxes[b]):
                out.append(f"{a} overlaps {b}")
        for g, extent in groups.items():
            if boxes[a].overlaps(extent):
                out.append(f"{a} covers {g}")
        text = texts["node:" + a[4:]]
        if not (boxes[a].contains(text.x0, text.y0) and boxes[a].contains(text.x1, text.y1)):
            out.append(f"{a}: its words run out of the box")
    legend = ax.get_legend()
    extents = {**boxes, **texts, **groups}
    if legend is not None:
        extents["legend"] = legend.get_window_extent(renderer)
        out += [f"the key covers {k}" for k, v in boxes.items() if v.overlaps(extents["legend"])]
    for t in ax.texts:
        if t.get_text():
            extents.setdefault(t.get_gid() or t.get_text(), t.get_window_extent(renderer))
    for name, e in extents.items():
        if e.x0 < page.x0 - 0.5 or e.y0 < page.y0 - 0.5 or e.x1 > page.x1 + 0.5 or e.y1 > page.y1 + 0.5:
            out.append(f"{name} leaves the figure")
    for line in ax.lines:
        if not _gid(line, "tie:") or line.get_color() != theme.ATTENTION:
            continue  # plain ties: strained ones are drawn in the attention colour
        path = line.get_transform().transform_path(line.get_path())
        for k, v in boxes.items():
            if k[4:] != line.get_gid()[4:] and path.intersects_bbox(v, filled=False):
                out.append(f"the strained {line.get_gid()} runs under {k}")
    (circle,) = [p for p in ax.patches if isinstance(p, Circle)]
    centre = next(t for t in ax.texts if t.get_gid() == "centre").get_window_extent(renderer)
    cx, cy = ax.transData.transform((0, 0))
    radius = ax.transData.transform((circle.get_radius(), 0))[0] - cx
    corners = [(centre.x0, centre.y0), (centre.x1, centre.y1), (centre.x0, centre.y1)]
    if any(math.hypot(x - cx, y - cy) > radius + 0.5 for x, y in corners):
        out.append("the participant's name spills out of the circle")
    return out
