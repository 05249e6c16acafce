"""A progress note on a goal: the date, a line on how it's going, and (if it helps) how far
along it feels, from 0 to 100. The dialog checks the note (``goals.types.check_progress_note``)
and saves it itself."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.types import PROGRESS_FIELD_LABELS, GoalDTO, check_progress_note
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.widgets.common import OptionalDateEdit, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class GoalProgressDialog(FormDialog):
    def __init__(self, services: Services, goal: GoalDTO, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.goal = goal
        self.setWindowTitle(self.tr("Note progress"))
        self.setMinimumWidth(460)
        self.on = OptionalDateEdit()
        self.on.set_value(dt.date.today())
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("How is it going? For example “Two walks this week”"))
        self.use_pct = QCheckBox(self.tr("Say how far along"))
        self.pct = QSpinBox()
        self.pct.setRange(0, 100)
        self.pct.setSuffix(" %")
        self.pct.setSingleStep(5)
        self.pct.setValue(goal.latest_progress or 0)
        self.pct.setEnabled(False)
        self.use_pct.toggled.connect(self.pct.setEnabled)
        pct_row = QHBoxLayout()
        pct_row.addWidget(self.use_pct)
        pct_row.addWidget(self.pct)
        pct_row.addStretch(1)
        form = QFormLayout()
        labels = PROGRESS_FIELD_LABELS
        add_row(self, form, "on", self.on, labels["on"], "D")
        add_row(self, form, "text", self.text, labels["text"], "N")
        add_row(self, form, "progress", self.pct, labels["progress"], inner=pct_row)
        self.pct.setAccessibleName(self.tr("Progress, 0 to 100"))
        self.error = self._errors["text"]
        self.recheck_on("text", self.text.textChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(label(goal.title, "muted"))
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())

    def values(self) -> tuple[dt.date, str, int | None]:
        pct = self.pct.value() if self.use_pct.isChecked() else None
        return self.on.value() or dt.date.today(), self.text.text().strip(), pct

    def problems(self) -> dict[str, str]:
        on, text, pct = self.values()
        return check_progress_note(text, pct, on)

    def write(self):
        svc, goal_id = self.services.goals, self.goal.id
        on, text, pct = self.values()
        return lambda: svc.add_progress_note(goal_id, text, pct, on=on)
