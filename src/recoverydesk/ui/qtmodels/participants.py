"""The caseload list: one row per participant, fed ParticipantRow DTOs by the panel."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from recoverydesk.services.participants.types import STATUS_LABELS, ParticipantRow
from recoverydesk.ui.widgets.two_line import ArchivedRole, SubtitleRole

IdRole = Qt.ItemDataRole.UserRole + 1


class ParticipantListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_for_id(self, participant_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.id == participant_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.full_name
        if role == IdRole:
            return row.id
        if role == ArchivedRole:
            return row.archived
        if role == SubtitleRole:
            status = self.tr(STATUS_LABELS.get(row.status, row.status))
            return self.tr("Archived") + " · " + status if row.archived else status
        return None
