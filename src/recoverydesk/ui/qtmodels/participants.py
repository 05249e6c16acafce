"""The caseload list: one row per participant, fed ParticipantRow DTOs by the panel.

A QStandardItemModel, filled once per list shown: the view asks the model for its row count
and each row's data thousands of times while it lays out and paints (1,259 row counts while the
large practice opened and its busiest participant was shown), and a model written in Python
answered each from Python, waiting for the interpreter whenever the worker or a reader thread
held it. The items answer in C++.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from recoverydesk.services.participants.types import STATUS_LABELS, ParticipantRow
from recoverydesk.ui.widgets.two_line import ArchivedRole, SubtitleRole

IdRole = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParticipantListModel", text)


class ParticipantListModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        # A word under some rows and its sentence as their tooltip (a team practice: who
        # took them offline, ui/offline_part.py), by participant id.
        self._notes: dict[int, str] = {}
        self._tips: dict[int, str] = {}

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self._rows = list(rows)
        items = [self._item(row) for row in self._rows]
        self.clear()  # (a reset, as the list always was)
        if items:
            self.invisibleRootItem().appendRows(items)

    def set_notes(self, notes: dict[int, str], tips: dict[int, str]) -> None:
        self._notes, self._tips = dict(notes), dict(tips)
        if not self._rows:
            return
        blocked = self.blockSignals(True)  # one dataChanged for every row, not one each
        try:
            for i, row in enumerate(self._rows):
                self._fill(self.item(i), row)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def row_for_id(self, participant_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.id == participant_id:
                return i
        return -1

    def _item(self, row: ParticipantRow) -> QStandardItem:
        item = QStandardItem(row.display_name)
        item.setEditable(False)
        item.setData(row.id, IdRole)
        item.setData(row.archived, ArchivedRole)
        self._fill(item, row)
        return item

    def _fill(self, item: QStandardItem, row: ParticipantRow) -> None:
        tip = self._tips.get(row.id)
        item.setToolTip(f"{row.full_name}\n{tip}" if tip else row.full_name)
        status = _tr(STATUS_LABELS.get(row.status, row.status))
        status = _tr("Archived") + " · " + status if row.archived else status
        note = self._notes.get(row.id)
        item.setData(f"{status} · {note}" if note else status, SubtitleRole)
