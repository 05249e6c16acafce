"""The crisis plan's people: supporters I want (picked from the support network, so their
name, role and phone always come from the contact) and people I do not want involved (a
contact, or just a name typed in). The page passes in the contacts still free to pick, so the
same contact can never be offered for both lists.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.wrap.types import SUPPORTERS
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import label
from recoverydesk.ui.widgets.two_line import SubtitleRole, TwoLineDelegate
from recoverydesk.ui.widgets.wrap_part import IdRole, ReorderableList, part_title

NoteRole = Qt.ItemDataRole.UserRole + 5


class WrapPeopleEditor(QFrame):
    add_requested = Signal(str, object, str, str)  # part, contact id or None, name, note
    remove_requested = Signal(int)
    move_requested = Signal(int, int)
    reorder_requested = Signal(str, list)
    activated = Signal(str)
    note_edit_requested = Signal(int, str)  # supporter id, new note

    def __init__(self, key: str, title: str, prompt: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.wanted = key == SUPPORTERS
        self.setProperty("card", True)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(part_title(title), 1)
        self.count_label = label("", "muted", wrap=False)
        head.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        layout.addWidget(label(prompt, "muted"))

        self.list = ReorderableList(self)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setAccessibleName(title)
        self.list.setToolTip(self.tr("Drag to reorder, or Alt+Up / Alt+Down. Delete removes."))
        layout.addWidget(self.list)
        self.warning = label("", "error")
        self.warning.hide()
        layout.addWidget(self.warning)

        # Who on one line, the note and Add under it: both fit a narrow middle pane.
        layout.addSpacing(2)
        self.picker = QComboBox(self)
        self.picker.setMinimumContentsLength(10)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setAccessibleName(
            self.tr("Supporter from the support network") if self.wanted
            else self.tr("Person not to involve"))
        if not self.wanted:
            self.picker.setEditable(True)
            self.picker.lineEdit().setPlaceholderText(self.tr("Pick or type a name…"))
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(
            self.tr("What I'd like them to do…") if self.wanted else self.tr("Why (optional)…"))
        self.note.setAccessibleName(self.tr("Note"))
        row.addWidget(self.note, 1)
        self.add_button = QPushButton(icon("account-plus-outline"), self.tr("Add"), self)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.empty_hint = label("", "muted")
        layout.addWidget(self.empty_hint)

        self.add_button.clicked.connect(self._submit)
        self.note.returnPressed.connect(self._submit)
        self.list.reordered.connect(lambda ids: self.reorder_requested.emit(self.key, ids))
        self.list.move_requested.connect(self.move_requested)
        self.list.remove_requested.connect(self.remove_requested)
        self.list.itemDoubleClicked.connect(self._edit_note)
        for w in (self.picker, self.note, self.list):
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.activated.emit(self.key)
        return super().eventFilter(obj, event)

    @property
    def entry(self) -> QWidget:
        return self.picker

    def set_candidates(self, candidates: list[tuple[int, str, str]]) -> None:
        """Contacts free to add: (id, name, role)."""
        typed = self.picker.currentText() if not self.wanted else ""
        self.picker.clear()
        for cid, name, role in candidates:
            self.picker.addItem(f"{name} ({role})" if role else name, cid)
        if not self.wanted:
            self.picker.setCurrentIndex(-1)
            self.picker.setEditText(typed)
        has = self.picker.count() > 0
        if self.wanted:
            self.picker.setEnabled(has)
            self.add_button.setEnabled(has)
            self.empty_hint.setText(
                "" if has else self.tr("Everyone in the support network is already on a list. "
                                       "Add people on the Network tab first."))
            self.empty_hint.setVisible(not has)
        else:
            self.empty_hint.hide()

    def set_people(self, people) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        problems = []
        for p in people:
            first = p.name + (f"  ·  {p.phone}" if p.phone else "")
            gone = self.tr("no longer in the support network") if p.contact_archived else ""
            second = " · ".join(x for x in (p.role, p.note, gone) if x)
            item = QListWidgetItem(first)
            item.setData(IdRole, p.id)
            item.setData(SubtitleRole, second)
            item.setData(NoteRole, p.note)
            item.setToolTip(self.tr("Double-click to change the note"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
            self.list.addItem(item)
            if self.wanted and p.consent_expired:
                problems.append(p.name)
        self.list.blockSignals(False)
        self.list.fit_height()
        n = len(people)
        self.count_label.setText(
            self.tr("Not started") if n == 0 else self.tr("1 person") if n == 1
            else self.tr("%1 people").replace("%1", str(n)))
        self.warning.setText(
            self.tr("Consent to share has expired for %1: check before sharing this plan.")
            .replace("%1", ", ".join(problems)))
        self.warning.setVisible(bool(problems))

    def _edit_note(self, item: QListWidgetItem) -> None:
        prompt = (self.tr("What would they like this person to do?") if self.wanted
                  else self.tr("Why not involve this person? (optional)"))
        text, ok = QInputDialog.getText(self, self.tr("Note"), prompt,
                                        text=item.data(NoteRole) or "")
        if ok:
            self.note_edit_requested.emit(item.data(IdRole), text.strip())

    def _submit(self) -> None:
        index = self.picker.currentIndex()
        contact_id = self.picker.itemData(index) if index >= 0 else None
        name = ""
        if not self.wanted:
            typed = self.picker.currentText().strip()
            if index < 0 or typed != self.picker.itemText(index):
                contact_id, name = None, typed
        if contact_id is None and not name:
            self.picker.setFocus()
            return
        self.add_requested.emit(self.key, contact_id, name, self.note.text().strip())
        self.note.clear()
        if not self.wanted:
            self.picker.setEditText("")
        self.picker.setFocus()
