"""A reusable widget that shows a matplotlib Figure from ``charts/``, sharp on high-DPI screens.

matplotlib's Qt canvas is imported the first time a figure is shown, never at start-up. The
page designs each figure for the space there is (``fitted_inches``); while the window is being
resized the figure keeps its designed proportions (its dots-per-inch change, so text scales
with it), and once the size settles ``resized`` asks the page for a figure designed afresh.
FigureCanvasQTAgg multiplies by the screen's device pixel ratio, so a Retina or 200% Windows
screen gets a full-resolution image.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MIN_DPI = 40.0
SETTLE_MS = 250  # a resize this long quiet counts as finished


class ChartCanvas(QWidget):
    resized = Signal()  # the size settled at something the current design no longer fits

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._designed_for: tuple[int, int] = (0, 0)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas = None  # the FigureCanvasQTAgg, once a figure has been shown
        self.design_inches: tuple[float, float] = (6.4, 6.4)

    @property
    def figure(self) -> Figure | None:
        return None if self.canvas is None else self.canvas.figure

    def fitted_inches(self, minimum: tuple[float, float]) -> tuple[float, float]:
        """The widget's size in inches at the screen's logical resolution (so a 9 pt label
        shows at 9 pt), but never below ``minimum``: a smaller space scales the design down."""
        dpi = max(72.0, float(self.logicalDpiX()))
        self._designed_for = (self.width(), self.height())
        return max(minimum[0], self.width() / dpi), max(minimum[1], self.height() / dpi)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.canvas is not None and self._designed_for != (self.width(), self.height()):
            self._settle.start()

    def _settled(self) -> None:
        if self.isVisible() and self._designed_for != (self.width(), self.height()):
            self.resized.emit()

    def set_figure(self, figure: Figure) -> None:
        # matplotlib's Qt canvas loads with the first chart shown, not with the window.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: PLC0415

        self.design_inches = tuple(figure.get_size_inches())
        if self.canvas is None:
            owner = self

            class _Canvas(FigureCanvasQTAgg):
                def resizeEvent(self, event):
                    owner._fit(self.figure, event.size().width(), event.size().height())
                    super().resizeEvent(event)

            self.canvas = _Canvas(figure)
            self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self._layout.addWidget(self.canvas)
        else:
            self.canvas.figure = figure
            figure.set_canvas(self.canvas)
        size = self.canvas.size()
        if size.width() > 1 and size.height() > 1:
            self._fit(figure, size.width(), size.height())
            ratio = self.canvas.device_pixel_ratio
            figure.set_size_inches(
                size.width() * ratio / figure.dpi, size.height() * ratio / figure.dpi, forward=False
            )
        self.canvas.draw_idle()

    def _fit(self, figure: Figure, width: int, height: int) -> None:
        """Logical dots per inch that fit the designed figure into width x height."""
        w_in, h_in = self.design_inches
        dpi = max(MIN_DPI, min(width / w_in, height / h_in))
        ratio = self.canvas.device_pixel_ratio if self.canvas is not None else 1.0
        figure._original_dpi = dpi  # what matplotlib scales by the device pixel ratio
        figure.set_dpi(dpi * ratio)

    def clear(self) -> None:
        if self.canvas is not None:
            self.canvas.figure.clear()
            self.canvas.draw_idle()
