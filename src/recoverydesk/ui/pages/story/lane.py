"""One CHIME process's lane on the Recovery story tab: its name with the count, then its
moments, newest first, each a wrapped label (the page scrolls, so a moment's words are never
cut short). Right-click (or the menu key) on a moment asks the page for its menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from recoverydesk.ui.widgets.common import label


class Lane(QFrame):
    menu_asked = Signal(int, QPoint)  # the tag's id, where (global)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("card", True)
        self._title = title
        self._layout = QVBoxLayout(self)
        self.heading = label(title, "heading")
        self._layout.addWidget(self.heading)
        self.none = label(self.tr("Nothing tagged yet"), "muted")
        self._layout.addWidget(self.none)
        self.moments: list[QLabel] = []

    def show_moments(self, moments: list[tuple[str, int]]) -> None:
        """(text, tag id) per moment, in the order shown; a tag id of 0 is a reading."""
        for old in self.moments:
            old.deleteLater()
        self.moments = []
        self.heading.setText(f"{self._title} ({len(moments)})")
        self.none.setVisible(not moments)
        for text, tag_id in moments:
            moment = label(text)
            moment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(moment)
            self.moments.append(moment)
            if tag_id <= 0:  # a measure's reading, not a tag: nothing to retag
                moment.setToolTip(self.tr("A reading of a measure (its items on this process)"))
                continue
            moment.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            moment.setToolTip(self.tr("Right-click to tag it as another process or remove it"))
            moment.customContextMenuRequested.connect(
                lambda pos, w=moment, t=tag_id: self.menu_asked.emit(t, w.mapToGlobal(pos)))

    def count(self) -> int:
        return len(self.moments)

    def text(self, row: int) -> str:
        return self.moments[row].text()
