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

from recoverydesk.services.participants import STRENGTH_CATEGORY_LABELS, StrengthDTO


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
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.category)
        form.addRow(self.tr("Strength"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if strength:
            self.category.setCurrentIndex(self.category.findData(strength.category))
            self.text.setText(strength.text)

    def values(self) -> tuple[str, str]:
        return self.category.currentData(), self.text.text().strip()

    def _accept(self) -> None:
        if not self.text.text().strip():
            self.error.setText(self.tr("Please describe the strength in a few words."))
            self.error.show()
            return
        self.accept()
