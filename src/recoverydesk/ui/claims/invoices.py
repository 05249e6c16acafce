"""The Claims view's "Invoices" tab: every invoice issued (newest first, voided ones too, their
numbers never used again), with "Open PDF…" (the invoice printed again, in the preview issuing
shows) and "Void…" (the coach says why; the record and its number stay, its lines are free to
be changed or invoiced again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.icons import icon
from recoverydesk.ui.theme import muted
from recoverydesk.ui.widgets.common import format_date, format_datetime, label

if TYPE_CHECKING:
    from recoverydesk.services.claims.invoice_types import Invoice
    from recoverydesk.services.container import Services

HEADERS = ("Number", "Participant", "Period", "Total", "Issued", "Voided")
COL_TOTAL = 3


def _period(invoice: Invoice) -> str:
    return f"{format_date(invoice.period_from)} – {format_date(invoice.period_to)}"


class VoidInvoiceDialog(FormDialog):
    """Void an issued invoice, saying why (kept with it). Its number is never used again."""

    def __init__(self, services: Services, invoice: Invoice, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.invoice = services, invoice
        self.setWindowTitle(self.tr("Void invoice %1").replace("%1", invoice.number))
        self.setMinimumWidth(460)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("For example: sent with the wrong period"))
        form = QFormLayout()
        add_row(self, form, "reason", self.reason, self.tr("Reason for voiding"), "R")
        self.recheck_on("reason", self.reason.textChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            self.tr("Void %1 to %2 for %3 (%4)? The invoice is kept, marked void, and its "
                    "number is never used again. Its %5 lines become ready to change or "
                    "invoice again.").replace("%1", invoice.number)
            .replace("%2", invoice.recipient_name).replace("%3", invoice.total_text)
            .replace("%4", _period(invoice)).replace("%5", str(len(invoice.lines)))))
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons(self.tr("&Void invoice")))
        self.reason.setFocus()

    def problems(self) -> dict[str, str]:
        if not self.reason.text().strip():
            return {"reason": self.tr("Say why the invoice is voided; it is kept.")}
        return {}

    def write(self):
        invoices, invoice_id, reason = self.services.invoices, self.invoice.id, self.reason.text()
        return lambda: invoices.void(invoice_id, reason)


class InvoicesPanel(QWidget):
    """``pdf_requested(invoice id)``: the window's invoicing part shows its preview."""

    pdf_requested = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.can_open = False  # the window has an invoicing part to print with
        self.participant_id: int | None = None
        self._invoices: list[Invoice] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setAccessibleName(self.tr("Invoices issued"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.open_button = QPushButton(icon("file-pdf-box"), self.tr("Ope&n PDF…"))
        self.open_button.setToolTip(self.tr("The invoice and statement of hours, to save or "
                                            "print again"))
        self.void_button = QPushButton(icon("cancel"), self.tr("&Void…"))
        self.void_button.setToolTip(self.tr("Cancel the invoice, saying why: it is kept with "
                                            "its number, and its lines are free again"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        self.detail = label("", "muted")
        self.empty = label(self.tr("No invoice issued yet. Plan- and self-managed lines are "
                                   "invoiced: select one on Claim lines, then “Invoice…”."),
                           "muted")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.empty)
        self.open_button.clicked.connect(self.open_pdf)
        self.void_button.clicked.connect(self.void)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.open_pdf())

    def reload(self, participant_id: int | None = None) -> None:
        """Every invoice, or only the participant's (the view's participant filter)."""
        keep = self.selected()
        self.participant_id = participant_id
        self._invoices = self.services.invoices.invoices(participant_id)
        self.table.setRowCount(len(self._invoices))
        for row, invoice in enumerate(self._invoices):
            voided = (f"{format_datetime(invoice.voided_at)} · {invoice.void_reason}"
                      if invoice.voided else "")
            for column, text in enumerate((
                    invoice.number, invoice.participant_name, _period(invoice),
                    invoice.total_text, format_date(invoice.issued_on), voided)):
                item = QTableWidgetItem(text)
                if column == COL_TOTAL:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if invoice.voided:
                    item.setForeground(muted())
                    item.setToolTip(self.tr("Voided: %1").replace("%1", invoice.void_reason))
                self.table.setItem(row, column, item)
        ids = [i.id for i in self._invoices]
        if ids:
            self.table.selectRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        self.table.setVisible(bool(ids))
        self.empty.setVisible(not ids)
        self._fit_columns()
        self._selection_changed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The last column takes the room left, when there is room for every column's words;
        else (200%) the table scrolls sideways rather than cut the void's reason short."""
        needed = sum(max(self.table.sizeHintForColumn(c),
                         self.table.horizontalHeader().sectionSizeHint(c))
                     for c in range(self.table.columnCount()))
        self.table.horizontalHeader().setStretchLastSection(
            self.table.viewport().width() >= needed)

    def set_can_open(self, available: bool) -> None:
        self.can_open = available
        self._selection_changed()

    def selected(self) -> Invoice | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self._invoices[row] if 0 <= row < len(self._invoices) else None

    def _selection_changed(self) -> None:
        invoice = self.selected()
        self.open_button.setVisible(self.can_open)
        self.open_button.setEnabled(invoice is not None)
        self.void_button.setEnabled(invoice is not None and not invoice.voided)
        if invoice is None:
            self.detail.setText("")
        elif invoice.voided:
            self.detail.setText(self.tr("%1 was voided: %2").replace("%1", invoice.number)
                                .replace("%2", invoice.void_reason))
        else:
            self.detail.setText(self.tr("%1 to %2 · %3 lines").replace("%1", invoice.number)
                                .replace("%2", invoice.recipient_name)
                                .replace("%3", str(len(invoice.lines))))

    def open_pdf(self) -> None:
        invoice = self.selected()
        if invoice is not None and self.can_open:
            self.pdf_requested.emit(invoice.id)

    def void(self) -> None:
        invoice = self.selected()
        if invoice is not None and not invoice.voided:
            VoidInvoiceDialog(self.services, invoice, parent=self).exec()
