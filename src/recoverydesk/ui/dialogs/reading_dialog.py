"""A Recovery Star reading, made together at a café table: one row per domain with a big 1-10
control, the stage name shown as the score changes, last time's score shown faintly beside it,
and an optional note. Domains may be left unscored (they are flagged, never refused). When the
template has descriptions (for example the licensed ladder wording), the one for the domain
being scored shows below the rows. Closing with scores entered asks before throwing them away.
Checked by ``star.types.check_reading`` before saving (``FormDialog``): a problem shows beside its
field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts.theme import ACCENT, ACCENT_DARK, DARK_MUTED, PAPER, RULE
from recoverydesk.services.star.types import (
    FIELD_LABELS,
    ReadingDraft,
    ReadingDTO,
    TemplateDTO,
    check_reading,
    check_scored,
)
from recoverydesk.services.types import Changed
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import format_date, label, set_date_format

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

SCORE_STYLE = f"""
ScoreControl {{ border: 1px solid transparent; border-radius: 6px; }}
ScoreControl:focus {{ border: 2px solid {ACCENT}; }}
QToolButton {{ border: 1px solid {RULE}; border-radius: 15px; background: {PAPER};
               font-size: 11pt; padding: 0px; }}
QToolButton[previous="true"] {{ border: 2px solid {DARK_MUTED}; }}
QToolButton:hover {{ border-color: {ACCENT}; }}
QToolButton:checked {{ background: {ACCENT}; border-color: {ACCENT_DARK}; color: white;
                       font-weight: bold; }}
