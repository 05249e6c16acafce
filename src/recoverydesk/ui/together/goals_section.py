"""Their goals in their own words: each open goal with its steps to tick, a box for the next
small step, and the date they are aiming for, each saved the moment it changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.types import OPEN_STATUSES, GoalDTO, StepDraft
from recoverydesk.ui.together.base import Section
from recoverydesk.ui.together.kit import TARGET, big_button, clear_layout, text_label
from recoverydesk.ui.widgets.date_field import OptionalDateEdit


class GoalsSection(Section):
    key = "goals"
    rail_text = "Goals"
    icon_name = "flag-outline"

    def __init__(self, services, participant_id, name):
        super().__init__(services, participant_id, name)
        self.add_heading(self.tr("What you are working towards"))
        body = QWidget()
        self.list = QVBoxLayout(body)
        self.list.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.outer.addWidget(scroll, 1)
        self.step_boxes: dict[int, QCheckBox] = {}
        self.new_step_edits: dict[int, QLineEdit] = {}
        self.date_edits: dict[int, OptionalDateEdit] = {}
        self.goal_dtos: dict[int, GoalDTO] = {}  # each goal as last saved

    def load(self) -> None:
        clear_layout(self.list)
        self.step_boxes.clear()
        self.new_step_edits.clear()
        self.date_edits.clear()
        self.goal_dtos.clear()
        goals = self.services.goals.goals(self.participant_id, OPEN_STATUSES)
        if not goals:
            self.list.addWidget(text_label(self.tr(
                "No goals yet. Your coach can add the first one with you afterwards."), "muted"))
        for goal in goals:
            self.list.addWidget(self._goal_card(goal))
        self.list.addStretch(1)

    def _goal_card(self, goal: GoalDTO) -> QFrame:
        frame = QFrame()
        frame.setProperty("card", True)
        box = QVBoxLayout(frame)
        box.setContentsMargins(18, 14, 18, 14)
        title = text_label(goal.title, "heading")
        box.addWidget(title)
        if goal.why_it_matters:
            box.addWidget(text_label(goal.why_it_matters, "muted"))
        when = QHBoxLayout()
        when.addWidget(text_label(self.tr("Aiming for"), wrap=False))
        date = OptionalDateEdit()
        date.set_value(goal.target_date)
        date.setMinimumHeight(TARGET)
        date.setAccessibleName(self.tr("Aiming for"))
        self.goal_dtos[goal.id] = goal
        date.editingFinished.connect(lambda g=goal.id, d=date: self.change_date(g, d.value()))
        date.dateChanged.connect(lambda _q, g=goal.id, d=date: self.change_date(g, d.value()))
        self.date_edits[goal.id] = date
        when.addWidget(date)
        pick = big_button(self.tr("Choose a date"), "calendar-month-outline")
        pick.clicked.connect(date.show_calendar)
        when.addWidget(pick)
        when.addStretch(1)
        box.addLayout(when)
        for step in goal.steps:
            check = QCheckBox(step.text)
            check.setChecked(step.done_on is not None)
            check.setMinimumHeight(TARGET)
            check.toggled.connect(lambda on, sid=step.id: self.tick(sid, on))
            self.step_boxes[step.id] = check
            box.addWidget(check)
        add = QHBoxLayout()
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr("The next small step…"))
        edit.setAccessibleName(self.tr("The next small step"))
        add_button = big_button(self.tr("Add step"), "plus")
        edit.returnPressed.connect(lambda g=goal.id: self.add_step(g))
        add_button.clicked.connect(lambda _=False, g=goal.id: self.add_step(g))
        self.new_step_edits[goal.id] = edit
        add.addWidget(edit, 1)
        add.addWidget(add_button)
        box.addLayout(add)
        return frame

    # -- changes, each saved at once ------------------------------------------------------------
    def tick(self, step_id: int, done: bool) -> None:
        goals = self.services.goals
        on = dt.date.today() if done else None
        self.save(lambda: goals.set_step_done(step_id, on),
                  what=self.tr("Step ticked: well done") if done else "")

    def add_step(self, goal_id: int) -> None:
        edit = self.new_step_edits[goal_id]
        text = edit.text().strip()
        if not text:
            edit.setFocus()
            return
        goals = self.services.goals
        draft = StepDraft(text=text, who="participant")
        self.save(lambda: goals.add_step(goal_id, draft), lambda _step: self.load())

    def change_date(self, goal_id: int, day: dt.date | None) -> None:
        goal = self.goal_dtos.get(goal_id)
        if goal is None or day == goal.target_date:
            return
        draft = replace(goal.to_draft(), target_date=day)
        self.goal_dtos[goal_id] = replace(goal, target_date=day)  # (asked once, not twice)
        goals = self.services.goals

        def failed_back(_error: BaseException) -> None:
            self.goal_dtos[goal_id] = goal

        self.save(lambda: goals.update(goal_id, draft), self._keep, on_failure=failed_back)

    def _keep(self, updated: GoalDTO) -> None:
        """Later changes start from the goal as saved."""
        self.goal_dtos[updated.id] = updated

    def flush(self) -> None:
        for goal_id, edit in self.new_step_edits.items():
            if edit.text().strip():
                self.add_step(goal_id)
                edit.clear()
