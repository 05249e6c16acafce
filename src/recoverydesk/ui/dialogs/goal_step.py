"""Add or edit an action step: what, who does it, by when, and when it was done. The dialog
checks the step (``goals.types.clean_step``) and saves it itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.goals.types import (
    STEP_FIELD_LABELS,
    WHO_LABELS,
    StepDraft,
    StepDTO,
    clean_step,
)
from recoverydesk.services.types import problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.widgets.common import OptionalDateEdit

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class GoalStepDialog(FormDialog):
    def __init__(self, services: Services, goal_id: int, step: StepDTO | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.goal_id = goal_id
        self.step = step
        self.setWindowTitle(self.tr("Edit step") if step else self.tr("Add a step"))
        self.setMinimumWidth(460)
        self.text = QLineEdit()
        self.text.setPlaceholderText(
            self.tr("One small, clear step, for example “Ring the choir leader”")
        )
        self.who = QComboBox()
        for key, text in WHO_LABELS.items():
            self.who.addItem(self.tr(text), key)
        self.due = OptionalDateEdit()
        self.done_on = OptionalDateEdit()
        form = QFormLayout()
        for key, widget, letter in (("text", self.text, "S"), ("who", self.who, "W"),
                                    ("due_on", self.due, "u"), ("done_on", self.done_on, "o")):
            add_row(self, form, key, widget, STEP_FIELD_LABELS[key], letter)
        self.error = self._errors["text"]  # the one a step usually lacks: what it is
        self.recheck_on("text", self.text.textChanged)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())
        if step:
            self.text.setText(step.text)
            self.who.setCurrentIndex(self.who.findData(step.who))
            self.due.set_value(step.due_on)
            self.done_on.set_value(step.done_on)

    def draft(self) -> StepDraft:
        return StepDraft(
            self.text.text().strip(), self.who.currentData(), self.due.value(), self.done_on.value(),
            contact_id=self.step.contact_id if self.step else None,
            base_version=self.step.version if self.step else None,
        )

    def problems(self) -> dict[str, str]:
        return problems_of(clean_step, self.draft())

    def write(self):
        svc, draft, goal_id = self.services.goals, self.draft(), self.goal_id
        if self.step is None:
            return lambda: svc.add_step(goal_id, draft)
        step_id = self.step.id
        return lambda: svc.update_step(step_id, draft)