"""


class ScoreControl(QFrame):
    """Ten large buttons to tap, one focus stop for the keyboard: 1-9 and 0 (for 10), arrows,
    and Delete to leave the domain unscored."""

    changed = Signal(object)  # int | None
    entered = Signal()  # the coach moved to this domain (keyboard or tap)

    def __init__(self, low: int, high: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.low, self.high = low, high
        self._value: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setProperty("scoreControl", True)
        self.setStyleSheet(SCORE_STYLE)
        self.setToolTip(self.tr("Tap a score, or type 1-9 and 0 for 10; Delete clears it"))
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(3)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        for score in range(low, high + 1):
            button = QToolButton()
            button.setText(str(score))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedSize(31, 31)
            button.setAccessibleName(f"{name} {score}")
            self.group.addButton(button, score)
            row.addWidget(button)
        self.group.idClicked.connect(self._clicked)

    def value(self) -> int | None:
        return self._value

    def set_previous(self, score: int | None) -> None:
        """Ring last time's score faintly, so the change is visible on the control itself."""
        for button in self.group.buttons():
            button.setProperty("previous", self.group.id(button) == score)
            if self.group.id(button) == score:
                button.setToolTip(self.tr("Last time: {0}").format(score))

    def set_value(self, value: int | None) -> None:
        if value is not None and not self.low <= value <= self.high:
            value = None
        if value == self._value:
            return
        self._value = value
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == value)
        self.setAccessibleDescription("" if value is None else str(value))
        self.changed.emit(value)

    def _clicked(self, score: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_value(None if score == self._value else score)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit():
            score = 10 if text == "0" else int(text)
            if self.low <= score <= self.high:
                self.set_value(score)
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(self.low if self._value is None else min(self.high, self._value + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(self.low if self._value is None else max(self.low, self._value - 1))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        else:
            super().keyPressEvent(event)


class ReadingDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        participant_id: int,
        template: TemplateDTO,
        reading: ReadingDTO | None = None,
        previous: ReadingDTO | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.template = template
        self.reading = reading
        tdef = template.definition
        self.setWindowTitle(
            self.tr("Change the reading") if reading else self.tr("A new reading together")
        )
        # Room for the notes beside the scores, where the screen has it.
        self.setMinimumWidth(min(1060, self.screen().availableGeometry().width() - 40))
        outer = QVBoxLayout(self)
        outer.setSpacing(8)

        head = QHBoxLayout()
        head.addWidget(label(f"<b>{tdef.name}</b>", wrap=False))
        head.addStretch(1)
        head.addWidget(QLabel(self.tr(FIELD_LABELS["taken_on"])))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        set_date_format(self.date)
        self.date.setAccessibleName(self.tr(FIELD_LABELS["taken_on"]))
        day = reading.taken_on if reading else dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        head.addWidget(self.date)
        outer.addLayout(head)
        date_error = self.add_field("taken_on", self.date)
        date_error.setAlignment(Qt.AlignmentFlag.AlignRight)
        outer.addWidget(date_error)
        self.recheck_on("taken_on", self.date.dateChanged)
        hint = self.tr(
            "Agree each score together. Leave a domain blank if you'd rather come back to it."
        )
        if previous is not None:
            hint += " " + self.tr("Last time's scores ({0}) are shown faintly.").format(
                format_date(previous.taken_on)
            )
        outer.addWidget(label(hint, "muted"))

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(4, 1)
        self.controls: dict[str, ScoreControl] = {}
        self.stage_labels: dict[str, QLabel] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.previous_labels: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._note_keys: dict[QObject, str] = {}
        for row, d in enumerate(tdef.domains):
            name = QLabel(d.label)
            font = name.font()
            font.setPointSizeF(font.pointSizeF() * 1.1)
            name.setFont(font)
            if d.description:
                name.setToolTip(d.description)
            control = ScoreControl(tdef.scale_min, tdef.scale_max, d.label)
            stage = QLabel()
            stage.setMinimumWidth(100)
            before = previous.scores.get(d.key) if previous else None
            control.set_previous(before)
            prev = QLabel("" if before is None else self.tr("last time {0}").format(before))
            prev.setProperty("role", "muted")
            prev.setStyleSheet("color: rgba(95, 107, 114, 0.7);")
            note = QLineEdit()
            note.setPlaceholderText(self.tr("A note, in their words"))
            note.setMinimumWidth(220)
            note.setAccessibleName(self.tr("Note for {0}").format(d.label))
            control.changed.connect(lambda v, key=d.key: self._score_changed(key, v))
            control.entered.connect(lambda key=d.key: self._show_about(key))
            note.installEventFilter(self)
            self._note_keys[note] = d.key
            grid.addWidget(name, row, 0)
            grid.addWidget(control, row, 1)
            grid.addWidget(stage, row, 2)
            grid.addWidget(prev, row, 3)
            grid.addWidget(self._with_errors(note, f"scores.{d.key}", control,
                                             f"notes.{d.key}"), row, 4)
            self.recheck_on(f"notes.{d.key}", note.textChanged)
            self.recheck_on("scores", control.changed)
            self.controls[d.key] = control
            self.stage_labels[d.key] = stage
            self.notes[d.key] = note
            self.previous_labels[d.key] = prev
            self._labels[d.key] = name
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        outer.addWidget(scroll, 1)
        # The domain's description (licensed ladder wording, say) for the one being scored.
        self.about = QTextBrowser()
        self.about.setAccessibleName(self.tr("Description of the domain being scored"))
        self.about.setFrameShape(QFrame.Shape.NoFrame)
        self.about.setStyleSheet("QTextBrowser { background: transparent; }")
        self.about.setFixedHeight(96)
        self.about.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.about.setVisible(any(d.description for d in tdef.domains))
        outer.addWidget(self.about)

        outer.addWidget(QLabel(self.tr("{0} (optional)").format(self.tr(FIELD_LABELS["note"]))))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr(FIELD_LABELS["note"]))
        self.note.setFixedHeight(56)
        self.note.setTabChangesFocus(True)
        outer.addWidget(self.note)
        outer.addWidget(self.add_field("note", self.note))
        self.recheck_on("note", self.note.textChanged)
        self.flag = label("", "attention")
        outer.addWidget(self.flag)
        # "Score at least one domain": about the scores as a whole, so the cursor goes to the
        # first domain.
        first_control = next(iter(self.controls.values()), grid_host)
        self.error = self.add_field("scores", first_control)
        outer.addWidget(self.error)
        self.buttons = self.save_cancel_buttons()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        outer.addWidget(self.buttons)

        if reading is not None:
            for key, control in self.controls.items():
                control.set_value(reading.scores.get(key))
                self.notes[key].setText(reading.notes.get(key, ""))
            self.note.setPlainText(reading.note)
        self._update_flag()
        self._started_with = self.draft()
        # Every domain in view at once where the screen allows (no scrolling at the table).
        screen = self.screen().availableGeometry()
        want = self.sizeHint().height() - scroll.sizeHint().height() + grid_host.sizeHint().height()
        width = max(self.sizeHint().width(), min(1180, screen.width() - 40))  # room for notes
        self.resize(width, min(want + 8, screen.height() - 60))
        first = next(iter(self.controls.values()), None)
        if first is not None:
            first.setFocus()
            self._show_about(tdef.domains[0].key)

    def _with_errors(self, note: QLineEdit, score_key: str, control: ScoreControl,
                     note_key: str) -> QWidget:
        """The note's cell, with room under it for a problem with the domain's score or note."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(note)
        column.addWidget(self.add_field(score_key, control))
        column.addWidget(self.add_field(note_key, note))
        return cell

    # -- live feedback ------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self._note_keys:
            self._show_about(self._note_keys[watched])
        return super().eventFilter(watched, event)

    def _show_about(self, key: str) -> None:
        domain = next((d for d in self.template.definition.domains if d.key == key), None)
        if domain is None or not self.about.isVisibleTo(self):
            return
        text = domain.description or self.tr("No description for this domain.")
        paragraphs = "".join(f"<p style='margin:2px 0'>{escape(p)}</p>" for p in text.split("\n"))
        self.about.setHtml(f"<b>{escape(domain.label)}</b>{paragraphs}")

    def _score_changed(self, key: str, value: int | None) -> None:
        self.stage_labels[key].setText(self.template.definition.stage_for(value))
        self._update_flag()

    def unscored(self) -> list[str]:
        tdef = self.template.definition
        return [d.label for d in tdef.domains if self.controls[d.key].value() is None]

    def _update_flag(self) -> None:
        missing = self.unscored()
        for d in self.template.definition.domains:
            blank = self.controls[d.key].value() is None
            self._labels[d.key].setText(d.label + (" \u2022" if blank else ""))
            self._labels[d.key].setToolTip(
                self.tr("Not scored yet") if blank else d.description or ""
            )
        if not missing:
            self.flag.setText("")
            self.flag.setVisible(False)
            return
        total = len(self.template.definition.domains)
        if len(missing) == total:
            text = self.tr("No domains scored yet.")
        else:
            text = self.tr("Not scored yet ({0} of {1}): {2}. You can save and come back.").format(
                len(missing), total, ", ".join(missing)
            )
        self.flag.setText(text)
        self.flag.setVisible(True)

    # -- saving -------------------------------------------------------------------------
    def draft(self) -> ReadingDraft:
        d = self.date.date()
        return ReadingDraft(
            taken_on=dt.date(d.year(), d.month(), d.day()),
            scores={k: c.value() for k, c in self.controls.items()},
            notes={k: e.text().strip() for k, e in self.notes.items() if e.text().strip()},
            note=self.note.toPlainText().strip(),
        )

    def problems(self) -> dict[str, str]:
        draft = self.draft()
        return {**check_scored(draft),
                **check_reading(draft, self.template.definition, dt.date.today())}

    def write(self) -> Callable[[], Changed[ReadingDTO]]:
        draft, svc = self.draft(), self.services.star
        if self.reading is None:
            pid, version = self.participant_id, self.template.version_id
            return lambda: svc.add_reading(pid, draft, version)
        rid = self.reading.id
        return lambda: svc.update_reading(rid, draft)

    def reject(self) -> None:
        """Cancel or Escape: a reading agreed over ten domains is not thrown away unasked."""
        if self.saved is None and self.draft() != self._started_with:
            answer = QMessageBox.question(
                self,
                self.tr("Leave without saving?"),
                self.tr("The scores and notes you entered in this reading will be lost."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
