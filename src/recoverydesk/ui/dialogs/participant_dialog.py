"""Create or edit a participant, with problems shown beside the field as the coach types."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.services.participants.service import ParticipantDraft, ParticipantDTO, clean_draft
from recoverydesk.services.participants.types import clean_ndis_goal_texts
from recoverydesk.services.types import Changed, ValidationError
from recoverydesk.ui.screen_fit import room_for
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import OptionalDateEdit
from recoverydesk.ui.widgets.scroll_body import scroll_body

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


class ParticipantDialog(QDialog):
    def __init__(self, services: Services, participant: ParticipantDTO | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant = participant
        self.saved: ParticipantDTO | None = None
        self._touched: set[str] = set()
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
        for text, value in ((self.tr("Active"), "active"), (self.tr("Paused"), "paused"),
                            (self.tr("Exited"), "exited")):
            self.status.addItem(text, value)
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
        self.plan_goals_error = QLabel()
        self.plan_goals_error.setProperty("role", "error")
        self.plan_goals_error.setWordWrap(True)
        self.plan_goals_error.hide()
        self._plan_goals_before = ""

        self._fields: dict[str, QWidget] = {
            "given_name": self.given_name, "family_name": self.family_name,
            "preferred_name": self.preferred_name, "pronouns": self.pronouns,
            "date_of_birth": self.date_of_birth, "phone": self.phone, "email": self.email,
            "address": self.address, "ndis_number": self.ndis_number,
            "plan_start": self.plan_start, "plan_end": self.plan_end, "status": self.status,
            "about": self.about,
        }
        labels = {
            "given_name": self.tr("First name"), "family_name": self.tr("Family name"),
            "preferred_name": self.tr("Preferred name"), "pronouns": self.tr("Pronouns"),
            "date_of_birth": self.tr("Date of birth"), "phone": self.tr("Phone"),
            "email": self.tr("Email"), "address": self.tr("Address"),
            "ndis_number": self.tr("NDIS number"), "plan_start": self.tr("Plan starts"),
            "plan_end": self.tr("Plan ends"), "status": self.tr("Status"),
            "about": self.tr("In their words"),
        }
        self._errors: dict[str, QLabel] = {}
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
        for key, widget in self._fields.items():
            widget.setAccessibleName(labels[key])
            error = QLabel()
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            self._errors[key] = error
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
            signal.connect(lambda *_a, k=key: self._touch(k))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
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
            self.setTabOrder(self._fields[first], self._fields[second])  # down each column
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
        self._show_errors({})

    def draft(self) -> ParticipantDraft:
        return ParticipantDraft(
            given_name=self.given_name.text(), family_name=self.family_name.text(),
            preferred_name=self.preferred_name.text(), pronouns=self.pronouns.text(),
            date_of_birth=self.date_of_birth.value(), phone=self.phone.text(),
            email=self.email.text(), address=self.address.text(),
            ndis_number=self.ndis_number.text(), plan_start=self.plan_start.value(),
            plan_end=self.plan_end.value(), status=self.status.currentData(),
            about=self.about.toPlainText(),
        )

    def problems(self) -> dict[str, str]:
        try:
            clean_draft(self.draft())
        except ValidationError as err:
            return err.errors
        return {}

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        errors = self.problems()
        self._show_errors({k: v for k, v in errors.items() if k in self._touched})

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self._errors.items():
            message = errors.get(key, "")
            label.setText(self.tr(message) if message else "")
            label.setVisible(bool(message))
            widget = self._fields[key]
            widget.setProperty("invalid", bool(message))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        QTimer.singleShot(0, self._grow_to_fit)

    def _grow_to_fit(self) -> None:
        """A message under a field needs room: grow (never shrink, so the form does not jump
        about while the coach types). Wrapped labels are not counted by the minimum size."""
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def plan_goal_texts(self) -> list[str]:
        return self.plan_goals.toPlainText().splitlines()

    def _plan_goals_problem(self) -> str:
        try:
            clean_ndis_goal_texts(self.plan_goal_texts())
        except ValidationError as err:
            return next(iter(err.errors.values()), "")
        return ""

    def save(self) -> None:
        problem = self._plan_goals_problem()
        self.plan_goals_error.setText(self.tr(problem) if problem else "")
        self.plan_goals_error.setVisible(bool(problem))
        if problem:
            self.plan_goals.setFocus()
            return
        errors = self.problems()
        if errors:
            self._touched.update(errors)
            self._show_errors(errors)
            self._fields[next(iter(errors))].setFocus()
            return
        draft = self.draft()
        svc = self.services.participants
        goals = self.plan_goal_texts()
        goals_changed = self.plan_goals.toPlainText() != self._plan_goals_before
        if self.participant is None:
            save_person = lambda: svc.create(draft)  # noqa: E731
        else:
            pid = self.participant.id
            save_person = lambda: svc.update(pid, draft)  # noqa: E731

        def fn() -> Changed[ParticipantDTO]:
            person = save_person()
            if not goals_changed:
                return person
            # checked above, so this never fails half-way on bad input
            goals_saved = svc.set_ndis_goals(person.value.id, goals)
            return Changed(person.value, person.changes | goals_saved.changes)
        Op(self, fn).success(self._saved).failure(self._failed).run()

    def _saved(self, participant: ParticipantDTO) -> None:
        self.saved = participant
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._show_errors(error.errors)
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
