"""Create or edit a participant, with problems shown beside the field as the coach types."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services import Services
from recoverydesk.services.changes import ChangeSet
from recoverydesk.services.errors import ValidationError
from recoverydesk.services.participants import ParticipantDraft, ParticipantDTO, clean_draft
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import OptionalDateEdit


class ParticipantDialog(QDialog):
    def __init__(self, services: Services, participant: ParticipantDTO | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant = participant
        self.saved: ParticipantDTO | None = None
        self._touched: set[str] = set()
        self.setWindowTitle(self.tr("Edit participant") if participant else
                            self.tr("New participant"))
        self.setMinimumWidth(520)

        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.preferred_name = QLineEdit()
        self.preferred_name.setPlaceholderText(self.tr("The name they like to be called"))
        self.pronouns = QLineEdit()
        self.pronouns.setPlaceholderText(self.tr("for example she/her, they/them"))
        self.date_of_birth = OptionalDateEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.ndis_number = QLineEdit()
        self.ndis_number.setPlaceholderText(self.tr("9 digits"))
        self.plan_start = OptionalDateEdit()
        self.plan_end = OptionalDateEdit()
        self.status = QComboBox()
        for text, value in ((self.tr("Active"), "active"), (self.tr("Paused"), "paused"),
                            (self.tr("Exited"), "exited")):
            self.status.addItem(text, value)
        self.about = QPlainTextEdit()
        self.about.setPlaceholderText(
            self.tr("In their words: what matters to them, what they'd like help with"))
        self.about.setFixedHeight(80)

        self._fields: dict[str, QWidget] = {
            "given_name": self.given_name, "family_name": self.family_name,
            "preferred_name": self.preferred_name, "pronouns": self.pronouns,
            "date_of_birth": self.date_of_birth, "phone": self.phone, "email": self.email,
            "address": self.address, "ndis_number": self.ndis_number,
            "plan_start": self.plan_start, "plan_end": self.plan_end, "status": self.status,
            "about": self.about,
        }
        labels = {
            "given_name": self.tr("First name"), "family_name": self.tr("Family name"),
            "preferred_name": self.tr("Preferred name"), "pronouns": self.tr("Pronouns"),
            "date_of_birth": self.tr("Date of birth"), "phone": self.tr("Phone"),
            "email": self.tr("Email"), "address": self.tr("Address"),
            "ndis_number": self.tr("NDIS number"), "plan_start": self.tr("NDIS plan starts"),
            "plan_end": self.tr("NDIS plan ends"), "status": self.tr("Status"),
            "about": self.tr("About"),
        }
        self._errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setVerticalSpacing(8)
        for key, widget in self._fields.items():
            widget.setAccessibleName(labels[key])
            error = QLabel()
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            self._errors[key] = error
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(labels[key], holder)
            signal = getattr(widget, "textChanged", None) or getattr(widget, "dateChanged", None)
            if signal is None:
                signal = widget.currentIndexChanged
            signal.connect(lambda *_a, k=key: self._touch(k))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if participant:
            self._load(participant)
        self.given_name.setFocus()

    def _load(self, p: ParticipantDTO) -> None:
        for key in ("given_name", "family_name", "preferred_name", "pronouns", "phone", "email",
                    "address", "ndis_number"):
            self._fields[key].setText(getattr(p, key))
        self.date_of_birth.set_value(p.date_of_birth)
        self.plan_start.set_value(p.plan_start)
        self.plan_end.set_value(p.plan_end)
        self.status.setCurrentIndex(self.status.findData(p.status))
        self.about.setPlainText(p.about)
        self._touched.clear()
        self._show_errors({})

    def draft(self) -> ParticipantDraft:
        return ParticipantDraft(
            given_name=self.given_name.text(), family_name=self.family_name.text(),
            preferred_name=self.preferred_name.text(), pronouns=self.pronouns.text(),
            date_of_birth=self.date_of_birth.value(), phone=self.phone.text(),
            email=self.email.text(), address=self.address.text(),
            ndis_number=self.ndis_number.text(), plan_start=self.plan_start.value(),
            plan_end=self.plan_end.value(), status=self.status.currentData(),
            about=self.about.toPlainText(),
        )

    def problems(self) -> dict[str, str]:
        try:
            clean_draft(self.draft())
        except ValidationError as err:
            return err.errors
        return {}

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        errors = self.problems()
        self._show_errors({k: v for k, v in errors.items() if k in self._touched})

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self._errors.items():
            message = errors.get(key, "")
            label.setText(self.tr(message) if message else "")
            label.setVisible(bool(message))
            widget = self._fields[key]
            widget.setProperty("invalid", bool(message))
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def save(self) -> None:
        errors = self.problems()
        if errors:
            self._touched.update(errors)
            self._show_errors(errors)
            self._fields[next(iter(errors))].setFocus()
            return
        draft = self.draft()
        svc = self.services.participants
        if self.participant is None:
            fn = lambda: svc.create(draft)  # noqa: E731
        else:
            pid = self.participant.id
            fn = lambda: svc.update(pid, draft)  # noqa: E731
        Op(self, fn).emits(lambda p: ChangeSet.of("participant", participant_id=p.id)) \
            .success(self._saved).failure(self._failed).run()

    def _saved(self, participant: ParticipantDTO) -> None:
        self.saved = participant
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._show_errors(error.errors)
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
