"""A chart's figure as file bytes: PNG (fast, straight from an Agg buffer when the figure is not
in a window) and SVG."""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_AGG = threading.local()


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    """PNG bytes of exactly the figure's size in inches x dpi (white background, no alpha).

    A figure not shown anywhere is drawn straight to an Agg buffer and lightly compressed,
    which is noticeably faster than ``savefig``; one living in a window goes through
    ``savefig`` so its canvas is left alone."""
    from matplotlib.backend_bases import FigureCanvasBase  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415 (matplotlib loads with the first chart, not with the app)

    if type(fig.canvas) not in (FigureCanvasBase, FigureCanvasAgg):
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            dpi=dpi,
            facecolor=fig.get_facecolor(),
            pil_kwargs={"compress_level": 1},
        )
        return buffer.getvalue()
    from PIL import Image  # noqa: PLC0415 (Pillow only for a chart saved as PNG)

    # One Agg canvas per thread, reused: its renderer (and so matplotlib's text-metrics
    # cache) survives from one chart to the next of the same size, which halves text layout.
    canvas = getattr(_AGG, "canvas", None)
    if canvas is None:
        canvas = _AGG.canvas = FigureCanvasAgg(fig)
    canvas.figure = fig
    fig.set_canvas(canvas)
    original = fig.dpi
    fig.dpi = dpi
    try:
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        rgba = canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        fig.dpi = original
        fig.set_canvas(FigureCanvasBase(fig))  # the figure does not keep the shared canvas
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def figure_to_svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", facecolor=fig.get_facecolor())
    return buffer.getvalue()
