"""The WRAP outline: sections, each with its parts, and how far each has got.

Fed a ``WrapDTO`` by the WRAP page (``set_wrap``); the structure never changes for a participant,
so after the first fill only the progress text and icons are updated (selection and expansion
survive every refresh).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from recoverydesk.services.wrap.types import WrapDTO
from recoverydesk.ui.icons import icon

COL_TITLE = 0
COL_PROGRESS = 1
KeyRole = Qt.ItemDataRole.UserRole + 1  # section or part key
KindRole = Qt.ItemDataRole.UserRole + 2  # "section" or "part"


class WrapOutlineModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        # The header is hidden; an empty label keeps the count column as narrow as its counts.
        self.setHorizontalHeaderLabels([self.tr("Section"), ""])
        self._items: dict[tuple[str, str], tuple[QStandardItem, QStandardItem]] = {}

    def set_wrap(self, wrap: WrapDTO) -> None:
        if not self._items:
            self._build(wrap)
        for section in wrap.sections:
            title, progress = self._items[("section", section.key)]
            started, total = section.started_parts, section.total_parts
            # "2/3" keeps the column narrow so the section names stay readable; the tooltip
            # says it in words (and names a section whose title is cut short).
            progress.setText(f"{started}/{total}")
            tip = f"{self.tr(section.title)}: {self.tr(section.completeness)}"
            title.setToolTip(tip)
            progress.setToolTip(tip)
            name = ("check-circle" if started == total else
                    "circle-half-full" if started else "circle-outline")
            title.setIcon(icon(name))
            for part in section.parts:
                p_title, p_progress = self._items[("part", part.key)]
                p_progress.setText(str(part.count) if part.count else "")
                p_title.setToolTip(self.tr(part.title) + "\n" + self.tr(part.prompt))

    def index_for(self, kind: str, key: str):
        pair = self._items.get((kind, key))
        return pair[0].index() if pair else None

    def _build(self, wrap: WrapDTO) -> None:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for section in wrap.sections:
            title = QStandardItem(self.tr(section.outline))
            progress = QStandardItem("")
            for item, kind in ((title, "section"), (progress, "section")):
                item.setData(section.key, KeyRole)
                item.setData(kind, KindRole)
                item.setFlags(flags)
            progress.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._items[("section", section.key)] = (title, progress)
            for part in section.parts:
                p_title = QStandardItem(self.tr(part.outline))
                p_progress = QStandardItem("")
                for item in (p_title, p_progress):
                    item.setData(part.key, KeyRole)
                    item.setData("part", KindRole)
                    item.setFlags(flags)
                p_progress.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                title.appendRow([p_title, p_progress])
                self._items[("part", part.key)] = (p_title, p_progress)
            self.appendRow([title, progress])
