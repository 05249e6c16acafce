"""The Claims view: the coach's place to review NDIS claim lines and claim them.

Lines are drawn from the completed sessions (never typed twice), filtered by period and
participant, changed with a reason that is kept, written into the portal's bulk claim file as a
batch, and marked claimed once uploaded (the practice then refuses to claim them again). A line
the portal rejected is marked with its reason and can be reopened. Plan- and self-managed lines
are invoiced, never in the bulk file: ``invoice_requested`` asks the window's invoicing part.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import plural
from recoverydesk.services.claims.types import BulkWritten, ClaimLineRow, Derived
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.claims.batches import BatchesPanel
from recoverydesk.ui.claims.filters import ClaimsFilters
from recoverydesk.ui.claims.invoices import InvoicesPanel
from recoverydesk.ui.claims.line_dialogs import EditLineDialog, RejectLineDialog
from recoverydesk.ui.claims.notice import Notice
from recoverydesk.ui.claims.summary import DeadlineBand, totals_text
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.claims import ClaimLineModel, invoiced
from recoverydesk.ui.screen_fit import fit_window
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, format_date, label, shortcut
from recoverydesk.ui.widgets.reload_when_shown import ReloadWhenShown

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

WATCHED = ("claim_line", "claim_batch", "claim_details", "participant_funding", "price_list",
           "participant", "invoice")


def _table(model: ClaimLineModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(ClaimLineModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
    return view


class ClaimsWindow(QMainWindow):
    invoice_requested = Signal(int, object, object)  # participant id, from, to

    def __init__(self, services: Services, parent: QWidget | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.services = services
        self._today = today
        self._refresh = ReloadWhenShown(self.reload)
        self._names: dict[str, str] = {}
        self.invoicing = False  # the window has an invoicing part (see set_invoicing)
        self.setWindowTitle(self.tr("Claims"))
        self.setAccessibleName(self.tr("Claims"))
        fit_window(self, QSize(1200, 760))

        self.filters = ClaimsFilters(today)
        self.band = DeadlineBand()
        self.derive_button = QPushButton(icon("table-arrow-down"),
                                         self.tr("&Draw lines from sessions"))
        self.derive_button.setToolTip(self.tr("Make claim lines from the completed sessions of "
                                              "the period (claimed and edited lines stay)"))
        self.edit_button = QPushButton(icon("pencil-outline"), self.tr("&Edit line…"))
        self.reject_button = QPushButton(icon("close-circle-outline"), self.tr("Re&ject…"))
        self.reject_button.setToolTip(self.tr("The portal rejected this claimed line"))
        self.reopen_button = QPushButton(icon("restore"), self.tr("Re&open"))
        self.reopen_button.setToolTip(self.tr("Make a rejected line ready to claim again"))
        self.invoice_button = QPushButton(icon("file-document-outline"), self.tr("&Invoice…"))
        self.invoice_button.setToolTip(self.tr("Plan- and self-managed lines are invoiced"))
        self.invoice_button.hide()
        self.write_button = QPushButton(icon("file-upload-outline"),
                                        self.tr("&Write bulk claim file…"))
        self.write_button.setToolTip(self.tr("The ready lines of NDIA-managed participants in "
                                             "the period, for the provider portal"))
        self.write_button.setProperty("primary", True)
        self.notice = Notice()

        self.model = ClaimLineModel(self)
        self.view = _table(self.model)
        self.view.setAccessibleName(self.tr("Claim lines"))
        self.empty = empty_state(self.tr(
            "No claim lines in this period. “Draw lines from sessions” makes them from the "
            "completed sessions, priced from the NDIS price list."))
        self.detail = label("", "muted")
        self.totals = label("")
        self.totals.setObjectName("claimsTotals")
        self.batches = BatchesPanel(services)
        self.invoices = InvoicesPanel(services)

        # The line's commands, then the files': one row, or two in a narrow window.
        self._line_actions, self._file_actions = QHBoxLayout(), QHBoxLayout()
        for b in (self.derive_button, self.edit_button, self.reject_button, self.reopen_button):
            self._line_actions.addWidget(b)
        self._file_actions.addStretch(1)
        self._file_actions.addWidget(self.invoice_button)
        self._file_actions.addWidget(self.write_button)
        actions = self._actions = QGridLayout()
        actions.setColumnStretch(1, 1)
        self._narrow: bool | None = None
        self._arrange(narrow=False)
        lines_tab = QWidget()
        lines_layout = QVBoxLayout(lines_tab)
        lines_layout.setContentsMargins(0, 8, 0, 0)
        lines_layout.addWidget(self.view, 1)
        lines_layout.addWidget(self.empty, 1)
        lines_layout.addWidget(self.detail)
        lines_layout.addWidget(self.totals)
        self.tabs = QTabWidget()
        self.tabs.addTab(lines_tab, self.tr("Claim &lines"))
        self.tabs.addTab(self.batches, self.tr("Claim &files"))
        self.tabs.addTab(self.invoices, self.tr("Invoi&ces"))
        body = QWidget()
        layout = self._body = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        layout.addWidget(self.filters)
        layout.addWidget(self.band)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        # On a short screen (1366x768 at 200%) the view scrolls rather than crush the table.
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 6)
        scroller = QScrollArea()
        scroller.setWidget(body)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.setCentralWidget(scroller)
        self._texts = {b: (b.text(), short) for b, short in (
            (self.derive_button, self.tr("&Draw lines")), (self.edit_button, self.tr("&Edit…")),
            (self.write_button, self.tr("&Write claim file…")))}

        self.filters.changed.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_line())
        self.derive_button.clicked.connect(self.derive)
        self.edit_button.clicked.connect(self.edit_line)
        self.reject_button.clicked.connect(self.reject_line)
        self.reopen_button.clicked.connect(self.reopen_line)
        self.invoice_button.clicked.connect(self.invoice)
        self.write_button.clicked.connect(self.write_bulk_file)
        shortcut(QKeySequence.StandardKey.Close, self, self.close,
                 Qt.ShortcutContext.WindowShortcut, description=self.tr("Close the claims"),
                 where=self.tr("Claims"))
        change_bus().changed.connect(self.on_changed)
        if parent is not None:  # closes with the main window (it would outlive its practice)
            parent.installEventFilter(self)
        self.reload()

    def resizeEvent(self, event) -> None:
        """Shorter button words in a narrow window (their tooltips say it in full)."""
        self._arrange(narrow=event.size().width() < 1000)
        super().resizeEvent(event)

    def _arrange(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for button, (full, short) in getattr(self, "_texts", {}).items():
            button.setText(short if narrow else full)
        if hasattr(self, "_body"):
            self._body.setContentsMargins(*((6, 6, 6, 4) if narrow else (16, 12, 16, 8)))
        for row in (self._line_actions, self._file_actions):
            self._actions.removeItem(row)
        self._actions.addLayout(self._line_actions, 0, 0)
        self._actions.addLayout(self._file_actions, 1 if narrow else 0, 0 if narrow else 1)
        # Narrow: every column as wide as its words, the table scrolling sideways.
        self.view.horizontalHeader().setSectionResizeMode(
            ClaimLineModel.COL_ITEM, QHeaderView.ResizeMode.ResizeToContents if narrow
            else QHeaderView.ResizeMode.Stretch)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the practice again: who may be chosen, the item names, the lines, the files."""
        people = self.services.participants.list(include_archived=True)
        self.filters.fill_participants([(p.id, p.display_name) for p in people])
        self._names = self.services.claims.item_names()
        self.refresh()
        self.batches.reload()

    def refresh(self, *_args, select: int | None = None) -> None:
        selected = self.selected()
        keep = select if select is not None else (selected.id if selected else None)
        start, end = self.filters.dates()
        rows = self.services.claims.lines(start, end, self.filters.participant_id())
        numbers = self.services.invoices.invoiced_lines([r.id for r in rows]) if rows else {}
        self.model.set_rows(rows, self._names, numbers)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.totals.setText(totals_text(rows, numbers))
        self.band.show_lines(self.services.claims.nearing_deadline(self.today()), self.today())
        row = self.model.row_for_id(keep) if keep is not None else -1
        if rows:
            self.view.selectRow(max(0, row))
        self._selection_changed()
        self.invoices.reload(self.filters.participant_id())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.close()
        return False

    def on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches(*WATCHED) or not self.services.practice.is_open:
            return
        self._refresh.changed(self.isVisible())

    def showEvent(self, event) -> None:
        self._refresh.shown()
        super().showEvent(event)

    # -- selection ---------------------------------------------------------------------------
    def selected(self) -> ClaimLineRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selection_changed(self, *_args) -> None:
        line = self.selected()
        status = line.status if line else ""
        in_file = line is not None and status == "ready" and line.batch_id is not None
        number = self.model.invoice_number(line) if line else ""
        self.edit_button.setEnabled(line is not None and status != "claimed" and not in_file
                                    and not number)
        self.edit_button.setToolTip(
            self.tr("On invoice %1: void it (Invoices tab) to change the line")
            .replace("%1", number) if number else
            self.tr("In a claim file already written: mark that file claimed, or set it aside "
                    "to change the line") if in_file else
            self.tr("A claimed line can't be changed") if status == "claimed" else
            self.tr("Change the quantity, price or claim type, saying why"))
        self.reject_button.setEnabled(status == "claimed")
        self.reopen_button.setEnabled(status == "rejected")
        self.invoice_button.setVisible(self.invoicing)
        self.invoice_button.setEnabled(self._invoice_for() is not None)
        self.detail.setText(self._describe(line) if line else "")

    def _describe(self, line: ClaimLineRow) -> str:
        name = self._names.get(line.support_number, "")
        parts = [f"{line.claim_reference} · {line.support_number}" + (f" {name}" if name else "")]
        if line.edit_reason:
            parts.append(self.tr("Changed by hand: %1").replace("%1", line.edit_reason))
        if line.rejection_reason:
            parts.append(self.tr("Rejected by the portal: %1").replace("%1",
                                                                       line.rejection_reason))
        number = self.model.invoice_number(line)
        if number:
            parts.append(self.tr("On invoice %1").replace("%1", number))
        elif invoiced(line):
            parts.append(self.tr("Invoiced, not in the bulk claim file"))
        return " · ".join(parts)

    # -- commands ----------------------------------------------------------------------------
    def derive(self) -> None:
        start, end = self.filters.dates()
        pid, claims = self.filters.participant_id(), self.services.claims
        (Op(self, lambda: claims.derive(start, end, pid))
         .with_progress(self.tr("Drawing claim lines from the sessions…"))
         .success(self._derived).run())

    def _derived(self, result: Derived) -> None:
        names = {p.id: p.display_name
                 for p in self.services.participants.list(include_archived=True)}
        counts = self.tr("%1 new, %2 updated, %3 removed.").replace("%1", str(result.added)) \
            .replace("%2", str(result.updated)).replace("%3", str(result.removed))
        title = self.tr("Lines drawn from the sessions of %1: %2") \
            .replace("%1", self.filters.describe()).replace("%2", counts)
        held = [f"{names.get(h.participant_id, '?')}, {format_date(h.day)}: {h.reason}"
                for h in result.held_back]
        if held:
            title += " " + self.tr("%1 held back, and why:").replace(
                "%1", plural(len(held), self.tr("session")))
        self.notice.say("warning" if held else "done", title, held)

    def edit_line(self) -> None:
        line = self.selected()
        if line is not None and self.edit_button.isEnabled():
            EditLineDialog(self.services, line, self._names, parent=self).exec()

    def reject_line(self) -> None:
        line = self.selected()
        if line is not None and line.status == "claimed":
            RejectLineDialog(self.services, line, self._names.get(line.support_number, ""),
                             parent=self).exec()

    def reopen_line(self) -> None:
        line = self.selected()
        if line is not None and line.status == "rejected":
            claims = self.services.claims
            Op(self, lambda: claims.reopen_line(line.id)).run()

    def _invoice_for(self) -> int | None:
        line = self.selected()
        if line is not None and invoiced(line) and not self.model.invoice_number(line):
            return line.participant_id
        return None

    def set_invoicing(self, available: bool) -> None:
        """The window has an invoicing part: show "Invoice…" (it emits invoice_requested)."""
        self.invoicing = available
        self.invoices.set_can_open(available)
        self._selection_changed()

    def invoice(self) -> None:
        pid = self._invoice_for()
        if pid is not None:
            start, end = self.filters.dates()
            self.invoice_requested.emit(pid, start, end)

    def suggested_file_name(self) -> str:
        """claims-2026-03.csv: 18 characters, inside the portal's 20."""
        start, end = self.filters.dates()
        return f"claims-{end:%Y-%m}.csv" if start.month == end.month else f"cl-{end:%Y%m%d}.csv"

    def write_bulk_file(self) -> None:
        start, end = self.filters.dates()
        folder = Path.home() / "Documents"
        suggested = str((folder if folder.is_dir() else Path.home()) / self.suggested_file_name())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write bulk claim file (at most 20 characters, with .csv)"), suggested,
            self.tr("Claim files (*.csv)"))
        if not path:
            return
        claims = self.services.claims
        (Op(self, lambda: claims.write_bulk_file(start, end, Path(path)))
         .with_progress(self.tr("Checking and writing the claim file…"))
         .success(self._written).failure(self._refused).run())

    def _written(self, written: BulkWritten) -> None:
        files = ", ".join(Path(f).name for f in written.files)
        title = (self.tr("Written: %1 (%2 lines, $%3). Upload it in the provider portal, then "
                         "mark the batch as claimed. If you don't upload it, set it aside.")
                 .replace("%1", files).replace("%2", str(written.lines))
                 .replace("%3", f"{written.total_cents / 100:,.2f}"))
        batch_id = written.batch_id
        self.notice.say("done", title, [], [
            (self.tr("Mark this batch as claimed"), lambda: self.batches.mark_claimed(batch_id)),
            (self.tr("Set it aside"), lambda: self.batches.set_aside(batch_id)),
        ])

    def _refused(self, error: BaseException) -> None:
        problems = getattr(error, "problems", None)
        if isinstance(error, ValidationError) and problems is None:
            problems = list(error.errors.values())
        if not isinstance(error, ValidationError):
            show_exception(error, self)
            return
        self.notice.say("error", self.tr("Nothing was written. Put these right, then write the "
                                         "file again:"), list(problems))

    def closeEvent(self, event) -> None:
        try:
            change_bus().changed.disconnect(self.on_changed)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)
