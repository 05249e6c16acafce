"""The Sessions tab: a timeline of every session (filter by goal, tool or status), the note of
the one selected, the rhythm, and hours delivered per month."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.sessions.types import STATUS_LABELS, TOOL_LABELS, SessionDTO
from recoverydesk.ui.dialogs.session_note import SessionNoteDialog, open_note_editor
from recoverydesk.ui.dialogs.session_plan import (
    FrequencyDialog,
    MoveSessionDialog,
    PlanSessionsDialog,
)
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.qtmodels.sessions import SessionListModel
from recoverydesk.ui.session_actions import ICS_FILTER, ask_cancel_reason, export_schedule
from recoverydesk.ui.tasks import Op, wait_idle
from recoverydesk.ui.widgets.common import empty_state, format_date, label
from recoverydesk.ui.widgets.hours_table import MonthlyHours
from recoverydesk.ui.widgets.note_draft_banner import NoteDraftBanner
from recoverydesk.ui.widgets.session_note_view import SessionNoteView
from recoverydesk.ui.widgets.two_line import TwoLineDelegate

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class SessionsPage(ParticipantPage):
    key = "sessions"
    title = "Sessions"
    icon_name = "calendar-text-outline"
    order = 30
    watches = ("session", "session_draft", "rhythm", "goal", "participant")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.note_dialog: SessionNoteDialog | None = None
        self._note_opening = False  # its editor is being read and built
        self._pending_focus: int | None = None

        self.rhythm_label = label("", "muted")
        self.rhythm_button = QPushButton(icon("calendar-sync-outline"), self.tr("Rhythm…"))
        self.rhythm_button.setToolTip(self.tr("How often you meet, and its history"))
        self.new_button = QPushButton(icon("note-edit-outline", "#FFFFFF"),
                                      self.tr("Write a note"))
        self.new_button.setProperty("primary", True)
        # Ctrl+Shift+N is the window's Participant > Write a session note: it works from any tab.
        self.new_button.setToolTip(self.tr("Write up today's session (Ctrl+Shift+N)"))
        self.plan_button = QPushButton(icon("calendar-plus"), self.tr("Plan sessions…"))
        self.export_button = QPushButton(icon("calendar-export"), self.tr("Export calendar…"))
        self.export_button.setToolTip(self.tr("Save planned sessions as an .ics file for any "
                                              "calendar app"))
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.rhythm_label, 1)
        top.addWidget(self.rhythm_button)
        top.addWidget(self.export_button)
        top.addWidget(self.plan_button)
        top.addWidget(self.new_button)

        self.draft_banner = NoteDraftBanner()

        self.goal_filter = QComboBox()
        self.goal_filter.setAccessibleName(self.tr("Filter by goal"))
        self.tool_filter = QComboBox()
        self.tool_filter.setAccessibleName(self.tr("Filter by tool"))
        self.tool_filter.addItem(self.tr("Any tool"), None)
        for k, text in TOOL_LABELS.items():
            self.tool_filter.addItem(self.tr(text), k)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.addItem(self.tr("All sessions"), None)
        for k, text in STATUS_LABELS.items():
            self.status_filter.addItem(self.tr(text), k)
        self.count_label = label("", "muted", wrap=False)
        filters = QHBoxLayout()
        filters.addWidget(self.goal_filter, 2)
        filters.addWidget(self.tool_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.count_label)

        self.model = SessionListModel(self.services.sessions.rows, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setAccessibleName(self.tr("Sessions"))
        self.empty = empty_state(self.tr("No sessions yet. Plan the next few with “Plan "
                                         "sessions”, or write up today's with “Write a "
                                         "note”."))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty, 1)

        self.note_view = SessionNoteView()
        nv = self.note_view
        self.detail = nv.detail
        self.edit_button, self.move_button = nv.edit_button, nv.move_button
        self.cancel_button, self.remove_button = nv.cancel_button, nv.remove_button
        # Hours sit on their own tab, so the note being read gets the whole height.
        self.hours = MonthlyHours()
        self.hours_total, self.hours_table = self.hours.total, self.hours.table
        self.right_tabs = QTabWidget()
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.note_view, icon("text-box-outline"), self.tr("Note"))
        self.right_tabs.addTab(self.hours, icon("clock-outline"), self.tr("Hours by month"))
        right = self.right_tabs

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.draft_banner)
        layout.addWidget(splitter, 1)

        self.new_button.clicked.connect(self.write_note)
        self.plan_button.clicked.connect(self.plan_sessions)
        self.export_button.clicked.connect(self.export_calendar)
        self.rhythm_button.clicked.connect(self.change_rhythm)
        self.edit_button.clicked.connect(self.open_selected)
        self.move_button.clicked.connect(self.move_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.view.activated.connect(lambda _i: self.open_selected())  # Enter or double-click
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._show_selected())
        self.draft_banner.continue_button.clicked.connect(lambda: self.continue_draft())
        self.draft_banner.discard_button.clicked.connect(self.discard_draft)
        for combo in (self.goal_filter, self.tool_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._reload_list)

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.participant_id is None:
            return
        self._fill_goal_filter()
        self._reload_list()
        self._fill_rhythm()
        self._fill_hours()
        self._fill_draft()

    def _fill_goal_filter(self) -> None:
        keep = self.goal_filter.currentData()
        self.goal_filter.blockSignals(True)
        self.goal_filter.clear()
        self.goal_filter.addItem(self.tr("Any goal"), None)
        for goal_id, title in self.services.goals.titles(self.participant_id):
            self.goal_filter.addItem(title, goal_id)
        index = self.goal_filter.findData(keep)
        self.goal_filter.setCurrentIndex(max(0, index))
        self.goal_filter.setEnabled(self.goal_filter.count() > 1)
        self.goal_filter.blockSignals(False)

    def _reload_list(self) -> None:
        if self.participant_id is None:
            return
        keep = self.selected()
        status = self.status_filter.currentData()
        ids = self.services.sessions.session_ids(
            self.participant_id, statuses=(status,) if status else None,
            goal_id=self.goal_filter.currentData(), tool=self.tool_filter.currentData())
        self.model.set_ids(ids)
        filtered = any(c.currentData() for c in (self.goal_filter, self.tool_filter,
                                                  self.status_filter))
        total = len(ids)
        self.count_label.setText(self.tr("1 session") if total == 1 else
                                 self.tr("%1 sessions").replace("%1", str(total)))
        self.view.setVisible(total > 0)
        self.empty.setVisible(total == 0)
        if filtered and total == 0:
            self.empty.setText(self.tr("No sessions match these filters. Try “Any goal” or "
                                       "“Any tool”."))
        target = self._pending_focus or (keep.id if keep else None)
        self._pending_focus = None
        row = self.model.row_for_id(target) if target else -1
        if row < 0 and total:
            row = self._default_row()
        if row >= 0:
            index = self.model.index(row)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)
        self._show_selected()

    def _default_row(self) -> int:
        """The latest session that has happened (planned ones sit above it in the list)."""
        now = dt.datetime.now(dt.UTC)
        for row in range(min(self.model.rowCount(), 60)):
            s = self.model.session_at(row)
            if s is not None and s.starts_at <= now:
                return row
        return 0

    def _fill_rhythm(self) -> None:
        status = self.services.rhythm.status(self.participant_id)
        sentence = self.tr(status.sentence)
        frequency = self.tr(status.frequency.label)
        # "Weekly sessions; due 8 days ago." already names the rhythm; other sentences don't.
        text = sentence if sentence.startswith(frequency) else f"{frequency} · {sentence}"
        if status.last_session:
            text += " " + self.tr("Last seen %1.").replace("%1", format_date(
                status.last_session))
        self.rhythm_label.setText(text)
        attention = status.state == "overdue"
        self.rhythm_label.setProperty("role", "error" if attention else "muted")
        self.rhythm_label.style().unpolish(self.rhythm_label)
        self.rhythm_label.style().polish(self.rhythm_label)

    def _fill_hours(self) -> None:
        today = dt.date.today()
        start = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        self.hours.show_summary(self.services.sessions.summary(self.participant_id, start,
                                                               today))

    def _fill_draft(self) -> None:
        drafts = self.services.sessions.drafts(self.participant_id)
        self.draft_banner.show_draft(drafts[0] if drafts else None)

    # -- selection ----------------------------------------------------------------------
    def selected(self) -> SessionDTO | None:
        index = self.view.currentIndex()
        return self.model.session_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        self.note_view.show_session(self.selected())

    def focus_item(self, ref: object) -> None:
        """Show session ``ref``: selected where it is in the list already (after a save the
        bus has reloaded the list), else with the filters cleared."""
        if not isinstance(ref, int):
            return
        filtered = any(c.currentIndex() for c in (self.goal_filter, self.tool_filter,
                                                   self.status_filter))
        row = -1 if filtered else self.model.row_for_id(ref)
        if row >= 0:
            index = self.model.index(row)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)
            return
        for combo in (self.goal_filter, self.tool_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._pending_focus = ref
        self._reload_list()

    # -- actions ------------------------------------------------------------------------
    # Each write returns what it changed; Op publishes it and the bus reloads this page once.
    # What follows a save only selects the session, without reloading again.

    def _open_editor(self, session: SessionDTO | None = None, draft=None
                     ) -> SessionNoteDialog | None:
        """The note editor, or the open one brought forward. It shows a moment later (read and
        built without standing the window still): returned only if open at once (tests)."""
        if self.note_dialog is not None and self.note_dialog.isVisible():
            self.note_dialog.raise_()
            self.note_dialog.activateWindow()
            return self.note_dialog
        if self._note_opening:  # asked again while it is on its way
            return None
        self._note_opening = True
        pid, shown = self.participant_id, []

        def opened(dialog: SessionNoteDialog | None) -> None:
            self._note_opening = False
            if dialog is None:
                return
            if self.participant_id != pid:  # the coach moved on to someone else meanwhile
                dialog.deleteLater()
                return
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.note_saved.connect(lambda s: self.focus_item(s.id))
            dialog.destroyed.connect(lambda *_a: setattr(self, "note_dialog", None))
            self.note_dialog = dialog
            dialog.show()
            shown.append(dialog)
        # Parented to the page: it goes when the practice closes or locks (after save_draft).
        open_note_editor(self, self.services, pid, session, draft, opened)
        return shown.pop() if shown else None  # (not kept: the editor goes when closed)

    def write_note(self) -> SessionNoteDialog | None:
        if self.participant_id is None:
            return None
        return self._open_editor()

    def open_selected(self) -> None:
        s = self.selected()
        if s is not None:
            self._open_editor(s)

    def continue_draft(self, draft=None) -> None:
        """Carry on with an unfinished note (this participant's newest one by default)."""
        draft = draft or self.draft_banner.draft
        if draft is not None:
            self._open_editor(draft=draft)

    def discard_draft(self) -> None:
        draft = self.draft_banner.draft
        if draft is None:
            return
        answer = QMessageBox.question(self, self.tr("Discard draft"), self.tr(
            "Throw away the unfinished note? This cannot be undone."))
        if answer == QMessageBox.StandardButton.Yes:
            key = draft.key
            Op(self, lambda: self.services.sessions.discard_draft(key)).run()

    def has_unsaved_changes(self) -> bool:
        return self.note_dialog is not None and self.note_dialog.has_unsaved_changes()

    def save_draft(self) -> None:
        """Keep the open note safe now (before switching participant, locking or quitting)."""
        if self.note_dialog is not None:
            self.note_dialog.autosave()
            wait_idle()

    def plan_sessions(self) -> None:
        if self.participant_id is None:
            return
        dialog = PlanSessionsDialog(
            self.services.sessions.last_completed(self.participant_id), self,
            plan=partial(self.services.sessions.plan_series, self.participant_id))
        if dialog.exec() and dialog.saved:
            self.focus_item(dialog.saved[0].id)

    def move_selected(self) -> None:
        s = self.selected()
        if s is None or s.status != "planned":
            return
        dialog = MoveSessionDialog(s, self, move=partial(self.services.sessions.move, s.id))
        if dialog.exec():
            self.focus_item(s.id)

    def cancel_selected(self) -> None:
        s = self.selected()
        if s is None or s.status != "planned":
            return
        reason = ask_cancel_reason(self, s)
        if reason is not None:
            Op(self, lambda: self.services.sessions.set_status(s.id, "cancelled", reason)).run()

    def remove_selected(self) -> None:
        s = self.selected()
        if s is None or s.status != "planned":
            return
        svc, pid = self.services.sessions, self.participant_id

        def offer_undo(removed: SessionDTO):
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(self.tr("Planned session removed."), lambda: Op(
                    self, lambda: svc.plan_series(pid, removed.to_input(), 7, 1)).run())

        Op(self, lambda: svc.delete(s.id)).success(offer_undo).run()

    def change_rhythm(self) -> None:
        pid = self.participant_id
        if pid is None:
            return
        history = self.services.rhythm.history(pid)
        dialog = FrequencyDialog(self.services.rhythm.frequency(pid), history, self,
                                 save=partial(self.services.rhythm.set_frequency, pid))
        dialog.exec()

    def export_calendar(self) -> None:
        if self.participant_id is None:
            return
        name = self.services.participants.get(self.participant_id).display_name
        suggested = str(Path.home() / f"sessions-{name.split()[0].lower()}.ics")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export calendar"), suggested,
                                              ICS_FILTER)
        if path:
            export_schedule(self, self.services, Path(path), self.participant_id)
