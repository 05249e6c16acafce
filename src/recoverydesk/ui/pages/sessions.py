"""The Sessions tab: a timeline of every session (filter by goal, tool or status), the note of
the one selected, the rhythm, and hours delivered per month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from recoverydesk.services.sessions.types import (
    STATUS_LABELS,
    TOOL_LABELS,
    RhythmStatus,
    SessionDTO,
    hours_start,
)
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.dialogs.session_note import SessionNoteDialog
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.sessions_actions import SessionActions
from recoverydesk.ui.pages.sessions_reading import Filters, TabRead, read_ids, read_tab
from recoverydesk.ui.qtmodels.sessions import SessionListModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, format_date, label
from recoverydesk.ui.widgets.hours_table import MonthlyHours
from recoverydesk.ui.widgets.note_draft_banner import NoteDraftBanner
from recoverydesk.ui.widgets.session_note_view import SessionNoteView
from recoverydesk.ui.widgets.two_line import TwoLineDelegate

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class SessionsPage(SessionActions, ParticipantPage):
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
        self._ticket = 0  # the latest read asked for: only its answer is shown
        self._reading = False  # a read is on its way (after a write)
        self._focus_after: tuple[int, int] | None = None  # (participant, session) to show once
        # the read on its way has come
        self._goals_stale = False  # a goal changed since the goal filter was filled

        # The frame first, each part then made in its place: widgets moved into a parent again
        # and again are styled again each time (the note editor: 35-80 ms of a turn).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(8)
        layout.addLayout(top)
        self.draft_banner = NoteDraftBanner(self)
        layout.addWidget(self.draft_banner)
        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.right_tabs = QTabWidget(splitter)
        self.right_tabs.setDocumentMode(True)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

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
        top.addWidget(self.rhythm_label, 1)
        top.addWidget(self.rhythm_button)
        top.addWidget(self.export_button)
        top.addWidget(self.plan_button)
        top.addWidget(self.new_button)

        filters = QHBoxLayout()
        left_layout.addLayout(filters)
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
        self._no_sessions = self.tr("No sessions yet. Plan the next few with “Plan "
                                    "sessions”, or write up today's with “Write a note”.")
        self.empty = empty_state(self._no_sessions)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty, 1)

        self.note_view = SessionNoteView()
        nv = self.note_view
        self.detail = nv.detail
        self.edit_button, self.move_button = nv.edit_button, nv.move_button
        self.cancel_button, self.remove_button = nv.cancel_button, nv.remove_button
        self.right_tabs.addTab(self.note_view, icon("text-box-outline"), self.tr("Note"))
        # Hours sit on their own tab, so the note being read gets the whole height. Its table
        # is made when the tab is first shown (or asked for): most visits never look at it.
        self._hours: MonthlyHours | None = None
        self._summary = None  # the hours last read
        self._hours_holder = QWidget()
        QVBoxLayout(self._hours_holder).setContentsMargins(0, 0, 0, 0)
        self.right_tabs.addTab(self._hours_holder, icon("clock-outline"),
                               self.tr("Hours by month"))
        self.right_tabs.currentChanged.connect(
            lambda i: self.right_tabs.widget(i) is self._hours_holder and self.hours)

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
    # Opening a participant reads and shows at once; after a write the bus's reload reads on a
    # reader thread (sessions_reading.py) and only puts the result on screen here, and so does
    # writing a note from another tab (SessionActions.write_note_from_elsewhere).

    def refresh(self) -> None:
        if self.participant_id is None:
            return
        self._ticket += 1  # a read still on its way is outdated by this one
        self._reading = False
        self._show(read_tab(self.services, self.participant_id, self._filters(), goals=True,
                            hours=self._hours is not None, around=self._target_id()))

    def on_changed(self, changes: ChangeSet) -> None:
        if self.participant_id is not None and changes.touches(
                *self.watches, participant_id=self.participant_id):
            self._refresh_later(goals=changes.touches("goal"))

    def _refresh_later(self, *, goals: bool) -> None:
        """Read on a reader thread, show on the GUI thread (only the latest read is shown)."""
        read, show, failed = self._read_later(goals=goals)
        Op(self, read, write=False).success(show).failure(failed).run()

    def _read_later(self, *, goals: bool) -> tuple[Callable[[], TabRead],
                                                   Callable[[TabRead], bool],
                                                   Callable[[BaseException], None]]:
        """(read, show, failed): the tab's read, for a reader thread; ``show(read)`` puts it on
        screen on the GUI thread if it is still the latest read asked for (True if it did);
        ``failed(error)`` says what went wrong (once, for the latest read)."""
        self._goals_stale = self._goals_stale or goals
        self._ticket += 1
        self._reading = True
        ticket, pid, services = self._ticket, self.participant_id, self.services
        filters, around, with_goals = self._filters(), self._target_id(), self._goals_stale
        with_hours = self._hours is not None

        def show(read: TabRead) -> bool:
            if isValid(self) and ticket == self._ticket and self.participant_id == pid:
                self._reading = False
                self._show(read)
                return True
            return False

        def failed(error: BaseException) -> None:
            if isValid(self) and ticket == self._ticket:
                self._reading = False
                if services.practice.is_open:  # (closed or locked meanwhile: nothing to say)
                    show_exception(error, self)

        return (lambda: read_tab(services, pid, filters, goals=with_goals, hours=with_hours,
                                 around=around)), show, failed

    def _filters(self) -> Filters:
        return Filters(self.status_filter.currentData(), self.goal_filter.currentData(),
                       self.tool_filter.currentData())

    def _target_id(self) -> int | None:
        keep = self.selected()
        return self._pending_focus or (keep.id if keep else None)

    def _show(self, read: TabRead) -> None:
        asked, self._focus_after = self._focus_after, None
        focus = asked[1] if asked is not None and asked[0] == read.participant_id else None
        if focus is not None:  # asked for while the read was on its way (a note just saved)
            self._pending_focus = focus
        if read.goal_titles is not None:
            self._goals_stale = False
            self._fill_goal_filter(read.goal_titles)
        if read.filters == self._filters():
            self._show_list(read.ids, read.rows)
        else:  # a filter changed meanwhile (or its goal went): the list as it is filtered now
            self._reload_list()
        self._fill_rhythm(read.rhythm)
        self._summary = read.summary  # (None: not read, the hours table not made yet)
        if self._hours is not None and read.summary is not None:
            self._hours.show_summary(read.summary)
        self.draft_banner.show_draft(read.draft)
        if focus is not None and (self._filters().any or self.model.row_for_id(focus) < 0):
            self.focus_item(focus)  # shown with the filters cleared

    def _fill_goal_filter(self, titles: list[tuple[int, str]]) -> None:
        keep = self.goal_filter.currentData()
        self.goal_filter.blockSignals(True)
        self.goal_filter.clear()
        self.goal_filter.addItem(self.tr("Any goal"), None)
        for goal_id, title in titles:
            self.goal_filter.addItem(title, goal_id)
        index = self.goal_filter.findData(keep)
        self.goal_filter.setCurrentIndex(max(0, index))
        self.goal_filter.setEnabled(self.goal_filter.count() > 1)
        self.goal_filter.blockSignals(False)

    def _reload_list(self) -> None:
        """The list again, as filtered now (a filter changed)."""
        if self.participant_id is not None:
            self._show_list(read_ids(self.services, self.participant_id, self._filters()), ())

    def _show_list(self, ids: list[int], rows) -> None:
        keep = self.selected()
        self.model.set_ids(ids, rows)
        total = len(ids)
        self.count_label.setText(self.tr("1 session") if total == 1 else
                                 self.tr("%1 sessions").replace("%1", str(total)))
        self.view.setVisible(total > 0)
        self.empty.setVisible(total == 0)
        if total == 0:
            self.empty.setText(self.tr("No sessions match these filters. Try “Any goal” or "
                                       "“Any tool”.") if self._filters().any else self._no_sessions)
        target = self._pending_focus or (keep.id if keep else None)
        self._pending_focus = None
        row = self.model.row_for_id(target) if target else -1
        if row < 0 and total:
            row = self._default_row()
        if row >= 0:  # selecting it shows it (currentChanged)
            index = self.model.index(row)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)
        else:
            self._show_selected()

    def _default_row(self) -> int:
        """The latest session that has happened (planned ones sit above it in the list)."""
        now = dt.datetime.now(dt.UTC)
        for row in range(min(self.model.rowCount(), 60)):
            s = self.model.session_at(row)
            if s is not None and s.starts_at <= now:
                return row
        return 0

    def _fill_rhythm(self, status: RhythmStatus) -> None:
        sentence = self.tr(status.sentence)
        frequency = self.tr(status.frequency.label)
        # "Weekly sessions; due 8 days ago." already names the rhythm; other sentences don't.
        text = sentence if sentence.startswith(frequency) else f"{frequency} · {sentence}"
        if status.last_session:
            text += " " + self.tr("Last seen %1.").replace("%1", format_date(
                status.last_session))
        self.rhythm_label.setText(text)
        role = "error" if status.state == "overdue" else "muted"
        if self.rhythm_label.property("role") != role:  # (polishing again costs a few ms)
            self.rhythm_label.setProperty("role", role)
            self.rhythm_label.style().unpolish(self.rhythm_label)
            self.rhythm_label.style().polish(self.rhythm_label)

    @property
    def hours(self) -> MonthlyHours:
        """Hours by month (made now if its tab has not been shown yet)."""
        if self._hours is None:
            self._hours = MonthlyHours()
            self._hours_holder.layout().addWidget(self._hours)
            if self._summary is None and self.participant_id is not None:
                today = dt.date.today()  # (the switches before did not read them)
                self._summary = self.services.sessions.summary(self.participant_id,
                                                               hours_start(today), today)
            if self._summary is not None:
                self._hours.show_summary(self._summary)
        return self._hours

    @property
    def hours_total(self) -> QLabel:
        return self.hours.total

    @property
    def hours_table(self) -> QTableWidget:
        return self.hours.table

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
        if self._reading:  # the bus's read is on its way: the session is shown once it came
            self._focus_after = (self.participant_id, ref)
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
