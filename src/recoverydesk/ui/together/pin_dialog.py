"""Participant > Set the leaving PIN: a short PIN (4 to 8 digits) the coach types to leave the
view for sitting together. Kept only as a slow hash (``services/together``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.together.types import FIELD_LABELS, PIN_MAX, check_pin
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class SetPinDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Leaving PIN"))
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr(
            "The view for sitting together shows one person and nobody else. Leaving it needs "
            "you: this PIN, or your practice passphrase. After three wrong PINs only the "
            "passphrase will do."), "muted"))
        form = QFormLayout()
        self.pin = self._pin_edit(FIELD_LABELS["pin"])
        self.again = self._pin_edit(FIELD_LABELS["again"])
        for key, edit in (("pin", self.pin), ("again", self.again)):
            form.addRow(self.tr(FIELD_LABELS[key]), edit)
            form.addRow("", self.add_field(key, edit))
            self.recheck_on(key, edit.textChanged)
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons(self.tr("Keep this PIN")))
        self.pin.setFocus()

    def _pin_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(PIN_MAX)
        edit.setAccessibleName(self.tr(name))
        return edit

    def problems(self) -> dict[str, str]:
        return check_pin(self.pin.text(), self.again.text())

    def write(self) -> Callable[[], object]:
        pin, again, svc = self.pin.text(), self.again.text(), self.services.together
        return lambda: svc.set_pin(pin, again)
