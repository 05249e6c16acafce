"""Add or edit an action step: what, who does it, by when, and when it was done."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.service import WHO_LABELS, StepDraft, StepDTO
from recoverydesk.ui.widgets.common import OptionalDateEdit, label


class GoalStepDialog(QDialog):
    def __init__(self, step: StepDTO | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit step") if step else self.tr("Add a step"))
        self.setMinimumWidth(460)
        self.text = QLineEdit()
        self.text.setPlaceholderText(
            self.tr("One small, clear step, for example “Ring the choir leader”")
        )
        self.text.setAccessibleName(self.tr("Step"))
        self.who = QComboBox()
        for key, text in WHO_LABELS.items():
            self.who.addItem(self.tr(text), key)
        self.due = OptionalDateEdit()
        self.done_on = OptionalDateEdit()
        self.error = label("", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Step"), self.text)
        form.addRow(self.tr("&Who"), self.who)
        form.addRow(self.tr("D&ue"), self.due)
        form.addRow(self.tr("Done &on"), self.done_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if step:
            self.text.setText(step.text)
            self.who.setCurrentIndex(self.who.findData(step.who))
            self.due.set_value(step.due_on)
            self.done_on.set_value(step.done_on)

    def draft(self) -> StepDraft:
        return StepDraft(
            self.text.text().strip(), self.who.currentData(), self.due.value(), self.done_on.value()
        )

    def _accept(self) -> None:
        if not self.text.text().strip():
            self.error.setText(self.tr("Say what the step is."))
            self.error.show()
            return
        self.accept()
