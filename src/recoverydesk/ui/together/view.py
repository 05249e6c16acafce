"""The together view: one person's name at the top, a row of big buttons under it (the star,
goals, WRAP, the plan, today's notes), the chosen section below, and "We're done" at the
top right, which hands over to the coach (``gate.py``). Every section saves as it goes through
the same services as the coach's tabs, so what is done here shows there afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.together.gate import LeaveGate
from recoverydesk.ui.together.goals_section import GoalsSection
from recoverydesk.ui.together.kit import big_button, style, text_label
from recoverydesk.ui.together.notes_section import NotesSection
from recoverydesk.ui.together.plan_section import PlanSection
from recoverydesk.ui.together.star_section import StarSection
from recoverydesk.ui.together.wrap_section import WrapSection

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.types import ChangeSet

SECTIONS = (StarSection, GoalsSection, WrapSection, PlanSection, NotesSection)


class TogetherView(QStackedWidget):
    leave_confirmed = Signal()

    def __init__(self, services: Services, participant_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("together")
        self.setStyleSheet(style())
        self.setAutoFillBackground(True)
        self.services = services
        self.participant_id = participant_id
        person = services.participants.get(participant_id)
        self.name = person.preferred_name or person.given_name
        self.main = QWidget()
        outer = QVBoxLayout(self.main)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        self.title = text_label(self.tr("With %1").replace("%1", self.name), "title",
                                wrap=False)
        top.addWidget(self.title, 1)
        self.done_button = big_button(self.tr("We're done"), "check")
        self.done_button.setToolTip(self.tr("Hand over to your coach to leave this view"))
        top.addWidget(self.done_button)
        outer.addLayout(top)
        # The sections side by side under the name (a row, not a column: the star and the
        # plan's pages need the width more than the height).
        body = QVBoxLayout()
        body.setSpacing(12)
        rail = QHBoxLayout()
        rail.setSpacing(10)
        self.rail_group = QButtonGroup(self)
        self.pages = QStackedWidget()
        self.sections = []
        for i, kind in enumerate(SECTIONS):
            section = kind(services, participant_id, self.name)
            button = big_button(section.rail_text, section.icon_name)
            button.setProperty("rail", True)
            button.setCheckable(True)
            self.rail_group.addButton(button, i)
            rail.addWidget(button)
            self.pages.addWidget(section)
            self.sections.append(section)
        rail.addStretch(1)
        body.addLayout(rail)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)
        self.gate = LeaveGate(services)
        self.addWidget(self.main)
        self.addWidget(self.gate)
        self.rail_group.idClicked.connect(self.show_section)
        self.done_button.clicked.connect(self.ask_to_leave)
        self.gate.back.connect(lambda: self.setCurrentWidget(self.main))
        self.gate.confirmed.connect(self._leave_when_saved)
        change_bus().changed.connect(self._on_changed)

    def start(self) -> None:
        self.show_section(0)

    def section(self, key: str):
        return next(s for s in self.sections if s.key == key)

    def show_section(self, index: int) -> None:
        current = self.pages.currentWidget()
        if current is not None:
            current.flush()
        self.rail_group.button(index).setChecked(True)
        self.pages.setCurrentIndex(index)
        self.sections[index].load()

    def ask_to_leave(self) -> None:
        self.flush()
        self.gate.reset()
        self.setCurrentWidget(self.gate)
        self.gate.reset()  # focus once shown

    def flush(self) -> None:
        """Save anything still being typed, now (leaving, locking, another section)."""
        for section in self.sections:
            section.flush()

    def _leave_when_saved(self) -> None:
        """Leave once every save has been answered; if one failed, stay, on its section, so
        the coach sees what was not kept (it is still on the screen) instead of losing it."""
        self.flush()
        if any(section.pending for section in self.sections):
            QTimer.singleShot(50, self._leave_when_saved)
            return
        failed = next((i for i, section in enumerate(self.sections) if section.unsaved), None)
        if failed is not None:
            self.setCurrentWidget(self.main)
            self.rail_group.button(failed).setChecked(True)
            self.pages.setCurrentIndex(failed)  # (no reload: that would put back what was kept)
            return
        self.leave_confirmed.emit()

    def hideEvent(self, event) -> None:
        # The lock hides the view behind its screen: what is typed is kept before it closes.
        self.flush()
        super().hideEvent(event)

    def _on_changed(self, changes: ChangeSet) -> None:
        current = self.pages.currentWidget()
        if current is not None and self.isVisible():
            current.on_changed(changes)
