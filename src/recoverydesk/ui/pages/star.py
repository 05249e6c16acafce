"""The Recovery Star tab: the readings (tick up to three to compare; first and latest by
default), the star itself, each domain over time, and the table of scores by date."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from recoverydesk.charts import star as charts
from recoverydesk.charts.theme import ATTENTION
from recoverydesk.dates import plural
from recoverydesk.private_files import write_atomic
from recoverydesk.services.star.types import ReadingDraft, ReadingDTO, StarGlance, TemplateDTO
from recoverydesk.ui.dialogs.reading_dialog import ReadingDialog
from recoverydesk.ui.dialogs.template_dialog import TemplateDialog
from recoverydesk.ui.errors import show_error, show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.qtmodels.star import StarScoresModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas
from recoverydesk.ui.widgets.common import card, empty_state, format_date, label, shortcut

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

MAX_COMPARE = 3


class StarPage(ParticipantPage):
    key = "star"
    title = "Recovery Star"
    short_title = "Star"
    icon_name = "star-four-points-outline"
    order = 15
    watches = ("star_reading", "star_template", "participant")

    def __init__(self, services: Services, parent=None):
        super().__init__(services, parent)
        self._readings: list[ReadingDTO] = []
        self._templates: list[TemplateDTO] = []
        self._glance: StarGlance | None = None
        self._charts_stale = True
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(8)

        head = QHBoxLayout()
        head.addWidget(label(self.tr("Recovery Star"), "heading", wrap=False))
        head.addStretch(1)
        self.template_box = QComboBox()
        self.template_box.setAccessibleName(self.tr("Template for a new reading"))
        self.template_box.setToolTip(self.tr("The star a new reading uses"))
        head.addWidget(self.template_box)
        self.new_button = QPushButton(icon("star-plus-outline"), self.tr("New reading…"))
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("Start a reading together (Ctrl+Shift+R)"))
        self.new_button.clicked.connect(self.new_reading)
        shortcut("Ctrl+Shift+R", self, self.new_reading, Qt.ShortcutContext.WindowShortcut,
                 description=self.tr("New reading"), where=self.tr("Recovery Star tab"))
        self.edit_button = QPushButton(self.tr("Change reading…"))
        self.edit_button.setToolTip(self.tr("Change the selected reading; the change is recorded"))
        self.edit_button.clicked.connect(self.edit_reading)
        self.templates_button = QPushButton(self.tr("Templates…"))
        self.templates_button.clicked.connect(self.open_templates)
        self.export_button = QPushButton(icon("download-outline"), self.tr("Save chart…"))
        self.export_button.setToolTip(self.tr("Save the star or the trends as PNG or SVG"))
        self.export_button.clicked.connect(self.export_chart)
        for b in (self.new_button, self.edit_button, self.templates_button, self.export_button):
            head.addWidget(b)
        outer.addLayout(head)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.empty = empty_state(
            self.tr(
                "No readings yet. Start a Recovery Star reading together: "
                "choose New reading and agree each score side by side."
            )
        )
        self.stack.addWidget(self.empty)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.stack.addWidget(splitter)

        side, side_layout = card()
        side_layout.addWidget(label(self.tr("Readings"), "subheading"))
        side_layout.addWidget(label(self.tr("Tick up to three to compare on the star."), "muted"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Readings: tick up to three to compare"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._item_checked)
        self.list.itemActivated.connect(lambda _item: self.edit_reading())  # Enter or double-click
        side_layout.addWidget(self.list, 1)
        self.summary = label("", "muted")
        side_layout.addWidget(self.summary)
        side.setMinimumWidth(240)
        side.setMaximumWidth(340)
        splitter.addWidget(side)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.radar = ChartCanvas(self.tr("The star: chosen readings overlaid"))
        self.trends = ChartCanvas(self.tr("Each domain over time"))
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Scores by date"))
        self.model = StarScoresModel(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Sized when shown (ResizeToContents would measure every cell on each reload).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabs.addTab(self.radar, self.tr("Star"))
        self.tabs.addTab(self.trends, self.tr("Over time"))
        self.tabs.addTab(self.table, self.tr("Scores by date"))
        self.tabs.currentChanged.connect(lambda _i: self._draw_current())
        self.radar.resized.connect(self._draw_current)
        self.trends.resized.connect(self._draw_current)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        if self.participant_id is None:
            return
        # One read for the whole tab (readings, templates, the default one and the glance).
        tab = self.services.star.tab(self.participant_id)
        self._readings, self._templates, self._glance = tab.readings, tab.templates, tab.glance
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for t in self._templates:
            self.template_box.addItem(t.name, t.id)
        self.template_box.setCurrentIndex(
            max(0, self.template_box.findData(tab.default_template_id)))
        self.template_box.blockSignals(False)

        self.list.blockSignals(True)
        self.list.clear()
        default_ids = {r.id for r in (self._readings[:1] + self._readings[-1:])}
        several_templates = len({r.template_id for r in self._readings}) > 1
        for r in reversed(self._readings):  # newest first
            lines = [format_date(r.taken_on)]
            if several_templates:  # only then is the template worth a line of its own
                lines.append(r.template_name)
            if r.unscored:
                lines.append(self.tr("{0} of {1} scored").format(r.scored_count, len(r.domains)))
            text = "\n".join(lines)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if r.id in default_ids else Qt.CheckState.Unchecked
            )
            if not r.unscored:
                item.setIcon(icon("star-four-points-outline"))
            else:
                item.setIcon(icon("alert-circle-outline", ATTENTION))
                item.setToolTip(self.tr("Not scored: {0}").format(", ".join(r.unscored)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.stack.setCurrentIndex(1 if self._readings else 0)
        self._fill_table()
        self._update_summary()
        self._charts_stale = True
        self._draw_current()
        self._update_buttons()

    def _fill_table(self) -> None:
        if not self._readings:
            self.model.set_rows([], [])
            return
        latest = self._readings[-1]
        same = [r for r in self._readings if r.template_id == latest.template_id]
        self.model.set_rows(list(latest.domains), same)

    def _update_summary(self) -> None:
        glance = self._glance if self._readings else None
        if glance is None:
            self.summary.setText("")
            return
        text = self.tr("{0} since {1}.").format(
            plural(glance.count, "reading"), format_date(self._readings[0].taken_on)
        )
        if glance.travelled is not None:
            sign = "+" if glance.travelled > 0 else ""
            text += " " + self.tr("Distance travelled: {0}.").format(f"{sign}{glance.travelled}")
        if glance.due:
            text += " " + self.tr("A new reading is due.")
        self.summary.setText(text)

    def checked_ids(self) -> list[int]:
        ids = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def _item_checked(self, item: QListWidgetItem) -> None:
        ids = self.checked_ids()
        if len(ids) > MAX_COMPARE:  # keep the newest three ticks: untick the oldest other one
            self.list.blockSignals(True)
            for i in reversed(range(self.list.count())):
                other = self.list.item(i)
                if other is not item and other.checkState() == Qt.CheckState.Checked:
                    other.setCheckState(Qt.CheckState.Unchecked)
                    break
            self.list.blockSignals(False)
        self._charts_stale = True
        self._draw_current()

    # -- charts ------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._charts_stale:
            self._draw_current()

    def _draw_current(self) -> None:
        """Charts are drawn only when seen: a hidden tab just notes that they are stale."""
        if self.participant_id is None or not self._readings:
            return
        if not self.isVisible():
            self._charts_stale = True
            return
        self._charts_stale = False
        if self.tabs.currentWidget() is self.radar:
            self.draw_radar()
        elif self.tabs.currentWidget() is self.trends:
            self.draw_trends()
        else:
            self.table.resizeColumnsToContents()
            self.table.scrollTo(self.model.index(0, self.model.columnCount() - 1))

    def draw_radar(self) -> None:
        """The star of the ticked readings (read and drawn on the chart thread)."""
        star, pid, ids = self.services.star, self.participant_id, self.checked_ids() or None
        width, height = self.radar.fitted_inches((5.0, 4.6))

        def build():
            template, readings = star.chart_data(pid, ids)
            readings = [replace(r, label=format_date(r.taken_on)) for r in readings]
            return charts.radar_figure(template, readings, width=width, height=height)

        self.radar.show_chart(build, subject=pid)
        self.radar.setToolTip("\n".join(format_date(r.taken_on) for r in self._charted(ids)))

    def _charted(self, ids: list[int] | None) -> list[ReadingDTO]:
        """The readings the star shows (StarService.chart_data's choice): those ticked, or the
        first and latest, only of the newest one's template."""
        readings = self._readings
        if ids is None:
            chosen = readings[:1] + readings[-1:] if len(readings) > 1 else list(readings)
        else:
            chosen = [r for r in readings if r.id in set(ids)]
        return [r for r in chosen if r.template_id == chosen[-1].template_id] if chosen else []

    def draw_trends(self) -> None:
        """Each domain over time (read and drawn on the chart thread)."""
        star, pid, ids = self.services.star, self.participant_id, [r.id for r in self._readings]
        width, _height = self.trends.fitted_inches((7.5, 4.0))

        def build():
            template, readings = star.chart_data(pid, ids)
            return charts.trend_figure(template, readings, width=min(width, 14.0))

        self.trends.show_chart(build, subject=pid)

    # -- actions -----------------------------------------------------------------------
    def _update_buttons(self) -> None:
        has = bool(self._readings)
        self.edit_button.setEnabled(has)
        self.export_button.setEnabled(has)
        self.new_button.setEnabled(self.participant_id is not None)

    def selected_reading(self) -> ReadingDTO | None:
        item = self.list.currentItem()
        if item is None:
            return None
        rid = item.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self._readings if r.id == rid), None)

    def _chosen_template(self) -> TemplateDTO | None:
        tid = self.template_box.currentData()
        return next((t for t in self._templates if t.id == tid), None)

    def new_reading(self) -> None:
        if self.participant_id is None:
            return
        template = self._chosen_template() or self.services.star.template_for(self.participant_id)
        previous = next((r for r in reversed(self._readings) if r.template_id == template.id), None)
        dialog = ReadingDialog(
            self.services, self.participant_id, template, previous=previous, parent=self
        )
        dialog.exec()

    def edit_reading(self) -> None:
        reading = self.selected_reading()
        if reading is None:
            return
        template = self.services.star.template_version(reading.template_version_id)
        earlier = [
            r
            for r in self._readings
            if r.template_id == reading.template_id
            and (r.taken_on, r.id) < (reading.taken_on, reading.id)
        ]
        dialog = ReadingDialog(
            self.services,
            self.participant_id,
            template,
            reading=reading,
            previous=earlier[-1] if earlier else None,
            parent=self,
        )
        if dialog.exec() and dialog.saved is not None:
            self._offer_undo(reading)

    def _offer_undo(self, before: ReadingDTO) -> None:
        """Changing a score is something a coach may regret: offer to put the reading back."""
        window = self.window()
        if not hasattr(window, "offer_undo"):
            return
        svc = self.services.star
        draft = ReadingDraft(before.taken_on, dict(before.scores), dict(before.notes), before.note)
        window.offer_undo(
            self.tr("Reading of {0} changed.").format(format_date(before.taken_on)),
            lambda: Op(self, lambda: svc.update_reading(before.id, draft)).run(),
        )

    def open_templates(self) -> None:
        # Each template saved in the dialog is published by its Op: the bus refreshes the tab.
        TemplateDialog(self.services, self).exec()

    def export_chart(self) -> None:
        if not self._readings:
            return
        trends = self.tabs.currentWidget() is self.trends
        suggested = str(Path.home() / ("star-trends.png" if trends else "recovery-star.png"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), suggested, self.tr("PNG image (*.png);;SVG (*.svg)")
        )
        if not path:
            return
        star, pid = self.services.star, self.participant_id
        name = self.services.participants.get(pid).display_name
        ids = [r.id for r in self._readings] if trends else (self.checked_ids() or None)

        def save() -> None:  # on the chart thread: the figure is made and written there
            template, readings = star.chart_data(pid, ids)
            title = f"{name}: {template.name}"
            fig = (charts.trend_figure(template, readings, title=title) if trends
                   else charts.radar_figure(template, readings, title=title, height=None))
            write_atomic(path, charts.figure_to_svg(fig) if path.lower().endswith(".svg")
                         else charts.figure_to_png(fig, 200))

        Op(self, save, chart=True).failure(self._not_saved).with_progress(
            self.tr("Saving the chart…")).run()

    def _not_saved(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            show_error(self.tr("Could not save the chart: {0}.").format(error.strerror),
                       parent=self)
        else:
            show_exception(error, self)

    def focus_item(self, ref: object) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == ref:
                self.list.setCurrentRow(i)
                return
