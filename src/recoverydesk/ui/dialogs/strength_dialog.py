"""Add or edit one strength: a kind and a few words in the participant's voice."""

from __future__ import annotations

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

from recoverydesk.services.participants.service import (
    STRENGTH_CATEGORY_LABELS,
    StrengthDTO,
    clean_strength,
)
from recoverydesk.services.types import ValidationError


class StrengthDialog(QDialog):
    def __init__(self, strength: StrengthDTO | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit strength") if strength else self.tr("Add a strength"))
        self.setMinimumWidth(440)
        self.category = QComboBox()
        for key, text in STRENGTH_CATEGORY_LABELS.items():
            self.category.addItem(self.tr(text), key)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("for example: great with animals, loyal friend"))
        # The problem shows beside the field, and the dialog stays open with the coach's words.
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.category)
        form.addRow(self.tr("Strength"), self.text)
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if strength:
            self.category.setCurrentIndex(self.category.findData(strength.category))
            self.text.setText(strength.text)

    def values(self) -> tuple[str, str]:
        return self.category.currentData(), self.text.text().strip()

    def _accept(self) -> None:
        try:
            clean_strength(*self.values())
        except ValidationError as err:
            message = err.errors.get("text") or next(iter(err.errors.values()))
            self.error.setText(self.tr(message))
            self.error.show()
            self.text.setFocus()
            return
        self.accept()
