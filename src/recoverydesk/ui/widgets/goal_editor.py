"""The goal editor: the goal in the participant's own words, its SMART parts, life domains and
priority, with a live SMART check that advises and never blocks saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.types import (
    FIELD_LABELS,
    PRIORITY_LABELS,
    GoalDraft,
    GoalDTO,
    smart_check,
)
from recoverydesk.ui.dialogs.goal_form import with_mnemonic
from recoverydesk.ui.widgets.common import OptionalDateEdit, label

SMART_NAMES = {
    "S": "Specific",
    "M": "Measurable",
    "A": "Achievable",
    "R": "Relevant",
    "T": "Time-bound",
}


def _text_box(placeholder: str, lines: int = 2) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    h = box.fontMetrics().lineSpacing() * lines + 18
    box.setFixedHeight(h)
    return box


class GoalEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self._baseline = GoalDraft()
        self._domain_boxes: dict[str, QCheckBox] = {}
        self._plan_goals: list[tuple[int, str]] | None = None  # the choices the link offers
        self.today = dt.date.today()
        self.open_goal = True

        self.title = QLineEdit()
        self.title.setPlaceholderText(
            self.tr("The goal in their own words, for example “Get out of the house more”")
        )
        self.title.setAccessibleName(self.tr("Goal, in their own words"))
        # A problem with the goal shows here, under its field, never in a pop-up.
        self.title_error = label("", "error")
        self.title_error.hide()
        self.specific = _text_box(self.tr("What exactly will happen: what, where, how often"))
        self.specific.setAccessibleName(self.tr("Specific"))
        self.measure = QLineEdit()
        self.measure.setPlaceholderText(self.tr("How we'll know, for example “walks a week”"))
        self.measure.setAccessibleName(self.tr("Measure"))
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("Target, for example “3”"))
        self.target.setAccessibleName(self.tr("Target"))
        self.achievable = _text_box(self.tr("Strengths, people and supports that will help"))
        self.achievable.setAccessibleName(self.tr("What helps"))
        self.why = _text_box(self.tr("Why this matters to them, in their words"))
        self.why.setAccessibleName(self.tr("Why it matters"))
        self.target_date = OptionalDateEdit()
        self.target_date.setAccessibleName(self.tr("Target date"))
        self.priority = QComboBox()
        for value, text in PRIORITY_LABELS.items():
            self.priority.addItem(self.tr(text), value)
        self.priority.setAccessibleName(self.tr("Priority"))
        # The NDIS plan goal this goal serves (a planner reads the review by the plan's goals).
        self.plan_goal = QComboBox()
        self.plan_goal.setAccessibleName(self.tr("NDIS plan goal it serves"))
        self.plan_goal.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_goal.setMinimumContentsLength(20)
        self.plan_goal.addItem(self.tr("Not linked to a plan goal"), None)

        # The boxes live in a grid widget rebuilt whenever the template's domains change, so
        # rows left over from a longer template never take space.
        domains_box = QWidget()
        domains_box.setAccessibleName(self.tr("Life domains"))
        domains_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._domains_holder = QVBoxLayout(domains_box)
        self._domains_holder.setContentsMargins(0, 0, 0, 0)
        self._domains_grid_widget: QWidget | None = None

        measure_row = QHBoxLayout()
        measure_row.addWidget(self.measure, 3)
        measure_row.addWidget(self.target, 2)
        when_row = QHBoxLayout()
        when_row.addWidget(self.target_date)
        when_row.addSpacing(16)
        prio_label = QLabel(self._label("priority", "P"))
        prio_label.setBuddy(self.priority)
        when_row.addWidget(prio_label)
        when_row.addWidget(self.priority)
        when_row.addStretch(1)

        form = QFormLayout()
        form.setSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label("title", "G"), self.title)
        form.addRow("", self.title_error)
        form.addRow(self._label("domains", "d"), domains_box)
        form.addRow(self._label("specific", "S"), self.specific)
        measure_label = QLabel(
            with_mnemonic(f"{self.tr(FIELD_LABELS['measure'])} + "
                          f"{self.tr(FIELD_LABELS['target']).lower()}", "M"))
        measure_label.setBuddy(self.measure)
        form.addRow(measure_label, measure_row)
        form.addRow(self._label("achievable", "h"), self.achievable)
        form.addRow(self._label("why_it_matters", "W"), self.why)
        form.addRow(self._label("ndis_goal_id", "p"), self.plan_goal)
        when_label = QLabel(self._label("target_date", "B"))
        when_label.setBuddy(self.target_date)
        form.addRow(when_label, when_row)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item and isinstance(item.widget(), QLabel):
                item.widget().setProperty("role", "muted")

        self.smart_label = label("", "muted")
        self.smart_label.setTextFormat(Qt.TextFormat.RichText)
        self.smart_label.setAccessibleName(self.tr("SMART check"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.smart_label)
        layout.addStretch(1)  # spare height goes below, never into the form rows

        for w in (self.title, self.measure, self.target):
            w.textChanged.connect(self._edited)
        self.title.textChanged.connect(lambda _t: self.show_errors({}))
        for w in (self.specific, self.achievable, self.why):
            w.textChanged.connect(self._edited)
        self.target_date.dateChanged.connect(self._edited)
        self.plan_goal.currentIndexChanged.connect(self._edited)
        self.priority.currentIndexChanged.connect(self._edited)

    def _label(self, key: str, letter: str) -> str:
        """The field's one label (goals.types.FIELD_LABELS) with its keyboard letter."""
        return with_mnemonic(self.tr(FIELD_LABELS[key]), letter)

    # domains -----------------------------------------------------------------

    def set_domains(self, domains: list[tuple[str, str]]) -> None:
        if list(self._domain_boxes) == [k for k, _ in domains]:
            return
        if self._domains_grid_widget is not None:
            self._domains_holder.removeWidget(self._domains_grid_widget)
            self._domains_grid_widget.deleteLater()
        self._domain_boxes.clear()
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for i, (key, text) in enumerate(domains):
            box = QCheckBox(text)
            box.toggled.connect(self._edited)
            self._domain_boxes[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self._domains_holder.addWidget(holder)
        self._domains_grid_widget = holder

    def set_plan_goals(self, goals: list[tuple[int, str]]) -> None:
        """The participant's NDIS plan goals, (id, words), for the link's choice."""
        if goals == self._plan_goals:  # as shown (a switch between most participants: none)
            return
        self._plan_goals = list(goals)
        current = self.plan_goal.currentData()
        self._loading, was_loading = True, self._loading
        try:
            self.plan_goal.clear()
            self.plan_goal.addItem(self.tr("Not linked to a plan goal"), None)
            for gid, text in goals:
                short = text if len(text) <= 70 else text[:69] + "…"
                self.plan_goal.addItem(short, gid)
                self.plan_goal.setItemData(self.plan_goal.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            self.plan_goal.setCurrentIndex(max(0, self.plan_goal.findData(current)))
        finally:
            self._loading = was_loading
        self.plan_goal.setEnabled(bool(goals))
        self.plan_goal.setToolTip(
            "" if goals else self.tr("Add the NDIS plan's goals in the participant's details first.")
        )

    # loading and reading -----------------------------------------------------

    def load(self, goal: GoalDTO | None, draft: GoalDraft | None = None) -> None:
        """Show a goal (or a blank new goal); ``draft`` restores kept unsaved edits over it."""
        self._baseline = goal.to_draft() if goal else GoalDraft()
        self.open_goal = goal.is_open if goal else True
        self.set_draft(draft or self._baseline)

    def set_draft(self, d: GoalDraft) -> None:
        self._loading = True
        try:
            self.title.setText(d.title)
            self.specific.setPlainText(d.specific)
            self.measure.setText(d.measure)
            self.target.setText(d.target)
            self.achievable.setPlainText(d.achievable)
            self.why.setPlainText(d.why_it_matters)
            self.target_date.set_value(d.target_date)
            self.priority.setCurrentIndex(max(0, self.priority.findData(d.priority)))
            self.plan_goal.setCurrentIndex(max(0, self.plan_goal.findData(d.ndis_goal_id)))
            for key, box in self._domain_boxes.items():
                box.setChecked(key in d.domains)
        finally:
            self._loading = False
        self._update_smart()

    def draft(self) -> GoalDraft:
        chosen = tuple(k for k, box in self._domain_boxes.items() if box.isChecked())
        # Keys with no box here (another template's) are kept, never silently dropped.
        chosen += tuple(k for k in self._baseline.domains if k not in self._domain_boxes)
        # Keep the main domain first, as it was, so the goal stays in its group.
        first = [k for k in self._baseline.domains if k in chosen]
        domains = tuple(dict.fromkeys([*first, *chosen]))
        return GoalDraft(
            title=self.title.text(),
            specific=self.specific.toPlainText(),
            measure=self.measure.text(),
            target=self.target.text(),
            achievable=self.achievable.toPlainText(),
            why_it_matters=self.why.toPlainText(),
            target_date=self.target_date.value(),
            domains=domains,
            priority=self.priority.currentData() or 2,
            ndis_goal_id=self.plan_goal.currentData(),
            base_version=self._baseline.base_version,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the service's field problems beside the fields (the title is the one that
        can fail; anything else is shown under it too, so nothing is hidden)."""
        message = errors.get("title") or next(iter(errors.values()), "")
        self.title_error.setText(self.tr(message) if message else "")
        self.title_error.setVisible(bool(message))
        if message:
            self.title.setFocus()

    def is_dirty(self) -> bool:
        return _norm(self.draft()) != _norm(self._baseline)

    def mark_saved(self, goal: GoalDTO) -> None:
        self._baseline = goal.to_draft()
        self.open_goal = goal.is_open
        self._update_smart()

    # SMART -------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._update_smart()
        self.changed.emit()

    def smart_notes(self):
        return smart_check(self.draft(), self.today, open_goal=self.open_goal)

    def _update_smart(self) -> None:
        notes = self.smart_notes()
        if not notes:
            self.smart_label.setText(
                self.tr("<b>SMART check:</b> all five parts are there. Nicely done.")
            )
            return
        rows = "".join(
            f"<li><b>{self.tr(SMART_NAMES[n.part])}</b>: {self.tr(n.text)}</li>" for n in notes
        )
        self.smart_label.setText(
            self.tr("<b>SMART check</b> (a guide, not a rule; save whenever you like):")
            + f"<ul style='margin-top:2px; margin-left:-16px'>{rows}</ul>"
        )


def _norm(d: GoalDraft) -> tuple:
    return (
        " ".join(d.title.split()),
        d.specific.strip(),
        d.measure.strip(),
        d.target.strip(),
        d.achievable.strip(),
        d.why_it_matters.strip(),
        d.target_date,
        tuple(sorted(d.domains)),
        d.priority,
        d.ndis_goal_id,
    )
