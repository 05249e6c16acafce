"""A read-only table of hours delivered: one row per month (a participant's Sessions tab) or per
participant (the practice's month), numbers right-aligned, with an optional total row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.widgets.common import label, month_name

HOURS_COLUMNS = ("Sessions", "Hours", "Face to face", "Phone or video", "Travel km",
                 "Travel min")
NARROW_COLUMNS = ("Sessions", "Hours", "Face to face", "Travel km")  # for a side pane


def hours_cells(row, columns: tuple[str, ...] = HOURS_COLUMNS) -> list[str]:
    """The number columns of a ``MonthHours`` or ``ParticipantHours``."""
    cells = {"Sessions": str(row.sessions), "Hours": f"{row.hours:.1f}",
             "Face to face": f"{row.face_to_face_hours:.1f}",
             "Phone or video": f"{row.other_hours:.1f}", "Travel km": f"{row.travel_km:g}",
             "Travel min": str(row.travel_minutes)}
    return [cells[c] for c in columns]


class HoursTable(QTableWidget):
    def __init__(self, first_column: str, columns: tuple[str, ...] = HOURS_COLUMNS,
                 parent=None):
        super().__init__(0, 1 + len(columns), parent)
        self.columns = columns
        self.setHorizontalHeaderLabels([self.tr(first_column)] + [self.tr(c) for c in columns])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table (it went round its cells for good)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def set_rows(self, rows: list[tuple[str, list[str], object]],
                 total: list[str] | None = None) -> None:
        """``rows``: (first column text, number cells, data kept on the row)."""
        self.setRowCount(len(rows) + (1 if total else 0))
        for r, (name, cells, data) in enumerate(rows):
            self._set_row(r, [name, *cells], data)
        if total:
            self._set_row(len(rows), [self.tr("Total"), *total], None, bold=True)

    def _set_row(self, r: int, texts: list[str], data, bold: bool = False) -> None:
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, data)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.setItem(r, c, item)

    def row_data(self, row: int):
        item = self.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def as_rows(self) -> list[list[str]]:
        """Header and every row, as text (for copying or saving as CSV)."""
        head = [self.horizontalHeaderItem(c).text() for c in range(self.columnCount())]
        return [head] + [[self.item(r, c).text() for c in range(self.columnCount())]
                         for r in range(self.rowCount())]


class MonthlyHours(QWidget):
    """A participant's past twelve months: a sentence with the totals over a table by month
    (newest first)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.total = label("", "muted")
        self.table = HoursTable("Month", NARROW_COLUMNS)
        self.table.setAccessibleName(self.tr("Hours delivered by month"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.table, 1)

    def show_summary(self, summary) -> None:
        """``summary``: a ``SessionSummary``."""
        self.table.set_rows([(month_name(m.month), hours_cells(m, NARROW_COLUMNS), None)
                             for m in reversed(summary.by_month)])
        if summary.completed:
            self.total.setText(self.tr(
                "Past 12 months: %1 sessions, %2 hours (%3 face to face, %4 by phone or "
                "video), %5 km travel.").replace("%1", str(summary.completed))
                .replace("%2", f"{summary.hours:.1f}")
                .replace("%3", f"{summary.face_to_face_hours:.1f}")
                .replace("%4", f"{summary.other_hours:.1f}")
                .replace("%5", f"{summary.travel_km:g}"))
        else:
            self.total.setText(self.tr("No completed sessions in the past 12 months."))
