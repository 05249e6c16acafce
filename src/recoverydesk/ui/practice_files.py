"""File > New practice, Open practice and the demo: each file opens on the worker (the check,
the key, an upgrade and the caseload never hold up the window), then replaces the practice on
show. A practice that cannot be opened is explained in plain words; the window stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from recoverydesk.paths import private_folder
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.practice import PracticeOpening
from recoverydesk.ui.tasks import Op

PRACTICE_FILTER = "RecoveryDesk practice (*.rdk);;All files (*)"


class PracticeFiles(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def new_practice(self) -> None:
        # The data folder is made first: a file dialog offered a folder that does not exist
        # falls back to wherever the app was started from.
        suggested = self.window.opener.default_path()
        private_folder(suggested.parent)
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Start a new practice"), str(suggested), PRACTICE_FILTER)
        if path:
            if not path.endswith(".rdk"):
                path += ".rdk"
            self.open(Path(path), create=True)

    def open_dialog(self) -> None:
        folder = private_folder(self.window.opener.default_path().parent)
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open a practice"),
                                              str(folder), PRACTICE_FILTER)
        if path:
            self.open(Path(path))

    def open_demo(self) -> None:
        opener = self.window.opener
        path = opener.demo_path()
        if path.exists():
            self.open(path)
            return
        Op(self.window, lambda progress: opener.create_demo_on_worker(path, progress)).success(
            self.window.show_opened).failure(self._failed).with_progress(
            self.tr("Writing the demo practice…"), counted=True).run()

    def open(self, path: Path, *, create: bool = False) -> None:
        PracticeOpening(self.window, self.window.opener, path, create=create,
                        opened=self.window.show_opened, failed=self._failed).start()

    def _failed(self, error: BaseException) -> None:
        show_exception(error, parent=self.window)
