"""Practice-wide session actions: File > Export schedule (.ics), View > Hours delivered, and
offering back a note left unfinished (for example by a crash or power cut) when a practice
opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from recoverydesk import dates
from recoverydesk.services.practice.types import PracticeLockedError
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_date

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.sessions.types import SessionDTO
    from recoverydesk.ui.main_window import MainWindow

ICS_FILTER = "Calendar file (*.ics)"
SETTLE_MS = 40  # after the Sessions tab is built: its layout and painting, 15-35 ms measured


def export_schedule(parent: QWidget, services: Services, path: Path,
                    participant_id: int | None) -> None:
    """Save the next six months of planned sessions (one participant's, or everyone's) as an
    .ics file, on a worker, and say how many went in."""
    if path.suffix.lower() != ".ics":
        path = path.with_suffix(".ics")
    today = dt.date.today()

    def done(result) -> None:
        window = parent.window()
        count = result.sessions
        text = (parent.tr("Saved 1 planned session to %2.") if count == 1 else
                parent.tr("Saved %1 planned sessions to %2.")).replace("%1", str(count)) \
            .replace("%2", path.name)
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    Op(parent, lambda: services.calendar.export_ics(path, today, today + dt.timedelta(weeks=26),
                                                    participant_id),
       write=False).success(done).run()


def ask_cancel_reason(parent: QWidget, session: SessionDTO) -> str | None:
    """Ask before cancelling a planned session, with buttons that say what they do ("Cancel
    session" / "Keep session", never OK and a "Cancel" that means the opposite). The reason
    (which may be empty), or None to keep the session."""
    from PySide6.QtWidgets import QInputDialog

    local = session.starts_at.astimezone()
    when = f"{dates.weekday_date(local.date(), dt.date.today())}, {dates.clock_time(local)}"
    box = QInputDialog(parent)
    box.setWindowTitle(parent.tr("Cancel session"))
    box.setLabelText(parent.tr("Cancel the session on %1?\n\nWhy was it cancelled? (optional)")
                     .replace("%1", when))
    box.setOkButtonText(parent.tr("Cancel session"))
    box.setCancelButtonText(parent.tr("Keep session"))
    return box.textValue() if box.exec() else None


def show_hours(window) -> None:
    from recoverydesk.ui.dialogs.hours_report import HoursReportDialog

    if window.services is not None:
        HoursReportDialog(window).exec()


def write_note(window) -> None:
    """Participant > Write a session note (Ctrl+Shift+N), from whichever tab is showing: the
    Sessions tab comes forward with the editor once both are read on a reader thread
    (``SessionActions.write_note_from_elsewhere``); read on the window's thread, the tab's first
    showing held the window still 100-130 ms on the large practice.

    The tab never shown since the practice opened is built in this turn (20-40 ms) and the reads
    start ``SETTLE_MS`` later, once the window has laid out and painted after it: a reader's
    Python work slows the window's own while both run (laying out and painting call into Python,
    the list delegates and the icons, and wait for the interpreter each time)."""
    pid = window.current_participant_id()
    if pid is None:
        window.statusBar().showMessage(
            window.tr("Open a participant first, then write their session note."), 6000)
        return
    built = any(getattr(window.workspace.tabs.widget(i), "key", None) == "sessions"
                for i in range(window.workspace.tabs.count()))
    page = window.workspace.page("sessions")
    if page is None:
        return

    def come_forward() -> bool:
        if window.workspace is None or window.current_participant_id() != pid:
            return False  # the coach moved on (or the practice closed) meanwhile
        window.open_participant(pid, "sessions")
        return True

    def start() -> None:
        if window.workspace is not None and window.current_participant_id() == pid:
            page.write_note_from_elsewhere(come_forward)  # (else the coach moved on meanwhile)

    if built:
        start()
    else:  # the reads once the window has laid out and painted after the building
        QTimer.singleShot(SETTLE_MS, page, start)


class SessionsPart:
    """The window part (``ui/extensions.py``): File > Export schedule (.ics), View > Hours
    delivered, Participant > Write a session note, and the unfinished-note offer when a
    practice opens."""

    def __init__(self, window: MainWindow):
        self.window = window
        tr = window.tr
        export = window.commands.add(
            "export_schedule", tr("Export &schedule (.ics)…"), self.export_all,
            icon_name="calendar-export",
            tip=tr("Save the next six months of planned sessions for any calendar app"))
        window.add_file_action(export)
        hours = window.commands.add("hours_report", tr("&Hours delivered…"),
                                    lambda: show_hours(window), icon_name="clock-outline",
                                    tip=tr("Hours delivered per participant in a month"))
        window.view_menu.addAction(hours)
        note = window.commands.add("write_note", tr("&Write a session note…"),
                                   lambda: write_note(window), shortcut="Ctrl+Shift+N",
                                   icon_name="note-edit-outline",
                                   tip=tr("Write up a session with this participant"))
        window.participant_menu.addSeparator()
        window.participant_menu.addAction(note)
        window.needs_participant(note)
        window.needs_practice(export, hours)  # greyed out until a practice is open
        window.practice_opened.connect(
            lambda: QTimer.singleShot(0, offer_when_still_open(window)))

    def export_all(self) -> None:
        window = self.window
        if window.services is None:
            return
        path, _ = QFileDialog.getSaveFileName(window, window.tr("Export schedule"),
                                              str(Path.home() / "coaching-sessions.ics"),
                                              ICS_FILTER)
        if path:
            export_schedule(window, window.services, Path(path), None)


def offer_when_still_open(window):
    """The offer runs once the window has settled; by then the practice may have been closed,
    switched or locked, and then there is nothing to offer (the next opening offers again)."""
    services = window.services

    def offer() -> None:
        if window.services is not services:
            return
        try:
            offer_drafts(window)
        except PracticeLockedError:
            pass

    return offer


def offer_drafts(window) -> None:
    services = window.services
    if services is None:
        return
    drafts = services.sessions.drafts()
    if not drafts:
        return
    d = drafts[0]
    when = d.saved_at.astimezone()
    more = len(drafts) - 1
    text = window.tr("You have an unfinished session note for %1, last kept %2 at %3. "
                     "Open it now?").replace("%1", d.participant_name) \
        .replace("%2", format_date(when.date())).replace("%3", dates.clock_time(when))
    if more:
        text += " " + window.tr("(%1 more unfinished notes are waiting on their Sessions "
                                "tabs.)").replace("%1", str(more))
    answer = QMessageBox.question(window, window.tr("Unfinished note"), text)
    if answer != QMessageBox.StandardButton.Yes:
        return
    window.open_participant(d.participant_id, "sessions")
    page = window.workspace.page("sessions") if window.workspace is not None else None
    if page is not None:
        page.continue_draft(d)
