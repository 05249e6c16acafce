"""The WRAP tab's section pages, each built the first time it is shown (``WrapPage._build``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from recoverydesk.services.wrap.types import NOT_WANTED, SECTION_OF, SUPPORTERS
from recoverydesk.ui.widgets.common import label
from recoverydesk.ui.widgets.wrap_part import WrapPartEditor
from recoverydesk.ui.widgets.wrap_people import WrapPeopleEditor

if TYPE_CHECKING:
    from recoverydesk.ui.pages.wrap import WrapPage


class Editors(dict):
    """Part key -> its editor; a part whose section is not built yet is built when asked for
    (``WrapPage`` builds a section the first time it is shown: eight at once stood the window
    still ~60 ms each time a practice opened)."""

    def __init__(self, build) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, part: str):
        if part not in SECTION_OF:
            raise KeyError(part)
        self._build(SECTION_OF[part])
        return dict.__getitem__(self, part)


def section_page(page: WrapPage, section) -> QScrollArea:
    """One WRAP section's page: its heading, status chip and an editor per part, wired to
    ``page`` (which keeps the editors, scroll areas and chips)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(8, 0, 8, 8)
    layout.setSpacing(12)
    head = QHBoxLayout()
    head.addWidget(label(page.tr(section.title), "heading"), 1)
    chip = label("", "chip", wrap=False)
    head.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop)
    page._section_status[section.key] = chip
    layout.addLayout(head)
    layout.addWidget(label(page.tr(section.intro), "muted"))
    for part in section.parts:
        if part.key in (SUPPORTERS, NOT_WANTED):
            editor = WrapPeopleEditor(part.key, page.tr(part.title), page.tr(part.prompt))
            editor.add_requested.connect(page._add_person)
            editor.remove_requested.connect(page._remove_person)
            editor.move_requested.connect(page._move_person)
            editor.note_edit_requested.connect(page._edit_person_note)
        else:
            editor = WrapPartEditor(part.key, page.tr(part.title), page.tr(part.prompt))
            editor.add_requested.connect(page._add_item)
            editor.edit_requested.connect(page._edit_item)
            editor.remove_requested.connect(page._remove_item)
            editor.move_requested.connect(page._move_item)
            editor.copy_requested.connect(page._copy_part)
        editor.reorder_requested.connect(page._reorder)
        editor.activated.connect(page._part_activated)
        page.editors[part.key] = editor
        layout.addWidget(editor)
    layout.addStretch(1)
    scroll.setWidget(body)
    page._scrolls[section.key] = scroll
    return scroll
