"""Tag a highlighted passage of the session note as a CHIME recovery process (issue 23).

The coach highlights words in "What we talked about", "What went well" or "Next steps" and
chooses "Tag as…" (the button under the note, or the right-click menu of the text): the five
processes, those the highlighted words suggest first, each saying the cue word that suggested it
(``chime.types.suggest`` with the practice's cue list). Nothing highlighted: the whole note.
Nothing is tagged until the coach picks a process.

A tag points at SAVED words: the passage is found in the saved note (``chime.types.anchor``,
so spaces trimmed on save do not matter); words typed since the last save are not tagged until
the note is saved, and the coach is told so in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QPushButton, QWidget

from recoverydesk.services.chime.types import (
    PROCESSES,
    Suggestion,
    TagDraft,
    anchor,
    excerpt,
    process_label,
    suggest,
)
from recoverydesk.services.types import ServiceError, ValidationError
from recoverydesk.ui.icons import icon
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


@dataclass(frozen=True)
class Passage:
    field: str  # "" for the whole note
    start: int | None
    end: int | None
    quote: str


def code_points(text: str, position: int) -> int:
    """A QTextCursor position (UTF-16 units) as an offset into the Python string."""
    return len(text.encode("utf-16-le")[:2 * position].decode("utf-16-le", "ignore"))


class NoteTagging(QObject):
    """The "Tag as…" button and menu entries for the note's text boxes (``boxes``: field ->
    box). ``session_id`` says which saved session the tags go on (None: not saved yet)."""

    said = Signal(str)  # a plain sentence for the editor's status line

    def __init__(self, services: Services, boxes: dict[str, QPlainTextEdit],
                 session_id: Callable[[], int | None], parent: QWidget):
        super().__init__(parent)
        self.services = services
        self.boxes = boxes
        self._session_id = session_id
        self._parent = parent
        self._book = None  # read at the first menu: opening the editor stays quick
        self._last_field = next(iter(boxes))
        self.button = QPushButton(icon("tag-heart-outline"), self.tr("Tag as…"))
        self.button.setToolTip(self.tr(
            "Tag the highlighted words (or, with nothing highlighted, the whole note) as a "
            "recovery process: Connectedness, Hope, Identity, Meaning or Empowerment"))
        self.button.setAccessibleName(self.tr("Tag as a recovery process"))
        self.button.clicked.connect(self._button_menu)
        for field, box in boxes.items():
            box.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            box.customContextMenuRequested.connect(
                lambda pos, f=field: self._context_menu(f, pos))
            box.selectionChanged.connect(lambda f=field: self._selected_in(f))

    # -- what is highlighted ------------------------------------------------------------------
    def _selected_in(self, field: str) -> None:
        if self.boxes[field].textCursor().hasSelection():
            self._last_field = field

    def passage(self) -> Passage:
        """The highlighted words (in the box last highlighted in), or the whole note."""
        box = self.boxes[self._last_field]
        cursor = box.textCursor()
        if not cursor.hasSelection():
            return Passage("", None, None, "")
        text = box.toPlainText()
        start = code_points(text, cursor.selectionStart())
        end = code_points(text, cursor.selectionEnd())
        return Passage(self._last_field, start, end, text[start:end])

    def suggestions(self, passage: Passage) -> dict[str, Suggestion]:
        """Process -> the first suggestion the words make (the highlighted ones, or the note)."""
        if self._book is None:
            self._book = self.services.chime.cue_book()[0]
        texts = ({passage.field: passage.quote} if passage.field else
                 {f: box.toPlainText() for f, box in self.boxes.items()})
        out: dict[str, Suggestion] = {}
        for g in suggest(self._book, texts):
            out.setdefault(g.process, g)
        return out

    # -- the menu ----------------------------------------------------------------------------
    def fill_menu(self, menu: QMenu, passage: Passage) -> None:
        head = (self.tr("Tag “%1” as").replace("%1", excerpt(passage.quote, 40))
                if passage.field else self.tr("Tag the whole note as"))
        title = menu.addAction(head)
        title.setEnabled(False)
        found = self.suggestions(passage)
        order = [k for k in PROCESSES if k in found] + [k for k in PROCESSES if k not in found]
        for key in order:
            text = process_label(key)
            if key in found:
                text += "  " + self.tr("(suggested by “%1”)").replace("%1", found[key].cue)
            action = QAction(text, menu)
            if key in found:
                bold = QFont(action.font())
                bold.setBold(True)
                action.setFont(bold)
            g = found.get(key)
            action.triggered.connect(
                lambda _=False, k=key, g=g: self.tag(passage, k, g))
            menu.addAction(action)

    def _button_menu(self) -> None:
        menu = QMenu(self.button)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.fill_menu(menu, self.passage())
        menu.popup(self.button.mapToGlobal(QPoint(0, self.button.height())))

    def _context_menu(self, field: str, pos: QPoint) -> None:
        box = self.boxes[field]
        menu = box.createStandardContextMenu(pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addSeparator()
        self._last_field = field
        sub = menu.addMenu(icon("tag-heart-outline"), self.tr("Tag as"))
        self.fill_menu(sub, self.passage())
        menu.popup(box.mapToGlobal(pos))

    # -- tagging -----------------------------------------------------------------------------
    def draft(self, passage: Passage, process: str, g: Suggestion | None) -> TagDraft | str:
        """The tag to save, or why it cannot be saved yet (a plain sentence)."""
        sid = self._session_id()
        if sid is None:
            return self.tr("Save the note first: a tag points at saved words.")
        sub, cue = (g.sub_theme, g.cue) if g is not None else ("", "")
        if not passage.field:
            return TagDraft("session", sid, process, sub, cue=cue)
        if not passage.quote.strip():
            return self.tr("Highlight some words to tag.")
        saved = getattr(self.services.sessions.get(sid), passage.field) or ""
        start, end, state = anchor(saved, passage.quote, passage.start, passage.end)
        if state == "edited" or start is None or end is None:
            return self.tr("Those words are not saved yet: save the note, then tag them.")
        return TagDraft("session", sid, process, sub, passage.field, start, end, cue)

    def tag(self, passage: Passage, process: str, g: Suggestion | None = None) -> None:
        made = self.draft(passage, process, g)
        if isinstance(made, str):
            self.said.emit(made)
            return
        chime, label = self.services.chime, process_label(process, short=True)

        def done(_tag) -> None:
            self.said.emit(self.tr("Tagged as %1.").replace("%1", label))

        def failed(err: BaseException) -> None:
            if isinstance(err, ValidationError):
                self.said.emit(" ".join(err.errors.values()))
            elif isinstance(err, ServiceError):
                self.said.emit(str(err))
            else:
                from recoverydesk.ui.errors import show_exception  # only when it goes wrong

                show_exception(err, self._parent)

        Op(self._parent, lambda: chime.accept(made)).success(done).failure(failed).run()
