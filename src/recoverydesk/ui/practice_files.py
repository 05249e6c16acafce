"""File > New practice, Open practice and the demo: each file opens on the worker (the check,
the key, an upgrade and the caseload never hold up the window), then replaces the practice on
show. A practice that cannot be opened is explained in plain words; the window stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from recoverydesk import APP_NAME
from recoverydesk.paths import private_folder
from recoverydesk.services.practice.types import (
    CaseloadFirst,
    PasswordNeededError,
    TeamFields,
    is_server_address,
    team_fields,
    without_password,
)
from recoverydesk.services.types import ServiceError
from recoverydesk.ui import startup_probe
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.first_paint import after_first_paint
from recoverydesk.ui.offline_copies import remembered_copy
from recoverydesk.ui.practice import PracticeOpening
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.window_modules import import_in_turns

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.practice.types import Opened
    from recoverydesk.ui.main_window import MainWindow

PRACTICE_FILTER = "RecoveryDesk practice (*.rdk);;All files (*)"


class PracticeFiles(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._open_on_show: Callable[[], None] | None = None
        self._starting: CaseloadFirst | None = None  # start-up's caseload shown, services due
        self._on_screen = False  # start-up's caseload has been painted
        window.commands.add(
            "connect_team", self.tr("&Connect to a team practice…"), self.connect_team,
            icon_name="account-group-outline",
            tip=self.tr("Open a practice shared with other coaches on your practice's server"))

    # -- the practice that opens at start -----------------------------------------------------
    def open_when_shown(self, start: Callable[[], None]) -> None:
        """Open the start-up practice once the window is on screen, so the coach sees the
        window at once and the caseload a moment later. ``start`` opens it on the worker and
        answers with ``start_opened`` or ``start_failed``."""
        self._open_on_show = start
        opening = QLabel(self.tr("Opening your practice…"))
        opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        opening.setProperty("role", "muted")
        self.window.stack.addWidget(opening)  # replaced by the caseload (stack index 1) once open
        self.window.stack.setCurrentWidget(opening)

    def open_start_practice(self) -> None:
        start, self._open_on_show = self._open_on_show, None
        if start is not None:  # (the list's modules in a turn of their own first, see below)
            import_in_turns(start, (_import_caseload_widgets,))
        else:
            self.window._install_extensions()

    def start_opened(self, first: CaseloadFirst, *, replacing: bool = False) -> None:
        """Start-up's first half is done: the caseload shows now, and once it is painted the
        worker builds the services (``_finish_start``). ``replacing``: it takes the place of
        the practice open now (a team practice connected to), which is closed on the worker."""
        window = self.window
        if window._closed or (window.services is not None and not replacing):
            Op(window, first.give_up).run()  # the coach opened another meanwhile
            return
        old, earlier, self._starting = window.services, self._starting, first
        if earlier is not None:  # (another's caseload on screen, its services not yet here)
            Op(window, earlier.give_up).run()
        if old is not None:
            window._set_practice_actions_enabled(False)  # until the services come
        window.set_services(None, first.caseload)
        if old is not None:
            self._close_on_worker(old)
        # Its toolbar shows with it, greyed until the services come, so the list does not
        # move down under the coach's pointer a moment later.
        window.toolbar.setVisible(True)

    def after_caseload_painted(self, then: Callable[[], None] | None) -> None:
        """Start-up: once the caseload is on screen, say so (the benchmark's "caseload") and
        ask the worker for the services (``then`` None); when they are here (``then``: build
        the home view, the workspace and the window's parts), say "ready"."""
        panel = self.window.list_panel
        # (nobody in the practice yet: its first step shows instead of the list)
        shown = panel.empty_label if panel.view.isHidden() else panel.view.viewport()
        if then is None:
            self._on_screen = False
            after_first_paint(shown, self._caseload_on_screen)
        elif self._on_screen:  # (the window's modules a turn each first: ui/window_modules.py)
            import_in_turns(lambda: self._ready(then))
        else:  # the services came with the caseload (a window given them at once)
            after_first_paint(shown, lambda: (startup_probe.report("caseload"),
                                              self._ready(then)))

    def _caseload_on_screen(self) -> None:
        startup_probe.report("caseload")
        self._on_screen = True
        first = self._starting
        if first is None or self.window._closed:
            return
        Op(self.window, first.finish).success(
            lambda opened: self._finish_start(opened, first)).failure(
            lambda error: self._finish_failed(error, first)).run()

    def _finish_start(self, opened: Opened, first: CaseloadFirst) -> None:
        window = self.window
        if window._closed or window.services is not None or self._starting is not first:
            self._close_on_worker(opened.services)  # (another practice's caseload came since)
            return
        self._starting = None
        window.set_services(opened.services, opened.caseload)

    def _finish_failed(self, error: BaseException, first: CaseloadFirst) -> None:
        if self._starting is not first:
            return  # another practice's caseload came since: this one is forgotten
        self._starting = None
        window = self.window
        if window.services is None:
            window.list_panel = None  # the caseload alone is not a practice to work in
            window.toolbar.setVisible(False)
        self.start_failed(error)

    def _ready(self, then: Callable[[], None]) -> None:
        """Build home (then show it), the workspace, its first page, the window's parts and
        then (``then``) tell them, a turn of the event loop each (``in_a_turn_of_its_own``),
        so the caseload stays live between them (in one turn they were the worst of opening's
        stall; the first page, built in a turn the workspace asked for itself, shared a pass
        with the parts)."""
        window = self.window
        if window._closed:  # closed while the window's modules were imported
            return
        import_in_turns(self._built, window.steps_for(window.services, (
            window._make_home, window._build_home,
            lambda: window._build_workspace(first_page_soon=False), window._build_first_page,
            window._warm_workspace, window._build_parts)) + (then,))

    def _built(self) -> None:
        window = self.window
        if window._closed or window.workspace is None:
            return
        # A participant chosen while the services were on their way opens now.
        chosen = window.list_panel.current_id() if window.list_panel else None
        if chosen is not None:
            window.show_participant(chosen)
        startup_probe.report("ready")

    @property
    def finishing(self) -> bool:
        """A practice's caseload is on screen and its services are on their way."""
        return self._starting is not None

    def give_up_start(self) -> None:
        """The app is ending before start-up's second half reached the window: close what the
        worker opened (called after the worker has stopped)."""
        first, self._starting = self._starting, None
        if first is not None:
            first.give_up()

    def start_failed(self, error: BaseException) -> None:
        """A practice that cannot be opened is explained in plain words; the welcome stays."""
        window = self.window
        if window.services is None:
            window.stack.setCurrentWidget(window.welcome)
        show_exception(error, window)
        window._install_extensions()

    def show_opened(self, opened: Opened) -> None:
        """Show a practice opened on the worker in place of the one open now (closed after, on
        the worker: closing a file's engine held the interpreter ~35 ms)."""
        window = self.window
        old = window.services
        window.set_services(opened.services, opened.caseload, in_turns=True)
        if old is not None and old is not opened.services:
            self._close_on_worker(old)

    def _close_on_worker(self, services: Services) -> None:
        Op(self.window, services.close).run()

    def _team_opened(self, result: CaseloadFirst | Opened) -> None:
        """A team practice connected to on the worker: its caseload first (then its services),
        or the whole of it when it had to open the whole way (an upgrade)."""
        if isinstance(result, CaseloadFirst):
            self.start_opened(result, replacing=True)
        else:
            self.show_opened(result)

    # -- File menu ----------------------------------------------------------------------------

    def new_practice(self) -> None:
        # The data folder is made first: a file dialog offered a folder that does not exist
        # falls back to wherever the app was started from.
        suggested = self.window.opener.default_path()
        private_folder(suggested.parent)
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Start a new practice"), str(suggested), PRACTICE_FILTER)
        if path:
            if not path.endswith(".rdk"):
                path += ".rdk"
            self.open(Path(path), create=True)

    def open_dialog(self) -> None:
        folder = private_folder(self.window.opener.default_path().parent)
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open a practice"),
                                              str(folder), PRACTICE_FILTER)
        if path:
            self.open(Path(path))

    def open_demo(self) -> None:
        opener = self.window.opener
        path = opener.demo_path()
        if path.exists():
            self.open(path)
            return
        Op(self.window, lambda progress: opener.create_demo_on_worker(path, progress)).success(
            self.show_opened).failure(self._failed).with_progress(
            self.tr("Writing the demo practice…"), counted=True).run()

    def open(self, path: Path, *, create: bool = False) -> None:
        PracticeOpening(self.window, self.window.opener, path, create=create,
                        opened=self.show_opened, failed=self._failed).start()

    def _failed(self, error: BaseException) -> None:
        show_exception(error, parent=self.window)

    # -- a team practice (PostgreSQL) -----------------------------------------------------------
    def connect_team(self, address: str | None = None, *, at_start: bool = False) -> None:
        """File > Connect to a team practice…, the welcome screen's, and ``--db
        postgresql://…``: with an address, connect at once (the password from ~/.pgpass or
        PGPASSWORD), asking in the Connect dialog only when the server wants it or the address
        does not work; without one, the dialog, filled in with the last team practice."""
        if address is None:
            last = str(QSettings().value("practice/last") or "")
            fields = team_fields(last) if is_server_address(last) else TeamFields()
            self._connect_dialog(fields)
            return
        opener = self.window.opener
        Op(self.window, lambda: opener.start_team_on_worker(address, None)).success(
            self._team_opened).failure(
            lambda error: self._not_connected(error, address, at_start)).with_progress(
            self.tr("Connecting to the team practice…")).run()

    def _not_connected(self, error: BaseException, address: str, at_start: bool) -> None:
        copy = remembered_copy(address) if at_start else None
        if copy is not None and not isinstance(error, PasswordNeededError):
            # Unreachable at start, and this laptop has its offline copy: work on that
            # (issue 21; its window part says it is offline and brings the work back).
            PracticeOpening(self.window, self.window.opener, copy, opened=self.show_opened,
                            failed=self.start_failed).start()
            return
        if not isinstance(error, ServiceError):
            self.start_failed(error) if at_start else self._failed(error)
            return
        fields = TeamFields(address=without_password(address))
        self._connect_dialog(fields, str(error), at_start=at_start,
                             ask_password=isinstance(error, PasswordNeededError))

    def _connect_dialog(self, fields: TeamFields, message: str = "", *, at_start: bool = False,
                        ask_password: bool = False) -> None:
        # Imported here: not needed to show the window (it and the widgets it pulls in took
        # ~13 ms of start-up before the first paint).
        from recoverydesk.ui.dialogs.connect_team import ConnectTeamDialog

        dialog = ConnectTeamDialog(self.window.opener.start_team_on_worker, fields, message,
                                   self.window, ask_password=ask_password)
        if dialog.exec() and dialog.saved is not None:
            self._team_opened(dialog.saved)
        elif at_start:  # not connected: the welcome screen, as when a file does not open
            if self.window.services is None:
                self.window.stack.setCurrentWidget(self.window.welcome)
            self.window._install_extensions()
        dialog.deleteLater()

    def show_name(self, services: Services) -> None:
        """The window says which practice is open: the file, or a team practice's name, server
        and coach. Remembered for the next start (a team practice by its address, which holds
        no password)."""
        window, info = self.window, services.practice.info()
        if info.is_team:
            window.practice_label.setText(
                self.tr("Team practice on %1, as %2").replace("%1", info.server).replace(
                    "%2", info.coach))
            window.setWindowTitle(
                self.tr("%1 — team practice on %2, as %3").replace("%1", info.title).replace(
                    "%2", info.server).replace("%3", info.coach) + f" — {APP_NAME}")
            QSettings().setValue("practice/last", info.address)
            return
        window.practice_label.setText(self.tr("Practice: %1").replace("%1", str(info.path)))
        window.setWindowTitle(f"{info.path.stem} — {APP_NAME}")
        QSettings().setValue("practice/last", str(info.path))


def _import_caseload_widgets() -> None:
    """The caseload list's modules (~50 ms cold at load 7), imported once the window is painted
    and before the worker opens the practice, so the turn that shows the caseload only builds
    it (they were the largest part of that turn, one of opening's worst)."""
    from recoverydesk.ui.widgets import participant_list  # noqa: F401 - a turn of its own
