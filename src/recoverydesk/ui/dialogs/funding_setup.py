"""Funding tab > How the plan is managed > Change…: NDIA-managed (claimed through the portal),
plan-managed (invoiced to the plan manager, named with their email and phone) or self-managed
(invoiced to the participant); the participant's state and MMM zone when they differ from the
practice's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from recoverydesk.services.claims.types import (
    FIELD_LABELS,
    MANAGEMENT_LABELS,
    STATES,
    FundingSetup,
    clean_funding,
)
from recoverydesk.services.types import problems_of
from recoverydesk.ui.dialogs.claim_details import combo
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class FundingSetupDialog(FormDialog):
    def __init__(self, services: Services, participant_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.participant_id = services, participant_id
        self.setWindowTitle(self.tr("How the plan is managed"))
        self.setMinimumWidth(620)
        now = services.claims.funding_setup(participant_id) or FundingSetup()
        self.management = combo({k: self.tr(v) for k, v in MANAGEMENT_LABELS.items()},
                                now.management)
        self.manager_name = QLineEdit(now.manager_name)
        self.manager_name.setPlaceholderText(self.tr("the plan management business"))
        self.manager_email = QLineEdit(now.manager_email)
        self.manager_email.setPlaceholderText(self.tr("where invoices go"))
        self.manager_phone = QLineEdit(now.manager_phone)
        self._address = now.manager_address
        self.state = combo({"": self.tr("The practice's state")} | {s: s for s in STATES},
                           now.state)
        self.mmm_zone = QSpinBox()
        self.mmm_zone.setRange(0, 7)
        self.mmm_zone.setSpecialValueText(self.tr("The practice's default"))
        self.mmm_zone.setValue(now.mmm_zone or 0)
        form = QFormLayout()
        self._manager_rows = []
        for key, widget in (("management", self.management), ("manager_name", self.manager_name),
                            ("manager_email", self.manager_email),
                            ("manager_phone", self.manager_phone), ("state", self.state),
                            ("mmm_zone", self.mmm_zone)):
            text = self.tr(FIELD_LABELS[key])
            widget.setAccessibleName(text)
            error = self.add_field(key, widget)
            form.addRow(text, widget)
            form.addRow("", error)
            if key.startswith("manager_"):
                self._manager_rows.append(widget)
        self.recheck_on("manager_name", self.manager_name.textChanged)
        self.management.currentIndexChanged.connect(self._management_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr(
            "NDIA-managed supports go in the bulk claim file; plan-managed and self-managed "
            "ones are invoiced."), "muted"))
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())
        self._management_changed()

    def _management_changed(self, *_args) -> None:
        plan = self.management.currentData() == "plan"
        for widget in self._manager_rows:
            widget.setEnabled(plan)

    def setup(self) -> FundingSetup:
        plan = self.management.currentData() == "plan"
        return FundingSetup(
            management=self.management.currentData(),
            manager_name=self.manager_name.text() if plan else "",
            manager_email=self.manager_email.text() if plan else "",
            manager_phone=self.manager_phone.text() if plan else "",
            manager_address=self._address if plan else "",
            state=self.state.currentData(), mmm_zone=self.mmm_zone.value() or None)

    def problems(self) -> dict[str, str]:
        return problems_of(clean_funding, self.setup())

    def write(self):
        setup, pid, claims = self.setup(), self.participant_id, self.services.claims
        return lambda: claims.save_funding_setup(pid, setup)
