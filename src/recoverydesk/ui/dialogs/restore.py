"""Pick a backup to restore: a list with date and size, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import short_datetime, weekday_abbr
from recoverydesk.services.practice.types import BackupRow

BACKUP_FILTER = "RecoveryDesk backup (*.rdk);;All files (*)"


class RestoreDialog(QDialog):
    """After ``exec()``, ``chosen`` is the backup file to restore (or None)."""

    def __init__(
        self,
        rows: list[BackupRow],
        folder: Path | None = None,
        message: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setMinimumSize(640, 380)
        self.chosen: Path | None = None
        self._folder = folder
        intro = QLabel(
            message
            or self.tr(
                "Choose the backup to go back to. Your practice as it is now is backed up first, "
                "so you can always change your mind."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Size"), self.tr("File")])
        self.list.setAccessibleName(self.tr("Backups"))
        for row in rows:
            when = f"{weekday_abbr(row.taken_at.date())} {short_datetime(row.taken_at)}"
            item = QTreeWidgetItem([when, row.size_label, row.name])
            item.setData(0, Qt.ItemDataRole.UserRole, str(row.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        for col in range(3):
            self.list.resizeColumnToContents(col)
        self.empty = QLabel(
            self.tr(
                "No backups yet. RecoveryDesk makes one when you close it "
                "and every few hours while you work."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not rows)
        self.where = QLabel(
            self.tr("Backups are kept in %1").replace("%1", str(folder)) if folder else ""
        )
        self.where.setProperty("role", "muted")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setVisible(folder is not None)
        self.other = QPushButton(self.tr("Restore from another file…"))
        self.other.clicked.connect(self._pick_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda *_: self._accept())
        self.list.currentItemChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.list.currentItem() is not None)
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.where)
        layout.addWidget(buttons)
        if rows:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.restore_button.setEnabled(bool(rows))

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(0, Qt.ItemDataRole.UserRole))
        self.accept()

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a file"), str(self._folder or Path.home()), BACKUP_FILTER
        )
        if path:
            self.chosen = Path(path)
            self.accept()
