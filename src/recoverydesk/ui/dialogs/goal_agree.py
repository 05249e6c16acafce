"""Agree the plan: keep a dated copy of the plan as it is today, with when to look at it again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.widgets.common import OptionalDateEdit, label


class GoalAgreeDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        today = today or dt.date.today()
        self.setWindowTitle(self.tr("Agree the plan"))
        self.setMinimumWidth(480)
        self.review = OptionalDateEdit()
        self.review.set_value(today + dt.timedelta(days=91))
        self.review.setAccessibleName(self.tr("Review date"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional, for example “Agreed at the library”"))
        self.note.setAccessibleName(self.tr("Note"))
        form = QFormLayout()
        form.addRow(self.tr("&Review on"), self.review)
        form.addRow(self.tr("&Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Agree plan"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                self.tr(
                    "This keeps a dated copy of %1's plan as it is today: goals, steps, strengths and "
                    "supports. It never changes afterwards, so you can look back and see how far "
                    "things have come."
                ).replace("%1", name),
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[dt.date | None, str]:
        return self.review.value(), self.note.text().strip()
