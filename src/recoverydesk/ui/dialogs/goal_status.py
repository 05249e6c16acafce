"""Change a goal's status: pause, pick up again, achieved, let go, or reframe into a new goal.
A short reason is always asked for: it becomes part of the goal's story. The dialog checks the
change (``goals.types.check_status_change``) and saves it itself; ``saved`` is then the goal
to show (the new goal, after a reframe)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.goals.types import (
    CHANGE_FIELD_LABELS,
    GoalDraft,
    GoalDTO,
    check_status_change,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.widgets.common import OptionalDateEdit, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

CHOICES = {
    "active": "Pick it up again (active)",
    "paused": "Pause it for now",
    "achieved": "Achieved",
    "reframed": "Reframe it into a new goal",
    "let_go": "Let it go",
}


class GoalStatusDialog(FormDialog):
    def __init__(self, services: Services, goal: GoalDTO, parent: QWidget | None = None,
                 status: str = ""):
        super().__init__(parent)
        self.services = services
        self.goal = goal
        self.setWindowTitle(self.tr("Change what's happening with this goal"))
        self.setMinimumWidth(500)
        self.status = QComboBox()
        for key, text in CHOICES.items():
            if key != goal.status:
                self.status.addItem(self.tr(text), key)
        if status:
            self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("A few words on why, in their words if you can"))
        self.on = OptionalDateEdit()
        self.on.set_value(dt.date.today())
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText(self.tr("The new goal, in their own words"))
        form = QFormLayout()
        labels = CHANGE_FIELD_LABELS
        add_row(self, form, "status", self.status, labels["status"], "N")
        self.new_title_label = add_row(self, form, "new_title", self.new_title,
                                       labels["new_title"], "B")
        add_row(self, form, "reason", self.reason, labels["reason"], "W")
        add_row(self, form, "on", self.on, labels["on"], "D")
        self.error = self._errors["reason"]  # the one a change usually lacks: why
        for key, edit in (("reason", self.reason), ("new_title", self.new_title)):
            self.recheck_on(key, edit.textChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                self.tr("“%1” is %2 now. A changed goal is growth: the history keeps every step.")
                .replace("%1", goal.title)
                .replace("%2", self.tr(goal.status_label).lower()),
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.reason.setFocus()

    def _status_changed(self, *_a) -> None:
        reframe = self.status.currentData() == "reframed"
        self.new_title.setVisible(reframe)
        self.new_title_label.setVisible(reframe)
        if not reframe:
            self._errors["new_title"].setVisible(False)

    def values(self) -> tuple[str, str, dt.date, str]:
        return (
            self.status.currentData(),
            self.reason.text().strip(),
            self.on.value() or dt.date.today(),
            self.new_title.text().strip(),
        )

    def problems(self) -> dict[str, str]:
        status, reason, on, title = self.values()
        return check_status_change(status, reason, on, title)

    def write(self):
        svc, goal = self.services.goals, self.goal
        status, reason, on, title = self.values()
        if status == "reframed":
            keep = goal.to_draft()
            draft = GoalDraft(title=title, domains=keep.domains, priority=keep.priority)
            return lambda: svc.reframe(goal.id, draft, reason, on=on)
        return lambda: svc.change_status(goal.id, status, reason, on=on)
