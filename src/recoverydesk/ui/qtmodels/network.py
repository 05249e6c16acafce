"""Table models for the Network & resources tab and the Resources window, fed DTO rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from recoverydesk.services.network.types import CLOSENESS_LABELS, ContactDTO
from recoverydesk.services.resources.types import ReferralDTO, ResourceDTO
from recoverydesk.ui import theme
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import format_date

IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
T = TypeVar("T")


class _RowModel(QAbstractTableModel, Generic[T]):
    headers: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_for_id(self, item_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == item_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.headers[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == IdRole:
            return row.id
        if role == RowRole:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: T, column: int, role: int) -> Any:  # pragma: no cover - overridden
        return None


class ContactTableModel(_RowModel[ContactDTO]):
    # How close the tie is shows on the eco-map beside the table (and in each row's tooltip).
    COL_NAME, COL_ROLE, COL_PHONE, COL_CONSENT = range(4)
    headers = ("Name", "Who they are", "Phone", "Consent to share")

    def cell(self, c: ContactDTO, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return c.name + (" · " + self.tr("archived") if c.archived else "")
            if column == self.COL_ROLE:
                return c.role
            if column == self.COL_PHONE:
                return c.phone or c.email
            if column == self.COL_CONSENT:
                if not c.consent_to_share:
                    return self.tr("No")
                if c.consent_expired:
                    return self.tr("Expired %1").replace("%1", format_date(c.consent_expires))
                if c.consent_expires:
                    return self.tr("Until %1").replace("%1", format_date(c.consent_expires))
                return self.tr("Yes")
        if role == Qt.ItemDataRole.ToolTipRole:
            tie = self.tr(CLOSENESS_LABELS.get(c.closeness, ""))
            tie += (", " + self.tr("strained")) if c.strained else ""
            parts = [f"{c.name}: {c.role}", self.tr("Tie: %1").replace("%1", tie)]
            if c.emergency_contact:
                parts.append(self.tr("Emergency contact"))
            parts.append(c.consent_summary)
            if c.notes:
                parts.append(c.notes)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.ForegroundRole and c.archived:
            return theme.muted()
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_CONSENT:
            if c.consent_expired or c.consent_expiring_soon:
                return theme.attention()
            if not c.consent_to_share:
                return theme.muted()
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.COL_CONSENT and c.consent_expired:
                return icon("alert-outline", theme.attention().name())
            if column == self.COL_NAME:
                if c.emergency_contact:
                    return icon("phone-alert-outline")
                return icon("domain" if c.formal else "account-heart-outline")
        if role == Qt.ItemDataRole.FontRole and column == self.COL_NAME and c.emergency_contact:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.COL_CONSENT:
            return c.consent_summary
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.COL_NAME:
            return c.name + (", " + self.tr("emergency contact") if c.emergency_contact else "")
        return None


class ReferralTableModel(_RowModel[ReferralDTO]):
    COL_RESOURCE, COL_STATUS, COL_SINCE, COL_PURPOSE, COL_OUTCOME = range(5)
    headers = ("Resource", "Status", "Since", "What for", "Outcome")

    def __init__(self, parent=None, goal_title: Callable[[int | None], str] | None = None):
        super().__init__(parent)
        self._goal_title = goal_title or (lambda _gid: "")

    def cell(self, r: ReferralDTO, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_RESOURCE:
                return r.resource_name
            if column == self.COL_STATUS:
                return self.tr(r.status_label)
            if column == self.COL_SINCE:
                return format_date(r.last_changed)
            if column == self.COL_PURPOSE:
                goal = self._goal_title(r.goal_id)
                return r.purpose + (f" ({self.tr('goal')}: {goal})" if goal else "")
            if column == self.COL_OUTCOME:
                return r.outcome
        if role == Qt.ItemDataRole.ToolTipRole:
            steps = [
                f"{format_date(h.changed_on)}: {self.tr(h.status_label)}"
                + (f" ({h.note})" if h.note else "")
                for h in r.history
            ]
            return (
                self.tr("Referred %1").replace("%1", format_date(r.referred_on))
                + "\n"
                + "\n".join(steps)
            )
        if role == Qt.ItemDataRole.ForegroundRole and not r.is_open:
            return theme.muted()
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_STATUS:
            names = {
                "suggested": "lightbulb-outline",
                "contacted": "phone-outline",
                "attending": "check-circle-outline",
                "declined": "close-circle-outline",
                "closed": "flag-checkered",
            }
            return icon(names.get(r.status, "circle-outline"))
        return None


class ResourceTableModel(_RowModel[ResourceDTO]):
    COL_NAME, COL_CATEGORY, COL_OFFERS, COL_PHONE, COL_CHECKED = range(5)
    headers = ("Name", "Category", "What it offers", "Phone", "Last checked")

    def cell(self, r: ResourceDTO, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return r.name + (" · " + self.tr("archived") if r.archived else "")
            if column == self.COL_CATEGORY:
                return self.tr(r.category_label)
            if column == self.COL_OFFERS:
                return " ".join(r.offers.split())
            if column == self.COL_PHONE:
                return r.phone
            if column == self.COL_CHECKED:
                return format_date(r.last_checked) or self.tr("Never")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_OFFERS:
            return r.offers
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.archived:
                return theme.muted()
            if column == self.COL_CHECKED and r.needs_checking():
                return theme.attention()
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and column == self.COL_CHECKED
            and r.needs_checking()
        ):
            return self.tr("Not checked in the last year: worth a quick call to confirm.")
        return None
