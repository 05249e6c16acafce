"""The parts of the session note, one job each: the travel, what was worked on (goals and
tools), and the note itself with the next steps (when and where it happened and how it went:
``session_note_when``).

Each panel builds its fields, places the error line of each under it (``add_field`` from the
dialog), loads its share of a ``SessionInput`` and gives it back (``values()``), and emits
``edited`` when the coach changes anything in it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.sessions.types import (
    FIELD_LABELS,
    TOOL_LABELS,
    SessionDTO,
    SessionInput,
)
from recoverydesk.ui.widgets.common import (
    format_date,
    label,
)

AddField = Callable[[str, QWidget], QLabel]

def with_errors(inner: QWidget | QHBoxLayout, *errors: QLabel) -> QWidget:
    """``inner`` with its error lines right under it."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(inner, QWidget):
        box.addWidget(inner)
    else:
        box.addLayout(inner)
    for error in errors:
        box.addWidget(error)
    return holder


class Panel(QWidget):
    """A part of the note: ``edited`` says the coach changed something in it (loading what
    was saved before is not an edit)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()


class TravelPanel(Panel):
    """How far the coach travelled for the session, and for how long."""

    def __init__(self, add_field: AddField, parent: QWidget | None = None):
        super().__init__(parent)
        self.travel_km = QDoubleSpinBox(decimals=1, maximum=2000, suffix=" km")
        self.travel_minutes = QDoubleSpinBox(decimals=0, maximum=600, suffix=" min")
        spins = QHBoxLayout()
        for spin in (self.travel_km, self.travel_minutes):
            spin.setMinimumWidth(120)
            spin.setAccessibleName(self.tr(FIELD_LABELS["travel_km"]))
            spin.valueChanged.connect(self._edited)
            spins.addWidget(spin)
        spins.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(with_errors(spins, add_field("travel_km", self.travel_km),
                                      add_field("travel_minutes", self.travel_minutes)))

    def tab_chain(self) -> list[QWidget]:
        return [self.travel_km, self.travel_minutes]

    def load(self, data: SessionInput) -> None:
        self._loading = True
        self.travel_km.setValue(data.travel_km)
        self.travel_minutes.setValue(data.travel_minutes)
        self._loading = False

    def values(self) -> dict:
        return {"travel_km": self.travel_km.value(),
                "travel_minutes": int(self.travel_minutes.value())}


class WorkedOnPanel(Panel):
    """The goals worked on (the open ones, and any this note already names) and the tools
    used."""

    def __init__(self, add_field: AddField, goals: list, linked: set[int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.goal_list = QListWidget()
        self.goal_list.setAccessibleName(self.tr(FIELD_LABELS["goal_ids"]))
        goals = [g for g in goals if getattr(g, "is_open", True) or g.id in linked]
        for g in goals:
            item = QListWidgetItem(g.title)
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.goal_list.addItem(item)
        if goals:
            self.goal_list.setSpacing(2)  # tap-sized rows
            row_h = (self.goal_list.sizeHintForRow(0) or 24) + 4
            self.goal_list.setFixedHeight(min(5 * row_h, row_h * len(goals)) + 8)
        self.no_goals = label(self.tr("No goals set yet. Goals you agree together will show "
                                      "here to tick."), "muted")
        self.goal_list.setVisible(bool(goals))
        self.no_goals.setVisible(not goals)
        self.tool_checks: dict[str, QCheckBox] = {}
        tools = QGridLayout()
        tools.setHorizontalSpacing(16)
        for i, (key, text) in enumerate(TOOL_LABELS.items()):
            box = QCheckBox(self.tr(text))
            self.tool_checks[key] = box
            tools.addWidget(box, i // 3, i % 3)
            box.toggled.connect(self._edited)
        self.tools_other = QLineEdit()
        self.tools_other.setPlaceholderText(self.tr(FIELD_LABELS["tools_other"]))
        tools.addWidget(self.tools_other, 1, 2)
        self.tools_other.setVisible(False)
        self.tool_checks["other"].toggled.connect(self.tools_other.setVisible)
        self.tools_other.textChanged.connect(self._edited)
        self.goal_list.itemChanged.connect(self._edited)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr(FIELD_LABELS["goal_ids"]), "heading"))
        layout.addWidget(self.goal_list)
        layout.addWidget(self.no_goals)
        layout.addWidget(add_field("goal_ids", self.goal_list))
        layout.addWidget(label(self.tr(FIELD_LABELS["tools"]), "heading"))
        layout.addLayout(tools)
        layout.addWidget(add_field("tools", self.tool_checks["recovery_star"]))

    def tab_chain(self) -> list[QWidget]:
        return [self.goal_list, *self.tool_checks.values(), self.tools_other]

    def load(self, data: SessionInput) -> None:
        self._loading = True
        for key, box in self.tool_checks.items():
            box.setChecked(key in data.tools)
        self.tools_other.setText(data.tools_other)
        for i in range(self.goal_list.count()):
            item = self.goal_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in data.goal_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._loading = False

    def values(self) -> dict:
        goal_ids = tuple(
            self.goal_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.goal_list.count())
            if self.goal_list.item(i).checkState() == Qt.CheckState.Checked)
        return {"goal_ids": goal_ids,
                "tools": tuple(k for k, box in self.tool_checks.items() if box.isChecked()),
                "tools_other": self.tools_other.text()}


class _NoteBox(QPlainTextEdit):
    """Asks for half as much again as its minimum height (not Qt's 192 px each), so the note
    fits a short screen; the boxes grow with the window."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight() * 3 // 2)


def _text_box(placeholder: str, height: int) -> QPlainTextEdit:
    box = _NoteBox()
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    box.setTabChangesFocus(True)
    return box


class NotePanel(Panel):
    """The note in the coach's words: what was talked about, what went well, the next steps,
    with last time's next steps above to look back on."""

    def __init__(self, last: SessionDTO | None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.last_steps: QLabel | None = None
        if last is not None and last.next_steps:
            box = QFrame()
            box.setProperty("card", True)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(12, 8, 12, 8)
            inner.addWidget(label(self.tr("Next steps from last time (%1)").replace(
                "%1", format_date(last.local_date)), "muted"))
            self.last_steps = label(last.next_steps)
            inner.addWidget(self.last_steps)
            layout.addWidget(box)
        self.talked_about = _text_box(self.tr("What we talked about, in plain words"), 104)
        self.went_well = _text_box(self.tr("What went well"), 56)
        self.next_steps = _text_box(self.tr("What each of us will do before next time"), 56)
        for key, box in (("talked_about", self.talked_about), ("went_well", self.went_well),
                         ("next_steps", self.next_steps)):
            heading = self.tr(FIELD_LABELS[key])
            layout.addWidget(label(heading, "heading"))
            box.setAccessibleName(heading)
            layout.addWidget(box, 2 if box is self.talked_about else 1)
            box.textChanged.connect(self._edited)

    def tab_chain(self) -> list[QWidget]:
        return [self.talked_about, self.went_well, self.next_steps]

    def load(self, data: SessionInput) -> None:
        self._loading = True
        self.talked_about.setPlainText(data.talked_about)
        self.went_well.setPlainText(data.went_well)
        self.next_steps.setPlainText(data.next_steps)
        self._loading = False

    def values(self) -> dict:
        return {"talked_about": self.talked_about.toPlainText(),
                "went_well": self.went_well.toPlainText(),
                "next_steps": self.next_steps.toPlainText()}
