"""One part of a WRAP (for example "Things I need to do every day"): an ordered list of items
in the participant's words, with quick entry underneath.

Enter in the entry line adds the item and keeps the cursor there for the next one; items can be
dragged into order or moved with Alt+Up / Alt+Down; F2 or a double-click edits one in place;
Delete removes it. The widget only emits requests: the page runs them through the services.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import label

IdRole = Qt.ItemDataRole.UserRole + 1


def count_text(widget: QWidget, n: int) -> str:
    if n == 0:
        return widget.tr("Not started")
    return widget.tr("1 item") if n == 1 else widget.tr("%1 items").replace("%1", str(n))


def part_title(text: str) -> QLabel:
    """A part's heading; it wraps, so a long title never widens the page past its pane."""
    title = QLabel(text)
    title.setProperty("role", "part")
    title.setStyleSheet("font-weight: 600; font-size: 12pt;")
    title.setWordWrap(True)
    return title


class ReorderableList(QListWidget):
    """A list whose rows the coach can drag into order; ``reordered`` gives the new id order."""

    reordered = Signal(list)
    move_requested = Signal(int, int)  # id, new index
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(1)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def ids(self) -> list[int]:
        return [self.item(i).data(IdRole) for i in range(self.count())]

    def drop_row(self, pos) -> int:
        """The row a drop at ``pos`` lands before (``count()`` for the end)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count() if self.count() and pos.y() > 0 else 0
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    def dropEvent(self, event) -> None:
        # The move is done here, not by Qt's internal move: the dragged row is the current one
        # (pressing it made it current), so the new order is known before anything changes.
        row = self.currentRow()
        if row < 0:
            event.ignore()
            return
        target = self.drop_row(event.position().toPoint())
        target = target - 1 if target > row else target
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the source removes nothing itself
        event.accept()
        if target == row:
            return
        self.blockSignals(True)
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.blockSignals(False)
        self.reordered.emit(self.ids())

    def keyPressEvent(self, event) -> None:
        row = self.currentRow()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row >= 0:
            target = row - 1 if event.key() == Qt.Key.Key_Up else row + 1
            if 0 <= target < self.count():
                self.move_requested.emit(self.item(row).data(IdRole), target)
            return
        if event.key() == Qt.Key.Key_Delete and row >= 0:
            self.remove_requested.emit(self.item(row).data(IdRole))
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_height()

    def fit_height(self) -> None:
        """Show every row (the page scrolls, not each list), wrapped to the current width."""
        if not self.count():
            self.setFixedHeight(0)
            return
        self.doItemsLayout()
        first = self.visualItemRect(self.item(0))
        last = self.visualItemRect(self.item(self.count() - 1))
        height = last.bottom() - first.top() + 2 * self.spacing() + 2 * self.frameWidth() + 6
        if first.height() <= 0:  # not laid out yet (hidden): estimate from the size hints
            height = sum(self.sizeHintForRow(i) + 2 * self.spacing() for i in range(self.count()))
        self.setFixedHeight(max(height, 4))


class WrapPartEditor(QFrame):
    add_requested = Signal(str, str)  # part, text
    edit_requested = Signal(int, str)  # item id, text
    remove_requested = Signal(int)  # item id
    move_requested = Signal(int, int)  # item id, index
    reorder_requested = Signal(str, list)  # part, ids
    activated = Signal(str)  # part: the coach is working here (the ideas panel follows)
    copy_requested = Signal(str)  # part: fill this part from its twin in another section

    def __init__(self, key: str, title: str, prompt: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setProperty("card", True)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.title_label = part_title(title)
        head.addWidget(self.title_label, 1)
        self.count_label = label("", "muted", wrap=False)
        head.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.prompt_label = label(prompt, "muted")
        layout.addWidget(self.prompt_label)

        self.list = ReorderableList(self)
        self.list.setAccessibleName(title)
        self.list.setToolTip(self.tr("Drag to reorder, or Alt+Up / Alt+Down. "
                                     "F2 or double-click to reword. Delete removes."))
        layout.addWidget(self.list)

        entry_row = QHBoxLayout()
        entry_row.setSpacing(6)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("Add in their own words, then press Enter…"))
        self.entry.setAccessibleName(self.tr("New item for %1").replace("%1", title))
        self.entry.setClearButtonEnabled(True)
        entry_row.addWidget(self.entry, 1)
        self.add_button = QToolButton(self)
        self.add_button.setIcon(icon("plus"))
        self.add_button.setToolTip(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add item"))
        entry_row.addWidget(self.add_button)
        layout.addLayout(entry_row)
        self.copy_button = QToolButton(self)
        self.copy_button.setIcon(icon("content-copy"))
        self.copy_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.copy_button.setAutoRaise(True)
        self.copy_button.hide()
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self.key))
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)

        self._texts: dict[int, str] = {}
        self.entry.returnPressed.connect(self._submit)
        self.add_button.clicked.connect(self._submit)
        self.list.itemChanged.connect(self._item_changed)
        self.list.reordered.connect(lambda ids: self.reorder_requested.emit(self.key, ids))
        self.list.move_requested.connect(self.move_requested)
        self.list.remove_requested.connect(self.remove_requested)
        self.entry.installEventFilter(self)
        self.list.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.activated.emit(self.key)
        # Down from the entry goes to the last item, so the keyboard reaches the list. (Not a
        # QShortcut: PySide ignores its context= keyword, and a window-wide Down per part
        # swallowed the arrow key everywhere on the tab.)
        if (obj is self.entry and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.list.count()):
            self._focus_list()
            return True
        return super().eventFilter(obj, event)

    def _focus_list(self) -> None:
        if self.list.count():
            self.list.setFocus()
            self.list.setCurrentRow(self.list.count() - 1)

    def _submit(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.add_requested.emit(self.key, text)
            self.entry.clear()
        self.entry.setFocus()

    def _item_changed(self, item: QListWidgetItem) -> None:
        item_id = item.data(IdRole)
        text = item.text().strip()
        if item_id is None or text == self._texts.get(item_id):
            return
        if not text:
            item.setText(self._texts.get(item_id, ""))
            return
        self._texts[item_id] = text
        self.edit_requested.emit(item_id, text)

    def set_items(self, items) -> None:
        current = self.list.currentItem()
        current_id = current.data(IdRole) if current else None
        self.list.blockSignals(True)
        self.list.clear()
        self._texts = {}
        for it in items:
            row = QListWidgetItem(icon("circle-small"), it.text)
            row.setData(IdRole, it.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable
                         | Qt.ItemFlag.ItemIsDragEnabled)
            self.list.addItem(row)
            self._texts[it.id] = it.text
            if it.id == current_id:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        self.list.fit_height()
        self.count_label.setText(count_text(self, len(items)))

    def offer_copy(self, text: str) -> None:
        """Show a one-click copy from another part ("" hides it)."""
        self.copy_button.setText(text)
        self.copy_button.setVisible(bool(text))

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select_id(self, item_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(IdRole) == item_id:
                self.list.setCurrentRow(i)
                self.list.setFocus()
                return
