"""The eco-map of the participant's network: drawn to fit the room it has, with a key of its
groups and lines under it, and saved as a picture to print or share."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from recoverydesk.charts.ecomap import EcoMapData, ecomap_figure, ecomap_png, group_colour
from recoverydesk.private_files import write_atomic
from recoverydesk.ui.errors import show_error, show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.network.parts import CardPanel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import WrappingLabel

# The map is drawn at this size, then scaled as a whole to the space it has: small enough that
# its names stay readable beside the network table.
DESIGN_WIDTH_IN, DESIGN_HEIGHT_IN = 4.4, 2.7


def fit_dpi(width: int, height: int) -> float:
    """Dots per inch that fit the whole design into width x height (text scales with it)."""
    return max(50.0, min(width / DESIGN_WIDTH_IN, height / DESIGN_HEIGHT_IN))


class EcoMapView(QWidget):
    """Shows an eco-map Figure, scaled as a whole (text included) to the space it has.
    matplotlib's Qt canvas is imported on first use, not at start-up."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Eco-map of the support network"))
        self.setMinimumSize(200, 150)  # the map scales; a short screen still shows it whole
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas = None
        self.data: EcoMapData | None = None
        self._pending = False

    def set_data(self, data: EcoMapData) -> None:
        """Show ``data``: drawn now if the map is on screen, else when it is first shown (a
        participant switch loads hidden tabs, and drawing is most of this tab's cost)."""
        self.data = data
        self._pending = not self.isVisible()
        if not self._pending:
            self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending:
            self._pending = False
            self._draw()

    def _draw(self) -> None:
        # matplotlib's Qt canvas on first use: the window shows before it is loaded
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        data = self.data
        figure = ecomap_figure(
            data,
            width=DESIGN_WIDTH_IN,
            height=DESIGN_HEIGHT_IN,
            show_legend=False,
            show_title=False,
            show_group_labels=False,  # the key below the map names the groups
        )
        if self.canvas is None:
            view = self

            class _Canvas(FigureCanvasQTAgg):
                def resizeEvent(self, event):  # keep the design's inches, scale the dots
                    # (in device pixels: at 200% the figure has twice the dots per inch)
                    self.figure.set_dpi(fit_dpi(event.size().width(), event.size().height())
                                        * self.device_pixel_ratio)
                    super().resizeEvent(event)
                    view.updateGeometry()

            self.canvas = _Canvas(figure)
            self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._layout.addWidget(self.canvas)
        else:
            self.canvas.figure = figure
            figure.set_canvas(self.canvas)
            size = self.canvas.size()
            ratio = self.canvas.device_pixel_ratio
            figure.set_dpi(fit_dpi(size.width(), size.height()) * ratio)
            figure.set_size_inches(
                size.width() * ratio / figure.dpi, size.height() * ratio / figure.dpi,
                forward=False,
            )
        self.setToolTip("\n".join(f"{n.label} ({n.detail})" for n in data.nodes))
        self.canvas.draw_idle()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(width * DESIGN_HEIGHT_IN / DESIGN_WIDTH_IN)


class EcoMapPanel(CardPanel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, margin=8)
        self.map = EcoMapView()
        self.body.addWidget(self.map, 1)
        foot = QHBoxLayout()
        keys = QVBoxLayout()
        keys.setSpacing(2)
        self.group_key = WrappingLabel()
        self.group_key.setTextFormat(Qt.TextFormat.RichText)
        keys.addWidget(self.group_key)
        line_key = WrappingLabel(self.tr(
            "Thick line: very close · plain: supportive · dotted: distant · "
            "cross-marks: strained. Square box: a service."))
        line_key.setProperty("role", "muted")
        keys.addWidget(line_key)
        foot.addLayout(keys, 1)
        self.save_button = QPushButton(icon("image-outline"), self.tr("Save image…"))
        self.save_button.setToolTip(self.tr("Save the eco-map as a picture to print or share"))
        foot.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.body.addLayout(foot)
        self.save_button.clicked.connect(self.save_image)

    def show_map(self, data: EcoMapData) -> None:
        self.map.set_data(data)
        groups = dict.fromkeys((n.group, n.group_label) for n in data.nodes)
        self.group_key.setText(
            " &nbsp;".join(
                f"<span style='white-space:nowrap'><span style='color:{group_colour(key)}'>■</span>"
                f"&nbsp;{html.escape(self.tr(text))}</span>"
                for key, text in groups
            )
        )
        self.group_key.setVisible(bool(groups))

    def save_image(self) -> None:
        data = self.map.data
        if data is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the eco-map"),
            f"{data.centre_label} eco-map.png",
            self.tr("PNG image (*.png)"),
        )
        if not path:
            return

        Op(self, lambda: write_atomic(path, ecomap_png(data)), write=False).success(self._saved).failure(
            self._not_saved
        ).with_progress(self.tr("Saving the eco-map…")).run()

    def _saved(self, _result) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Eco-map saved."), 5000)

    def _not_saved(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            show_error(
                self.tr("The image could not be saved: %1").replace(
                    "%1", error.strerror or str(error)
                ),
                parent=self,
            )
        else:
            show_exception(error, self)
