"""Another coach saved the record this coach was editing: both versions, field by field, and
three ways on (issue 20 item 4).

Shown by ``Op`` (ui/tasks.py) when a save raised ``EditConflict`` (nothing was written). Each field
of the record is a row: its label (from the capability's FIELD_LABELS), this coach's value, the
stored one, and for each field that differs (marked) a choice of which to keep and, for text, the
merged words to edit. The buttons: **Keep mine** (save this coach's version over the new one),
**Take theirs** (drop this coach's edit), **Save merged** (the picks and edits, audited as a merge
by hand), or **Back to my edit** (Esc: nothing saved, the form still holds what was typed).
Nothing is lost while it is open: both versions stay on screen, and **Copy both** puts them on
the clipboard.

The dialog only decides: ``resolution`` is ``(how, draft)`` once accepted; Op saves it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.conflicts.types import (
    KEEP_MINE,
    MERGED,
    TAKE_THEIRS,
    EditConflict,
    editable_fields,
)
from recoverydesk.ui.screen_fit import fit_size

_LONG_TEXT = 40  # words longer than this (or with a line break) are edited in a text box
_MERGED_MIN_CHARS = 14  # the merged box shows at least this many letters


class EditConflictDialog(QDialog):
    def __init__(self, conflict: EditConflict, parent: QWidget | None = None):
        super().__init__(parent)
        self.conflict = conflict
        self.resolution: tuple[str, Any] | None = None
        self.picks: dict[str, QComboBox] = {}
        self.results: dict[str, QLineEdit | QPlainTextEdit | QLabel] = {}
        self.row_errors: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("Someone else saved this %s") % self.tr(conflict.what))
        self.setMinimumWidth(640)  # five columns still read at 1280x720 and at 200%

        heading = QLabel(self.tr(
            "Another coach saved this %s while you were editing it, so nothing of yours was "
            "saved yet. The fields marked ● differ: keep your version, take theirs, or choose "
            "field by field and save the merge.") % self.tr(conflict.what))
        heading.setWordWrap(True)
        heading.setObjectName("conflictHeading")

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for column, text in enumerate((self.tr("Field"), self.tr("Your version"),
                                       self.tr("Their version (saved)"), self.tr("Keep"),
                                       self.tr("Merged"))):
            title = QLabel(f"<b>{text}</b>")
            title.setWordWrap(True)  # a long heading takes two lines, not the merged box's room
            grid.addWidget(title, 0, column)
        row = 1
        for key in editable_fields(type(conflict.mine)):
            if key in conflict.labels or key in conflict.fields:  # no inner ids, unless changed
                row = self._add_row(grid, row, key)
        grid.setRowStretch(row, 1)  # rows keep their height; the room left stays below
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(4, 3)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        buttons = QDialogButtonBox()
        # Save (the merge) is the dialog's one accept button; the two whole-version answers
        # close it too, as actions of their own.
        self.keep_mine_button = buttons.addButton(self.tr("&Keep mine"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.take_theirs_button = buttons.addButton(self.tr("&Take theirs"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save merged"))
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Back to my edit"))
        self.copy_button = QPushButton(self.tr("Cop&y both"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_mine_button.setToolTip(self.tr("Save your version over theirs"))
        self.take_theirs_button.setToolTip(self.tr("Drop your edit and keep what they saved"))
        self.copy_button.setToolTip(self.tr("Put both versions on the clipboard"))
        self.keep_mine_button.clicked.connect(lambda: self._decide(KEEP_MINE))
        self.take_theirs_button.clicked.connect(lambda: self._decide(TAKE_THEIRS))
        self.save_button.clicked.connect(self.save_merged)
        self.cancel_button.clicked.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_both)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        first = next(iter(self.picks.values()), None)
        if first is not None:
            first.setFocus()
        # As tall as the rows need (up to a laptop's screen); the rest scrolls.
        fit_size(self, QSize(840, min(700, inner.sizeHint().height()
                                      + heading.sizeHint().height() + 90)))

    # --- building ---------------------------------------------------------------------------
    def _add_row(self, grid: QGridLayout, row: int, key: str) -> int:
        c = self.conflict
        mine, theirs = getattr(c.mine, key), getattr(c.theirs, key)
        differs = key in c.fields
        label = QLabel(("● " if differs else "") + self.tr(c.label(key)))
        label.setProperty("differs", differs)
        if differs:
            label.setStyleSheet("font-weight: 600;")
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, value in ((1, mine), (2, theirs)):
            shown = QLabel(c.shown(key, value))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setEnabled(differs)  # the same on both sides: greyed
            shown.setAccessibleName(f"{c.label(key)}: "
                                    + (self.tr("yours") if column == 1 else self.tr("theirs")))
            grid.addWidget(shown, row, column, Qt.AlignmentFlag.AlignTop)
        if not differs:
            return row + 1
        pick = QComboBox()
        pick.addItem(self.tr("Yours"), KEEP_MINE)
        pick.addItem(self.tr("Theirs"), TAKE_THEIRS)
        pick.setAccessibleName(self.tr("Keep for %s") % c.label(key))
        self.picks[key] = pick
        grid.addWidget(pick, row, 3, Qt.AlignmentFlag.AlignTop)
        result = self._result_widget(key, mine, theirs)
        self.results[key] = result
        grid.addWidget(result, row, 4, Qt.AlignmentFlag.AlignTop)
        pick.currentIndexChanged.connect(lambda _=0, k=key: self._picked(k))
        error = QLabel()
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.setVisible(False)
        self.row_errors[key] = error
        grid.addWidget(error, row + 1, 1, 1, 4)
        return row + 2

    def _result_widget(self, key: str, mine: Any, theirs: Any) -> QWidget:
        label = self.conflict.label(key)
        choices = key in self.conflict.value_labels  # a choice (a status): picked, not typed
        if isinstance(mine, str) and isinstance(theirs, str) and not choices:
            if "\n" in mine + theirs or max(len(mine), len(theirs)) > _LONG_TEXT:
                box = QPlainTextEdit(mine)
                box.setTabChangesFocus(True)
                box.setFixedHeight(72)
            else:
                box = QLineEdit(mine)
                box.setCursorPosition(0)  # the words' start shows, not their end
            # Wrapped words beside it ask for their whole width; without a floor of its own the
            # box was squeezed to a few letters at 200%.
            box.setMinimumWidth(box.fontMetrics().averageCharWidth() * _MERGED_MIN_CHARS)
            box.setAccessibleName(self.tr("Merged %s") % label)
            return box
        shown = QLabel(self.conflict.shown(key, mine))
        shown.setWordWrap(True)
        shown.setAccessibleName(self.tr("Merged %s") % label)
        return shown

    def _picked(self, key: str) -> None:
        source = self.conflict.theirs if self.picks[key].currentData() == TAKE_THEIRS \
            else self.conflict.mine
        value = getattr(source, key)
        result = self.results[key]
        if isinstance(result, QPlainTextEdit):
            result.setPlainText(value)
        elif isinstance(result, QLineEdit):
            result.setText(value)
            result.setCursorPosition(0)
        else:
            result.setText(self.conflict.shown(key, value))

    # --- deciding ---------------------------------------------------------------------------
    def merged(self) -> Any:
        """The draft the picks and the edited words make."""
        picks = {k: box.currentData() for k, box in self.picks.items()}
        edits: dict[str, Any] = {}
        for key, result in self.results.items():
            if isinstance(result, QPlainTextEdit):
                edits[key] = result.toPlainText()
            elif isinstance(result, QLineEdit):
                edits[key] = result.text()
        return self.conflict.merge(picks, edits)

    def save_merged(self) -> None:
        merged = self.merged()
        problems = self.conflict.problems(merged) if self.conflict.problems else {}
        for key, label in self.row_errors.items():
            label.setText(self.tr(problems.get(key, "")))
            label.setVisible(key in problems)
        elsewhere = [m for k, m in problems.items() if k not in self.row_errors]
        self.error.setText(" ".join(self.tr(m) for m in elsewhere))
        self.error.setVisible(bool(elsewhere))
        if problems:
            return
        if merged == self.conflict.resolved(KEEP_MINE):
            self._decide(KEEP_MINE)
        elif merged == self.conflict.resolved(TAKE_THEIRS):
            self._decide(TAKE_THEIRS)
        else:
            self.resolution = (MERGED, merged)
            self.accept()

    def _decide(self, how: str) -> None:
        self.resolution = (how, self.conflict.resolved(how))
        self.accept()

    def both_versions_text(self) -> str:
        c = self.conflict
        lines = []
        for side, draft in ((self.tr("Your version"), c.mine),
                            (self.tr("Their version (saved)"), c.theirs)):
            lines.append(side)
            lines += [f"  {c.label(k)}: {c.shown(k, getattr(draft, k))}"
                      for k in editable_fields(type(draft))]
        return "\n".join(lines)

    def copy_both(self) -> None:
        QGuiApplication.clipboard().setText(self.both_versions_text())
