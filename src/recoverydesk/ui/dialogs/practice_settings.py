"""File > Practice details…: the practice and coach names printed on reports (PDF author,
letterhead, signature), with ABN, phone and email optional; "NDIS claiming…" opens the claim
details (``claim_details.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.settings.types import FIELD_LABELS, PracticeDetails, check_details
from recoverydesk.ui.dialogs.claim_details import ClaimDetailsDialog
from recoverydesk.ui.dialogs.form_dialog import FormDialog

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class PracticeSettingsDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.saved: PracticeDetails | None = None
        self.setWindowTitle(self.tr("Practice details"))
        self.setMinimumWidth(460)
        details = services.settings.details()
        self.practice_name = QLineEdit(details.practice_name)
        self.practice_name.setPlaceholderText(self.tr("for example Saltwater Recovery Coaching"))
        self.coach_name = QLineEdit(details.coach_name)
        self.coach_name.setPlaceholderText(self.tr("Your name, as participants know you"))
        self.abn = QLineEdit(details.abn)
        self.abn.setPlaceholderText(self.tr("Optional: 11 digits"))
        self.phone = QLineEdit(details.phone)
        self.email = QLineEdit(details.email)
        fields = {
            "practice_name": self.practice_name,
            "coach_name": self.coach_name,
            "abn": self.abn,
            "phone": self.phone,
            "email": self.email,
        }
        intro = QLabel(
            self.tr(
                "These appear on printed plans and plan review reports. The "
                "practice name is also the author of every PDF."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        for key, widget in fields.items():
            text = self.tr(FIELD_LABELS[key])
            widget.setAccessibleName(text)
            error = self.add_field(key, widget)
            error.setProperty("role", "error")
            form.addRow(text, widget)
            form.addRow("", error)
            self.recheck_on(key, widget.textChanged)
        self._fields_by_key = fields
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.claiming_button = QPushButton(self.tr("NDIS claiming…"))
        self.claiming_button.setToolTip(self.tr("Registration number, GST, invoice numbering, "
                                                "the price list in force"))
        self.claiming_button.clicked.connect(self.open_claiming)
        layout.addWidget(self.claiming_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.save_cancel_buttons())

    def open_claiming(self) -> None:
        ClaimDetailsDialog(self.services, self).exec()

    def details(self) -> PracticeDetails:
        return PracticeDetails(**{k: w.text() for k, w in self._fields_by_key.items()})

    def problems(self) -> dict[str, str]:
        return check_details(self.details())

    def write(self):
        details, svc = self.details(), self.services.settings
        return lambda: svc.save_details(details)
