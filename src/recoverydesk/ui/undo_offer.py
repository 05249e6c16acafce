"""The status bar's Undo button: the last change the coach may regret (an archive, a removed
item) can be put back for ten seconds, or with Edit > Undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QPushButton


class UndoOffer(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._undo: Callable[[], None] | None = None
        self.button = QPushButton(self.tr("Undo"))
        self.button.setFlat(True)
        self.button.hide()
        self.button.clicked.connect(self.undo_last)
        window.statusBar().addPermanentWidget(self.button)
        self._timer = QTimer(self, singleShot=True, interval=10_000)
        self._timer.timeout.connect(self.clear)

    def offer(self, message: str, undo: Callable[[], None]) -> None:
        self._undo = undo
        self.window.statusBar().showMessage(message, 10_000)
        self.button.show()
        self._timer.start()

    def undo_last(self) -> None:
        undo, self._undo = self._undo, None
        self.clear()
        if undo is not None:
            undo()

    def clear(self) -> None:
        self.button.hide()
