"""Record a reading of a measure the coach loaded from a template (the QPR route, issue 23): the
day, one answer per item in the template's own wording (or left out), and a note. The source
and licence of the wording show at the top; the total follows the template's scoring rules
(``chime.types.score``) as the answers are chosen. Saved through ``chime.measures.record``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.chime.types import (
    FIELD_LABELS,
    MeasureDef,
    check_answers,
    score,
)
from recoverydesk.services.types import ValidationError, problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.widgets.common import OptionalDateEdit, label
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def _check(m: MeasureDef, day: dt.date | None, answers: list[int | None]) -> None:
    if day is None:
        raise ValidationError.single("taken_on", "Say which day the reading was taken.")
    if all(a is None for a in answers):
        raise ValidationError.single("answers", "Choose at least one answer.")
    check_answers(m, answers)


class MeasureReadingDialog(FormDialog):
    def __init__(self, services: Services, participant_id: int, measures: list[MeasureDef],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.measures = {m.key: m for m in measures}
        self.setWindowTitle(self.tr("Record a reading"))
        fit_size(self, QSize(720, 640))
        self.template = QComboBox()
        for m in measures:
            self.template.addItem(m.name, m.key)
        self.taken_on = OptionalDateEdit()
        self.taken_on.set_value(dt.date.today())
        self.note = QLineEdit()
        self.source = label("", "muted")
        self.items_form = QFormLayout()
        self.answers: list[QComboBox] = []
        self.total = label("", "heading")
        head = QFormLayout()
        add_row(self, head, "template", self.template, FIELD_LABELS["template"], "M")
        add_row(self, head, "taken_on", self.taken_on, FIELD_LABELS["taken_on"], "D")
        holder = QWidget()
        holder.setLayout(self.items_form)
        self.answers_error = self.add_field("answers", holder)
        tail = QFormLayout()
        add_row(self, tail, "note", self.note, self.tr("Note"), "N")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.source)
        layout.addWidget(scroll_body(holder), 1)
        layout.addWidget(self.answers_error)
        layout.addWidget(self.total)
        layout.addLayout(tail)
        layout.addWidget(self.save_cancel_buttons())
        self.template.currentIndexChanged.connect(lambda _i: self._build_items())
        self._build_items()

    def measure(self) -> MeasureDef:
        return self.measures[self.template.currentData()]

    def _build_items(self) -> None:
        m = self.measure()
        self.source.setText(self.tr("Wording from: %1. Used under: %2.").replace(
            "%1", m.source).replace("%2", m.licence))
        while self.items_form.rowCount():
            self.items_form.removeRow(0)
        self.answers = []
        for n, item in enumerate(m.items, 1):
            box = QComboBox()
            box.addItem(self.tr("Not answered"), None)
            for value in range(m.scale_min, m.scale_max + 1):
                words = m.labels[value - m.scale_min] if m.labels else ""
                box.addItem(f"{value} · {words}" if words else str(value), value)
            box.setAccessibleName(f"{n}. {item.text}")
            box.currentIndexChanged.connect(lambda _i: self._answered())
            text = QLabel(f"{n}. {item.text}")
            text.setWordWrap(True)
            self.items_form.addRow(text, box)
            self.answers.append(box)
        self._answered()

    def values(self) -> list[int | None]:
        return [box.currentData() for box in self.answers]

    def _answered(self) -> None:
        m, answers = self.measure(), self.values()
        total = score(m, answers)
        given = sum(a is not None for a in answers)
        if total is None:
            self.total.setText(self.tr("%1 of %2 answered: no total until %3 are").replace(
                "%1", str(given)).replace("%2", str(len(m.items))).replace(
                "%3", str(m.min_answered)))
        else:
            self.total.setText(self.tr("Total %1 of %2").replace("%1", str(total)).replace(
                "%2", str(m.max_total)))
        if given:
            self._touch("answers")

    def problems(self) -> dict[str, str]:
        return problems_of(_check, self.measure(), self.taken_on.value(), self.values())

    def write(self):
        measures, pid = self.services.chime.measures, self.participant_id
        key, day = self.measure().key, self.taken_on.value() or dt.date.today()
        answers, note = self.values(), self.note.text()
        return lambda: measures.record(pid, key, day, answers, note)
