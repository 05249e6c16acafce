"""The Goals & plan tab: goals grouped by life domain (with a status filter), the goal editor
with its steps, the goal's story, and the agreed plan versions with "what changed".

The page holds what it read (the goals, their domain labels, kept drafts) and puts the panels
together: ``GoalListPanel`` (left), and on the right ``GoalPanel`` (the editor), ``StepsPanel``,
``GoalHistoryView`` and ``PlanVersionsTab``. It reads once per change on the bus: a write's
success callback only moves the cursor, it never reads again.

Unsaved edits are never lost: switching goal, tab or participant keeps them as a draft on this
page, offered back (Save / Discard) when the coach returns to that goal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QSplitter, QTabWidget, QVBoxLayout, QWidget

from recoverydesk.services.goals.types import (
    GOAL_ENTITIES,
    GoalDraft,
    GoalDTO,
    StepDTO,
    clean_goal,
    domain_label,
)
from recoverydesk.services.plans.types import PLAN_ENTITY
from recoverydesk.services.types import problems_of
from recoverydesk.ui import tasks
from recoverydesk.ui.dialogs.goal_progress import GoalProgressDialog
from recoverydesk.ui.dialogs.goal_status import GoalStatusDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.goals.goal_panel import GoalPanel
from recoverydesk.ui.pages.goals.list_panel import GoalListPanel
from recoverydesk.ui.pages.goals.plans_tab import PlanVersionsTab
from recoverydesk.ui.pages.goals.steps_panel import StepsPanel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import shortcut
from recoverydesk.ui.widgets.goal_history import GoalHistoryView

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

NEW = 0  # draft key for a goal not saved yet
GOAL_TAB, STEPS_TAB = 0, 1


class GoalsPage(ParticipantPage):
    key = "goals"
    title = "Goals & plan"
    icon_name = "flag-outline"
    order = 20
    # What the goals and plans writes change, and what a plan snapshot shows of others.
    watches = (*GOAL_ENTITIES, PLAN_ENTITY, "strength", "contact", "participant")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.setAccessibleName(self.tr("Goals and plan"))
        self.today = dt.date.today()
        self.goals: list[GoalDTO] = []
        self.labels: dict[str, str] = {}
        self.current_id: int | None = None  # the goal in the editor (None = nothing, NEW = new)
        self._drafts: dict[tuple[int, int], GoalDraft] = {}

        # -- left: the goal list
        self.list_panel = GoalListPanel()
        self.list_panel.new_button.clicked.connect(self.new_goal)
        self.list_panel.filter_changed.connect(self._fill_list)
        self.list_panel.picked.connect(self._goal_picked)
        shortcut("Ctrl+Shift+G", self, self.new_goal, Qt.ShortcutContext.WindowShortcut,
                 description=self.tr("New goal"), where=self.tr("Goals tab"))

        # -- right: goal / steps / history / plan versions
        self.goal_panel = GoalPanel()
        self.goal_panel.save_requested.connect(self.save_goal)
        self.goal_panel.discard_requested.connect(self.discard_draft)
        self.goal_panel.status_requested.connect(self.change_status)
        self.goal_panel.progress_requested.connect(self.note_progress)
        self.goal_panel.goal_link.connect(self.focus_item)
        self.steps_panel = StepsPanel(services)
        self.history = GoalHistoryView()
        self.history.goal_link.connect(self.focus_item)
        self.plans = PlanVersionsTab(services)
        self.plans.agree_requested.connect(self.agree_plan)
        self.views = QTabWidget()
        self.views.setAccessibleName(self.tr("Goal views"))
        self.views.addTab(self.goal_panel, icon("pencil-outline"), self.tr("Goal"))
        self.views.addTab(self.steps_panel, icon("format-list-checks"), self.tr("Steps"))
        self.views.addTab(self.history, icon("timeline-text-outline"), self.tr("History"))
        self.views.addTab(self.plans, icon("file-compare"), self.tr("Plan versions"))
        # The plan is about the whole person: give its comparison the full width.
        self.views.currentChanged.connect(self._view_changed)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list_panel)
        split.addWidget(self.views)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(split)

        shortcut(QKeySequence.StandardKey.Save, self, self.save_goal,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut,
                 description=self.tr("Save the goal"), where=self.tr("Goals tab"))
        # The parts tests and other tabs reach for, by their old names.
        lp, gp = self.list_panel, self.goal_panel
        self.new_button, self.filter, self.model, self.tree = (
            lp.new_button, lp.filter, lp.model, lp.tree)
        self.list_empty, self.plan_label = lp.list_empty, lp.plan_label
        self.editor, self.save_button, self.draft_banner = gp.editor, gp.save_button, gp.draft_banner
        self.reframed_label, self.status_button = gp.reframed_label, gp.status_button
        self.steps, self.steps_model = self.steps_panel.table, self.steps_panel.model
        self._show_editor(None)

    # ---------------------------------------------------------------- loading

    def tab_title(self) -> str:
        return self.tr("Goals && plan")

    def set_participant(self, participant_id: int | None) -> None:
        if participant_id != self.participant_id and self.has_unsaved_changes():
            self.save_draft()
        self.current_id = None
        super().set_participant(participant_id)

    def refresh(self) -> None:
        """Read the participant's goals, domains, plan goals, kept drafts and latest plan."""
        if self.participant_id is None:
            return
        pid = self.participant_id
        self.today = dt.date.today()
        self.editor.today = self.today
        tab = self.services.goals.tab(pid)  # one read: goals, domains, plan goals, drafts
        self.goals, domains = tab.goals, tab.domains
        # Goals linked to domains of another template (an earlier star) keep showing them.
        known = {k for k, _ in domains}
        for g in self.goals:
            for key in g.domains:
                if key not in known:
                    known.add(key)
                    domains.append((key, domain_label(key)))
        self.labels = dict(domains)
        self.editor.set_domains(domains)
        self.editor.set_plan_goals(tab.plan_goals)
        for gid, draft in tab.drafts.items():
            self._drafts[(pid, NEW if gid is None else gid)] = draft
        self.list_panel.show_plan(tab.latest_plan, self.today)
        self.plans.forget(pid, self.labels)
        self._view_changed()
        self._fill_list()

    def _fill_list(self) -> None:
        """Show what was read (no reading here): the list, and the goal in the editor."""
        keep = self.current_id
        drafted = {gid for (pid, gid) in self._drafts if pid == self.participant_id}
        self.list_panel.set_has_new_draft(NEW in drafted)
        self.list_panel.show_goals(self.goals, self.labels, self.today, drafted)
        index = self.list_panel.index_of(None if keep == NEW else keep, or_first=keep != NEW)
        if index.isValid():
            shown = self.current_id
            # A goal not shown yet is shown by the pick itself (``_goal_picked``); the one shown
            # already is shown again with what was read, once.
            if self.list_panel.select(index) == self.current_id == shown:
                # Reloading after a change never throws away what the coach is typing.
                live = self.editor.draft() if self.editor.is_dirty() else None
                self._show_editor(self.goal(self.current_id), live=live)
        elif keep != NEW:
            self._show_editor(None)

    def _view_changed(self, *_args) -> None:
        on_plans = self.views.currentWidget() is self.plans
        self.list_panel.setVisible(not on_plans)
        if on_plans:
            self.plans.load()

    def goal(self, goal_id: int | None) -> GoalDTO | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def titles(self) -> dict[int, str]:
        return {g.id: g.title for g in self.goals}

    # ---------------------------------------------------------------- the editor

    def _goal_picked(self, goal_id: int) -> None:
        if goal_id == self.current_id:
            return
        self._keep_draft()
        self._show_editor(self.goal(goal_id))

    def _draft_key(self) -> tuple[int, int] | None:
        if self.participant_id is None or self.current_id is None:
            return None
        return (self.participant_id, self.current_id)

    def _keep_draft(self) -> None:
        """Keep the editor's unsaved edits, here and in the practice file (so a lock or a
        closed app loses nothing)."""
        key = self._draft_key()
        if key is None or not self.editor.is_dirty():
            return
        draft = self.editor.draft()
        if self._drafts.get(key) == draft:
            return
        self._drafts[key] = draft
        pid, gid, svc = key[0], (None if key[1] == NEW else key[1]), self.services.goals
        Op(self, lambda: svc.keep_draft(pid, gid, draft)).run()

    def _show_editor(
        self, goal: GoalDTO | None, new: bool = False, live: GoalDraft | None = None
    ) -> None:
        self.current_id = NEW if new else (goal.id if goal else None)
        showing = new or goal is not None
        kept = self._drafts.get(self._draft_key()) if showing else None
        grew = [self.goal(i) for i in goal.reframed_from_ids] if goal else []
        self.goal_panel.show_goal(
            goal, new=new, draft=live if live is not None else kept, kept=kept is not None,
            has_goals=bool(self.goals), became=self.goal(goal.reframed_to_id) if goal else None,
            grew=grew[0] if grew else None,
        )
        self.history.show_goal(goal, self.titles())
        self.views.setTabText(STEPS_TAB, self.steps_panel.show_goal(goal, self.today))
        self.views.setTabEnabled(STEPS_TAB, goal is not None)

    def new_goal(self) -> None:
        if self.participant_id is None:
            return
        self._keep_draft()
        self.views.setCurrentIndex(GOAL_TAB)
        self.list_panel.clear_choice()
        self._show_editor(None, new=True)
        self.editor.title.setFocus()

    def save_goal(self) -> None:
        if self.participant_id is None or self.current_id is None:
            return
        draft, pid, gid = self.editor.draft(), self.participant_id, self.current_id
        svc = self.services.goals
        errors = problems_of(clean_goal, draft)  # shown under the field, before anything is sent
        if errors:
            self.editor.show_errors(errors)
            return

        def saved(goal: GoalDTO) -> None:  # the bus has reloaded the page by now
            self._drafts.pop((pid, gid), None)
            self._drafts.pop((pid, goal.id), None)
            if self.participant_id != pid:
                return
            self.current_id = goal.id
            self.goal_panel.saved(goal)
            self._fill_list()

        if gid == NEW:
            op = Op(self, lambda: svc.create(pid, draft))
        else:
            op = Op(self, lambda: svc.update(gid, draft))
        op.success(saved).run()

    def discard_draft(self) -> None:
        key = self._draft_key()
        if key is not None and self._drafts.pop(key, None) is not None:
            pid, gid, svc = key[0], (None if key[1] == NEW else key[1]), self.services.goals
            Op(self, lambda: svc.discard_draft(pid, gid)).run()
        if self.current_id == NEW:
            self._show_editor(None)
            self._fill_list()
        else:
            self._show_editor(self.goal(self.current_id))

    # ---------------------------------------------------------------- status and progress

    def _current_goal(self) -> GoalDTO | None:
        return self.goal(self.current_id) if self.current_id not in (None, NEW) else None

    def change_status(self, status: str = "") -> None:
        goal = self._current_goal()
        if goal is None:
            return
        dialog = GoalStatusDialog(self.services, goal, self, status or "")
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            # The goal it became after a reframe; a goal the filter now hides is not chased.
            index = self.list_panel.index_of(dialog.saved.id, or_first=False)
            if index.isValid():
                self.list_panel.select(index)

    def note_progress(self) -> None:
        goal = self._current_goal()
        if goal is not None:
            GoalProgressDialog(self.services, goal, self).exec()

    # ---------------------------------------------------------------- steps

    def selected_step(self) -> StepDTO | None:
        return self.steps_panel.selected()

    def add_step(self) -> None:
        self.steps_panel.add_step()

    def edit_step(self) -> None:
        self.steps_panel.edit_step()

    def _toggle_done(self, step_id: int, done: bool) -> None:
        self.steps_panel.set_done(step_id, done)

    def toggle_selected_step(self) -> None:
        self.steps_panel.toggle_selected()

    def move_step(self, delta: int) -> None:
        self.steps_panel.move_step(delta)

    def remove_step(self) -> None:
        self.steps_panel.remove_step()

    # ---------------------------------------------------------------- plan versions

    def agree_plan(self) -> None:
        if self.participant_id is None:
            return
        if self.has_unsaved_changes():
            self.save_goal()
        name = self.services.participants.get(self.participant_id).display_name
        self.plans.agree(name.split(" ")[0])

    def show_plan_versions(self) -> None:
        self.views.setCurrentWidget(self.plans)

    # ---------------------------------------------------------------- page contract

    def has_unsaved_changes(self) -> bool:
        return self.current_id is not None and self.editor.is_dirty()

    def save_draft(self) -> None:
        """Keep the unsaved edits (on this page and in the practice file); they come back, with
        Save and Discard, when the coach returns to the goal."""
        self._keep_draft()
        tasks.wait_idle()

    def kept_drafts(self) -> int:
        return len(self._drafts)

    def hideEvent(self, event) -> None:  # noqa: N802
        self._keep_draft()
        super().hideEvent(event)

    def focus_item(self, ref: object) -> None:
        if not isinstance(ref, int) or self.goal(ref) is None:
            return
        self.list_panel.show_all_if_hidden(ref)
        index = self.list_panel.index_of(ref, or_first=False)
        if index.isValid():
            self.list_panel.select(index)
            self.views.setCurrentIndex(GOAL_TAB)

