"""The Recovery story tab (issue 23): the five CHIME processes side by side over time, in the
participant's own words.

From top to bottom: the turning points the coach marked; the tagged moments per process per
quarter (a chart); and a lane per process (Connectedness, Hope, Identity, Meaning,
Empowerment), each a dated list of the moments tagged with it, quoting the passage the coach
highlighted (or the start of the item when it was tagged whole).

This first version shows what is tagged; tagging itself (suggestions to accept), marking
turning points here and the story PDF come next (see issue 23).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts.chime import quarters_figure
from recoverydesk.services.chime.types import PROCESSES, StoryDTO, process_label, sub_theme_label
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas
from recoverydesk.ui.widgets.common import card, empty_state, format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class StoryPage(ParticipantPage):
    key = "story"
    title = "Recovery story"
    icon_name = "timeline-text-outline"
    order = 55
    watches = ("chime_tag", "chime_turning_point", "session", "goal", "action_step", "wrap",
               "participant")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.story: StoryDTO | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.addWidget(label(self.tr("Recovery story"), "heading"))
        layout.addWidget(label(self.tr(
            "What matters in recovery, in their own words: the moments you tagged with the five "
            "CHIME processes (Connectedness, Hope, Identity, Meaning, Empowerment), over time."),
            "muted"))
        self.empty = empty_state(self.tr(
            "Nothing tagged yet. When a note, goal, step or WRAP item speaks of connection, "
            "hope, identity, meaning or empowerment, tag it and it appears here."))
        layout.addWidget(self.empty)

        points, self.points_layout = card()
        self.points_title = label(self.tr("Turning points"), "heading")
        self.points_layout.addWidget(self.points_title)
        self.points_list = QListWidget()
        self.points_list.setAccessibleName(self.tr("Turning points"))
        self.points_list.setMaximumHeight(110)
        self.points_layout.addWidget(self.points_list)
        self.points_card = points
        layout.addWidget(points)

        chart_card, chart_layout = card()
        chart_layout.addWidget(label(self.tr("Tagged moments per quarter"), "heading"))
        self.chart = ChartCanvas(self.tr("Tagged moments per recovery process per quarter"))
        self.chart.setMinimumHeight(220)
        self.chart.resized.connect(self._draw)
        chart_layout.addWidget(self.chart)
        self.chart_card = chart_card
        layout.addWidget(chart_card)

        lanes = QHBoxLayout()
        self.lanes: dict[str, QListWidget] = {}
        self.lane_titles: dict[str, QWidget] = {}
        for key in PROCESSES:
            lane_card, lane_layout = card()
            title = label(process_label(key, short=True), "heading")
            self.lane_titles[key] = title
            lane_layout.addWidget(title)
            lane = QListWidget()
            lane.setWordWrap(True)
            lane.setSpacing(6)  # moments apart from each other, each a few lines
            lane.setAccessibleName(self.tr("{0} moments").format(process_label(key)))
            lane.setMinimumHeight(260)
            lane_layout.addWidget(lane)
            self.lanes[key] = lane
            lanes.addWidget(lane_card, 1)
        self.lanes_row = QWidget()
        self.lanes_row.setLayout(lanes)
        lanes.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lanes_row, 1)

    def refresh(self) -> None:
        if self.participant_id is None:
            return
        self.story = self.services.chime.story(self.participant_id)
        story = self.story
        self.empty.setVisible(story.empty)
        self.chart_card.setVisible(not story.empty)
        self.lanes_row.setVisible(not story.empty)
        self.points_card.setVisible(bool(story.turning_points))
        self.points_list.clear()
        for p in story.turning_points:
            text = f"{format_date(p.marked_on)} · {p.title}"
            if p.note:
                text += f"\n{p.note}"
            self.points_list.addItem(QListWidgetItem(text))
        for key, lane in self.lanes.items():
            lane.clear()
            moments = story.lanes.get(key, ())
            self.lane_titles[key].setText(
                f"{process_label(key, short=True)} ({len(moments)})")
            for m in reversed(moments):  # newest first
                words = f"“{m.words}”" if m.quoted else m.words
                head = f"{format_date(m.day)} · {self.tr(m.kind_label)}"
                sub = sub_theme_label(m.process, m.sub_theme)
                item = QListWidgetItem(f"{head}\n{words}" + (f"\n{sub}" if sub else ""))
                item.setData(Qt.ItemDataRole.UserRole, m.tag_id)
                item.setToolTip(words)
                lane.addItem(item)
        self._draw()

    def _draw(self) -> None:
        story = self.story
        if story is None or story.empty or not self.chart.isVisible():
            return
        width, height = self.chart.fitted_inches((5.0, 2.4))
        names = {k: process_label(k, short=True) for k in PROCESSES}
        self.chart.set_figure(quarters_figure(story.quarters.labels(),
                                              dict(story.quarters.counts), names,
                                              width=width, height=height))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw()
