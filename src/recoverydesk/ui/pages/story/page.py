"""The Recovery story tab (issue 23): the five CHIME processes side by side over time, in the
participant's own words.

From top to bottom: the turning points the coach marked; the tagged moments per process per
quarter (a chart); and a lane per process (Connectedness, Hope, Identity, Meaning,
Empowerment), each a dated list of the moments tagged with it, quoting the passage the coach
highlighted (or the start of the item when it was tagged whole).

"Find moments to tag…" lists what the participant's words suggest, for the coach to tick
(ui/dialogs/tag_moments.py); a moment's menu (right-click) tags it as another process or
removes the tag (with Undo); turning points are marked, changed and removed here.
"Measures…" opens the participant's measures (ui/dialogs/measures.py); a reading shows as a
dated moment in the lane of each process its template gives items for (their sum of the most
they could give), and the latest readings are listed under the turning points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts.chime import quarters_figure, timeline_figure
from recoverydesk.services.chime.types import (
    PROCESSES,
    MeasureDef,
    MeasureReadingDTO,
    StoryDTO,
    TagDraft,
    TurningPointDraft,
    process_label,
    process_totals,
    sub_theme_label,
)
from recoverydesk.ui.dialogs.measures import MeasuresDialog, reading_text
from recoverydesk.ui.dialogs.tag_moments import TagMomentsDialog
from recoverydesk.ui.dialogs.turning_point import TurningPointDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.story.agreement import AgreementButtons
from recoverydesk.ui.pages.story.lane import Lane
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas
from recoverydesk.ui.widgets.common import card, empty_state, format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class StoryPage(ParticipantPage):
    key = "story"
    title = "Recovery story"
    short_title = "Story"
    icon_name = "timeline-text-outline"
    order = 55
    watches = ("chime_tag", "chime_turning_point", "session", "goal", "action_step", "wrap",
               "participant", "measure_reading", "measure_template", "chime_agreed_story")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.story: StoryDTO | None = None
        self.reading_days: dict[str, list] = {}  # process -> days of measure readings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Recovery story"), "heading"), 1)
        self.tag_button = QPushButton(icon("tag-heart-outline"), self.tr("Find moments to tag…"))
        self.tag_button.setToolTip(self.tr(
            "Go through the passages whose words suggest a recovery process, and tag the ones "
            "that matter"))
        self.tag_button.clicked.connect(self.find_moments)
        top.addWidget(self.tag_button)
        self.mark_button = QPushButton(icon("flag-outline"), self.tr("Mark a turning point…"))
        self.mark_button.clicked.connect(self.mark_turning_point)
        top.addWidget(self.mark_button)
        self.measures_button = QPushButton(icon("chart-line"), self.tr("Measures…"))
        self.measures_button.setToolTip(self.tr(
            "Load a measure such as the QPR, record readings and see them here"))
        self.measures_button.clicked.connect(self.open_measures)
        top.addWidget(self.measures_button)
        layout.addLayout(top)
        layout.addWidget(label(self.tr(
            "What matters in recovery, in their own words: the moments you tagged with the five "
            "CHIME processes (Connectedness, Hope, Identity, Meaning, Empowerment), over time."),
            "muted"))
        self.agreement = AgreementButtons(self)  # the story last agreed: Agree…, Story PDF…
        layout.addLayout(self.agreement.row)
        self.empty = empty_state(self.tr(
            "Nothing tagged yet. When a note, goal, step or WRAP item speaks of connection, "
            "hope, identity, meaning or empowerment, tag it and it appears here."))
        layout.addWidget(self.empty)

        points, self.points_layout = card()
        self.points_title = label(self.tr("Turning points"), "heading")
        self.points_layout.addWidget(self.points_title)
        self.points_list = QListWidget()
        self.points_list.setAccessibleName(self.tr("Turning points"))
        self.points_list.setMaximumHeight(90)
        self.points_list.itemActivated.connect(lambda _item: self.change_turning_point())
        self.points_layout.addWidget(self.points_list)
        point_buttons = QHBoxLayout()
        self.change_point_button = QPushButton(self.tr("Change…"))
        self.change_point_button.clicked.connect(self.change_turning_point)
        self.remove_point_button = QPushButton(self.tr("Remove"))
        self.remove_point_button.clicked.connect(self.remove_turning_point)
        point_buttons.addStretch(1)
        point_buttons.addWidget(self.change_point_button)
        point_buttons.addWidget(self.remove_point_button)
        self.points_layout.addLayout(point_buttons)
        self.points_card = points
        layout.addWidget(points)
        self.readings_label = label("", "muted")
        layout.addWidget(self.readings_label)

        chart_card, chart_layout = card()
        chart_layout.addWidget(label(self.tr("Over time"), "heading"))
        self.timeline = ChartCanvas(self.tr(
            "The five recovery processes over time: a lane each, a mark for each tagged moment, "
            "hollow marks for measure readings, dashed lines for turning points"))
        self.timeline.setMinimumHeight(208)  # (the room they had when the figure sized them)
        self.timeline.resized.connect(self._draw)
        chart_layout.addWidget(self.timeline)
        chart_layout.addWidget(label(self.tr("Tagged moments per quarter"), "heading"))
        self.chart = ChartCanvas(self.tr("Tagged moments per recovery process per quarter"))
        self.chart.setMinimumHeight(240)
        self.chart.resized.connect(self._draw)
        chart_layout.addWidget(self.chart)
        self.chart_card = chart_card
        layout.addWidget(chart_card)

        lanes = QHBoxLayout()
        lanes.setContentsMargins(0, 0, 0, 0)
        self.lanes: dict[str, Lane] = {}
        for key in PROCESSES:
            lane = Lane(process_label(key, short=True))
            lane.menu_asked.connect(self._moment_menu)
            lane.setAccessibleName(self.tr("{0} moments").format(process_label(key)))
            self.lanes[key] = lane
            lanes.addWidget(lane, 1, Qt.AlignmentFlag.AlignTop)
        self.lanes_row = QWidget()
        self.lanes_row.setLayout(lanes)
        layout.addWidget(self.lanes_row)
        layout.addStretch(1)

    def refresh(self) -> None:
        if self.participant_id is None:
            return
        tab = self.services.chime.story_tab(self.participant_id)  # one read for the tab
        self.story = story = tab.story
        self.agreement.refresh(self.participant_id, story, tab.agreed)
        readings = tab.readings
        self.empty.setVisible(story.empty and not readings)
        self.chart_card.setVisible(not story.empty)
        self.lanes_row.setVisible(not story.empty or bool(readings))
        self.readings_label.setVisible(bool(readings))
        self.readings_label.setText(self.tr("Readings: %1").replace(
            "%1", "; ".join(reading_text(r) for r in reversed(readings[-3:]))))
        by_process = self._reading_moments(readings, tab.measures)
        self.reading_days = {k: [day for day, _text, _ref in v] for k, v in by_process.items()}
        self.points_card.setVisible(bool(story.turning_points))
        self.points_list.clear()
        for p in story.turning_points:
            text = f"{format_date(p.marked_on)} · {p.title}"
            if p.note:
                text += f" ({p.note})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.points_list.addItem(item)
        if story.turning_points:
            self.points_list.setCurrentRow(self.points_list.count() - 1)
        for key, lane in self.lanes.items():
            moments = story.lanes.get(key, ())
            shown = list(by_process.get(key, []))
            for m in moments:
                words = f"“{m.words}”" if m.quoted else m.words
                head = f"{format_date(m.day)} · {self.tr(m.kind_label)}"
                sub = sub_theme_label(m.process, m.sub_theme)
                shown.append((m.day, f"{head}\n{words}" + (f"\n{sub}" if sub else ""),
                              m.tag_id))
            shown.sort(key=lambda x: x[0], reverse=True)  # newest first, readings among them
            lane.show_moments([(text, ref) for _day, text, ref in shown])
        self._draw()

    def _reading_moments(self, readings: list[MeasureReadingDTO],
                         templates: list[MeasureDef]) -> dict[str, list]:
        """Process -> (day, text, 0) for each reading whose template has items on it."""
        if not readings:
            return {}
        measures = {m.key: m for m in templates}
        out: dict[str, list] = {}
        for r in readings:
            m = measures.get(r.template_key)
            if m is None:
                continue
            for process, (got, most) in process_totals(m, r.answers).items():
                text = self.tr("%1 · %2\n%3 items: %4 of %5").replace(
                    "%1", format_date(r.taken_on)).replace("%2", r.template_name).replace(
                    "%3", process_label(process, short=True)).replace("%4", str(got)).replace(
                    "%5", str(most))
                out.setdefault(process, []).append((r.taken_on, text, 0))
        return out

    def open_measures(self) -> None:
        if self.participant_id is not None:
            MeasuresDialog(self.services, self.participant_id, self).exec()

    def find_moments(self) -> None:
        if self.participant_id is None:
            return
        name = self.services.participants.get(self.participant_id).display_name
        found = self.services.chime.suggestions_for(self.participant_id)
        dialog = TagMomentsDialog(name, found, self.services.chime.accept_many, self)
        dialog.exec()  # the bus refreshes this tab once the tags are saved

    def _moments(self) -> list:
        story = self.story
        return [m for lane in story.lanes.values() for m in lane] if story else []

    def mark_turning_point(self) -> None:
        if self.participant_id is None:
            return
        TurningPointDialog(self.services, self.participant_id, self._moments(),
                           parent=self).exec()

    def _chosen_point(self):
        item = self.points_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def change_turning_point(self) -> None:
        point = self._chosen_point()
        if point is not None:
            TurningPointDialog(self.services, point.participant_id, self._moments(), point,
                               self).exec()

    def remove_turning_point(self) -> None:
        point = self._chosen_point()
        if point is None:
            return
        chime = self.services.chime
        again = TurningPointDraft(point.marked_on, point.title, point.note, point.tag_id)

        def offer_undo(_removed):
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(self.tr("Turning point removed."), lambda: Op(
                    self, lambda: chime.mark_turning_point(point.participant_id, again)).run())

        Op(self, lambda: chime.remove_turning_point(point.id)).success(offer_undo).run()

    # -- a moment's own menu: tag it as another process, or remove the tag ------------------

    def _moment_menu(self, tag_id: int, where: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click
        current = next((m.process for lane in (self.story.lanes.values() if self.story else ())
                        for m in lane if m.tag_id == tag_id), None)
        as_menu = menu.addMenu(self.tr("Tag it as"))
        for key in PROCESSES:
            action = as_menu.addAction(process_label(key))
            action.setEnabled(key != current)
            action.triggered.connect(lambda _=False, k=key: self.retag(tag_id, k))
        menu.addAction(self.tr("Remove this tag"), lambda: self.remove_tag(tag_id))
        menu.popup(where)

    def retag(self, tag_id: int, process: str) -> None:
        chime = self.services.chime
        Op(self, lambda: chime.change(tag_id, process)).run()

    def remove_tag(self, tag_id: int) -> None:
        if self.participant_id is None:
            return
        chime = self.services.chime
        tag = next((t for t in chime.tags_of(self.participant_id) if t.id == tag_id), None)
        if tag is None:
            return
        again = TagDraft(tag.target_kind, tag.target_id, tag.process, tag.sub_theme, tag.field,
                         tag.start, tag.end, tag.cue)

        def offer_undo(_removed):
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(self.tr("Tag removed."), lambda: Op(
                    self, lambda: chime.accept(again, tag.accepted_by)).run())

        Op(self, lambda: chime.remove(tag_id)).success(offer_undo).run()

    def _draw(self) -> None:
        story = self.story
        if story is None or story.empty or not self.chart.isVisible():
            return
        width, height = self.chart.fitted_inches((5.0, 2.4))
        names = {k: process_label(k, short=True) for k in PROCESSES}
        width, tall = self.timeline.fitted_inches((5.0, 2.0))
        lanes = {k: [m.day for m in story.lanes.get(k, ())] for k in PROCESSES}
        points = [(p.marked_on, p.title) for p in story.turning_points]
        readings, quarters = self.reading_days, story.quarters
        # (both built and drawn on the chart thread)
        self.timeline.show_chart(lambda: timeline_figure(
            lanes, names, points, readings, width=width, height=tall),
            subject=self.participant_id)
        self.chart.show_chart(lambda: quarters_figure(
            quarters.labels(), dict(quarters.counts), names, width=width, height=height),
            subject=self.participant_id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()
