"""Add or edit one strength: a kind and a few words in the participant's voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.participants.types import (
    STRENGTH_CATEGORY_LABELS,
    STRENGTH_FIELD_LABELS,
    StrengthDTO,
    check_strength,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class StrengthDialog(FormDialog):
    """Saves the strength itself (added for ``participant_id``, or ``strength`` edited); the
    problem shows beside the field and the dialog stays open with the coach's words."""

    def __init__(self, services: Services | None = None, participant_id: int | None = None,
                 strength: StrengthDTO | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.strength = strength
        self.setWindowTitle(self.tr("Edit strength") if strength else self.tr("Add a strength"))
        self.setMinimumWidth(440)
        self.category = QComboBox()
        for key, text in STRENGTH_CATEGORY_LABELS.items():
            self.category.addItem(self.tr(text), key)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("for example: great with animals, loyal friend"))
        form = QFormLayout()
        for key, widget in (("category", self.category), ("text", self.text)):
            error = self.add_field(key, widget)
            error.setProperty("role", "error")
            widget.setAccessibleName(self.tr(STRENGTH_FIELD_LABELS[key]))
            form.addRow(self.tr(STRENGTH_FIELD_LABELS[key]), widget)
            form.addRow("", error)
        self.error = self._errors["text"]  # the one a coach meets: the words
        self.recheck_on("text", self.text.textChanged)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())
        if strength:
            self.category.setCurrentIndex(self.category.findData(strength.category))
            self.text.setText(strength.text)

    def values(self) -> tuple[str, str]:
        return self.category.currentData(), self.text.text().strip()

    def problems(self) -> dict[str, str]:
        return check_strength(*self.values())

    def write(self):
        category, text = self.values()
        svc = self.services.participants
        if self.strength is not None:
            sid, version = self.strength.id, self.strength.version
            return lambda: svc.update_strength(sid, category, text, base_version=version)
        pid = self.participant_id
        return lambda: svc.add_strength(pid, category, text)
