"""The Resources window: the practice's directory of local services and groups.

Search and filter by category, add and edit, archive (never delete), mark details as checked,
refer the participant who is open in the main window, and import or export a spreadsheet. It
reads the directory again once per change on the bus (and, while hidden, when it shows again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.resources.types import ResourceDTO
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.dialogs.referral_dialog import ReferralDialog
from recoverydesk.ui.dialogs.resource_dialog import ResourceDialog
from recoverydesk.ui.directory.detail import ResourceDetail
from recoverydesk.ui.directory.filters import ResourceFilters
from recoverydesk.ui.directory.spreadsheets import Spreadsheets
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.network import ResourceTableModel
from recoverydesk.ui.screen_fit import fit_window
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, shortcut
from recoverydesk.ui.widgets.reload_when_shown import ReloadWhenShown

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def _table(model: ResourceTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    for col in range(model.columnCount()):
        header.setSectionResizeMode(
            col,
            QHeaderView.ResizeMode.Stretch
            if col in (ResourceTableModel.COL_NAME, ResourceTableModel.COL_OFFERS)
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return view


class ResourcesWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        current_participant: Callable[[], tuple[int, str] | None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self._current_participant = current_participant or (lambda: None)
        self._refresh = ReloadWhenShown(self.reload)
        self.setWindowTitle(self.tr("Resource directory"))
        self.setAccessibleName(self.tr("Resource directory"))
        fit_window(self, QSize(1200, 760))  # maximised on a screen smaller than that

        self.filters = ResourceFilters()
        self.search, self.category = self.filters.search, self.filters.category
        self.show_archived = self.filters.show_archived
        self.new_button = QPushButton(icon("plus"), self.tr("New…"))
        self.new_button.setToolTip(self.tr("Add a service or group (Ctrl+N)"))
        self.edit_button = QPushButton(icon("pencil-outline"), self.tr("Edit…"))
        self.archive_button = QPushButton(icon("archive-outline"), self.tr("Archive"))
        self.checked_button = QPushButton(icon("check-decagram-outline"), self.tr("Checked today"))
        self.checked_button.setToolTip(self.tr("You confirmed the details are still right"))
        self.refer_button = QPushButton(icon("link-variant-plus"), self.tr("Refer…"))
        self.files = Spreadsheets(self, services, self.filters.include_archived)
        self.import_button, self.export_button = self.files.import_button, self.files.export_button

        self.model = ResourceTableModel(self)
        self.view = _table(self.model)
        self.view.setAccessibleName(self.tr("Resources"))
        self.detail = ResourceDetail()
        self.empty = empty_state(
            self.tr(
                "The directory is empty. Add a local service or group with “New…”, or bring in a "
                "spreadsheet you already keep with “Import CSV…”."
            )
        )
        self.no_match = empty_state(
            self.tr("Nothing matches. Try fewer words or another category.")
        )

        actions = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.archive_button, self.checked_button,
                  self.refer_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.view, self.empty, self.no_match):
            left_layout.addWidget(widget, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 420])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 16, 16, 8)
        layout.setSpacing(8)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(body)

        self.filters.changed.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_resource())
        self.new_button.clicked.connect(self.new_resource)
        self.edit_button.clicked.connect(self.edit_resource)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.checked_button.clicked.connect(self.mark_checked)
        self.refer_button.clicked.connect(self.refer)
        here = self.tr("Resource directory")
        for keys, fn, what in (
            (QKeySequence.StandardKey.Find, self.filters.focus_search,
             self.tr("Find a resource")),
            (QKeySequence.StandardKey.New, self.new_resource, self.tr("New resource")),
            (QKeySequence.StandardKey.Close, self.close, self.tr("Close the directory")),
        ):
            shortcut(keys, self, fn, Qt.ShortcutContext.WindowShortcut, description=what, where=here)
        change_bus().changed.connect(self.on_changed)
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the directory again: the categories' counts and the list."""
        self.filters.fill_categories(self.services.resources.category_counts())
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Show what the filters ask for, keeping the selection (or selecting ``select``)."""
        selected = self.selected()
        keep = select if select is not None else (selected.id if selected else None)
        f = self.filters
        rows = self.services.resources.list(f.text(), f.category_key(), f.include_archived())
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows and not f.narrowed() and not f.include_archived())
        self.no_match.setVisible(not rows and not self.empty.isVisible())
        f.show_count(len(rows))
        row = self.model.row_for_id(keep) if keep is not None else -1
        if rows:
            self.view.selectRow(max(0, row))
        self._selection_changed()

    def on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches("resource", "referral"):
            return
        self._refresh.changed(self.isVisible())

    def showEvent(self, event) -> None:
        self._refresh.shown()
        super().showEvent(event)

    # -- selection ------------------------------------------------------------------------
    def selected(self) -> ResourceDTO | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.model.rowCount() else None

    def _selection_changed(self, *_args) -> None:
        r = self.selected()
        for b in (self.edit_button, self.archive_button, self.checked_button):
            b.setEnabled(r is not None)
        self.archive_button.setText(
            self.tr("Restore") if r is not None and r.archived else self.tr("Archive")
        )
        who = self._current_participant()
        self.refer_button.setEnabled(r is not None and who is not None and not r.archived)
        self.refer_button.setText(
            self.tr("Refer %1…").replace("%1", who[1]) if who else self.tr("Refer…")
        )
        self.refer_button.setToolTip(
            self.tr("Refer the participant open in the main window to this resource")
            if who
            else self.tr("Open a participant in the main window to refer them")
        )
        self.detail.show_resource(r)

    # -- editing ------------------------------------------------------------------------
    def new_resource(self) -> None:
        dialog = ResourceDialog(self.services, parent=self)
        if dialog.exec() and dialog.saved is not None:
            new_id = dialog.saved.id
            if self.model.row_for_id(new_id) >= 0:  # the bus has shown it already
                self.view.selectRow(self.model.row_for_id(new_id))
            else:  # the filters hide it: show everything, with it selected
                self.filters.clear()
                self.refresh(select=new_id)

    def edit_resource(self) -> None:
        r = self.selected()
        if r is not None:
            ResourceDialog(self.services, r, parent=self).exec()

    def toggle_archive(self) -> None:
        r = self.selected()
        if r is None:
            return
        archive = not r.archived
        if archive:
            answer = QMessageBox.question(
                self,
                self.tr("Archive resource"),
                self.tr(
                    "Archive %1? It leaves the directory; referrals to it are kept, and "
                    "you can restore it with “Show archived”."
                ).replace("%1", r.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        svc = self.services.resources
        Op(self, lambda: svc.set_archived(r.id, archive)).run()

    def mark_checked(self) -> None:
        r = self.selected()
        if r is not None:
            svc = self.services.resources
            Op(self, lambda: svc.mark_checked(r.id, dt.date.today())).run()

    def refer(self) -> None:
        r, who = self.selected(), self._current_participant()
        if r is None or who is None:
            return
        dialog = ReferralDialog(self.services, who[0], r.id, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage(
                self.tr("%1 referred to %2.").replace("%1", who[1]).replace("%2", r.name), 6000
            )

    def closeEvent(self, event) -> None:
        # A search still waiting for typing to pause would read a practice that may be closed
        # (or locked) by the time it fires.
        self.filters.stop()
        try:
            change_bus().changed.disconnect(self.on_changed)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)
