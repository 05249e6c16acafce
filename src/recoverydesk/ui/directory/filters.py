"""The directory's filter bar: words to search for, a category (with how many are in each),
and whether archived resources show."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from recoverydesk.services.resources.types import CATEGORY_LABELS

SEARCH_PAUSE_MS = 150  # the list follows typing once it pauses


class ResourceFilters(QWidget):
    changed = Signal()  # what to show changed (typing: once it pauses)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        row.addWidget(self.category, 1)
        row.addWidget(self.show_archived)
        row.addWidget(self.count_label)

        self._typing = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.category.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.show_archived.toggled.connect(lambda _c: self.changed.emit())

    # -- what the coach chose --------------------------------------------------------------
    def text(self) -> str:
        return self.search.text()

    def category_key(self) -> str | None:
        return self.category.currentData()

    def include_archived(self) -> bool:
        return self.show_archived.isChecked()

    def narrowed(self) -> bool:
        """Words or a category narrow the list (an empty list is "nothing matches")."""
        return bool(self.text().strip()) or self.category_key() is not None

    # -- showing ---------------------------------------------------------------------------
    def fill_categories(self, counts: dict[str, int]) -> None:
        """The categories with how many resources each holds, keeping the one chosen."""
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(
            self.tr("All categories (%1)").replace("%1", str(sum(counts.values()))), None
        )
        for key, text in CATEGORY_LABELS.items():
            self.category.addItem(f"{self.tr(text)} ({counts.get(key, 0)})", key)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))
        self.category.blockSignals(False)

    def show_count(self, shown: int) -> None:
        self.count_label.setText(self.tr("%1 shown").replace("%1", str(shown)))

    def clear(self) -> None:
        """Show everything (archived as chosen), without announcing it."""
        for widget in (self.search, self.category):
            widget.blockSignals(True)
        self.search.clear()
        self.category.setCurrentIndex(0)
        for widget in (self.search, self.category):
            widget.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def stop(self) -> None:
        """Forget a search still waiting for typing to pause (the window is closing)."""
        self._typing.stop()
