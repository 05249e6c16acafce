"""The Claims view's table of claim lines (``ui/claims/``), fed ``ClaimLineRow`` DTOs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from recoverydesk.services.claims.types import (
    CANCELLATION_REASONS,
    CLAIM_TYPES,
    ClaimLineRow,
    format_centi,
)
from recoverydesk.ui import theme
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import format_date

RowRole = Qt.ItemDataRole.UserRole + 2

# How each line is paid: through the portal's bulk file, or on an invoice (helper E's PDF).
THROUGH = {
    "ndia": "NDIA · bulk file",
    "plan": "Plan manager · invoice",
    "self": "Self · invoice",
    "": "Not recorded",
}
STATUS = {"ready": "Ready", "claimed": "Claimed", "rejected": "Rejected"}


def short_item(name: str, number: str) -> str:
    """ "Psychosocial recovery coaching - weekday evening" -> "Weekday evening"."""
    if not name:
        return number
    tail = name.rsplit(" - ", 1)[-1].strip()
    return tail[:1].upper() + tail[1:]


def invoiced(row: ClaimLineRow) -> bool:
    """Plan- and self-managed lines are invoiced, never put in the bulk file."""
    return row.management in ("plan", "self")


class ClaimLineModel(QAbstractTableModel):
    (COL_DATE, COL_WHO, COL_ITEM, COL_TYPE, COL_QTY, COL_PRICE, COL_AMOUNT, COL_STATUS,
     COL_EDITED, COL_THROUGH) = range(10)
    headers = ("Date", "Participant", "Item", "Claim type", "Hours / qty", "Unit price",
               "Amount", "Status", "Edited", "Managed by")
    _NUMBERS = (COL_QTY, COL_PRICE, COL_AMOUNT)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ClaimLineRow] = []
        self._names: dict[str, str] = {}
        self._numbers: dict[int, str] = {}  # line id -> the live invoice it is on

    # -- rows --------------------------------------------------------------------------------
    def set_rows(self, rows: list[ClaimLineRow], item_names: dict[str, str],
                 invoice_numbers: dict[int, str] | None = None) -> None:
        """``invoice_numbers``: line id -> the number of the live invoice it is on."""
        self.beginResetModel()
        self._rows, self._names = list(rows), dict(item_names)
        self._numbers = dict(invoice_numbers or {})
        self.endResetModel()

    def invoice_number(self, row: ClaimLineRow) -> str:
        """The live invoice the line is on ("" when none)."""
        return self._numbers.get(row.id, "")

    def rows(self) -> list[ClaimLineRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ClaimLineRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_for_id(self, line_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == line_id), -1)

    def item_name(self, number: str) -> str:
        return self._names.get(number, "")

    # -- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.headers[section])
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole
                and section in self._NUMBERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row, column)
        return None

    def _text(self, r: ClaimLineRow, column: int) -> str:
        if column == self.COL_DATE:
            return format_date(r.support_date)
        if column == self.COL_WHO:
            return r.participant_name
        if column == self.COL_ITEM:
            return self.tr(short_item(self.item_name(r.support_number), r.support_number))
        if column == self.COL_TYPE:
            kind = self.tr(CLAIM_TYPES.get(r.claim_type, r.claim_type))
            return f"{kind} ({r.cancellation_reason})" if r.cancellation_reason else kind
        if column == self.COL_QTY:
            return format_centi(r.quantity_centi)
        if column == self.COL_PRICE:
            return "$" + format_centi(r.unit_price_cents)
        if column == self.COL_AMOUNT:
            return "$" + format_centi(r.amount_cents)
        if column == self.COL_STATUS:
            text = self.tr(STATUS.get(r.status, r.status))
            if r.status == "ready" and self.invoice_number(r):
                return self.tr("Invoiced %1").replace("%1", self.invoice_number(r))
            if r.status == "ready" and r.batch_id is not None:
                return self.tr("In file %1").replace("%1", str(r.batch_id))
            return text
        if column == self.COL_EDITED:
            return self.tr("Edited") if r.edit_reason else ""
        if column == self.COL_THROUGH:
            return self.tr(THROUGH.get(r.management, r.management))
        return ""

    def _tip(self, r: ClaimLineRow, column: int) -> str | None:
        if column == self.COL_ITEM:
            name = self.item_name(r.support_number)
            return f"{r.support_number}\n{name}" if name else r.support_number
        if column == self.COL_TYPE and r.cancellation_reason:
            return self.tr(CANCELLATION_REASONS.get(r.cancellation_reason, ""))
        if column == self.COL_EDITED and r.edit_reason:
            return self.tr("Changed by hand: %1").replace("%1", r.edit_reason)
        if column == self.COL_STATUS and r.rejection_reason:
            return self.tr("The portal's reason: %1").replace("%1", r.rejection_reason)
        if column == self.COL_STATUS and r.status == "ready" and self.invoice_number(r):
            return self.tr("On invoice %1: void the invoice (Invoices tab) to change the line "
                           "or invoice it again").replace("%1", self.invoice_number(r))
        if column == self.COL_STATUS and r.status == "ready" and r.batch_id is not None:
            return self.tr("Written into claim file batch %1; mark it claimed once uploaded, "
                           "or set the file aside").replace("%1", str(r.batch_id))
        if column == self.COL_THROUGH and invoiced(r):
            return self.tr("Invoiced, not in the bulk claim file")
        return None

    def _colour(self, r: ClaimLineRow, column: int):
        if column == self.COL_STATUS and r.status == "rejected":
            return theme.attention()
        if r.status == "claimed" or self.invoice_number(r) or (column == self.COL_THROUGH and invoiced(r)):
            return theme.muted()
        return None

    def _icon(self, r: ClaimLineRow, column: int):
        if column == self.COL_STATUS and r.status == "ready" and self.invoice_number(r):
            return icon("receipt-text-outline")
        if column == self.COL_STATUS:
            return icon({"claimed": "check-circle-outline",
                         "rejected": "close-circle-outline"}.get(r.status, "circle-outline"))
        if column == self.COL_EDITED and r.edit_reason:
            return icon("pencil-outline")
        if column == self.COL_THROUGH and invoiced(r):
            return icon("file-document-outline")
        return None
