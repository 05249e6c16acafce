"""The Claims view's "Claim files" tab: every bulk claim file written (a batch), whether it was
marked claimed, and the two things to do with one that was not: mark it claimed once uploaded,
or set it aside (it was never uploaded: its lines are free to change and write again)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.icons import icon
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_date, format_datetime, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

Batch = tuple[int, dt.date, dt.date, str, "dt.datetime | None"]


class BatchesPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Claim files written"))
        self.mark_button = QPushButton(icon("check-all"), self.tr("&Mark claimed"))
        self.mark_button.setToolTip(self.tr("The file was uploaded to the portal: its lines are "
                                            "claimed, for good"))
        self.aside_button = QPushButton(icon("undo-variant"), self.tr("Set a&side"))
        self.aside_button.setToolTip(self.tr("The file was not uploaded: free its lines to be "
                                             "changed and written again"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.aside_button)
        buttons.addStretch(1)
        self.empty = label(self.tr("No claim file written yet. “Write bulk claim file…” puts "
                                   "the ready lines of NDIA-managed participants in one."),
                           "muted")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.mark_button.clicked.connect(lambda: self.mark_claimed(self.selected()))
        self.aside_button.clicked.connect(lambda: self.set_aside(self.selected()))
        self.list.currentRowChanged.connect(self._selection_changed)
        self._batches: list[Batch] = []

    def reload(self) -> None:
        keep = self.selected()
        self._batches = self.services.claims.batches()
        self.list.clear()
        for batch_id, start, end, names, claimed_at in self._batches:
            when = (self.tr("claimed %1").replace("%1", format_datetime(claimed_at))
                    if claimed_at else self.tr("written, not yet marked claimed"))
            text = (f"{self.tr('Batch')} {batch_id}: {format_date(start)} – {format_date(end)} · "
                    f"{names.replace(',', ', ')} · {when}")
            item = QListWidgetItem(icon("check-circle-outline" if claimed_at
                                        else "file-clock-outline"), text)
            item.setData(Qt.ItemDataRole.UserRole, batch_id)
            self.list.addItem(item)
        ids = [b[0] for b in self._batches]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        self.list.setVisible(bool(ids))
        self.empty.setVisible(not ids)
        self._selection_changed()

    def selected(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _claimed(self, batch_id: int | None) -> bool:
        return any(b[0] == batch_id and b[4] is not None for b in self._batches)

    def _selection_changed(self, *_args) -> None:
        batch_id = self.selected()
        open_batch = batch_id is not None and not self._claimed(batch_id)
        self.mark_button.setEnabled(open_batch)
        self.aside_button.setEnabled(open_batch)

    def mark_claimed(self, batch_id: int | None) -> None:
        if batch_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Mark batch claimed"),
            self.tr("Was batch %1 uploaded to the provider portal? Its lines become claimed and "
                    "can never be claimed again.").replace("%1", str(batch_id)))
        if answer == QMessageBox.StandardButton.Yes:
            claims = self.services.claims
            Op(self, lambda: claims.mark_batch_claimed(batch_id)).run()

    def set_aside(self, batch_id: int | None) -> None:
        if batch_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Set the claim file aside"),
            self.tr("Set batch %1 aside? Do this only if the file was not uploaded: its lines "
                    "become ready again, to change or write into a new file.")
            .replace("%1", str(batch_id)))
        if answer == QMessageBox.StandardButton.Yes:
            claims = self.services.claims
            Op(self, lambda: claims.set_aside_batch(batch_id)).run()
