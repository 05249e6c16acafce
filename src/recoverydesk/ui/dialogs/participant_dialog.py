"""Create or edit a participant, with problems shown beside the field as the coach types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.participants.types import (
    FIELD_LABELS,
    STATUS_LABELS,
    ParticipantDraft,
    ParticipantDTO,
    check_draft,
    clean_ndis_goal_texts,
)
from recoverydesk.services.types import Changed, ValidationError
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.screen_fit import room_for
from recoverydesk.ui.widgets.common import OptionalDateEdit
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

# (heading, field keys) per column; "about" sits below both.
COLUMNS = (
    (("Who they are", ("given_name", "family_name", "preferred_name", "pronouns",
                       "date_of_birth")),
     ("Support", ("status",))),
    (("Contact", ("phone", "email", "address")),
     ("NDIS", ("ndis_number", "plan_start", "plan_end"))),
)


def section_heading(text: str) -> QLabel:
    heading = QLabel(text)
    heading.setProperty("role", "subheading")
    return heading


class ParticipantDialog(FormDialog):
    def __init__(self, services: Services, participant: ParticipantDTO | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant = participant
        self.saved: ParticipantDTO | None = None
        self.setWindowTitle(self.tr("Edit participant") if participant else
                            self.tr("New participant"))
        self.setMinimumWidth(min(820, room_for(self).width()))  # two columns, if they fit

        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.preferred_name = QLineEdit()
        self.preferred_name.setPlaceholderText(self.tr("What they like to be called"))
        self.pronouns = QLineEdit()
        self.pronouns.setPlaceholderText(self.tr("she/her, they/them, …"))
        self.date_of_birth = OptionalDateEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.ndis_number = QLineEdit()
        self.ndis_number.setPlaceholderText(self.tr("9 digits"))
        self.plan_start = OptionalDateEdit()
        self.plan_end = OptionalDateEdit()
        self.status = QComboBox()
        for value, text in STATUS_LABELS.items():
            self.status.addItem(self.tr(text), value)
        self.about = QPlainTextEdit()
        self.about.setTabChangesFocus(True)  # Tab moves on instead of typing a tab
        self.about.setPlaceholderText(
            self.tr("What matters to them, and what they would like help with"))
        self.about.setFixedHeight(80)
        # The NDIS plan's goals in the plan's words, one a line: coaching goals link to them
        # and the review reports against them.
        self.plan_goals = QPlainTextEdit()
        self.plan_goals.setTabChangesFocus(True)
        self.plan_goals.setAccessibleName(self.tr("NDIS plan goals, one a line"))
        self.plan_goals.setPlaceholderText(
            self.tr("One goal a line, in the plan's words, for example “I want to make friends "
                    "and join a community group”"))
        self.plan_goals.setFixedHeight(72)
        self._plan_goals_before = ""

        fields: dict[str, QWidget] = {
            "given_name": self.given_name, "family_name": self.family_name,
            "preferred_name": self.preferred_name, "pronouns": self.pronouns,
            "date_of_birth": self.date_of_birth, "phone": self.phone, "email": self.email,
            "address": self.address, "ndis_number": self.ndis_number,
            "plan_start": self.plan_start, "plan_end": self.plan_end, "status": self.status,
            "about": self.about,
        }
        labels = {key: self.tr(text) for key, text in FIELD_LABELS.items()}
        # Two columns of short sections, then their own words across the whole width: the
        # form fits a laptop screen without scrolling, and the coach can tab straight through.
        forms: dict[str, QFormLayout] = {}
        columns = QHBoxLayout()
        columns.setSpacing(32)
        headings: dict[str, str] = {}
        for column in COLUMNS:
            form = QFormLayout()  # one per column, so its labels line up
            form.setVerticalSpacing(8)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            columns.addLayout(form, 1)
            for heading, keys in column:
                headings[keys[0]] = heading
                forms.update({key: form for key in keys})
        for key, widget in fields.items():
            widget.setAccessibleName(labels[key])
            error = self.add_field(key, widget)
            error.setProperty("role", "error")
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            if key in forms:
                if key in headings:
                    if forms[key].rowCount():
                        forms[key].addItem(QSpacerItem(0, 8))
                    forms[key].addRow(section_heading(self.tr(headings[key])))
                forms[key].addRow(labels[key], holder)
            else:
                about_holder = holder
            signal = getattr(widget, "textChanged", None) or getattr(widget, "dateChanged", None)
            if signal is None:
                signal = widget.currentIndexChanged
            self.recheck_on(key, signal)
        # The plan's goals are one box of lines, checked before the fields, their note under it.
        self.plan_goals_error = QLabel()
        self.plan_goals_error.setProperty("role", "error")
        self.plan_goals_error.setWordWrap(True)
        self.plan_goals_error.hide()

        self.buttons = self.save_cancel_buttons()
        self.buttons.button(self.buttons.StandardButton.Save).setProperty("primary", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        # The fields scroll on a short screen (1920x1080 at 200%); Save stays in view.
        layout.addWidget(scroll_body(
            columns, section_heading(self.tr("In their words")), about_holder,
            section_heading(self.tr("Their NDIS plan's goals")), self.plan_goals,
            self.plan_goals_error))
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        order = [key for column in COLUMNS for _h, keys in column for key in keys] + ["about"]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(fields[first], fields[second])  # down each column
        self.setTabOrder(self.about, self.plan_goals)
        if participant:
            self._load(participant)
        self.given_name.setFocus()

    def _load(self, p: ParticipantDTO) -> None:
        for key in ("given_name", "family_name", "preferred_name", "pronouns", "phone", "email",
                    "address", "ndis_number"):
            self._fields[key].setText(getattr(p, key))
        self.date_of_birth.set_value(p.date_of_birth)
        self.plan_start.set_value(p.plan_start)
        self.plan_end.set_value(p.plan_end)
        self.status.setCurrentIndex(self.status.findData(p.status))
        self.about.setPlainText(p.about)
        goals = self.services.participants.ndis_goals(p.id) if self.services else []
        self._plan_goals_before = "\n".join(g.text for g in goals)
        self.plan_goals.setPlainText(self._plan_goals_before)
        self._touched.clear()
        self.show_errors({})

    def draft(self) -> ParticipantDraft:
        return ParticipantDraft(
            given_name=self.given_name.text(), family_name=self.family_name.text(),
            preferred_name=self.preferred_name.text(), pronouns=self.pronouns.text(),
            date_of_birth=self.date_of_birth.value(), phone=self.phone.text(),
            email=self.email.text(), address=self.address.text(),
            ndis_number=self.ndis_number.text(), plan_start=self.plan_start.value(),
            plan_end=self.plan_end.value(), status=self.status.currentData(),
            about=self.about.toPlainText(),
            base_version=self.participant.version if self.participant else None,
        )

    def plan_goal_texts(self) -> list[str]:
        return self.plan_goals.toPlainText().splitlines()

    def _plan_goals_problem(self) -> str:
        try:
            clean_ndis_goal_texts(self.plan_goal_texts())
        except ValidationError as err:
            return next(iter(err.errors.values()), "")
        return ""

    def problems(self) -> dict[str, str]:
        return check_draft(self.draft())

    def save(self) -> None:
        problem = self._plan_goals_problem()
        self.plan_goals_error.setText(self.tr(problem) if problem else "")
        self.plan_goals_error.setVisible(bool(problem))
        if problem:
            self.plan_goals.setFocus()
            return
        super().save()

    def write(self):
        draft = self.draft()
        svc = self.services.participants
        goals = self.plan_goal_texts()
        goals_changed = self.plan_goals.toPlainText() != self._plan_goals_before
        if self.participant is None:
            save_person = lambda: svc.create(draft)  # noqa: E731
        else:
            pid = self.participant.id
            save_person = lambda: svc.update(pid, draft)  # noqa: E731

        def with_goals(person: Changed[ParticipantDTO]) -> Changed[ParticipantDTO]:
            if not goals_changed:
                return person
            # checked in save(), so this never fails half-way on bad input
            goals_saved = svc.set_ndis_goals(person.value.id, goals)
            return Changed(person.value, person.changes | goals_saved.changes)

        def fn() -> Changed[ParticipantDTO]:
            try:
                return with_goals(save_person())
            except EditConflict as conflict:  # the plan goals typed are saved with the answer
                again = conflict.save_again
                if again is not None:
                    conflict.save_again = lambda d, how: with_goals(again(d, how))
                raise

        return fn
