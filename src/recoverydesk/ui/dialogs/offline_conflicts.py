"""Practice > Conflicts from offline… (issue 21 item 3): the records a bring-back kept beside the
server's version because both sides changed them (or the lead broke the hold), to resolve one by
one in the conflict window the team practice already has (ui/dialogs/edit_conflict.py): keep the
offline version, take the server's, or merge field by field.

The list is read on the worker and read again when anything offline changes (the change bus);
nothing of the coach's is lost while a conflict waits, so closing this list is always safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import plural, short_datetime
from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.offline.types import (
    DELETED_HERE,
    DELETED_THERE,
    EDITED_BOTH,
    HOLD_BROKEN,
    NOT_ALLOWED,
    OFFLINE,
    OfflineConflict,
)
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

KIND_WORDS = {
    EDITED_BOTH: "changed offline and on the team practice",
    DELETED_HERE: "removed offline, changed on the team practice",
    DELETED_THERE: "changed offline, removed on the team practice",
    HOLD_BROKEN: "changed offline after the lead broke the hold",
    NOT_ALLOWED: "added offline; the team practice could not take it",
}
# The conflict window's column titles, as they read for a conflict from offline.
COLUMN_WORDS = {"<b>Your version</b>": "Offline version",
                "<b>Their version (saved)</b>": "On the team practice"}
COL_WHO, COL_WHAT, COL_HOW, COL_FROM = range(4)
SHORT_SHARE = 0.45  # of the table's width, at most, for Participant, Record and From together


def offline_heading(c: OfflineConflict) -> str:
    """The conflict window's first words for a conflict from offline."""
    return (f"This {c.what} was {KIND_WORDS.get(c.kind, 'changed on both sides')} while it "
            f"was offline on {c.device_name}. Both versions are kept: the team practice's "
            "stays until you choose. Keep the offline version, take the team practice's, or "
            "choose field by field and save the merge.")


class OfflineConflictsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None,
                 names: dict[int, str] | None = None):
        super().__init__(parent)
        self.services = services
        self.names = dict(names or {})
        self.conflicts: list[OfflineConflict] = []
        self.setWindowTitle(self.tr("Conflicts from offline"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Participant"), self.tr("Record"),
                                              self.tr("What happened"), self.tr("From")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Every column in sight at 1366x768 and at 200% (960x540 logical): no sideways
        # scrolling; "What happened" takes the room left and wraps, the others are as wide as
        # their words up to a share of the table (then elided; the tooltip has it whole), and
        # each row is as tall as its wrapped words.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_HOW, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.viewport().installEventFilter(self)
        self.table.setAccessibleName(self.tr("Conflicts from offline"))
        self.table.doubleClicked.connect(lambda _index: self.resolve_current())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.resolve_button = buttons.addButton(self.tr("&Resolve…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.resolve_button.setDefault(True)
        self.resolve_button.clicked.connect(self.resolve_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_size(self, QSize(900, 440))
        change_bus().changed.connect(self._on_changed)
        self._show([])
        self.reload()

    # --- reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        offline = self.services.offline
        Op(self, lambda: offline.conflicts(), write=False).success(self._show).run()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.isVisible() and changes.touches(OFFLINE):
            self.reload()

    def _show(self, conflicts: list[OfflineConflict]) -> None:
        keep = self.current()
        self.conflicts = list(conflicts)
        self.table.setRowCount(len(self.conflicts))
        for row, c in enumerate(self.conflicts):
            who = self.names.get(c.participant_id, "") if c.participant_id else ""
            cells = (who or self.tr("(practice-wide)"), self.tr(c.what),
                     self.tr(KIND_WORDS.get(c.kind, c.kind)),
                     f"{c.device_name}\n{short_datetime(c.created_at)}")
            tips = (cells[0], cells[1], self.tr(offline_heading(c)),
                    self.tr("Brought back from %1 on %2").replace("%1", c.device_name)
                    .replace("%2", short_datetime(c.created_at)))
            for column, (text, tip) in enumerate(zip(cells, tips, strict=True)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setToolTip(tip)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        self._fit_columns()
        if self.conflicts:
            self.summary.setText(self.tr(
                "%1 from offline to choose. Nothing is lost meanwhile: the team practice keeps "
                "its version and the offline one is kept beside it.").replace(
                "%1", plural(len(self.conflicts), "record")))
            ids = [c.id for c in self.conflicts]
            self.table.selectRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        else:
            self.summary.setText(self.tr("No conflicts from offline: everything brought back "
                                         "is on the team practice."))
        self._selection_changed()

    def _fit_columns(self) -> None:
        """The short columns as wide as their words while together they take at most
        SHORT_SHARE of the table, else narrower in proportion (elided; the tooltips have the
        words whole): "What happened" keeps the rest and wraps. Then rows as tall as words."""
        room = self.table.viewport().width()
        wanted = {}
        for column in (COL_WHO, COL_WHAT, COL_FROM):
            self.table.resizeColumnToContents(column)
            wanted[column] = self.table.columnWidth(column)
        share = min(1.0, room * SHORT_SHARE / max(1, sum(wanted.values())))
        for column, width in wanted.items():
            self.table.setColumnWidth(column, max(60, int(width * share)))
        self.table.resizeRowsToContents()
        # (the stretched column takes its new width after this resize: rows again then)
        QTimer.singleShot(0, self, self.table.resizeRowsToContents)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # (another width: other wraps)
        return super().eventFilter(watched, event)

    def current(self) -> OfflineConflict | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _selection_changed(self) -> None:
        self.resolve_button.setEnabled(self.current() is not None)

    # --- resolving --------------------------------------------------------------------------
    def resolve_current(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        offline = self.services.offline
        Op(self, lambda: offline.edit_conflict(chosen.id), write=False).success(
            lambda conflict: self.show_conflict(chosen, conflict)).run()

    def show_conflict(self, chosen: OfflineConflict, conflict: EditConflict) -> Any:
        """The conflict window, with words for offline; the answer is saved on the worker (a
        record moved again meanwhile comes back to the conflict window, as every save's)."""
        from recoverydesk.ui.dialogs.edit_conflict import EditConflictDialog  # (on first use)

        dialog = EditConflictDialog(conflict, self)
        whose = self.names.get(chosen.participant_id) if chosen.participant_id else None
        # (the list holds several participants' conflicts: the window says whose this is)
        title = (self.tr("Changed offline and on the team practice: %2's %1").replace("%2", whose)
                 if whose else self.tr("Changed offline and on the team practice: this %1"))
        dialog.setWindowTitle(title.replace("%1", self.tr(chosen.what)))
        heading = dialog.findChild(QLabel, "conflictHeading")
        if heading is not None:
            heading.setText(self.tr(offline_heading(chosen)))
        for label in dialog.findChildren(QLabel):  # which version is which, in these words
            text = COLUMN_WORDS.get(label.text())
            if text:
                label.setText(f"<b>{self.tr(text)}</b>")
        for pick in dialog.picks.values():
            pick.setItemText(0, self.tr("Offline"))
            pick.setItemText(1, self.tr("Team practice"))
        dialog.cancel_button.setText(self.tr("&Decide later"))
        dialog.keep_mine_button.setToolTip(self.tr("Write the offline version over the team "
                                                   "practice's"))
        dialog.take_theirs_button.setToolTip(self.tr("Keep the team practice's version; the "
                                                     "offline one stays on record"))
        answered = dialog.exec() == QDialog.DialogCode.Accepted and dialog.resolution
        dialog.deleteLater()
        if not answered or conflict.save_again is None:
            return None
        how, draft = dialog.resolution
        Op(self, lambda: conflict.save_again(draft, how)).run()
        return how
