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
from recoverydesk.ui.widgets import chart_canvas
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas
from recoverydesk.ui.widgets.common import WrappingLabel

# The map is drawn at this size, then scaled as a whole to the space it has: small enough that
# its names stay readable beside the network table.
DESIGN_WIDTH_IN, DESIGN_HEIGHT_IN = 4.4, 2.7
MIN_DPI = 50.0


def fit_dpi(width: int, height: int) -> float:
    """Dots per inch that fit the whole design into width x height (text scales with it)."""
    return chart_canvas.fit_dpi((width, height), (DESIGN_WIDTH_IN, DESIGN_HEIGHT_IN), MIN_DPI)


class EcoMapView(ChartCanvas):
    """Shows the eco-map, scaled as a whole (text included) to the space it has; built and
    drawn on the chart thread (ChartCanvas), and only once the map is on screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent, min_dpi=MIN_DPI,
                         design=(DESIGN_WIDTH_IN, DESIGN_HEIGHT_IN))
        self.setAccessibleName(self.tr("Eco-map of the support network"))
        self.setMinimumSize(200, 150)  # the map scales; a short screen still shows it whole
        self.data: EcoMapData | None = None
        self.subject: object = None  # whose map it is (the participant's id)
        self._waiting = False  # data came while hidden: drawn when first shown

    def set_data(self, data: EcoMapData, subject: object = None) -> None:
        """Show ``data``: drawn now if the map is on screen, else when it is first shown (a
        participant switch loads hidden tabs, and drawing is most of this tab's cost)."""
        self.data, self.subject = data, subject
        self._waiting = not self.isVisible()
        if not self._waiting:
            self._draw()

    def showEvent(self, event) -> None:
        if self._waiting:
            self._waiting = False
            self._draw()
        super().showEvent(event)

    def _draw(self) -> None:
        data = self.data
        self.setToolTip("\n".join(f"{n.label} ({n.detail})" for n in data.nodes))
        self.show_chart(lambda: ecomap_figure(
            data,
            width=DESIGN_WIDTH_IN,
            height=DESIGN_HEIGHT_IN,
            show_legend=False,
            show_title=False,
            show_group_labels=False,  # the key below the map names the groups
        ), subject=self.subject)

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

    def show_map(self, data: EcoMapData, subject: object = None) -> None:
        """``subject``: whose map it is (the participant's id): a map of someone else never
        shows while this one is drawn."""
        self.map.set_data(data, subject)
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

        Op(self, lambda: write_atomic(path, ecomap_png(data)), write=False).success(
            self._saved).failure(self._not_saved).with_progress(
            self.tr("Saving the eco-map…")).run()

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
