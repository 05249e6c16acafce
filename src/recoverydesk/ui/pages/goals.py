"""The Goals & plan tab: goals grouped by life domain (with a status filter), the goal editor
with its steps, the goal's story, and the agreed plan versions with "what changed".

Unsaved edits are never lost: switching goal, tab or participant keeps them as a draft on this
page, offered back (Save / Discard) when the coach returns to that goal.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.service import GoalDraft, GoalDTO, clean_goal, domain_label
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.qtmodels.goals import GoalTreeModel, IdRole, StepTableModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, format_date, label, shortcut
from recoverydesk.ui.widgets.goal_editor import GoalEditor
from recoverydesk.ui.widgets.goal_history import GoalHistoryView
from recoverydesk.ui.widgets.goal_list import GoalListDelegate
from recoverydesk.ui.widgets.goal_plan_versions import PlanVersionsPanel

FILTERS = [
    ("Open goals", ("active", "paused")),
    ("All goals", None),
    ("Active", ("active",)),
    ("Paused", ("paused",)),
    ("Achieved", ("achieved",)),
    ("Reframed", ("reframed",)),
    ("Let go", ("let_go",)),
]
NEW = 0  # draft key for a goal not saved yet


class GoalsPage(ParticipantPage):
    key = "goals"
    title = "Goals & plan"
    icon_name = "flag-outline"
    order = 20
    watches = (
        "goal",
        "action_step",
        "progress_note",
        "plan_version",
        "strength",
        "contact",
        "participant",
    )

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.setAccessibleName(self.tr("Goals and plan"))
        self.today = dt.date.today()
        self.goals: list[GoalDTO] = []
        self.labels: dict[str, str] = {}
        self.current_id: int | None = None  # the goal in the editor (None = nothing, NEW = new)
        self._drafts: dict[tuple[int, int], GoalDraft] = {}

        # -- left: the goal list
        self.new_button = QPushButton(icon("plus", "white"), self.tr("&New goal"))
        self.new_button.setProperty("primary", True)
        # Alt+N is the button's own mnemonic (a setShortcut would replace it). Ctrl+Shift+N is the
        # window's "Write a session note", so New goal has Ctrl+Shift+G, live while this tab shows.
        self.new_button.setToolTip(self.tr("Set a new goal together (Ctrl+Shift+G)"))
        self.new_button.clicked.connect(self.new_goal)
        shortcut("Ctrl+Shift+G", self, self.new_goal, Qt.ShortcutContext.WindowShortcut,
                 description=self.tr("New goal"), where=self.tr("Goals tab"))
        self.filter = QComboBox()
        for text, statuses in FILTERS:
            self.filter.addItem(self.tr(text), statuses)
        self.filter.setAccessibleName(self.tr("Show goals"))
        self.filter.currentIndexChanged.connect(self._fill_list)
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
        self.tree.selectionModel().currentChanged.connect(self._goal_picked)
        self.list_empty = empty_state("")
        self.plan_label = label("", "muted")
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.filter, 1)
        left.addLayout(top)
        left.addWidget(self.tree, 1)
        left.addWidget(self.list_empty, 1)
        left.addWidget(self.plan_label)
        left_w = QWidget()
        left_w.setLayout(left)
        left_w.setMinimumWidth(300)
        self.list_panel = left_w

        # -- right: goal / history / plan versions
        self.views = QTabWidget()
        self.views.setAccessibleName(self.tr("Goal views"))
        self.views.addTab(self._build_goal_tab(), icon("pencil-outline"), self.tr("Goal"))
        self.views.addTab(self._build_steps_tab(), icon("format-list-checks"), self.tr("Steps"))
        self.history = GoalHistoryView()
        self.history.goal_link.connect(self.focus_item)
        self.views.addTab(self.history, icon("timeline-text-outline"), self.tr("History"))
        self.plans = PlanVersionsPanel()
        self.plans.agree_requested.connect(self.agree_plan)
        self.plans.compare_requested.connect(self._compare)
        self.views.addTab(self.plans, icon("file-compare"), self.tr("Plan versions"))
        # The plan is about the whole person: give its comparison the full width.
        self.views.currentChanged.connect(
            lambda _i: self.list_panel.setVisible(self.views.currentWidget() is not self.plans)
        )
        self.views.currentChanged.connect(self._show_versions_if_visible)
        self._versions: list | None = None  # what the Plan versions tab shows, once it has

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_w)
        split.addWidget(self.views)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(split)

        shortcut(QKeySequence.StandardKey.Save, self, self.save_goal,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut,
                 description=self.tr("Save the goal"), where=self.tr("Goals tab"))
        self._show_editor(None)

    # ---------------------------------------------------------------- building

    def _build_goal_tab(self) -> QWidget:
        self.draft_banner = QFrame()
        self.draft_banner.setProperty("card", True)
        banner = QHBoxLayout(self.draft_banner)
        banner.setContentsMargins(12, 8, 12, 8)
        self.draft_text = label(self.tr("These are unsaved changes kept from earlier."), "")
        banner.addWidget(self.draft_text, 1)
        self.discard_button = QPushButton(self.tr("Discard kept changes"))
        self.discard_button.clicked.connect(self.discard_draft)
        banner.addWidget(self.discard_button)

        self.status_chip = QLabel()
        self.status_chip.setProperty("role", "chip")
        self.status_button = QPushButton(icon("swap-horizontal"), self.tr("Change s&tatus…"))
        self.status_button.setToolTip(self.tr("Pause, achieved, reframe or let go, with a reason"))
        self.status_button.clicked.connect(self.change_status)
        self.progress_button = QPushButton(icon("chart-line"), self.tr("Note p&rogress…"))
        self.progress_button.clicked.connect(self.note_progress)
        self.reframed_label = label("", "muted")
        self.reframed_label.setTextFormat(Qt.TextFormat.RichText)
        self.reframed_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reframed_label.linkActivated.connect(
            lambda link: self.focus_item(int(link[5:])) if link[5:].isdigit() else None
        )
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_chip)
        status_row.addWidget(self.reframed_label, 1)
        status_row.addWidget(self.progress_button)
        status_row.addWidget(self.status_button)

        self.editor = GoalEditor()
        self.editor.changed.connect(self._editor_changed)
        self.save_button = QPushButton(icon("content-save-outline", "white"), self.tr("Save goal"))
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_goal)
        self.revert_button = QPushButton(self.tr("Undo my edits"))
        self.revert_button.clicked.connect(self.discard_draft)
        # The SMART check sits beside Save: advice next to the action, never in its way.
        save_row = QHBoxLayout()
        save_row.addWidget(self.editor.smart_label, 1)
        save_row.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignTop)
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        self.goal_empty = empty_state("")
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(12, 12, 12, 12)
        col.setSpacing(12)
        col.addWidget(self.goal_empty)
        col.addWidget(self.draft_banner)
        col.addLayout(status_row)
        col.addWidget(self.editor)
        col.addLayout(save_row)
        col.addStretch(1)
        self.goal_parts = [
            self.editor,
            self.save_button,
            self.revert_button,
            self.status_chip,
            self.status_button,
            self.progress_button,
            self.reframed_label,
        ]
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _build_steps_tab(self) -> QWidget:
        self.steps_model = StepTableModel(self)
        self.steps_model.done_toggled.connect(self._toggle_done)
        self.steps = QTableView()
        self.steps.setModel(self.steps_model)
        self.steps.setAccessibleName(self.tr("Action steps"))
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps.verticalHeader().hide()
        self.steps.setShowGrid(False)
        self.steps.setWordWrap(True)
        head = self.steps.horizontalHeader()
        head.setSectionResizeMode(StepTableModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col in (
            StepTableModel.COL_DONE,
            StepTableModel.COL_WHO,
            StepTableModel.COL_DUE,
            StepTableModel.COL_DONE_ON,
        ):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.doubleClicked.connect(lambda _i: self.edit_step())
        self.steps.setMinimumHeight(150)
        self.add_step_button = QPushButton(icon("plus"), self.tr("&Add step…"))
        self.add_step_button.clicked.connect(self.add_step)
        self.edit_step_button = QPushButton(self.tr("&Edit…"))
        self.edit_step_button.clicked.connect(self.edit_step)
        self.up_button = QPushButton(icon("arrow-up"), "")
        self.up_button.setToolTip(self.tr("Move step up (Alt+Up)"))
        self.up_button.setAccessibleName(self.tr("Move step up"))
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button = QPushButton(icon("arrow-down"), "")
        self.down_button.setToolTip(self.tr("Move step down (Alt+Down)"))
        self.down_button.setAccessibleName(self.tr("Move step down"))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.remove_step_button = QPushButton(icon("delete-outline"), self.tr("Remove"))
        self.remove_step_button.setToolTip(self.tr("Remove step (Delete); you can undo it"))
        self.remove_step_button.clicked.connect(self.remove_step)
        for keys, fn, what in (
            ("Alt+Up", lambda: self.move_step(-1), self.tr("Move step up")),
            ("Alt+Down", lambda: self.move_step(1), self.tr("Move step down")),
            ("Delete", self.remove_step, self.tr("Remove step (you can undo it)")),
            ("Return", self.edit_step, self.tr("Edit step")),
            ("Space", self.toggle_selected_step, self.tr("Mark step done or not done")),
        ):
            shortcut(keys, self.steps, fn, Qt.ShortcutContext.WidgetShortcut,
                     description=what, where=self.tr("Steps table"))
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.add_step_button)
        step_buttons.addWidget(self.edit_step_button)
        step_buttons.addWidget(self.up_button)
        step_buttons.addWidget(self.down_button)
        step_buttons.addStretch(1)
        step_buttons.addWidget(self.remove_step_button)
        self.steps_hint = label("", "muted")

        self.steps_title = label("", "heading")
        self.steps_empty = empty_state("")
        self.steps_card = QWidget()
        steps_layout = QVBoxLayout(self.steps_card)
        steps_layout.setContentsMargins(12, 12, 12, 12)
        steps_layout.setSpacing(8)
        steps_layout.addWidget(self.steps_title)
        steps_layout.addWidget(self.steps_hint)
        steps_layout.addWidget(self.steps, 1)
        steps_layout.addWidget(self.steps_empty, 1)
        steps_layout.addLayout(step_buttons)
        return self.steps_card

    # ---------------------------------------------------------------- loading

    def tab_title(self) -> str:
        return self.tr("Goals && plan")

    def _changes(self, *entities: str) -> ChangeSet:
        return ChangeSet.of(*(entities or ("goal",)), participant_id=self.participant_id)

    def set_participant(self, participant_id: int | None) -> None:
        if participant_id != self.participant_id and self.has_unsaved_changes():
            self.save_draft()
        self.current_id = None
        super().set_participant(participant_id)

    def refresh(self) -> None:
        if self.participant_id is None:
            return
        self.today = dt.date.today()
        self.editor.today = self.today
        self.goals = self.services.goals.goals(self.participant_id)
        domains = self.services.goals.domains_for(self.participant_id)
        # Goals linked to domains of another template (an earlier star) keep showing them.
        known = {k for k, _ in domains}
        for g in self.goals:
            for key in g.domains:
                if key not in known:
                    known.add(key)
                    domains.append((key, domain_label(key)))
        self.labels = dict(domains)
        self.editor.set_domains(domains)
        pid = self.participant_id
        self.editor.set_plan_goals([(g.id, g.text) for g in self.services.participants.ndis_goals(pid)])
        for gid, draft in self.services.goals.kept_drafts(pid).items():
            self._drafts[(pid, NEW if gid is None else gid)] = draft
        self.new_button.setText(
            self.tr("&New goal (kept draft)")
            if (pid, NEW) in self._drafts
            else self.tr("&New goal")
        )
        self._fill_list()
        self._fill_plans()

    def _visible_goals(self) -> list[GoalDTO]:
        statuses = self.filter.currentData()
        return [g for g in self.goals if statuses is None or g.status in statuses]

    def _fill_list(self, *_a) -> None:
        keep = self.current_id
        shown = self._visible_goals()
        drafted = {gid for (pid, gid) in self._drafts if pid == self.participant_id}
        self.model.set_rows(shown, self.labels, self.today, drafted)
        self.tree.expandAll()
        self.tree.setVisible(bool(shown))
        self.list_empty.setVisible(not shown)
        if not self.goals:
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
        index = QModelIndex()
        if keep not in (None, NEW):
            index = self.model.index_for_goal(keep)
        if not index.isValid() and keep != NEW:
            index = self.model.first_goal_index()
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if self.model.itemFromIndex(index).data(IdRole) == self.current_id:
                # Reloading after a change never throws away what the coach is typing.
                live = self.editor.draft() if self.editor.is_dirty() else None
                self._show_editor(self.goal(self.current_id), live=live)
        elif keep != NEW:
            self._show_editor(None)

    def _fill_plans(self) -> None:
        self._versions = None  # read (snapshots and all) when the Plan versions tab shows
        self._show_versions_if_visible()
        latest = self.services.plans.versions(self.participant_id, limit=1)
        due = False
        if latest:
            v = latest[0]
            text = (
                self.tr("Plan %1 agreed %2")
                .replace("%1", str(v.number))
                .replace("%2", format_date(v.agreed_on))
            )
            if v.review_date:
                due = v.review_date <= self.today + dt.timedelta(days=14)
                text += " · " + (self.tr("review due %1") if due else self.tr("review %1")).replace(
                    "%1", format_date(v.review_date)
                )
            self.plan_label.setText(text)
        else:
            self.plan_label.setText(self.tr("No agreed plan yet."))
        _set_role(self.plan_label, "error" if due else "muted")

    def _show_versions_if_visible(self, *_args) -> None:
        # Every version's snapshot, rendered with its "what changed", is the slow part of
        # opening a participant's goals: it waits until the coach opens the Plan versions tab.
        if self._versions is None and self.views.currentWidget() is self.plans:
            self._versions = self.services.plans.versions(self.participant_id)
            self.plans.set_versions(self._versions, self.labels)

    def goal(self, goal_id: int | None) -> GoalDTO | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def titles(self) -> dict[int, str]:
        return {g.id: g.title for g in self.goals}

    # ---------------------------------------------------------------- the editor

    def _goal_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        goal_id = current.data(IdRole) if current.isValid() else None
        if goal_id is None or goal_id == self.current_id:
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
        for w in self.goal_parts:
            w.setVisible(showing)
        self.goal_empty.setVisible(not showing)
        self.goal_empty.setText(
            self.tr("Pick a goal on the left, or choose “New goal” to set one together.")
            if self.goals
            else self.tr(
                "No goals yet. What would they like to be different? Choose “New goal” and write "
                "it in their own words; the SMART parts can come later."
            )
        )
        kept = self._drafts.get(self._draft_key()) if showing else None
        self.editor.load(goal, live if live is not None else kept)
        self.draft_banner.setVisible(kept is not None)
        self.history.show_goal(goal, self.titles())
        if goal is not None:
            self.status_chip.setText(self.tr(goal.status_label))
            self.steps_model.set_rows(goal.steps, self.today)
            overdue = len(goal.overdue_steps(self.today))
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
            self.steps_hint.setText(hint)
            self.steps_title.setText(goal.title)
            self.steps_empty.setText(
                self.tr(
                    "No steps yet. What is one small thing that could "
                    "happen this week? Choose “Add step”."
                )
            )
            self.steps.setVisible(bool(goal.steps))
            self.steps_empty.setVisible(not goal.steps)
            done = sum(1 for st in goal.steps if st.done)
            tab = (
                self.tr("Steps %1/%2").replace("%1", str(done)).replace("%2", str(len(goal.steps)))
                if goal.steps
                else self.tr("Steps")
            )
            if overdue:
                tab += " · " + self.tr("%1 overdue").replace("%1", str(overdue))
            self.views.setTabText(1, tab)
            became = self.goal(goal.reframed_to_id)
            grew = [self.goal(i) for i in goal.reframed_from_ids]
            text = ""
            if became:
                text = self.tr("Became %1").replace("%1", _link(became))
            elif grew and grew[0]:
                text = self.tr("Grew out of %1").replace("%1", _link(grew[0]))
            self.reframed_label.setText(text)
        else:
            self.status_chip.setText(self.tr("New goal"))
            self.steps_model.set_rows([], self.today)
            self.reframed_label.setText("")
            self.views.setTabText(1, self.tr("Steps"))
        existing = goal is not None
        for w in (self.status_button, self.progress_button):
            w.setVisible(existing)
        self.views.setTabEnabled(1, existing)
        self.status_chip.setVisible(showing)
        self.save_button.setText(self.tr("Save goal") if existing else self.tr("Add goal"))
        self._editor_changed()

    def _editor_changed(self) -> None:
        dirty = self.editor.is_dirty() or self.current_id == NEW
        self.revert_button.setVisible(dirty or not self.draft_banner.isHidden())
        self.save_button.setEnabled(dirty)
        if self.current_id != NEW:
            self.save_button.setText(self.tr("Save goal") if dirty else self.tr("Saved"))
        self.save_button.setIcon(icon("content-save-outline", "white") if dirty else icon("check"))
        if bool(self.save_button.property("primary")) != dirty:
            self.save_button.setProperty("primary", dirty)
            self.save_button.style().unpolish(self.save_button)
            self.save_button.style().polish(self.save_button)

    def new_goal(self) -> None:
        if self.participant_id is None:
            return
        self._keep_draft()
        self.views.setCurrentIndex(0)
        self.tree.selectionModel().clearCurrentIndex()
        self.tree.clearSelection()
        self._show_editor(None, new=True)
        self.editor.title.setFocus()

    def save_goal(self) -> None:
        if self.participant_id is None or self.current_id is None:
            return
        draft, pid, gid = self.editor.draft(), self.participant_id, self.current_id
        svc = self.services.goals
        try:
            clean_goal(draft)  # a problem shows under the field, before anything is sent
        except ValidationError as err:
            self.editor.show_errors(err.errors)
            return

        def saved(goal: GoalDTO) -> None:
            self._drafts.pop((pid, gid), None)
            self._drafts.pop((pid, goal.id), None)
            if self.participant_id != pid:
                return
            self.current_id = goal.id
            self.editor.mark_saved(goal)
            self.draft_banner.hide()
            self.refresh()

        if gid == NEW:
            op = Op(self, lambda: svc.create(pid, draft))
        else:
            op = Op(self, lambda: svc.update(gid, draft))
        op.emits(ChangeSet.of("goal", participant_id=pid)).success(saved).run()

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
        from recoverydesk.ui.dialogs.goal_status import GoalStatusDialog

        goal = self._current_goal()
        if goal is None:
            return
        dialog = GoalStatusDialog(goal, self, status or "")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._apply_status(goal, *dialog.values())

    def _apply_status(
        self, goal: GoalDTO, status: str, reason: str, on: dt.date, new_title: str = ""
    ) -> None:
        svc = self.services.goals
        if status == "reframed":
            keep = goal.to_draft()
            draft = GoalDraft(title=new_title, domains=keep.domains, priority=keep.priority)
            fn = lambda: svc.reframe(goal.id, draft, reason, on=on)  # noqa: E731
        else:
            fn = lambda: svc.change_status(goal.id, status, reason, on=on)  # noqa: E731

        def done(result: GoalDTO) -> None:
            self.current_id = result.id
            self.refresh()

        Op(self, fn).emits(self._changes("goal")).success(done).run()

    def note_progress(self) -> None:
        from recoverydesk.ui.dialogs.goal_progress import GoalProgressDialog

        goal = self._current_goal()
        if goal is None:
            return
        dialog = GoalProgressDialog(goal.title, self, goal.latest_progress)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        on, text, pct = dialog.values()
        svc = self.services.goals
        Op(self, lambda: svc.add_progress_note(goal.id, text, pct, on=on)).emits(
            self._changes("progress_note")
        ).success(lambda _r: self.refresh()).run()

    # ---------------------------------------------------------------- steps

    def selected_step(self):
        index = self.steps.currentIndex()
        return self.steps_model.step(index.row()) if index.isValid() else None

    def _select_step(self, step_id: int) -> None:
        row = self.steps_model.row_for_id(step_id)
        if row >= 0:
            self.steps.selectRow(row)

    def _after_step(self, step_id: int | None = None):
        def done(_result) -> None:
            self.refresh()
            if step_id is not None:
                self._select_step(step_id)

        return done

    def add_step(self) -> None:
        from recoverydesk.ui.dialogs.goal_step import GoalStepDialog

        goal = self._current_goal()
        if goal is None:
            return
        dialog = GoalStepDialog(None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        draft, svc = dialog.draft(), self.services.goals
        Op(self, lambda: svc.add_step(goal.id, draft)).emits(self._changes("action_step")).success(
            lambda st: self._after_step(st.id)(st)
        ).run()

    def edit_step(self) -> None:
        from recoverydesk.ui.dialogs.goal_step import GoalStepDialog

        step = self.selected_step()
        if step is None:
            return
        dialog = GoalStepDialog(step, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        draft, svc = dialog.draft(), self.services.goals
        Op(self, lambda: svc.update_step(step.id, draft)).emits(
            self._changes("action_step")
        ).success(self._after_step(step.id)).run()

    def _toggle_done(self, step_id: int, done: bool) -> None:
        svc, today = self.services.goals, dt.date.today()
        Op(self, lambda: svc.set_step_done(step_id, today if done else None)).emits(
            self._changes("action_step")
        ).success(self._after_step(step_id)).run()

    def toggle_selected_step(self) -> None:
        step = self.selected_step()
        if step is not None:
            self._toggle_done(step.id, not step.done)

    def move_step(self, delta: int) -> None:
        step = self.selected_step()
        if step is None:
            return
        svc = self.services.goals
        Op(self, lambda: svc.move_step(step.id, delta)).emits(self._changes("action_step")).success(
            self._after_step(step.id)
        ).run()

    def remove_step(self) -> None:
        step = self.selected_step()
        if step is None:
            return
        svc, changes = self.services.goals, self._changes("action_step")

        def offer_undo(removed) -> None:
            self.refresh()
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("Step removed."),
                    lambda: (
                        Op(
                            self,
                            lambda: svc.add_step(
                                removed.goal_id, removed.to_draft(), position=removed.position
                            ),
                        )
                        .emits(changes)
                        .run()
                    ),
                )

        Op(self, lambda: svc.remove_step(step.id)).emits(changes).success(offer_undo).run()

    # ---------------------------------------------------------------- plan versions

    def agree_plan(self) -> None:
        from recoverydesk.ui.dialogs.goal_agree import GoalAgreeDialog

        if self.participant_id is None:
            return
        if self.has_unsaved_changes():
            self.save_goal()
        pid = self.participant_id
        name = self.services.participants.get(pid).display_name
        dialog = GoalAgreeDialog(name.split(" ")[0], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        review, note = dialog.values()
        svc = self.services.plans
        Op(self, lambda: svc.agree(pid, review, note)).emits(
            ChangeSet.of("plan_version", participant_id=pid)
        ).success(lambda _v: self.refresh()).run()

    def _compare(self, older_id: int, newer_id: int) -> None:
        newer = None if newer_id is None or newer_id < 0 else newer_id
        self.plans.show_changes(self.services.plans.compare_grouped(older_id, newer))

    def show_plan_versions(self) -> None:
        self.views.setCurrentWidget(self.plans)

    # ---------------------------------------------------------------- page contract

    def has_unsaved_changes(self) -> bool:
        return self.current_id is not None and self.editor.is_dirty()

    def save_draft(self) -> None:
        """Keep the unsaved edits (on this page and in the practice file); they come back, with
        Save and Discard, when the coach returns to the goal."""
        self._keep_draft()
        from recoverydesk.ui import tasks

        tasks.wait_idle()

    def kept_drafts(self) -> int:
        return len(self._drafts)

    def hideEvent(self, event) -> None:  # noqa: N802
        self._keep_draft()
        super().hideEvent(event)

    def focus_item(self, ref: object) -> None:
        if not isinstance(ref, int):
            return
        if self.goal(ref) is None:
            return
        if self.model.index_for_goal(ref).isValid() is False:
            self.filter.setCurrentIndex(1)
        index = self.model.index_for_goal(ref)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.views.setCurrentIndex(0)


def _set_role(widget: QWidget, role: str) -> None:
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _link(goal: GoalDTO) -> str:
    return f"<a href='goal:{goal.id}'>“{escape(goal.title)}”</a>"
