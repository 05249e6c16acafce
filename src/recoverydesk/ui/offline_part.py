"""The window part (``ui/extensions.py``) for going offline with a team practice (issue 21).

On a team practice: Practice > Take participants offline… (the dialog, then what is now on the
laptop), Conflicts from offline…, and for the lead Participant > Break the offline hold…; a
participant another device holds says so in the caseload and under their name.

On the laptop's copy (a practice file that is an offline copy, ``OfflineService.state``): a
banner says it is offline and since when; File > Bring back offline work, and the same
automatically once the team practice's server answers again (a cheap poll on the worker, only
while a copy is open and no dialog is up). A bring-back that did not finish says that nothing
was lost and that it finishes next time. Once everything is on the server the copy is removed
and the team practice opens, with the conflicts to choose, if any.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from recoverydesk.services.offline.types import (
    OFFLINE,
    RETURNED,
    BringBackReport,
    HoldInfo,
    OfflineError,
    OfflineState,
    TakenCopy,
)
from recoverydesk.services.practice.types import PasswordNeededError
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.dialogs.offline_conflicts import OfflineConflictsDialog
from recoverydesk.ui.dialogs.take_offline import TakeOfflineDialog
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.offline_copies import (
    any_copy,
    forget_copy,
    remember_copy,
    remembered_copy,
)
from recoverydesk.ui.offline_hold_words import ask_break_hold, sentence
from recoverydesk.ui.offline_read_only import show_read_only
from recoverydesk.ui.practice import close_practice
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.offline_banner import (
    OfflineBanner,
    brought_back_words,
)

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.ui.main_window import MainWindow

POLL_MS = 30_000  # while a copy is open: does the team practice answer again?
FIRST_POLL_MS = 3_000


class OfflinePart(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.state: OfflineState | None = None
        self.holds: dict[int, HoldInfo] = {}
        self.i_lead = False
        self.names: dict[int, str] = {}
        self._auto = True  # bring back by itself when the server answers (until it asks)
        self._bringing = False
        self._conflicts_to_show = False
        self._in_practice_menu = False
        self._panel: QWidget | None = None
        c = window.commands
        c.add("take_offline", self.tr("Take participants &offline…"), self.take_offline,
              icon_name="cloud-download-outline",
              tip=self.tr("Copy the participants you will see onto this laptop, to work "
                          "without a connection"))
        c.add("open_offline_copy", self.tr("Open o&ffline copy…"), self.open_copy,
              icon_name="laptop", tip=self.tr("Work on the participants taken offline"))
        c.add("bring_back", self.tr("&Bring back offline work"), self.bring_back,
              icon_name="cloud-upload-outline",
              tip=self.tr("Send the work done offline to the team practice"))
        c.add("offline_conflicts", self.tr("&Conflicts from offline…"), self.show_conflicts,
              icon_name="call-split")
        c.add("break_hold", self.tr("Break the offline &hold…"), self.break_hold,
              icon_name="lock-open-variant-outline",
              tip=self.tr("The practice lead: free a participant another device took offline"))
        window.add_file_action(c["open_offline_copy"])
        window.add_file_action(c["bring_back"])
        window.participant_menu.addAction(c["break_hold"])
        window.needs_practice(c["take_offline"], c["bring_back"], c["offline_conflicts"])
        self.banner = OfflineBanner(window)
        self.banner.button.clicked.connect(self._banner_pressed)
        self._copy_here: Path | None = None  # on a team practice: its copy on this laptop
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.hide()
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self._probe)
        window.practice_opened.connect(self._practice_opened)
        change_bus().changed.connect(self._on_changed)
        self._practice_opened()

    # -- what is open ----------------------------------------------------------------------
    def _practice_opened(self) -> None:
        services = self.window.services
        self.state, self.holds, self.i_lead = None, {}, False
        self._read_only()  # (editable again: another practice)
        self.banner.hide()
        self.poll.stop()
        team = services is not None and services.offline.available()
        self._place_in_practice_menu()
        for key in ("take_offline", "offline_conflicts"):
            self.window.commands[key].setVisible(team)
        self.window.commands["bring_back"].setVisible(False)
        self._update_break_hold()
        if services is None:
            return
        panel = self.window.list_panel
        if panel is not None and panel is not self._panel:  # (a new panel for each practice)
            self._panel = panel
            panel.participant_selected.connect(self._participant_shown)
        if team:
            team_view = services.team
            Op(self.window, lambda: team_view.view().i_lead, write=False).success(
                self._lead_known).run()
            self._read_holds(services)
            self._show_copy_here(services)
            if self._conflicts_to_show:
                self._conflicts_to_show = False
                QTimer.singleShot(0, self.show_conflicts)
        else:
            Op(self.window, services.offline.state, write=False).success(
                lambda state: self._show_state(services, state)).run()

    def _show_copy_here(self, services: Services) -> None:
        """On a team practice whose copy is on this laptop (taken, not brought back): say so,
        and open it at a press (its work comes back from there)."""
        self._copy_here = copy = remembered_copy(services.practice.info().address)
        if copy is None:
            return
        self.banner.text.setText(self.tr(
            "Participants you took offline are in the copy on this laptop (%1). Open it to "
            "work on them without a connection, or to bring your work back to the team "
            "practice.").replace("%1", copy.name))
        self.banner.button.setText(self.tr("Open the copy"))
        self.banner.show()

    def _banner_pressed(self) -> None:
        if self.state is not None:
            self.bring_back()
        elif self._copy_here is not None:
            self.window.practice_files.open(self._copy_here)

    def _place_in_practice_menu(self) -> None:
        """Beside Team… in the Practice menu (TeamPart's, shown on a team practice only)."""
        try:
            menu = self.window.parts.team.menu
        except RuntimeError:  # (the window's parts are being built: placed once a practice opens)
            return
        if self._in_practice_menu:
            return
        self._in_practice_menu = True
        menu.addSeparator()
        for key in ("take_offline", "offline_conflicts"):
            menu.addAction(self.window.commands[key])

    def _lead_known(self, lead: bool) -> None:
        self.i_lead = lead
        self._update_break_hold()

    def _read_holds(self, services: Services) -> None:
        offline, participants = services.offline, services.participants

        def read():
            names = {r.id: r.display_name for r in participants.list(include_archived=True)}
            return offline.holds(), names

        Op(self.window, read, write=False).success(
            lambda got: self._show_holds(services, *got)).run()

    def _show_holds(self, services: Services, holds: dict[int, HoldInfo],
                    names: dict[int, str]) -> None:
        if services is not self.window.services:
            return  # (another practice opened meanwhile)
        self.holds, self.names = holds, names
        panel = self.window.list_panel
        if panel is not None:
            panel.set_notes({pid: self.tr("Offline with %1").replace(
                "%1", h.coach_name or h.coach_role) for pid, h in holds.items()},
                {pid: self.tr(h.label) for pid, h in holds.items()})
        self._participant_shown(self.window.current_participant_id())

    def _participant_shown(self, participant_id: int | None) -> None:
        workspace = self.window.workspace
        hold = self.holds.get(participant_id) if participant_id is not None else None
        if self._read_only():
            return
        if workspace is not None:
            text = sentence(self.tr(hold.label)) + "." if hold else ""
            if hold:
                text += " " + self.tr("Edits here are safe: where one is changed offline "
                                      "too, both versions are kept to choose from.")
            workspace.show_note(text, self.window.commands["break_hold"]
                                if hold and self.i_lead else None)
        self._update_break_hold(participant_id)

    def _read_only(self) -> bool:
        """A copy being brought back, or brought back, is read-only (offline_read_only.py)."""
        return show_read_only(self.window, self.state.state if self.state else None)

    def _update_break_hold(self, participant_id: int | None = None) -> None:
        pid = participant_id if participant_id is not None \
            else self.window.current_participant_id()
        action = self.window.commands["break_hold"]
        action.setVisible(self.i_lead)
        action.setEnabled(self.i_lead and pid in self.holds)

    def _on_changed(self, changes: ChangeSet) -> None:
        services = self.window.services
        if services is not None and changes.touches(OFFLINE) and services.offline.available():
            self._read_holds(services)

    # -- taking offline ------------------------------------------------------------------------
    def take_offline(self) -> None:
        services = self.window.services
        if services is None or not services.offline.available():
            return
        offline = services.offline
        Op(self.window, lambda: (offline.candidates(), offline.default_copy_path()),
           write=False).success(lambda got: self._choose(services, *got)).with_progress(
            self.tr("Reading your participants…")).run()

    def _choose(self, services: Services, candidates: list, where: Path) -> None:
        dialog = TakeOfflineDialog(candidates, services.offline.take, where, self.window)
        dialog.exec()
        dialog.deleteLater()
        if dialog.saved is not None:
            self._taken(services, dialog.saved, dialog.work_now)

    def _taken(self, services: Services, copy: TakenCopy, work_now: bool) -> None:
        remember_copy(services.practice.info().address, copy.path)
        self._show_copy_here(services)
        if work_now:
            self.window.practice_files.open(copy.path)

    # -- the copy ------------------------------------------------------------------------------
    def open_copy(self) -> None:
        start = any_copy()
        folder = str(start.parent) if start else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open an offline copy"), folder,
            self.tr("RecoveryDesk practice (*.rdk);;All files (*)"))
        if path:
            self.window.practice_files.open(Path(path))

    def _show_state(self, services: Services, state: OfflineState | None) -> None:
        if services is not self.window.services:
            return
        self.state = state
        self.window.commands["bring_back"].setVisible(state is not None)
        self._read_only()
        if state is None:
            return
        self.banner.text.setText(self.tr(state.banner))
        self.window.practice_label.setText(self.tr(state.title))
        self.banner.button.setText(self.tr("Remove the copy") if state.state == RETURNED
                                   else self.tr("Bring back now"))
        self.banner.show()
        self._auto = True
        QTimer.singleShot(FIRST_POLL_MS, self, self._probe)
        self.poll.start()

    def _probe(self) -> None:
        state, services = self.state, self.window.services
        if state is None or services is None or self._bringing or not self._auto:
            return
        Op(self.window, services.offline.reachable, write=False).success(
            lambda answers: self._answered(services, answers)).run()

    def _answered(self, services: Services, answers: bool) -> None:
        # Not while the coach is in a dialog (writing a note) or the window is locked (the
        # copy is closed): the next poll tries again.
        if (answers and services is self.window.services and self._auto
                and services.practice.is_open and not self.window.parts.lock.locked
                and QApplication.activeModalWidget() is None):
            self.bring_back(automatic=True)

    # -- bringing back ---------------------------------------------------------------------------
    def bring_back(self, automatic: bool = False, password: str | None = None) -> None:
        services, state = self.window.services, self.state
        if services is None or state is None or self._bringing:
            return
        self._bringing = True
        if self.window.workspace is not None:
            self.window.workspace.save_drafts()
        offline = services.offline
        Op(self.window, lambda progress: offline.bring_back(password, progress)).success(
            lambda report: self._brought_back(services, state, report)).failure(
            lambda error: self._not_brought(error, automatic)).with_progress(
            self.tr("Bringing your work back to the team practice…"), counted=True).run()

    def _not_brought(self, error: BaseException, automatic: bool) -> None:
        self._bringing = False
        if isinstance(error, PasswordNeededError):
            if automatic:  # the coach asks for it (the banner's button): no box out of nowhere
                self._auto = False
                self.banner.text.setText(self.tr(
                    "The team practice can be reached again. Bring back your work: it asks "
                    "for your password."))
                return
            password, ok = QInputDialog.getText(
                self.window, self.tr("Sign in to the team practice"),
                self.tr(str(error)) + "\n\n" + self.tr("Your password on the team practice:"),
                QLineEdit.EchoMode.Password)
            if ok and password:
                self.bring_back(password=password)
            return
        services = self.window.services
        if services is not None:  # what the copy says now (a bring-back started: RETURNING)
            Op(self.window, services.offline.state, write=False).success(
                lambda state: self._state_after_failure(services, state)).run()
        if automatic and isinstance(error, OfflineError):
            return  # (the server went away again: the poll goes on)
        if isinstance(error, OfflineError):
            QMessageBox.information(self.window, self.tr("Not brought back yet"), self.tr(
                "%1\n\nNothing was lost: all your work stays in the copy on this laptop, and "
                "bringing it back finishes next time (by itself once the team practice can be "
                "reached).").replace("%1", self.tr(str(error))))
            return
        show_exception(error, self.window)

    def _state_after_failure(self, services: Services, state: OfflineState | None) -> None:
        if services is self.window.services and state is not None:
            self.state = state
            self.banner.text.setText(self.tr(state.banner))
            self._read_only()

    def _brought_back(self, services: Services, state: OfflineState,
                      report: BringBackReport) -> None:
        """Everything is on the server: close the copy, remove it, open the team practice."""
        self._bringing = False
        self.poll.stop()
        self.banner.hide()
        closed = close_practice(self.window)
        offline = services.offline
        Op(self.window, offline.discard_copy).success(forget_copy).failure(
            lambda error: show_exception(error, self.window)).run()
        QMessageBox.information(self.window, self.tr("Brought back"), "\n\n".join(
            self.tr(line) for line in brought_back_words(report)))
        self._conflicts_to_show = report.conflicts > 0
        self.state = None
        if closed is not None:
            self.window.practice_files.connect_team(state.address)

    # -- conflicts and holds on the team practice ---------------------------------------------
    def show_conflicts(self) -> OfflineConflictsDialog | None:
        services = self.window.services
        if services is None or not services.offline.available():
            return None
        dialog = OfflineConflictsDialog(services, self.window, self.names)
        dialog.exec()
        dialog.deleteLater()
        return dialog

    def break_hold(self) -> None:
        services, pid = self.window.services, self.window.current_participant_id()
        hold = self.holds.get(pid) if pid is not None else None
        if services is None or hold is None:
            return
        name = self.names.get(pid, self.tr("this participant"))
        if not ask_break_hold(self.window, name, hold.label):
            return
        offline = services.offline
        Op(self.window, lambda: offline.break_hold(pid)).success(
            lambda _info: self.window.statusBar().showMessage(
                self.tr("The hold on %1 is broken.").replace("%1", name), 5000)).run()
