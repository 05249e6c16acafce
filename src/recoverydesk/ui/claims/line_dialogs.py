"""The Claims view's two forms on one claim line: change it (a reason is required and kept with
the line: ``claims.types.check_line_edit``), and record the portal's reason for rejecting it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.claims.types import (
    CANCELLATION_REASONS,
    CLAIM_TYPES,
    FIELD_LABELS,
    ClaimLineRow,
    LineEdit,
    check_line_edit,
    format_centi,
)
from recoverydesk.services.types import problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.qtmodels.claims import short_item
from recoverydesk.ui.widgets.common import format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def _about(line: ClaimLineRow, item_name: str) -> str:
    return (f"{line.participant_name}, {format_date(line.support_date)}: "
            f"{item_name or line.support_number} ({line.claim_reference})")


class EditLineDialog(FormDialog):
    """Change a claim line's item, claim type, quantity or price, saying why."""

    def __init__(self, services: Services, line: ClaimLineRow, item_names: dict[str, str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.line = line
        self.setWindowTitle(self.tr("Edit claim line"))
        self.setMinimumWidth(560)
        self.item = QComboBox()
        numbers = dict(item_names)
        numbers.setdefault(line.support_number, "")
        for number, name in sorted(numbers.items()):
            self.item.addItem(f"{number} · {short_item(name, number)}" if name else number,
                              number)
            self.item.setItemData(self.item.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.item.setCurrentIndex(self.item.findData(line.support_number))
        self.claim_type = QComboBox()
        for key, text in CLAIM_TYPES.items():
            self.claim_type.addItem(self.tr(text), key)
        self.claim_type.setCurrentIndex(max(0, self.claim_type.findData(line.claim_type)))
        self.cancellation_reason = QComboBox()
        self.cancellation_reason.addItem(self.tr("(none)"), "")
        for key, text in CANCELLATION_REASONS.items():
            self.cancellation_reason.addItem(f"{key}: {self.tr(text)}", key)
        self.cancellation_reason.setCurrentIndex(
            max(0, self.cancellation_reason.findData(line.cancellation_reason)))
        self.quantity = QLineEdit(format_centi(line.quantity_centi))
        self.quantity.setPlaceholderText(self.tr("Hours as a decimal, like 1.50"))
        self.unit_price = QLineEdit(format_centi(line.unit_price_cents))
        self.unit_price.setPlaceholderText(self.tr("Dollars and cents, like 105.43"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why it changed: kept with the line"))

        form = QFormLayout()
        add_row(self, form, "support_number", self.item, FIELD_LABELS["support_number"], "I")
        add_row(self, form, "claim_type", self.claim_type, FIELD_LABELS["claim_type"], "T")
        add_row(self, form, "cancellation_reason", self.cancellation_reason,
                FIELD_LABELS["cancellation_reason"], "C")
        add_row(self, form, "quantity", self.quantity, FIELD_LABELS["quantity"], "Q")
        add_row(self, form, "unit_price", self.unit_price, FIELD_LABELS["unit_price"], "U")
        add_row(self, form, "reason", self.reason, FIELD_LABELS["reason"], "R")
        for key, edit in (("quantity", self.quantity), ("unit_price", self.unit_price),
                          ("reason", self.reason)):
            self.recheck_on(key, edit.textChanged)
        self.recheck_on("cancellation_reason", self.cancellation_reason.currentIndexChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(label(_about(line, item_names.get(line.support_number, "")), "muted"))
        if line.edit_reason:
            layout.addWidget(label(self.tr("Changed before: %1").replace("%1", line.edit_reason),
                                   "muted"))
        if line.rejection_reason:
            layout.addWidget(label(self.tr("The portal rejected it: %1")
                                   .replace("%1", line.rejection_reason), "muted"))
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())
        self.claim_type.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        self.reason.setFocus()

    def _type_changed(self, *_args) -> None:
        """Only a short-notice cancellation has a reason code."""
        cancelled = self.claim_type.currentData() == "CANC"
        self.cancellation_reason.setEnabled(cancelled)
        if not cancelled:
            self.cancellation_reason.setCurrentIndex(0)

    def edit(self) -> LineEdit:
        return LineEdit(self.item.currentData() or "", self.claim_type.currentData() or "",
                        self.cancellation_reason.currentData() or "", self.quantity.text(),
                        self.unit_price.text(), self.reason.text())

    def problems(self) -> dict[str, str]:
        return problems_of(check_line_edit, self.edit())

    def write(self):
        claims, line_id, edit = self.services.claims, self.line.id, self.edit()
        return lambda: claims.edit_line(line_id, edit)


class RejectLineDialog(FormDialog):
    """The portal rejected a claimed line: copy its reason (kept with the line)."""

    def __init__(self, services: Services, line: ClaimLineRow, item_name: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.line = line
        self.setWindowTitle(self.tr("Claim rejected by the portal"))
        self.setMinimumWidth(480)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("The reason the portal gives, as it says it"))
        form = QFormLayout()
        add_row(self, form, "reason", self.reason, self.tr("Portal's reason"), "R")
        self.recheck_on("reason", self.reason.textChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(label(_about(line, item_name), "muted"))
        layout.addWidget(label(self.tr("The line is kept as rejected. Reopen it to correct it "
                                       "and claim it again."), "muted"))
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons(self.tr("Mark rejected")))
        self.reason.setFocus()

    def problems(self) -> dict[str, str]:
        if not self.reason.text().strip():
            return {"reason": self.tr("Copy the portal's reason for the rejection.")}
        return {}

    def write(self):
        claims, line_id, reason = self.services.claims, self.line.id, self.reason.text()
        return lambda: claims.reject_line(line_id, reason)
