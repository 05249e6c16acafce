"""The WRAP, one section at a time, in their words: each part's question, what is written
there (changed in place), and a box to add one more; Previous and Next move between sections.
People (supporters and those not to involve) are shown; the coach changes them on the WRAP tab,
where their contact details are."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.wrap.types import ITEM_PARTS, PartDTO, SectionDTO
from recoverydesk.ui.together.base import Section
from recoverydesk.ui.together.kit import big_button, clear_layout, text_label


class WrapSection(Section):
    key = "wrap"
    rail_text = "WRAP"
    icon_name = "lifebuoy"

    def __init__(self, services, participant_id, name):
        super().__init__(services, participant_id, name)
        top = self.add_heading("")
        self.previous_button = big_button(self.tr("Previous"), "chevron-left")
        self.next_button = big_button(self.tr("Next"), "chevron-right")
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        body = QWidget()
        self.parts = QVBoxLayout(body)
        self.parts.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.outer.addWidget(scroll, 1)
        self.index = 0
        self.sections: tuple[SectionDTO, ...] = ()
        self.item_edits: dict[int, tuple[QLineEdit, str]] = {}  # item id -> (edit, kept text)
        self.versions: dict[int, int] = {}  # item id -> the version shown (services/conflicts)
        self.new_edits: dict[str, QLineEdit] = {}
        self.previous_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go(self.index + 1))

    def load(self) -> None:
        self.sections = self.services.wrap.get(self.participant_id).sections
        self.go(self.index)

    def go(self, index: int) -> None:
        self.flush()
        if not self.sections:
            return
        self.index = max(0, min(index, len(self.sections) - 1))
        section = self.sections[self.index]
        self.heading.setText(self.tr("%1 of %2: %3").replace("%1", str(self.index + 1)).replace(
            "%2", str(len(self.sections))).replace("%3", section.title))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.sections) - 1)
        clear_layout(self.parts)
        self.item_edits.clear()
        self.new_edits.clear()
        if section.intro:
            self.parts.addWidget(text_label(section.intro, "muted"))
        for part in section.parts:
            self.parts.addWidget(self._part(part))
        self.parts.addStretch(1)

    def _part(self, part: PartDTO) -> QFrame:
        frame = QFrame()
        frame.setProperty("card", True)
        box = QVBoxLayout(frame)
        box.setContentsMargins(18, 14, 18, 14)
        title = text_label(part.title)
        title.setStyleSheet("font-weight: 600;")
        box.addWidget(title)
        if part.prompt:
            box.addWidget(text_label(part.prompt, "muted"))
        if part.key not in ITEM_PARTS:
            for person in part.people:
                line = person.name + (f": {person.note}" if person.note else "")
                box.addWidget(text_label("•  " + line))
            if not part.people:
                box.addWidget(text_label(self.tr("Nobody yet."), "muted"))
            return frame
        for item in part.items:
            edit = QLineEdit(item.text)
            edit.setAccessibleName(part.title)
            edit.editingFinished.connect(lambda i=item.id: self._item_edited(i))
            self.item_edits[item.id] = (edit, item.text)
            self.versions[item.id] = item.version
            box.addWidget(edit)
        row = QHBoxLayout()
        new = QLineEdit()
        new.setPlaceholderText(self.tr("Add something in your own words…"))
        new.setAccessibleName(self.tr("Add to: %1").replace("%1", part.title))
        add = big_button(self.tr("Add"), "plus")
        new.returnPressed.connect(lambda k=part.key: self.add(k))
        add.clicked.connect(lambda _=False, k=part.key: self.add(k))
        self.new_edits[part.key] = new
        row.addWidget(new, 1)
        row.addWidget(add)
        box.addLayout(row)
        return frame

    # -- changes, each saved at once ------------------------------------------------------------
    def add(self, part: str) -> None:
        edit = self.new_edits.get(part)
        text = edit.text().strip() if edit is not None else ""
        if not text:
            return
        edit.clear()
        wrap, pid = self.services.wrap, self.participant_id
        self.save(lambda: wrap.add_item(pid, part, text), lambda _item: self._reload())

    def _item_edited(self, item_id: int) -> None:
        edit, kept = self.item_edits[item_id]
        text = edit.text().strip()
        if text == kept or not text:
            return
        self.item_edits[item_id] = (edit, text)
        wrap, version = self.services.wrap, self.versions.get(item_id)

        def kept(item) -> None:  # the next edit starts from the version just saved
            self.versions[item.id] = item.version

        self.save(lambda: wrap.update_item(item_id, text, base_version=version), kept)

    def _reload(self) -> None:
        self.sections = self.services.wrap.get(self.participant_id).sections
        self.go(self.index)

    def flush(self) -> None:
        for item_id in list(self.item_edits):
            self._item_edited(item_id)
        for part in list(self.new_edits):
            self.add(part)
