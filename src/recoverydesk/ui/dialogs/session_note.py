"""Write up a session. Everything typed is saved as a draft in the practice file every few
seconds and when the editor closes, so a crash or power cut loses at most a few seconds.

The editor is made of panels (session_note_panels.py): when and where, travel, what was worked
on, and the note itself. This module puts them together, keeps the draft and saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from recoverydesk import dates
from recoverydesk.services.sessions.types import (
    FIELD_LABELS,
    DraftDTO,
    SessionDTO,
    SessionInput,
    clean_session,
    draft_key,
)
from recoverydesk.services.types import ChangeSet, problems_of
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.note_tagging import NoteTagging
from recoverydesk.ui.dialogs.session_note_panels import (
    NotePanel,
    TravelPanel,
    WorkedOnPanel,
)
from recoverydesk.ui.dialogs.session_note_start import NoteStart, read_note_start
from recoverydesk.ui.dialogs.session_note_when import WhenWherePanel
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_datetime, label
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

AUTOSAVE_MS = 3000


class SessionNoteDialog(FormDialog):
    """A note for one session: a new one (pre-filled from the planned session), an existing one,
    or one recovered from a draft."""

    note_saved = Signal(object)  # SessionDTO, once the note is in the practice

    def __init__(self, services: Services, participant_id: int,
                 session: SessionDTO | None = None, draft: DraftDTO | None = None,
                 parent: QWidget | None = None, *, start: NoteStart | None = None,
                 whole: bool = True):
        """``start``: what the note starts from, already read (``read_note_start``, on a
        reader thread); without it it is read here. ``whole=False`` leaves the parts to
        ``build_next()``, one call per turn of the event loop (``open_note_editor``)."""
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        if start is None:
            start = read_note_start(services, participant_id, session, draft)
        self.start = start
        self.session_id: int | None = start.session_id
        self.result_session: SessionDTO | None = None
        self._dirty = False
        self._loading = True
        self._closing_saved = False
        self.setWindowTitle(self.tr("Session note"))
        fit_size(self, QSize(980, 680))  # smaller on a short screen: the left column scrolls
        self.setModal(False)
        self.draft_key = draft_key(participant_id, self.session_id)
        self._timer = QTimer(self, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        # The parts, in order; each a few ms warm, 10-40 ms the first time in a session.
        self._to_build = [self._build_when, self._build_work, self._build_note, self._build,
                          self._ready]
        if whole:
            while self.build_next():
                pass

    def build_next(self) -> bool:
        """Build the next part of the editor; False once it is whole (ready to show)."""
        if self._to_build:
            self._to_build.pop(0)()
        return bool(self._to_build)

    @property
    def is_built(self) -> bool:
        return not self._to_build

    @property
    def tagging(self) -> NoteTagging:
        """"Tag as…" (its own module). Found, not kept: it holds the editor, and an editor
        holding it back would live on as a Python object after Qt deleted it."""
        return self.findChild(NoteTagging)

    def _ready(self) -> None:
        start, session, draft = self.start, self.start.session, self.start.draft
        self._say_where_it_started(draft, start.prefill)
        data = draft.input if draft is not None else (
            start.prefill.input if start.prefill is not None else
            session.to_input() if session else None)
        if data is not None:
            self._load(data)
        self._loading = False
        # Once loaded: what the coach corrects is checked again as they go.
        self.recheck_on("ends_at", self.end_edit.timeChanged)
        self.recheck_on("ends_at", self.next_day.toggled)
        self.recheck_on("status", self.status.currentIndexChanged)
        self._timer.start()
        # Nothing planned or written yet: start at the top, when and where, and Tab down the
        # page. Otherwise carry on typing where the note (or the recovered draft) left off.
        (self.date_edit if session is None and draft is None else self.talked_about).setFocus()
        self.talked_about.moveCursor(QTextCursor.MoveOperation.End)

    # -- building -------------------------------------------------------------------------
    # Each panel goes straight into its place in the finished window, in its own turn: put
    # together at the end, the panels' widgets were moved (and styled again) three times in one
    # turn, 35-80 ms of the GUI thread's CPU on a loaded machine.
    def _build_when(self) -> None:
        self._build_frame()
        self.when_panel = WhenWherePanel(self.add_field)
        self.travel_panel = TravelPanel(self.add_field)
        self.when_panel.add_row(self.tr(FIELD_LABELS["travel_km"]), self.travel_panel)
        self._left.insertWidget(0, self.when_panel)

    def _build_work(self) -> None:
        start = self.start
        linked = set(start.session.goal_ids) if start.session is not None else set()
        if start.draft is not None:
            linked |= set(start.draft.input.goal_ids)
        self.work_panel = WorkedOnPanel(self.add_field, start.goals, linked)
        self._left.insertWidget(1, self.work_panel)

    def _build_note(self) -> None:
        self.note_panel = NotePanel(self.start.last)
        self._columns.addWidget(self.note_panel, 6)

    def _build_frame(self) -> None:
        """The title, the banner and the two columns (the left one scrolls), still empty."""
        title = label(self.tr("Session with %1").replace("%1", self.start.name), "title",
                      wrap=False)
        self.banner = label("", "chip")
        self.banner.setVisible(False)
        self._left = QVBoxLayout()
        self._left.setSpacing(12)
        self._left.addStretch(1)
        self._columns = QHBoxLayout()
        self._columns.setSpacing(24)
        self._columns.addWidget(scroll_body(self._left), 5)  # Save stays in view when short
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(self._columns, 1)

    def _build(self) -> None:
        """The buttons under the panels, the fields by name and the keyboard order."""
        self.panels = (self.when_panel, self.travel_panel, self.work_panel, self.note_panel)
        # The fields by name, for the keyboard order here and for anyone driving the editor.
        w, t, g, n = self.panels
        self.date_edit, self.start_edit, self.end_edit = w.date_edit, w.start_edit, w.end_edit
        self.next_day = w.next_day
        self.location_kind, self.location_text = w.location_kind, w.location_text
        self.face_to_face, self.status, self.status_reason = (w.face_to_face, w.status,
                                                              w.status_reason)
        self.travel_km, self.travel_minutes = t.travel_km, t.travel_minutes
        self.goal_list, self.tool_checks, self.tools_other = (g.goal_list, g.tool_checks,
                                                              g.tools_other)
        self.last_steps = n.last_steps
        self.talked_about, self.went_well, self.next_steps = (n.talked_about, n.went_well,
                                                              n.next_steps)

        self.saved_label = label("", "muted", wrap=False)
        self.discard_button = QPushButton(icon("delete-outline"), self.tr("Discard draft"))
        self.discard_button.setToolTip(self.tr("Throw away what you typed since the last save"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close and keep your draft for later"))
        self.save_button = QPushButton(icon("content-save-outline", "#FFFFFF"),
                                       self.tr("Save note"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.setShortcut("Ctrl+S")
        # "Tag as…": a highlighted passage of the saved note as a CHIME process (issue 23)
        tagging = NoteTagging(self.services, {"talked_about": self.talked_about,
                                              "went_well": self.went_well,
                                              "next_steps": self.next_steps},
                              lambda: self.session_id, self)
        tagging.said.connect(self._say)
        buttons = QHBoxLayout()
        buttons.addWidget(tagging.button)
        buttons.addWidget(self.saved_label)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)

        self.layout().addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.discard_button.clicked.connect(self.discard)
        for panel in self.panels:
            panel.edited.connect(self._note_edited)
        # Tab in reading order: when and where, goals and tools, the note, then the buttons.
        chain = [*w.tab_chain(), *t.tab_chain(), *g.tab_chain(), *n.tab_chain(),
                 self.discard_button, self.close_button, self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _say_where_it_started(self, draft: DraftDTO | None, prefill) -> None:
        if draft is not None:
            self.banner.setText(self.tr("Recovered your unfinished note from %1. Carry on "
                                        "where you left off.").replace(
                "%1", format_datetime(draft.saved_at)))
            self.banner.setVisible(True)
        elif prefill is not None and prefill.planned is not None:
            self.banner.setText(self.tr("Started from the planned session."))
            self.banner.setVisible(True)

    # -- values ---------------------------------------------------------------------------
    def _load(self, data: SessionInput) -> None:
        for panel in self.panels:
            panel.load(data)

    def current_input(self) -> SessionInput:
        values: dict = {}
        for panel in self.panels:
            values.update(panel.values())
        return SessionInput(**values)

    def _note_edited(self) -> None:
        if not self._loading:
            self._dirty = True
            self.saved_label.setText(self.tr("Unsaved changes"))

    # -- saving ---------------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        return problems_of(clean_session, self.current_input())

    def write(self):
        data = self.current_input()
        svc, pid, sid, key = self.services.sessions, self.participant_id, self.session_id, \
            self.draft_key
        if sid is None:
            return lambda: svc.create(pid, data, draft=key)
        return lambda: svc.update(sid, data, draft=key)

    def _saved(self, value: SessionDTO) -> None:
        self._dirty = False
        self._closing_saved = True
        self._timer.stop()
        self.result_session = value
        self.note_saved.emit(value)
        super()._saved(value)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def autosave(self, announce: bool = False) -> None:
        """Keep what is typed, as a draft in the practice file (only when something changed).
        ``announce`` tells the pages a draft now waits (when the editor closes); the ticks
        while the coach types are kept quiet, so no page reloads every few seconds."""
        if not self._dirty:
            if announce:
                change_bus().publish(self._draft_changes())
            return
        self._dirty = False
        data, pid, sid = self.current_input(), self.participant_id, self.session_id
        svc = self.services.sessions

        def done(_key):
            now = dates.clock_time(dt.datetime.now(), seconds=True)
            self._say(self.tr("Draft kept safe at %1").replace("%1", now))

        def failed(_err):
            self._dirty = True
            self._say(self.tr("Could not keep the draft; will try again"))

        if announce:  # Op publishes what the Changed says
            keep = lambda: svc.save_draft(pid, sid, data)  # noqa: E731
        else:
            keep = lambda: svc.save_draft(pid, sid, data).value  # noqa: E731
        Op(self, keep).success(done).failure(failed).run()

    def _say(self, text: str) -> None:
        try:
            self.saved_label.setText(text)
        except RuntimeError:  # the editor closed (for example the practice locked) meanwhile
            pass

    def _draft_changes(self) -> ChangeSet:
        return ChangeSet.of("session_draft", participant_id=self.participant_id)

    def discard(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Discard draft"),
            self.tr("Throw away this unsaved note? What was saved before stays as it was."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        key, svc = self.draft_key, self.services.sessions
        self._dirty = False
        self._closing_saved = True
        self._timer.stop()
        Op(self, lambda: svc.discard_draft(key)).run()
        self.reject()

    def done(self, result: int) -> None:  # every way of closing passes through here
        self._timer.stop()
        if not self._closing_saved and self.is_built:  # (half built: nothing typed yet)
            self._closing_saved = True
            self.autosave(announce=True)
        super().done(result)


def open_note_editor(parent: QWidget, services: Services, participant_id: int,
                     session: SessionDTO | None, draft: DraftDTO | None,
                     opened: Callable[[SessionNoteDialog | None], None]) -> None:
    """Open the note editor without standing the window still: what it starts from is read on
    a reader thread, then the editor is built a part per turn of the event loop, and
    ``opened(editor)`` gets it whole, not yet shown (``opened(None)`` if the read failed).
    On the large practice, reading and building in one go kept the window waiting 140-170 ms.
    When the read answers at once (the tests' synchronous runner) the editor is built at once
    too, so it is open when this returns."""
    answered_at_once = [True]

    def build(start: NoteStart) -> None:
        if isValid(parent):
            build_note_editor(parent, services, participant_id, session, draft, start, opened,
                              whole=answered_at_once[0])

    def failed(error: BaseException) -> None:
        if not isValid(parent):
            return
        opened(None)
        if services.practice.is_open:  # (closed or locked meanwhile: nothing to say)
            show_exception(error, parent)

    Op(parent, lambda: read_note_start(services, participant_id, session, draft),
       write=False).success(build).failure(failed).run()
    answered_at_once[0] = False


def build_note_editor(parent: QWidget, services: Services, participant_id: int,
                      session: SessionDTO | None, draft: DraftDTO | None, start: NoteStart,
                      opened: Callable[[SessionNoteDialog], None], *, whole: bool) -> None:
    """The editor from what it starts from (read already): whole now (``whole``), else a part
    per turn of the event loop from the next; ``opened(editor)`` once it is whole."""
    dialog = SessionNoteDialog(services, participant_id, session, draft, parent, start=start,
                               whole=whole)
    if dialog.is_built:
        opened(dialog)
    else:
        QTimer.singleShot(0, dialog, lambda: _build_in_turns(dialog, opened))


def _build_in_turns(dialog: SessionNoteDialog, opened: Callable) -> None:
    """The next part now, the one after it in the next turn (nothing if the editor has gone)."""
    if dialog.build_next():
        QTimer.singleShot(0, dialog, lambda: _build_in_turns(dialog, opened))
    else:
        opened(dialog)
