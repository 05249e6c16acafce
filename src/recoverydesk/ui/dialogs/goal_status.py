"""Change a goal's status: pause, pick up again, achieved, let go, or reframe into a new goal.
A short reason is always asked for: it becomes part of the goal's story."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.service import GoalDTO
from recoverydesk.ui.widgets.common import OptionalDateEdit, label

CHOICES = {
    "active": "Pick it up again (active)",
    "paused": "Pause it for now",
    "achieved": "Achieved",
    "reframed": "Reframe it into a new goal",
    "let_go": "Let it go",
}


class GoalStatusDialog(QDialog):
    def __init__(self, goal: GoalDTO, parent: QWidget | None = None, status: str = ""):
        super().__init__(parent)
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
        self.reason.setAccessibleName(self.tr("Reason"))
        self.on = OptionalDateEdit()
        self.on.set_value(dt.date.today())
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText(self.tr("The new goal, in their own words"))
        self.new_title.setAccessibleName(self.tr("New goal"))
        self.new_title_label = QLabel(self.tr("&Becomes"))
        self.new_title_label.setBuddy(self.new_title)
        self.error = label("", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Now"), self.status)
        form.addRow(self.new_title_label, self.new_title)
        form.addRow(self.tr("&Why"), self.reason)
        form.addRow(self.tr("&Date"), self.on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
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
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.reason.setFocus()

    def _status_changed(self, *_a) -> None:
        reframe = self.status.currentData() == "reframed"
        self.new_title.setVisible(reframe)
        self.new_title_label.setVisible(reframe)

    def values(self) -> tuple[str, str, dt.date, str]:
        return (
            self.status.currentData(),
            self.reason.text().strip(),
            self.on.value() or dt.date.today(),
            self.new_title.text().strip(),
        )

    def _accept(self) -> None:
        status, reason, _on, title = self.values()
        if not reason:
            self.error.setText(
                self.tr("Please add a short reason: it becomes part of the goal's story.")
            )
            self.error.show()
            self.reason.setFocus()
            return
        if status == "reframed" and not title:
            self.error.setText(self.tr("Write the goal it becomes."))
            self.error.show()
            self.new_title.setFocus()
            return
        self.accept()
