"""The left of the Goals tab: New goal, the status filter, the goals grouped by life domain, and
a line on the agreed plan. It shows what the page gives it and says which goal was picked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.types import GoalDTO, PlanLine
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.goals import GoalTreeModel, IdRole
from recoverydesk.ui.widgets.common import empty_state, format_date, label
from recoverydesk.ui.widgets.goal_list import GoalListDelegate

FILTERS = [
    ("Open goals", ("active", "paused")),
    ("All goals", None),
    ("Active", ("active",)),
    ("Paused", ("paused",)),
    ("Achieved", ("achieved",)),
    ("Reframed", ("reframed",)),
    ("Let go", ("let_go",)),
]
ALL_GOALS = 1  # the filter's index that shows every goal


class GoalListPanel(QWidget):
    picked = Signal(int)  # the coach chose a goal in the list
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.new_button = QPushButton(icon("plus", "white"), self.tr("&New goal"))
        self.new_button.setProperty("primary", True)
        # Alt+N is the button's own mnemonic (a setShortcut would replace it). Ctrl+Shift+N is the
        # window's "Write a session note", so New goal has Ctrl+Shift+G (the page's shortcut).
        self.new_button.setToolTip(self.tr("Set a new goal together (Ctrl+Shift+G)"))
        self.filter = QComboBox()
        for text, statuses in FILTERS:
            self.filter.addItem(self.tr(text), statuses)
        self.filter.setAccessibleName(self.tr("Show goals"))
        self.filter.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.model = GoalTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(0)
        self.tree.setItemDelegate(GoalListDelegate(self.tree))
        self.tree.setAccessibleName(self.tr("Goals by life domain"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.list_empty = empty_state("")
        self.plan_label = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.filter, 1)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.list_empty, 1)
        layout.addWidget(self.plan_label)
        self.setMinimumWidth(300)

    def visible(self, goals: list[GoalDTO]) -> list[GoalDTO]:
        statuses = self.filter.currentData()
        return [g for g in goals if statuses is None or g.status in statuses]

    def set_has_new_draft(self, kept: bool) -> None:
        self.new_button.setText(self.tr("&New goal (kept draft)") if kept else self.tr("&New goal"))

    def show_goals(self, goals: list[GoalDTO], labels: dict[str, str], today: dt.date,
                   drafted: set[int]) -> None:
        """List the goals the filter lets through (``goals`` is every goal of the person)."""
        shown = self.visible(goals)
        self.model.set_rows(shown, labels, today, drafted)
        self.tree.expandAll()
        self.tree.setVisible(bool(shown))
        self.list_empty.setVisible(not shown)
        if not goals:
            self.list_empty.setText(
                self.tr(
                    "No goals yet. Ask what they would like to be different, and choose “New "
                    "goal” to write it in their own words."
                )
            )
        else:
            self.list_empty.setText(
                self.tr("No goals with this status. Choose “All goals” to see every goal.")
            )

    def index_of(self, goal_id: int | None, or_first: bool) -> QModelIndex:
        index = QModelIndex() if goal_id is None else self.model.index_for_goal(goal_id)
        if not index.isValid() and or_first:
            index = self.model.first_goal_index()
        return index

    def select(self, index: QModelIndex) -> int | None:
        """Make ``index`` the current goal (``picked`` follows for a goal not yet shown)."""
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return self.model.itemFromIndex(index).data(IdRole)

    def show_all_if_hidden(self, goal_id: int) -> None:
        if not self.model.index_for_goal(goal_id).isValid():
            self.filter.setCurrentIndex(ALL_GOALS)

    def clear_choice(self) -> None:
        self.tree.selectionModel().clearCurrentIndex()
        self.tree.clearSelection()

    def show_plan(self, latest: PlanLine | None, today: dt.date) -> None:
        """The line under the list: the latest agreed plan and its review date."""
        due = False
        if latest is not None:
            text = (
                self.tr("Plan %1 agreed %2")
                .replace("%1", str(latest.number))
                .replace("%2", format_date(latest.agreed_on))
            )
            if latest.review_date:
                due = latest.review_date <= today + dt.timedelta(days=14)
                text += " · " + (self.tr("review due %1") if due else self.tr("review %1")).replace(
                    "%1", format_date(latest.review_date)
                )
            self.plan_label.setText(text)
        else:
            self.plan_label.setText(self.tr("No agreed plan yet."))
        role = "error" if due else "muted"
        if self.plan_label.property("role") != role:
            self.plan_label.setProperty("role", role)
            self.plan_label.style().unpolish(self.plan_label)
            self.plan_label.style().polish(self.plan_label)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        goal_id = current.data(IdRole) if current.isValid() else None
        if goal_id is not None:
            self.picked.emit(goal_id)
