"""The table of scores by date on the Recovery Star tab: one row per domain (named in the row
header, so the names stay in view while the dates scroll), one column per reading (oldest
first), then the distance travelled (latest minus first) beside the latest."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from recoverydesk.charts import theme
from recoverydesk.services.star.types import ReadingDTO
from recoverydesk.ui.widgets.common import format_date

FIRST_READING_COL = 0


class StarScoresModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._domains: list[tuple[str, str]] = []
        self._readings: list[ReadingDTO] = []

    def set_rows(self, domains: list[tuple[str, str]], readings: list[ReadingDTO]) -> None:
        self.beginResetModel()
        self._domains = list(domains)
        self._readings = sorted(readings, key=lambda r: (r.taken_on, r.id))
        self.endResetModel()

    @property
    def change_column(self) -> int:
        return FIRST_READING_COL + len(self._readings)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._domains)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or not self._domains:
            return 0
        return FIRST_READING_COL + len(self._readings) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._domains[section][1]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.change_column:
            return self.tr("Change")
        return format_date(self._readings[section - FIRST_READING_COL].taken_on)

    def _change(self, key: str) -> int | None:
        scored = [r.scores.get(key) for r in self._readings if r.scores.get(key) is not None]
        return scored[-1] - scored[0] if len(scored) > 1 else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, _label = self._domains[index.row()]
        col = index.column()
        if col == self.change_column:
            change = self._change(key)
            if role == Qt.ItemDataRole.DisplayRole:
                return "" if change is None else (f"+{change}" if change > 0 else str(change))
            if role == Qt.ItemDataRole.ForegroundRole and change:
                return QColor(theme.SUCCESS if change > 0 else theme.ATTENTION)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Distance travelled: latest minus first")
            return None
        reading = self._readings[col - FIRST_READING_COL]
        score = reading.scores.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return "\u2013" if score is None else str(score)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and score is None:
            return QColor(theme.MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key not in dict(reading.domains):
                return self.tr("Not part of the template used then")
            text = self.tr("Not scored") if score is None else reading.stages.get(key, "")
            note = reading.notes.get(key, "")
            return f"{text}\n{note}" if note else text
        return None
