"""The Recovery Star, scored together: one row per domain with ten big buttons, the stage name
in words as a score is chosen, last time's score beside it, and the star of then and now drawn
beside the rows, growing as they score. The first score makes today's reading; each later one
changes it (a reading already made today is carried on)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QWidget,
)

from recoverydesk.charts.star import radar_figure
from recoverydesk.charts.star.model import ChartReading
from recoverydesk.services.star.types import ReadingDraft, ReadingDTO
from recoverydesk.ui.together.base import Section
from recoverydesk.ui.together.kit import TARGET, text_label
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas
from recoverydesk.ui.widgets.common import format_date


class StarSection(Section):
    key = "star"
    rail_text = "Recovery Star"
    icon_name = "star-outline"

    def __init__(self, services, participant_id, name):
        super().__init__(services, participant_id, name)
        self.add_heading(self.tr("Where are you on each of these today?"))
        self.hint = text_label(self.tr(
            "Tap a number (tap it again to take it back). The ringed number is last time's."),
            "muted")
        self.outer.addWidget(self.hint)
        across = QHBoxLayout()
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(4)
        scroll = QScrollArea()
        scroll.setWidget(self.rows)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Ten buttons always fit side by side; the star takes what is left.
        scroll.setMinimumWidth(10 * TARGET + 9 * 4 + 48)
        across.addWidget(scroll, 1)
        self.radar = ChartCanvas(self.tr("The star: last time and today"))
        self.radar.setMinimumSize(300, 300)
        across.addWidget(self.radar, 1)
        self.outer.addLayout(across, 1)
        self.template = None
        self.previous: ReadingDTO | None = None
        self.reading_id: int | None = None
        self.scores: dict[str, int | None] = {}
        self.groups: dict[str, QButtonGroup] = {}
        self.stage_labels: dict[str, object] = {}
        self._busy = self._dirty = False
        self._loaded = False
        # The star is redrawn once taps pause (drawing takes ~100 ms; quick taps wait for it).
        self._redraw = QTimer(self, singleShot=True, interval=120)
        self._redraw.timeout.connect(self.draw)

    # -- reading what is there ---------------------------------------------------------------
    def load(self) -> None:
        if self._loaded:
            self.draw()
            return
        self._loaded = True
        star = self.services.star
        readings = star.readings(self.participant_id)
        self.template = star.template_for(self.participant_id)
        today = dt.date.today()
        same = [r for r in readings if r.template_id == self.template.id]
        if same and same[-1].taken_on == today:  # carry on with today's reading
            self.reading_id = same[-1].id
            self.scores = dict(same[-1].scores)
            same = same[:-1]
        self.previous = same[-1] if same else None
        self._build_rows()
        self.draw()

    def _build_rows(self) -> None:
        tdef = self.template.definition
        for row, domain in enumerate(tdef.domains):
            name = text_label(domain.label, wrap=False)
            name.setStyleSheet("font-weight: 600;")
            if domain.description:
                name.setToolTip(domain.description)
            self.grid.addWidget(name, row * 2, 0)
            last = self.previous.scores.get(domain.key) if self.previous else None
            stage = text_label("", "muted")
            stage.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            self.stage_labels[domain.key] = stage
            self.grid.addWidget(stage, row * 2, 1)
            buttons = QWidget()
            line = QHBoxLayout(buttons)
            line.setContentsMargins(0, 0, 0, 12)
            line.setSpacing(4)
            group = QButtonGroup(self)
            for score in range(tdef.scale_min, tdef.scale_max + 1):
                button = QToolButton()
                button.setText(str(score))
                button.setCheckable(True)
                button.setFixedSize(TARGET, TARGET)
                button.setAccessibleName(f"{domain.label} {score}")
                button.setProperty("score", True)
                if score == last:
                    button.setProperty("previous", True)
                    button.setToolTip(self.tr("Last time: %1").replace("%1", str(score)))
                group.addButton(button, score)
                line.addWidget(button)
            line.addStretch(1)
            group.setExclusive(False)
            group.idClicked.connect(lambda score, key=domain.key: self.choose(key, score))
            self.groups[domain.key] = group
            self.grid.addWidget(buttons, row * 2 + 1, 0, 1, 2)
            self._show_score(domain.key)

    # -- scoring -------------------------------------------------------------------------------
    def choose(self, key: str, score: int) -> None:
        """A tap: that score (or none, tapping the chosen one again), saved at once."""
        self.scores[key] = None if self.scores.get(key) == score else score
        self._show_score(key)
        self._redraw.start()
        self._save()

    def _show_score(self, key: str) -> None:
        score = self.scores.get(key)
        for button in self.groups[key].buttons():
            button.setChecked(self.groups[key].id(button) == score)
        tdef = self.template.definition
        last = self.previous.scores.get(key) if self.previous else None
        words = tdef.stage_for(score) if score is not None else self.tr("not scored yet")
        if last is not None:
            words += "  ·  " + self.tr("last time %1").replace("%1", str(last))
        words = words[:1].upper() + words[1:]
        # A narrow row breaks the line at the dot only, never inside "last time 5".
        self.stage_labels[key].setText("  ".join(
            part.replace(" ", "\u00a0") for part in words.split("  ")))

    def _draft(self) -> ReadingDraft:
        keys = [d.key for d in self.template.definition.domains]
        return ReadingDraft(dt.date.today(), {k: self.scores.get(k) for k in keys},
                            note=self.tr("Scored together"))

    def _save(self) -> None:
        if self._busy:
            self._dirty = True
            return
        star, pid, draft = self.services.star, self.participant_id, self._draft()
        reading_id = self.reading_id
        if reading_id is None and all(v is None for v in draft.scores.values()):
            return
        self._busy = True
        if reading_id is None:
            work = lambda: star.add_reading(pid, draft, self.template.version_id)  # noqa: E731
        else:
            work = lambda: star.update_reading(reading_id, draft)  # noqa: E731
        self.save(work, self._saved)

    def _saved(self, reading: ReadingDTO) -> None:
        self.reading_id = reading.id
        self._busy = False
        if self._dirty:
            self._dirty = False
            self._save()

    def say(self, message: str, *, error: bool = False) -> None:
        if error:
            self._busy = False
        super().say(message, error=error)

    # -- the star --------------------------------------------------------------------------
    def draw(self) -> None:
        if self.template is None or not self.isVisible():
            return
        ids = [self.previous.id] if self.previous else []
        template, readings = self.services.star.chart_data(self.participant_id, ids)
        if self.previous is None:
            readings = []
        readings = [replace(r, label=self.tr("Last time, %1").replace(
            "%1", format_date(r.taken_on))) for r in readings]
        now = ChartReading(dt.date.today(), {k: (None if v is None else float(v))
                                             for k, v in self.scores.items()},
                           label=self.tr("Today"))
        width, height = self.radar.fitted_inches((4.0, 4.0))
        # Labels as large as the room allows: a small star with big words reads worse.
        smallest = 12 if self.radar.width() >= 560 else 9
        self.radar.show_chart(lambda: radar_figure(
            template, [*readings, now], width=width, height=height, show_stage_names=False,
            min_font=smallest), subject=self.participant_id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.draw()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.hint.setVisible(event.size().height() > 480)  # (room for the rows comes first)
