"""Bringing a spreadsheet of services into the directory, and saving the directory as one.

An import checks every row before anything is added, then saves them all in one go; it runs on
the worker with a counted progress bar and a Cancel that leaves the directory as it was. A file
with problems is refused whole, with every problem by line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QPushButton

from recoverydesk.services.resources.types import CsvImportError, ImportResult
from recoverydesk.ui.errors import show_error, show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

CSV_FILTER = "Spreadsheet (CSV) (*.csv);;All files (*)"
# Excel's "Unicode text" saves .txt; a workbook (.xlsx) is read directly.
IMPORT_FILTER = "Spreadsheet (*.csv *.xlsx *.txt);;All files (*)"


class Spreadsheets(QObject):
    """The directory window's Import and Export buttons and what they do."""

    def __init__(self, window: QMainWindow, services: Services,
                 include_archived=lambda: False):
        super().__init__(window)
        self.window = window
        self.services = services
        self._include_archived = include_archived
        self.import_button = QPushButton(icon("file-import-outline"), self.tr("Import CSV…"))
        self.import_button.setToolTip(
            self.tr(
                "Bring in a spreadsheet of services. Nothing is added unless every row is right."
            )
        )
        self.export_button = QPushButton(icon("file-export-outline"), self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save the directory as a spreadsheet"))
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)

    # -- in --------------------------------------------------------------------------------
    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import resources from a spreadsheet"), "", IMPORT_FILTER
        )
        if not path:
            return
        svc = self.services.resources
        Op(self.window, lambda progress: svc.import_csv(Path(path), progress=progress)).success(
            self._imported
        ).failure(self._import_failed).cancelled(self._import_stopped).with_progress(
            self.tr("Importing…"), counted=True, cancel=True
        ).run()

    def _imported(self, result: ImportResult) -> None:
        text = (
            self.tr("%1 added, %2 updated (same name and category).")
            .replace("%1", str(result.added))
            .replace("%2", str(result.updated))
        )
        self.window.statusBar().showMessage(self.tr("Resources imported: ") + text, 10_000)
        notes = "".join("\n\n" + note for note in result.notes)  # e.g. an encoding guessed
        QMessageBox.information(
            self.window, self.tr("Import finished"), self.tr("Resources imported: ") + text + notes
        )

    def _import_stopped(self) -> None:
        self.window.statusBar().showMessage(
            self.tr("Import stopped: nothing was added."), 10_000
        )

    def _import_failed(self, error: BaseException) -> None:
        if isinstance(error, CsvImportError):
            lines = str(error).split("\n")
            show_error(
                lines[0] + "\n\n" + "\n".join(lines[1:]),
                parent=self.window,
                title=self.tr("Nothing was imported"),
            )
        elif isinstance(error, OSError):
            show_error(
                self.tr("The file could not be read: %1").replace(
                    "%1", error.strerror or str(error)
                ),
                parent=self.window,
            )
        else:
            show_exception(error, self.window)

    # -- out -------------------------------------------------------------------------------
    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the resource directory"), "resources.csv", CSV_FILTER
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        svc, archived = self.services.resources, self._include_archived()
        Op(self.window, lambda: svc.export_csv(Path(path), archived), write=False).success(
            lambda n: self.window.statusBar().showMessage(
                self.tr("Wrote %1 resources to %2.")
                .replace("%1", str(n))
                .replace("%2", Path(path).name),
                10_000,
            )
        ).run()
