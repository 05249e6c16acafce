"""File > Practice details…: the practice and coach names printed on reports (PDF author,
letterhead, signature), with ABN, phone and email optional."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.services.settings.service import PracticeDetails
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.tasks import Op


class PracticeSettingsDialog(QDialog):
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
        self._fields = {
            "practice_name": self.practice_name,
            "coach_name": self.coach_name,
            "abn": self.abn,
            "phone": self.phone,
            "email": self.email,
        }
        labels = {
            "practice_name": self.tr("Practice name"),
            "coach_name": self.tr("Coach name"),
            "abn": self.tr("ABN"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
        }
        intro = QLabel(
            self.tr(
                "These appear on printed plans and plan review reports. The "
                "practice name is also the author of every PDF."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self._errors: dict[str, QLabel] = {}
        for key, widget in self._fields.items():
            widget.setAccessibleName(labels[key])
            error = QLabel()
            error.setObjectName("field-error")
            error.setStyleSheet("color: #B85C00;")
            error.setWordWrap(True)
            error.hide()
            self._errors[key] = error
            form.addRow(labels[key], widget)
            form.addRow("", error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def details(self) -> PracticeDetails:
        return PracticeDetails(**{k: w.text() for k, w in self._fields.items()})

    def save(self) -> None:
        for label in self._errors.values():
            label.hide()
        details = self.details()
        svc = self.services.settings

        def done(saved: PracticeDetails) -> None:
            self.saved = saved
            self.accept()

        Op(self, lambda: svc.save_details(details)).emits(
            ChangeSet.of("practice_settings")
        ).success(done).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            for key, message in error.errors.items():
                if key in self._errors:
                    self._errors[key].setText(message)
                    self._errors[key].show()
            first = next((k for k in error.errors if k in self._fields), None)
            if first:
                self._fields[first].setFocus()
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
