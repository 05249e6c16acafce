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
        # Every moment label made so far, the first ``_shown`` of them showing. Labels are kept
        # and given new words at the next participant instead of made again: making a
        # selectable label is most of a lane's cost when the participant switches.
        self._labels: list[QLabel] = []
        self._tag_ids: list[int] = []
        self._shown = 0

    def show_moments(self, moments: list[tuple[str, int]]) -> None:
        """(text, tag id) per moment, in the order shown; a tag id of 0 is a reading."""
        self.heading.setText(f"{self._title} ({len(moments)})")
        self.none.setVisible(not moments)
        while len(self._labels) < len(moments):
            self._add_label()
        for row, (text, tag_id) in enumerate(moments):
            moment = self._labels[row]
            moment.setText(text)
            self._tag_ids[row] = tag_id
            if tag_id <= 0:  # a measure's reading, not a tag: nothing to retag
                moment.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)  # Copy
                moment.setToolTip(self.tr("A reading of a measure (its items on this process)"))
            else:
                moment.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                moment.setToolTip(
                    self.tr("Right-click to tag it as another process or remove it"))
        for row, moment in enumerate(self._labels):
            moment.setVisible(row < len(moments))
        self._shown = len(moments)

    def _add_label(self) -> None:
        row = len(self._labels)
        moment = label("")
        moment.customContextMenuRequested.connect(
            lambda pos: self.menu_asked.emit(self._tag_ids[row], moment.mapToGlobal(pos)))
        self._layout.addWidget(moment)
        self._labels.append(moment)
        self._tag_ids.append(0)

    def count(self) -> int:
        return self._shown

    def text(self, row: int) -> str:
        if not 0 <= row < self._shown:
            raise IndexError(row)
        return self._labels[row].text()
