"""Add or edit someone in the support network, with consent to share and when it expires."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from recoverydesk.services.network.types import (
    CLOSENESS_LABELS,
    FIELD_LABELS,
    FORMAL_KINDS,
    KIND_LABELS,
    ContactDraft,
    ContactDTO,
    contact_problems,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import OptionalDateEdit, format_date
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class ContactDialog(FormDialog):
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
        self._formal_touched = contact is not None
        self.setWindowTitle(
            self.tr("Edit %1").replace("%1", contact.name)
            if contact
            else self.tr("Add to the support network")
        )
        self.setMinimumWidth(600)  # the consent box's longest line, whole

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

        form = QFormLayout()
        form.setVerticalSpacing(8)
        for key, widget in (
            ("name", self.name),
            ("kind", self.kind),
            ("relationship_text", self.relationship_text),
            ("organisation", self.organisation),
            ("formal", self.formal),
            ("phone", self.phone),
            ("email", self.email),
            ("emergency_contact", self.emergency_contact),
            ("closeness", self.closeness),
            ("strained", self.strained),
            ("notes", self.notes),
        ):
            if isinstance(widget, QCheckBox):  # its own text says what it is
                form.addRow("", widget)
            else:
                widget.setAccessibleName(self.tr(FIELD_LABELS[key]))
                form.addRow(self.tr(FIELD_LABELS[key]), self._checked(key, widget))
        for widget, key in (
            (self.consent_scope, "consent_scope"),
            (self.consent_given_on, "consent_given_on"),
            (self.consent_expires, "consent_expires"),
        ):
            widget.setAccessibleName(self.tr(FIELD_LABELS[key]))

        consent = QGroupBox(self.tr("Consent to share information"))
        c_form = QFormLayout(consent)
        c_form.addRow(self.consent_to_share)
        c_form.addRow(self.tr(FIELD_LABELS["consent_scope"]), self.consent_scope)
        c_form.addRow(
            self.tr(FIELD_LABELS["consent_given_on"]),
            self._checked("consent_given_on", self.consent_given_on),
        )
        c_form.addRow(
            self.tr(FIELD_LABELS["consent_expires"]),
            self._checked("consent_expires", self.consent_expires, self.year_button),
        )
        c_form.addRow(self.consent_state)

        self.buttons = self.save_cancel_buttons()
        self.buttons.button(self.buttons.StandardButton.Save).setProperty("primary", True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_body(form, consent))  # Save stays in view on a short screen
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.formal.toggled.connect(lambda _c: setattr(self, "_formal_touched", True))
        self.consent_to_share.toggled.connect(self._consent_changed)
        self.consent_given_on.dateChanged.connect(self._consent_changed)
        self.consent_expires.dateChanged.connect(self._consent_changed)
        self.year_button.clicked.connect(self._expire_in_a_year)
        for key, signal in (
            ("name", self.name.textChanged),
            ("phone", self.phone.textChanged),
            ("email", self.email.textChanged),
            ("consent_given_on", self.consent_given_on.dateChanged),
            ("consent_expires", self.consent_expires.dateChanged),
        ):
            self.recheck_on(key, signal)
        if contact:
            self._load(contact)
        self._consent_changed()
        self.name.setFocus()

    def _checked(self, key: str, widget: QWidget, beside: QWidget | None = None) -> QWidget:
        """``widget`` (and a button ``beside`` it) with the line that shows its problem."""
        error = self.add_field(key, widget)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if beside is None:
            box.addWidget(widget)
        else:
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            row.addWidget(beside)
            box.addLayout(row)
        box.addWidget(error)
        return holder

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
            base_version=self.contact.version if self.contact else None,
        )

    def problems(self) -> dict[str, str]:
        return contact_problems(self.draft())

    def write(self):
        draft, svc, pid = self.draft(), self.services.network, self.participant_id
        if self.contact is None:
            return lambda: svc.add(pid, draft)
        cid = self.contact.id
        return lambda: svc.update(cid, draft)
