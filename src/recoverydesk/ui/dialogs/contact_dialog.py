"""Add or edit someone in the support network, with consent to share and when it expires."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.services.network.service import (
    CLOSENESS_LABELS,
    FORMAL_KINDS,
    KIND_LABELS,
    ContactDraft,
    ContactDTO,
    clean_contact,
)
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import OptionalDateEdit, format_date
from recoverydesk.ui.widgets.scroll_body import scroll_body


def _error_label() -> QLabel:
    error = QLabel()
    error.setProperty("role", "error")
    error.setWordWrap(True)
    error.hide()
    return error


class ContactDialog(QDialog):
    def __init__(
        self,
        services: Services,
        participant_id: int,
        contact: ContactDTO | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.contact = contact
        self.saved: ContactDTO | None = None
        self._formal_touched = contact is not None
        self.setWindowTitle(
            self.tr("Edit %1").replace("%1", contact.name)
            if contact
            else self.tr("Add to the support network")
        )
        self.setMinimumWidth(560)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("A person or a service, for example Aunty Rose"))
        self.kind = QComboBox()
        for key, text in KIND_LABELS.items():
            self.kind.addItem(self.tr(text), key)
        self.relationship_text = QLineEdit()
        self.relationship_text.setPlaceholderText(self.tr("In their words: sister, swim buddy…"))
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("For a service: the practice or team"))
        self.formal = QCheckBox(self.tr("A service or professional (formal support)"))
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.emergency_contact = QCheckBox(self.tr("Emergency contact"))
        self.closeness = QComboBox()
        for value in (3, 2, 1):
            self.closeness.addItem(self.tr(CLOSENESS_LABELS[value]), value)
        self.closeness.setCurrentIndex(1)
        self.strained = QCheckBox(self.tr("The relationship is strained or stressful"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on instead of typing a tab
        self.notes.setFixedHeight(64)
        self.notes.setPlaceholderText(self.tr("Anything worth remembering about this tie"))

        self.consent_to_share = QCheckBox(
            self.tr("They agreed that information may be shared with this person or service")
        )
        self.consent_scope = QLineEdit()
        self.consent_scope.setPlaceholderText(
            self.tr("What may be shared, for example appointments and medication")
        )
        self.consent_given_on = OptionalDateEdit()
        self.consent_expires = OptionalDateEdit()
        self.year_button = QPushButton(self.tr("In 12 months"))
        self.year_button.setToolTip(self.tr("Set consent to expire a year after it was given"))
        self.consent_state = QLabel()
        self.consent_state.setWordWrap(True)

        self._errors = {
            key: _error_label()
            for key in (
                "name",
                "kind",
                "email",
                "phone",
                "closeness",
                "consent_given_on",
                "consent_expires",
            )
        }
        self._fields = {
            "name": self.name,
            "kind": self.kind,
            "email": self.email,
            "phone": self.phone,
            "closeness": self.closeness,
            "consent_given_on": self.consent_given_on,
            "consent_expires": self.consent_expires,
        }

        def with_error(widget: QWidget, key: str) -> QWidget:
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self._errors[key])
            return holder

        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Name"), with_error(self.name, "name"))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Who they are"), self.relationship_text)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow("", self.formal)
        form.addRow(self.tr("Phone"), with_error(self.phone, "phone"))
        form.addRow(self.tr("Email"), with_error(self.email, "email"))
        form.addRow("", self.emergency_contact)
        form.addRow(self.tr("How close"), self.closeness)
        form.addRow("", self.strained)
        form.addRow(self.tr("Notes"), self.notes)
        for widget, text in (
            (self.name, "Name"),
            (self.kind, "Kind"),
            (self.relationship_text, "Who they are"),
            (self.organisation, "Organisation"),
            (self.phone, "Phone"),
            (self.email, "Email"),
            (self.closeness, "How close"),
            (self.notes, "Notes"),
            (self.consent_scope, "What may be shared"),
            (self.consent_given_on, "Consent given on"),
            (self.consent_expires, "Consent expires on"),
        ):
            widget.setAccessibleName(self.tr(text))

        consent = QGroupBox(self.tr("Consent to share information"))
        c_form = QFormLayout(consent)
        c_form.addRow(self.consent_to_share)
        c_form.addRow(self.tr("What may be shared"), self.consent_scope)
        c_form.addRow(self.tr("Given on"), with_error(self.consent_given_on, "consent_given_on"))
        expires_row = QHBoxLayout()
        expires_row.addWidget(self.consent_expires, 1)
        expires_row.addWidget(self.year_button)
        expires_holder = QWidget()
        expires_holder.setLayout(expires_row)
        expires_row.setContentsMargins(0, 0, 0, 0)
        c_form.addRow(self.tr("Expires on"), with_error(expires_holder, "consent_expires"))
        c_form.addRow(self.consent_state)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_body(form, consent))  # Save stays in view on a short screen
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.formal.toggled.connect(lambda _c: setattr(self, "_formal_touched", True))
        self.consent_to_share.toggled.connect(self._consent_changed)
        self.consent_given_on.dateChanged.connect(self._consent_changed)
        self.consent_expires.dateChanged.connect(self._consent_changed)
        self.year_button.clicked.connect(self._expire_in_a_year)
        if contact:
            self._load(contact)
        self._consent_changed()
        self.name.setFocus()

    def _load(self, c: ContactDTO) -> None:
        self.name.setText(c.name)
        self.kind.setCurrentIndex(self.kind.findData(c.kind))
        self.relationship_text.setText(c.relationship_text)
        self.organisation.setText(c.organisation)
        self.formal.setChecked(c.formal)
        self.phone.setText(c.phone)
        self.email.setText(c.email)
        self.emergency_contact.setChecked(c.emergency_contact)
        self.closeness.setCurrentIndex(self.closeness.findData(c.closeness))
        self.strained.setChecked(c.strained)
        self.notes.setPlainText(c.notes)
        self.consent_to_share.setChecked(c.consent_to_share)
        self.consent_scope.setText(c.consent_scope)
        self.consent_given_on.set_value(c.consent_given_on)
        self.consent_expires.set_value(c.consent_expires)
        self._formal_touched = True

    def _kind_changed(self) -> None:
        if not self._formal_touched:
            self.formal.blockSignals(True)
            self.formal.setChecked(self.kind.currentData() in FORMAL_KINDS)
            self.formal.blockSignals(False)

    def _expire_in_a_year(self) -> None:
        given = self.consent_given_on.value() or dt.date.today()
        if self.consent_given_on.value() is None:
            self.consent_given_on.set_value(given)
        try:
            expires = given.replace(year=given.year + 1)
        except ValueError:  # 29 February
            expires = given + dt.timedelta(days=365)
        self.consent_expires.set_value(expires)

    def _consent_changed(self, *_args) -> None:
        on = self.consent_to_share.isChecked()
        for widget in (
            self.consent_scope,
            self.consent_given_on,
            self.consent_expires,
            self.year_button,
        ):
            widget.setEnabled(on)
        if on and self.consent_given_on.value() is None and self.contact is None:
            self.consent_given_on.set_value(dt.date.today())
        expires = self.consent_expires.value()
        if not on:
            text, role = self.tr("Nothing will be shared with them."), "muted"
        elif expires is not None and expires < dt.date.today():
            text = self.tr(
                "This consent expired on %1. Ask again before sharing anything, "
                "then record the new date."
            ).replace("%1", format_date(expires))
            role = "error"
        elif expires is None:
            text, role = (
                self.tr("No expiry date: it is good practice to review consent each year."),
                "muted",
            )
        else:
            text = self.tr("Current until %1.").replace("%1", format_date(expires))
            role = "muted"
        self.consent_state.setText(text)
        self.consent_state.setProperty("role", role)
        self.consent_state.style().unpolish(self.consent_state)
        self.consent_state.style().polish(self.consent_state)

    def draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name.text(),
            kind=self.kind.currentData(),
            relationship_text=self.relationship_text.text(),
            organisation=self.organisation.text(),
            formal=self.formal.isChecked(),
            phone=self.phone.text(),
            email=self.email.text(),
            emergency_contact=self.emergency_contact.isChecked(),
            closeness=self.closeness.currentData(),
            strained=self.strained.isChecked(),
            consent_to_share=self.consent_to_share.isChecked(),
            consent_scope=self.consent_scope.text(),
            consent_given_on=self.consent_given_on.value(),
            consent_expires=self.consent_expires.value(),
            notes=self.notes.toPlainText(),
        )

    def problems(self) -> dict[str, str]:
        try:
            clean_contact(self.draft())
        except ValidationError as err:
            return err.errors
        return {}

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
            self._show_errors(errors)
            self._fields.get(next(iter(errors)), self.name).setFocus()
            return
        draft = self.draft()
        svc = self.services.network
        pid = self.participant_id
        if self.contact is None:
            fn = lambda: svc.add(pid, draft)  # noqa: E731
        else:
            cid = self.contact.id
            fn = lambda: svc.update(cid, draft)  # noqa: E731
        Op(self, fn).emits(ChangeSet.of("contact", participant_id=pid)).success(
            self._saved
        ).failure(self._failed).run()

    def _saved(self, contact: ContactDTO) -> None:
        self.saved = contact
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._show_errors(error.errors)
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
