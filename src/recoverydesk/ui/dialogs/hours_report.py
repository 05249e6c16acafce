"""Hours delivered across the practice in one month, per participant: what a coach checks before
claiming. Copy it, save it as CSV, or double-click a person to open their Sessions tab."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import dates
from recoverydesk.private_files import write_atomic
from recoverydesk.ui.icons import icon
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, label
from recoverydesk.ui.widgets.hours_table import HoursTable, hours_cells

MONTHS_BACK = 24


def month_bounds(first: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month starting ``first``."""
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def recent_months(today: dt.date, count: int = MONTHS_BACK) -> list[dt.date]:
    """The first day of this month and of the ``count - 1`` before it, newest first."""
    out, day = [], today.replace(day=1)
    for _ in range(count):
        out.append(day)
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return out


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Owner-only, whole or not at all (write_atomic: nothing half-written is left behind)."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    # with a byte-order mark, or Excel on Windows shows "Zoë" as "ZoÃ«"
    write_atomic(path, out.getvalue().encode("utf-8-sig"))


class HoursReportDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.main_window = window
        self.setWindowTitle(self.tr("Hours delivered"))
        fit_size(self, QSize(820, 620))
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        for first in recent_months(dt.date.today()):
            self.month.addItem(dates.short_month(first), first.isoformat())
        self.summary = label("", "muted")
        self.table = HoursTable("Participant")
        self.table.setAccessibleName(self.tr("Hours per participant"))
        self.empty = empty_state(self.tr("No completed sessions in this month."))
        self.copy_button = QPushButton(icon("content-copy"), self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the table, to paste into a spreadsheet"))
        self.save_button = QPushButton(icon("file-delimited-outline"), self.tr("Save as CSV…"))
        close = QPushButton(self.tr("Close"))
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Completed sessions in"), wrap=False))
        top.addWidget(self.month)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(label(self.tr("Double-click a person to open their sessions."),
                                "muted"), 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.month.currentIndexChanged.connect(self.refresh)
        self.table.cellDoubleClicked.connect(self._open_row)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save_csv)
        close.clicked.connect(self.accept)
        self.refresh()

    def current_month(self) -> dt.date:
        return dt.date.fromisoformat(self.month.currentData())

    def select_month(self, first: dt.date) -> None:
        self.month.setCurrentIndex(max(0, self.month.findData(first.replace(day=1).isoformat())))

    def refresh(self) -> None:
        services = self.main_window.services
        if services is None:
            return
        first, last = month_bounds(self.current_month())
        rows = services.sessions.hours_by_participant(first, last)
        total = None
        if rows:
            total = [str(sum(r.sessions for r in rows)), f"{sum(r.hours for r in rows):.1f}",
                     f"{sum(r.face_to_face_hours for r in rows):.1f}",
                     f"{sum(r.other_hours for r in rows):.1f}",
                     f"{round(sum(r.travel_km for r in rows), 1):g}",
                     str(sum(r.travel_minutes for r in rows))]
        self.table.set_rows([(r.participant_name, hours_cells(r), r.participant_id)
                             for r in rows], total)
        has = bool(rows)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        self.copy_button.setEnabled(has)
        self.save_button.setEnabled(has)
        people = self.tr("1 person") if len(rows) == 1 else \
            self.tr("%1 people").replace("%1", str(len(rows)))
        self.summary.setText(
            self.tr("%1 · %2 sessions · %3 hours").replace("%1", people)
            .replace("%2", total[0]).replace("%3", total[1]) if has else "")

    def _open_row(self, row: int, _col: int) -> None:
        pid = self.table.row_data(row)
        if pid is not None:
            self.accept()
            self.main_window.open_participant(int(pid), "sessions")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(
            "\n".join("\t".join(r) for r in self.table.as_rows()))

    def save_csv(self) -> None:
        first = self.current_month()
        suggested = str(Path.home() / f"hours-{first:%Y-%m}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save hours"), suggested,
                                              self.tr("CSV file (*.csv)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".csv") else Path(path + ".csv")
        rows = self.table.as_rows()
        Op(self, lambda: write_csv(target, rows), write=False).success(
            lambda _r: self.summary.setText(self.tr("Saved to %1.").replace("%1", target.name))
        ).run()
