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
        # A word under some rows and its sentence as their tooltip (a team practice: who
        # took them offline, ui/offline_part.py), by participant id.
        self._notes: dict[int, str] = {}
        self._tips: dict[int, str] = {}

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_notes(self, notes: dict[int, str], tips: dict[int, str]) -> None:
        self._notes, self._tips = dict(notes), dict(tips)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

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
            tip = self._tips.get(row.id)
            return f"{row.full_name}\n{tip}" if tip else row.full_name
        if role == IdRole:
            return row.id
        if role == ArchivedRole:
            return row.archived
        if role == SubtitleRole:
            status = self.tr(STATUS_LABELS.get(row.status, row.status))
            status = self.tr("Archived") + " · " + status if row.archived else status
            note = self._notes.get(row.id)
            return f"{status} · {note}" if note else status
        return None
