"""The Steps tab of the Goals page: the goal's action steps, and everything done to them (add,
edit, tick done, move, remove with Undo). Each write goes through ``Op``; the page reloads once
from the bus, and the panel then puts the cursor back on the step."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.types import GoalDTO, StepDTO
from recoverydesk.ui.dialogs.goal_step import GoalStepDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.goals import StepTableModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, label, shortcut

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class StepsPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.goal: GoalDTO | None = None
        self.today = dt.date.today()
        self.model = StepTableModel(self)
        self.model.done_toggled.connect(self.set_done)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Action steps"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(StepTableModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col in (
            StepTableModel.COL_DONE,
            StepTableModel.COL_WHO,
            StepTableModel.COL_DUE,
            StepTableModel.COL_DONE_ON,
        ):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit_step())
        self.table.setMinimumHeight(150)
        self.add_button = QPushButton(icon("plus"), self.tr("&Add step…"))
        self.add_button.clicked.connect(self.add_step)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_step)
        self.up_button = QPushButton(icon("arrow-up"), "")
        self.up_button.setToolTip(self.tr("Move step up (Alt+Up)"))
        self.up_button.setAccessibleName(self.tr("Move step up"))
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button = QPushButton(icon("arrow-down"), "")
        self.down_button.setToolTip(self.tr("Move step down (Alt+Down)"))
        self.down_button.setAccessibleName(self.tr("Move step down"))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.remove_button = QPushButton(icon("delete-outline"), self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove step (Delete); you can undo it"))
        self.remove_button.clicked.connect(self.remove_step)
        for keys, fn, what in (
            ("Alt+Up", lambda: self.move_step(-1), self.tr("Move step up")),
            ("Alt+Down", lambda: self.move_step(1), self.tr("Move step down")),
            ("Delete", self.remove_step, self.tr("Remove step (you can undo it)")),
            ("Return", self.edit_step, self.tr("Edit step")),
            ("Space", self.toggle_selected, self.tr("Mark step done or not done")),
        ):
            shortcut(keys, self.table, fn, Qt.ShortcutContext.WidgetShortcut,
                     description=what, where=self.tr("Steps table"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        self.hint = label("", "muted")
        self.title = label("", "heading")
        self.empty = empty_state("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)

    # ---------------------------------------------------------------- showing

    def show_goal(self, goal: GoalDTO | None, today: dt.date) -> str:
        """Show ``goal``'s steps; returns the tab's title ("Steps 2/5 · 1 overdue")."""
        self.goal, self.today = goal, today
        if goal is None:
            self.model.set_rows([], today)
            return self.tr("Steps")
        self.model.set_rows(goal.steps, today)
        overdue = len(goal.overdue_steps(today))
        if overdue:
            hint = (
                self.tr("1 step is overdue.")
                if overdue == 1
                else self.tr("%1 steps are overdue.").replace("%1", str(overdue))
            )
            hint += " " + self.tr(
                "Talk about what got in the way: a smaller step or a new date is fine."
            )
        else:
            hint = self.tr(
                "Small, clear steps, each with who does it. Space ticks a step "
                "done; Alt+Up and Alt+Down reorder."
            )
        self.hint.setText(hint)
        self.title.setText(goal.title)
        self.empty.setText(
            self.tr(
                "No steps yet. What is one small thing that could "
                "happen this week? Choose “Add step”."
            )
        )
        self.table.setVisible(bool(goal.steps))
        self.empty.setVisible(not goal.steps)
        done = sum(1 for st in goal.steps if st.done)
        tab = (
            self.tr("Steps %1/%2").replace("%1", str(done)).replace("%2", str(len(goal.steps)))
            if goal.steps
            else self.tr("Steps")
        )
        if overdue:
            tab += " · " + self.tr("%1 overdue").replace("%1", str(overdue))
        return tab

    def selected(self) -> StepDTO | None:
        index = self.table.currentIndex()
        return self.model.step(index.row()) if index.isValid() else None

    def select(self, step_id: int) -> None:
        row = self.model.row_for_id(step_id)
        if row >= 0:
            self.table.selectRow(row)

    def _select_after(self, step_id: int):
        """After a write the bus has reloaded the page: put the cursor back on the step."""
        return lambda _result: self.select(step_id)

    # ---------------------------------------------------------------- writing

    def add_step(self) -> None:
        if self.goal is None:
            return
        dialog = GoalStepDialog(self.services, self.goal.id, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.select(dialog.saved.id)

    def edit_step(self) -> None:
        step = self.selected()
        if step is None:
            return
        dialog = GoalStepDialog(self.services, step.goal_id, step, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select(step.id)

    def set_done(self, step_id: int, done: bool) -> None:
        svc, today = self.services.goals, dt.date.today()
        Op(self, lambda: svc.set_step_done(step_id, today if done else None)).success(
            self._select_after(step_id)
        ).run()

    def toggle_selected(self) -> None:
        step = self.selected()
        if step is not None:
            self.set_done(step.id, not step.done)

    def move_step(self, delta: int) -> None:
        step = self.selected()
        if step is None:
            return
        svc = self.services.goals
        Op(self, lambda: svc.move_step(step.id, delta)).success(self._select_after(step.id)).run()

    def remove_step(self) -> None:
        step = self.selected()
        if step is None:
            return
        svc = self.services.goals

        def offer_undo(removed: StepDTO) -> None:
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("Step removed."),
                    lambda: Op(self, lambda: svc.add_step(
                        removed.goal_id, removed.to_draft(), position=removed.position
                    )).run(),
                )

        Op(self, lambda: svc.remove_step(step.id)).success(offer_undo).run()
