"""A list that is always exactly as tall as its rows: for short lists inside a scrolling page,
where a second, inner scroll bar would hide items."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QSizePolicy, QWidget


class FittingListWidget(QListWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap when the width changes
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._filling = False
        self.model().rowsInserted.connect(self.fit)
        self.model().rowsRemoved.connect(self.fit)
        self.model().modelReset.connect(self.fit)

    def set_items(self, items: Iterable[QListWidgetItem]) -> None:
        """Replace the rows and fit the height once: fitting as each row goes in would ask
        every row its height again for each one added."""
        self._filling = True
        try:
            self.clear()
            for item in items:
                self.addItem(item)
        finally:
            self._filling = False
        self.fit()

    def content_height(self) -> int:
        rows = sum(self.sizeHintForRow(r) for r in range(self.count()))
        return rows + 2 * self.frameWidth() + 2

    def fit(self, *_args) -> None:
        if self._filling:
            return
        height = self.content_height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.content_height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()
