"""Mark (or change) a turning point on a participant's recovery story: the day, a short title in
plain words, a note if it helps, and the tagged moment it stands on, if any. Checked by
``chime.types.clean_turning_point``; saved through the chime service."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.chime.types import (
    FIELD_LABELS,
    TITLE_MAX,
    StoryMoment,
    TurningPointDraft,
    TurningPointDTO,
    clean_turning_point,
    excerpt,
    process_label,
)
from recoverydesk.services.types import problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.widgets.common import OptionalDateEdit, format_date

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class TurningPointDialog(FormDialog):
    def __init__(self, services: Services, participant_id: int, moments: list[StoryMoment],
                 point: TurningPointDTO | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.point = point
        self.setWindowTitle(self.tr("Change the turning point") if point
                            else self.tr("Mark a turning point"))
        self.setMinimumWidth(560)
        self.marked_on = OptionalDateEdit()
        self.marked_on.set_value(point.marked_on if point else dt.date.today())
        self.title = QLineEdit(point.title if point else "")
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(self.tr("In a few words, for example “First day at TAFE”"))
        self.note = QLineEdit(point.note if point else "")
        self.tag = QComboBox()
        # long moments must not squeeze the labels: the box shows about 40 characters
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag.setMinimumContentsLength(40)
        self.tag.addItem(self.tr("None"), None)
        for m in sorted(moments, key=lambda m: m.day, reverse=True):
            self.tag.addItem(f"{format_date(m.day)} · {process_label(m.process, short=True)} · "
                             f"{excerpt(m.words, 60)}", m.tag_id)
        if point and point.tag_id is not None:
            self.tag.setCurrentIndex(max(0, self.tag.findData(point.tag_id)))
        form = QFormLayout()
        add_row(self, form, "marked_on", self.marked_on, FIELD_LABELS["marked_on"], "D")
        add_row(self, form, "title", self.title, FIELD_LABELS["title"], "i")
        add_row(self, form, "note", self.note, FIELD_LABELS["note"], "N")
        self.recheck_on("title", self.title.textChanged)
        # the moment below the form, full width: its lines are long
        tag_label = QLabel(self.tr("&Tagged moment it stands on (if any)"))
        tag_label.setBuddy(self.tag)
        self.tag.setAccessibleName(self.tr(FIELD_LABELS["tag_id"]))
        tag_error = self.add_field("tag_id", self.tag)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tag_label)
        layout.addWidget(self.tag)
        layout.addWidget(tag_error)
        layout.addWidget(self.save_cancel_buttons())

    def draft(self) -> TurningPointDraft:
        return TurningPointDraft(self.marked_on.value() or dt.date.today(), self.title.text(),
                                 self.note.text(), self.tag.currentData())

    def problems(self) -> dict[str, str]:
        return problems_of(clean_turning_point, self.draft())

    def write(self):
        chime, draft, pid = self.services.chime, self.draft(), self.participant_id
        if self.point is not None:
            point_id = self.point.id
            return lambda: chime.change_turning_point(point_id, draft)
        return lambda: chime.mark_turning_point(pid, draft)
