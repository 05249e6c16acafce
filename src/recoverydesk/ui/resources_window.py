"""The Resources window: the practice's directory of local services and groups.

Search and filter by category, add and edit, archive (never delete), mark details as checked,
refer the participant who is open in the main window, and import or export a spreadsheet (CSV).
Opened from View › Resource directory (installed by ``install(window)``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.services.resources.csv_file import CsvImportError
from recoverydesk.services.resources.service import CATEGORY_LABELS, ImportResult, ResourceDTO
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui import theme
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.dialogs.referral_dialog import ReferralDialog
from recoverydesk.ui.dialogs.resource_dialog import ResourceDialog
from recoverydesk.ui.errors import show_error
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.network import ResourceTableModel
from recoverydesk.ui.screen_fit import fit_window
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, format_date, shortcut

CSV_FILTER = "Spreadsheet (CSV) (*.csv);;All files (*)"
# Excel's "Unicode text" saves .txt; a workbook (.xlsx) is read directly.
IMPORT_FILTER = "Spreadsheet (*.csv *.xlsx *.txt);;All files (*)"


def resource_html(r: ResourceDTO, tr: Callable[[str], str]) -> str:
    esc = html.escape
    muted, attention = theme.muted().name(), theme.attention().name()
    parts = [
        f"<h2 style='margin-bottom:2px'>{esc(r.name)}</h2>",
        f"<p style='color:{muted};margin-top:0'>{esc(tr(r.category_label))}"
        + (f" · {esc(tr('archived'))}" if r.archived else "")
        + "</p>",
    ]
    if r.offers:
        parts.append(f"<p>{esc(r.offers)}</p>")
    facts = [
        (tr("Who is eligible"), r.eligibility),
        (tr("Cost"), r.cost),
        (tr("Opening hours"), r.opening_hours),
        (tr("Address"), r.address),
        (tr("Phone"), r.phone),
        (tr("Email"), r.email),
    ]
    rows = "".join(
        f"<tr><td style='color:{muted};padding-right:12px;vertical-align:top'>{esc(k)}</td>"
        f"<td>{esc(v)}</td></tr>"
        for k, v in facts
        if v
    )
    if r.website:
        href = r.website if "://" in r.website else f"https://{r.website}"
        rows += (
            f"<tr><td style='color:{muted};padding-right:12px'>{esc(tr('Website'))}</td>"
            f"<td><a href='{esc(href, quote=True)}'>{esc(r.website)}</a></td></tr>"
        )
    if rows:
        parts.append(f"<table cellspacing='0' cellpadding='3'>{rows}</table>")
    if r.tag_list:
        parts.append(
            f"<p style='color:{muted}'>{esc(tr('Tags'))}: {esc(', '.join(r.tag_list))}</p>"
        )
    if r.notes:
        parts.append(f"<p><b>{esc(tr('Notes'))}</b><br>{esc(r.notes)}</p>")
    checked = format_date(r.last_checked) or tr("never")
    colour = attention if r.needs_checking() else muted
    extra = (" " + tr("Worth a quick call to confirm the details.")) if r.needs_checking() else ""
    parts.append(
        f"<p style='color:{colour}'>{esc(tr('Details last checked'))}: "
        f"{esc(checked)}.{esc(extra)}</p>"
    )
    if r.open_referrals:
        parts.append(
            f"<p style='color:{muted}'>"
            + esc(
                tr("1 open referral from your caseload.")
                if r.open_referrals == 1
                else tr("%1 open referrals from your caseload.").replace(
                    "%1", str(r.open_referrals)
                )
            )
            + "</p>"
        )
    return "".join(parts)


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
        self._pending_select: int | None = None
        self.setWindowTitle(self.tr("Resource directory"))
        self.setAccessibleName(self.tr("Resource directory"))
        fit_window(self, QSize(1200, 760))  # maximised on a screen smaller than that

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search: name, what it offers, who it is for, tags…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search resources"))
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")

        self.new_button = QPushButton(icon("plus"), self.tr("New…"))
        self.new_button.setToolTip(self.tr("Add a service or group (Ctrl+N)"))
        self.edit_button = QPushButton(icon("pencil-outline"), self.tr("Edit…"))
        self.archive_button = QPushButton(icon("archive-outline"), self.tr("Archive"))
        self.checked_button = QPushButton(icon("check-decagram-outline"), self.tr("Checked today"))
        self.checked_button.setToolTip(self.tr("You confirmed the details are still right"))
        self.refer_button = QPushButton(icon("link-variant-plus"), self.tr("Refer…"))
        self.import_button = QPushButton(icon("file-import-outline"), self.tr("Import CSV…"))
        self.import_button.setToolTip(
            self.tr(
                "Bring in a spreadsheet of services. Nothing is added unless every row is right."
            )
        )
        self.export_button = QPushButton(icon("file-export-outline"), self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save the directory as a spreadsheet"))

        self.model = ResourceTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Resources"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if col in (ResourceTableModel.COL_NAME, ResourceTableModel.COL_OFFERS)
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(col, mode)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        self.detail.setAccessibleName(self.tr("Resource details"))
        self.empty = empty_state(
            self.tr(
                "The directory is empty. Add a local service or group with “New…”, or bring in a "
                "spreadsheet you already keep with “Import CSV…”."
            )
        )
        self.no_match = empty_state(
            self.tr("Nothing matches. Try fewer words or another category.")
        )

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.show_archived)
        filters.addWidget(self.count_label)
        actions = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.archive_button,
            self.checked_button,
            self.refer_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty, 1)
        left_layout.addWidget(self.no_match, 1)
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
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(body)

        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_resource())
        self.new_button.clicked.connect(self.new_resource)
        self.edit_button.clicked.connect(self.edit_resource)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.checked_button.clicked.connect(self.mark_checked)
        self.refer_button.clicked.connect(self.refer)
        self.import_button.clicked.connect(self.import_csv)
        self.export_button.clicked.connect(self.export_csv)
        here = self.tr("Resource directory")
        for keys, fn, what in (
            (QKeySequence.StandardKey.Find, self._focus_search, self.tr("Find a resource")),
            (QKeySequence.StandardKey.New, self.new_resource, self.tr("New resource")),
            (QKeySequence.StandardKey.Close, self.close, self.tr("Close the directory")),
        ):
            shortcut(keys, self, fn, Qt.ShortcutContext.WindowShortcut, description=what, where=here)
        change_bus().changed.connect(self.on_changed)
        self._fill_categories()
        self.refresh()

    # -- loading ------------------------------------------------------------------------
    def _fill_categories(self) -> None:
        current = self.category.currentData()
        counts = self.services.resources.category_counts()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(
            self.tr("All categories (%1)").replace("%1", str(sum(counts.values()))), None
        )
        for key, text in CATEGORY_LABELS.items():
            self.category.addItem(f"{self.tr(text)} ({counts.get(key, 0)})", key)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(0, index))
        self.category.blockSignals(False)

    def refresh(self) -> None:
        selected = self.selected()
        keep = self._pending_select or (selected.id if selected else None)
        self._pending_select = None
        rows = self.services.resources.list(
            self.search.text(), self.category.currentData(), self.show_archived.isChecked()
        )
        self.model.set_rows(rows)
        filtered = bool(self.search.text().strip()) or self.category.currentData() is not None
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows and not filtered and not self.show_archived.isChecked())
        self.no_match.setVisible(not rows and not self.empty.isVisible())
        self.count_label.setText(self.tr("%1 shown").replace("%1", str(len(rows))))
        row = self.model.row_for_id(keep) if keep is not None else -1
        if rows:
            self.view.selectRow(max(0, row))
        self._selection_changed()

    def on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches("resource", "referral"):
            return
        if not self.isVisible():
            # Hidden (the practice locked, or the window put away): read the practice when it
            # shows again, not now, when it may be locked or closed.
            self._changed_while_hidden = True
            return
        self._fill_categories()
        self.refresh()

    def showEvent(self, event) -> None:
        if getattr(self, "_changed_while_hidden", False):
            self._changed_while_hidden = False
            self._fill_categories()
            self.refresh()
        super().showEvent(event)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

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
        self.detail.setHtml(resource_html(r, self.tr) if r is not None else "")
        self.detail.setVisible(r is not None)

    # -- editing ------------------------------------------------------------------------
    def new_resource(self) -> None:
        dialog = ResourceDialog(self.services, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.search.clear()
            self.category.setCurrentIndex(0)
            self._pending_select = dialog.saved.id
            self.refresh()

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
        Op(self, lambda: self.services.resources.set_archived(r.id, archive)).emits(
            ChangeSet.of("resource")
        ).run()

    def mark_checked(self) -> None:
        r = self.selected()
        if r is not None:
            Op(self, lambda: self.services.resources.mark_checked(r.id, dt.date.today())).emits(
                ChangeSet.of("resource")
            ).run()

    def refer(self) -> None:
        r, who = self.selected(), self._current_participant()
        if r is None or who is None:
            return
        dialog = ReferralDialog(self.services, who[0], r.id, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.statusBar().showMessage(
                self.tr("%1 referred to %2.").replace("%1", who[1]).replace("%2", r.name), 6000
            )

    # -- CSV ----------------------------------------------------------------------------
    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import resources from a spreadsheet"), "", IMPORT_FILTER
        )
        if not path:
            return
        Op(self, lambda: self.services.resources.import_csv(Path(path))).emits(
            ChangeSet.of("resource")
        ).success(self._imported).failure(self._import_failed).with_progress(
            self.tr("Importing…")
        ).run()

    def _imported(self, result: ImportResult) -> None:
        text = (
            self.tr("%1 added, %2 updated (same name and category).")
            .replace("%1", str(result.added))
            .replace("%2", str(result.updated))
        )
        self.statusBar().showMessage(self.tr("Resources imported: ") + text, 10_000)
        notes = "".join("\n\n" + note for note in result.notes)  # e.g. an encoding guessed
        QMessageBox.information(
            self, self.tr("Import finished"), self.tr("Resources imported: ") + text + notes
        )

    def _import_failed(self, error: BaseException) -> None:
        if isinstance(error, CsvImportError):
            lines = str(error).split("\n")
            show_error(
                lines[0] + "\n\n" + "\n".join(lines[1:]),
                parent=self,
                title=self.tr("Nothing was imported"),
            )
            return
        if isinstance(error, OSError):
            show_error(
                self.tr("The file could not be read: %1").replace(
                    "%1", error.strerror or str(error)
                ),
                parent=self,
            )
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the resource directory"), "resources.csv", CSV_FILTER
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        archived = self.show_archived.isChecked()
        Op(
            self, lambda: self.services.resources.export_csv(Path(path), archived), write=False
        ).success(
            lambda n: self.statusBar().showMessage(
                self.tr("Wrote %1 resources to %2.")
                .replace("%1", str(n))
                .replace("%2", Path(path).name),
                10_000,
            )
        ).run()

    def closeEvent(self, event) -> None:
        # A search still waiting for typing to pause would read a practice that may be closed
        # (or locked) by the time it fires.
        self._search_timer.stop()
        try:
            change_bus().changed.disconnect(self.on_changed)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)


def install(window) -> None:
    """View › Resource directory (Ctrl+Shift+D) in the main window."""

    def current_participant() -> tuple[int, str] | None:
        pid = window.current_participant_id()
        if pid is None or window.services is None:
            return None
        return pid, window.services.participants.get(pid).display_name

    def open_directory() -> None:
        if window.services is None:
            return
        existing = getattr(window, "_resources_window", None)
        if existing is None or existing.services is not window.services:
            if existing is not None:
                existing.close()
            existing = ResourcesWindow(window.services, current_participant, window)
            existing.setWindowFlag(Qt.WindowType.Window, True)
            window._resources_window = existing
        existing._selection_changed()
        existing.show()
        existing.raise_()
        existing.activateWindow()

    action = window.commands.add(
        "resource_directory",
        window.tr("&Resource directory"),
        open_directory,
        shortcut="Ctrl+Shift+D",  # Ctrl+Shift+R starts a Recovery Star reading
        icon_name="book-open-page-variant-outline",
        tip=window.tr("Local services and groups you refer people to"),
    )
    window.view_menu.addAction(action)
    action.setEnabled(window.services is not None)

    def on_opened() -> None:
        action.setEnabled(True)
        existing = getattr(window, "_resources_window", None)
        if existing is not None and existing.services is not window.services:
            existing.close()
            window._resources_window = None

    window.practice_opened.connect(on_opened)
