"""What the Network tab's panels share: a card to sit in and a table of records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class CardPanel(QFrame):
    """A panel drawn as a card (the theme's ``card`` frame), its parts stacked in ``body``."""

    def __init__(self, parent: QWidget | None = None, margin: int = 16):
        super().__init__(parent)
        self.setProperty("card", True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(margin, margin, margin, margin)
        self.body.setSpacing(8)


def record_table(model, name: str) -> QTableView:
    """A read-only table of one record per row, selected a row at a time."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setMinimumHeight(96)
    return view


def fit_columns(view: QTableView, stretch: tuple[int, ...]) -> None:
    """Columns ``stretch`` share the spare width; the others fit their contents."""
    header = view.horizontalHeader()
    for col in range(view.model().columnCount()):
        header.setSectionResizeMode(
            col,
            QHeaderView.ResizeMode.Stretch
            if col in stretch
            else QHeaderView.ResizeMode.ResizeToContents,
        )
