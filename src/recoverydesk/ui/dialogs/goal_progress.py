"""A progress note on a goal: the date, a line on how it's going, and (if it helps) how far
along it feels, from 0 to 100."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.widgets.common import OptionalDateEdit, label


class GoalProgressDialog(QDialog):
    def __init__(self, goal_title: str, parent: QWidget | None = None, last: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Note progress"))
        self.setMinimumWidth(460)
        self.on = OptionalDateEdit()
        self.on.set_value(dt.date.today())
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("How is it going? For example “Two walks this week”"))
        self.text.setAccessibleName(self.tr("Progress note"))
        self.use_pct = QCheckBox(self.tr("Say how far along"))
        self.pct = QSpinBox()
        self.pct.setRange(0, 100)
        self.pct.setSuffix(" %")
        self.pct.setSingleStep(5)
        self.pct.setValue(last or 0)
        self.pct.setEnabled(False)
        self.pct.setAccessibleName(self.tr("Progress, 0 to 100"))
        self.use_pct.toggled.connect(self.pct.setEnabled)
        pct_row = QHBoxLayout()
        pct_row.addWidget(self.use_pct)
        pct_row.addWidget(self.pct)
        pct_row.addStretch(1)
        self.error = label("", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.on)
        form.addRow(self.tr("&Note"), self.text)
        form.addRow(self.tr("Progress"), pct_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(goal_title, "muted"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> tuple[dt.date, str, int | None]:
        pct = self.pct.value() if self.use_pct.isChecked() else None
        return self.on.value() or dt.date.today(), self.text.text().strip(), pct

    def _accept(self) -> None:
        if not self.text.text().strip():
            self.error.setText(self.tr("Write a line about how it is going."))
            self.error.show()
            return
        self.accept()
