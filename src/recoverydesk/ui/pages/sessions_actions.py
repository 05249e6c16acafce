"""What the coach does from the Sessions tab: write or open a note (the editor, read and built
without standing the window still), carry on or discard an unfinished one, plan, move, cancel
or remove sessions, change the rhythm, export the calendar. Mixed into ``SessionsPage``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox
from shiboken6 import isValid

from recoverydesk.services.sessions.types import SessionDTO
from recoverydesk.ui.dialogs.session_note import (
    SessionNoteDialog,
    build_note_editor,
    open_note_editor,
)
from recoverydesk.ui.dialogs.session_note_start import NoteStart, read_note_start
from recoverydesk.ui.dialogs.session_plan import (
    FrequencyDialog,
    MoveSessionDialog,
    PlanSessionsDialog,
)
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.pages.sessions_reading import TabRead
from recoverydesk.ui.session_actions import ICS_FILTER, ask_cancel_reason, export_schedule
from recoverydesk.ui.tasks import Op, wait_idle

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.ui.widgets.note_draft_banner import NoteDraftBanner

# After the Sessions tab comes forward, its layout and painting (15-30 ms) before the editor's
# first part: queued at once, the part ran first and the three made one stall of 40-55 ms.
EDITOR_AFTER_MS = 20


class SessionActions:
    """The page's commands (``SessionsPage`` gives the widgets and the selection)."""

    services: Services
    participant_id: int | None
    note_dialog: SessionNoteDialog | None
    _note_opening: bool
    draft_banner: NoteDraftBanner
    _read_later: Callable  # SessionsPage's: the tab's read for a reader thread, and its showing

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
        shown: list[SessionNoteDialog] = []
        # Parented to the page: it goes when the practice closes or locks (after save_draft).
        open_note_editor(self, self.services, self.participant_id, session, draft,
                         self._editor_opened(self.participant_id, shown))
        return shown.pop() if shown else None  # (not kept: the editor goes when closed)

    def _editor_opened(self, pid: int | None, shown: list | None = None
                       ) -> Callable[[SessionNoteDialog | None], None]:
        """What to do with the editor once it is whole (None: it could not be read)."""
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
            if shown is not None:
                shown.append(dialog)
        return opened

    def write_note(self) -> SessionNoteDialog | None:
        if self.participant_id is None:
            return None
        return self._open_editor()

    def write_note_from_elsewhere(self, come_forward: Callable[[], bool]) -> None:
        """Participant > Write a session note from another tab (Ctrl+Shift+N): what the editor
        starts from, and this tab too when it is out of date (never shown for this
        participant), are read in one go on a reader thread; then the tab is filled,
        ``come_forward()`` brings it to the front (False: the coach moved on, nothing opens)
        and the editor is built a part per turn. Brought forward first, the tab was read on the
        window's thread and the editor's read on a reader then starved the tab's first painting
        of the interpreter: 100-130 ms still on the large practice."""
        if self.participant_id is None or self._note_opening:  # (on its way: it comes forward)
            return
        if self.note_dialog is not None and self.note_dialog.isVisible():
            if come_forward():
                self._open_editor()  # brought forward
            return
        self._note_opening = True
        pid, services, at_once = self.participant_id, self.services, [True]
        tab = self._read_later(goals=True) if self.property("stale") else None

        def read() -> tuple[NoteStart, TabRead | None]:
            return read_note_start(services, pid), (tab[0]() if tab else None)

        def landed(got: tuple[NoteStart, TabRead | None]) -> None:
            if not isValid(self):
                return
            start, tab_read = got
            if tab is not None and tab[1](tab_read):
                self.setProperty("stale", False)  # read: the workspace shows it as it is
            if self.participant_id != pid or not come_forward():
                self._note_opening = False
                return
            if at_once[0]:  # (the tests' synchronous runner: the editor is whole at once)
                build_note_editor(self, services, pid, None, None, start,
                                  self._editor_opened(pid), whole=True)
            else:  # the tab laid out and painted first, in a turn of its own
                QTimer.singleShot(EDITOR_AFTER_MS, self, lambda: build(start))

        def build(start: NoteStart) -> None:
            if self.participant_id != pid:  # the coach moved on meanwhile
                self._note_opening = False
                return
            build_note_editor(self, services, pid, None, None, start, self._editor_opened(pid),
                              whole=False)

        def failed(error: BaseException) -> None:
            if not isValid(self):
                return
            self._note_opening = False
            if tab is not None:
                tab[2](error)  # (says it, if this read is still the tab's latest)
            elif services.practice.is_open:  # (closed or locked meanwhile: nothing to say)
                show_exception(error, self)

        Op(self, read, write=False).success(landed).failure(failed).run()
        at_once[0] = False

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
