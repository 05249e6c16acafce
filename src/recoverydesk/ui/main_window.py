"""The main window: caseload on the left, home or a participant's workspace on the right."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar

from recoverydesk import APP_NAME
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui import startup_probe, window_body
from recoverydesk.ui.actions import ActionRegistry
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.first_paint import after_first_paint
from recoverydesk.ui.icons import app_icon
from recoverydesk.ui.participant_commands import ParticipantCommands
from recoverydesk.ui.practice import PracticeOpener
from recoverydesk.ui.practice_files import PracticeFiles
from recoverydesk.ui.undo_offer import UndoOffer
from recoverydesk.ui.welcome import WelcomeView
from recoverydesk.ui.window_modules import import_in_turns

# The caseload panel, home view and workspace (and the capabilities' window parts) pull in
# the services and the database layer: they are imported when a practice opens, not before the
# first window is on screen.
if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.practice.types import CaseloadFirst
    from recoverydesk.ui.extensions import WindowParts
    from recoverydesk.ui.home import HomeView
    from recoverydesk.ui.widgets.participant_list import ParticipantListPanel
    from recoverydesk.ui.workspace import ParticipantWorkspace


class MainWindow(QMainWindow):
    practice_opened = Signal()
    caseload_ready = Signal()

    def __init__(self, opener: PracticeOpener, services: Services | None = None, *,
                 staged: bool = False):
        """``staged`` is for start-up: the window shows at once, and the capabilities' menus and
        pages are built once the caseload is on screen (``open_when_shown``)."""
        super().__init__()
        self.opener = opener
        self.services: Services | None = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(720, 480)  # 1920x1080 at 200% leaves 960x540
        self.commands = ActionRegistry(self)
        self.practice_files = PracticeFiles(self)
        self.participant_commands = ParticipantCommands(self)
        self._shown_once = False
        self._closed = False
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.welcome = WelcomeView()
        self.stack.addWidget(self.welcome)
        self.welcome.new_practice.connect(self.new_practice)
        self.welcome.open_demo.connect(self.open_demo)
        self.welcome.open_existing.connect(self.open_practice_dialog)
        self.welcome.connect_team.connect(lambda: self.practice_files.connect_team())
        self.practice_label = QLabel()
        self.statusBar().addPermanentWidget(self.practice_label)
        self.undo_offer = UndoOffer(self)
        self.undo_button = self.undo_offer.button
        self.list_panel: ParticipantListPanel | None = None
        self.workspace: ParticipantWorkspace | None = None
        self.home: HomeView | None = None
        self._made_home: tuple[Services, HomeView] | None = None  # (built, not yet shown)
        self._parts: WindowParts | None = None
        window_body.add_window_commands(self)
        # Commands on the open participant: enabled only while one is open (not at home).
        self._participant_actions = [self.commands["edit_participant"],
                                     self.commands["archive_participant"]]
        # Commands on the open practice: enabled only while one is open (not on the welcome).
        self._practice_actions: list = [self.commands["undo"]]
        self._build_menus()
        if not staged:
            self._install_extensions()
        change_bus().changed.connect(self._on_changed)
        window_body.restore_geometry(self)
        if services is not None:
            self.set_services(services)
        else:
            self._set_practice_actions_enabled(False)

    # -- structure ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        for key in ("new_practice", "open_practice", "open_demo", "connect_team"):
            self.file_menu.addAction(self.commands[key])
        self.file_menu.addSeparator()
        self._quit_separator = self.file_menu.addSeparator()
        self.file_menu.addAction(self.commands["quit"])
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.commands["undo"])
        self.participant_menu = bar.addMenu(self.tr("&Participant"))
        for key in ("new_participant", "edit_participant", "archive_participant"):
            self.participant_menu.addAction(self.commands[key])
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.commands["home"])
        self.view_menu.addAction(self.commands["find_participant"])
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.commands["about"])
        self.toolbar = QToolBar(self.tr("Main"))
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("home", "new_participant"):
            self.toolbar.addAction(self.commands[key])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _install_extensions(self) -> None:
        if self._parts is not None:
            return
        from recoverydesk.ui.extensions import WindowParts  # (heavy: see the note at the top)

        self._parts = WindowParts.build(self)

    @property
    def parts(self) -> WindowParts:
        """The capabilities' parts of this window (``ui/extensions.py``): built with the window,
        or at start-up once the caseload is on screen."""
        if self._parts is None:
            raise RuntimeError("The window's parts are built once the caseload is on screen.")
        return self._parts

    def add_file_action(self, action) -> None:
        """For window parts: put an action in the File menu, above Quit."""
        self.file_menu.insertAction(self._quit_separator, action)

    def needs_participant(self, *actions) -> None:
        """For window parts: ``actions`` work on the open participant, so they are greyed out
        while none is (the home view, the welcome screen)."""
        self._participant_actions.extend(actions)
        self._update_participant_actions()

    def needs_practice(self, *actions) -> None:
        """For window parts: ``actions`` work on the open practice, so they are greyed out
        while none is (the welcome screen, a closed or locked practice)."""
        self._practice_actions.extend(actions)
        for action in actions:
            action.setEnabled(self.services is not None)

    def set_services(self, services: Services | None, caseload: list | None = None, *,
                     in_turns: bool = False, then: Callable[[], None] | None = None) -> None:
        """Show the practice: the caseload first (its rows, when read on the worker), then home
        and the workspace (at start-up the caseload shows alone, ``services`` None, and this is
        called again with them: ui/practice_files.py). ``in_turns`` (File > Open, the demo, an
        import): home, the workspace, its first page and ``practice_opened`` come a turn each
        after the caseload (together they were the worst of an import's stall), then ``then``
        (not when another practice opened meanwhile)."""
        if self.list_panel is not None and self.list_panel.services is None and services:
            self.list_panel.attach(services)  # the caseload already on screen: keep it
            self.services = services
        elif not self._show_caseload(services, caseload):
            return  # (the panel's first paint asks the worker for the services)
        self.practice_files.show_name(services)  # the title, the status bar, the next start
        self._set_practice_actions_enabled(True)
        self._update_participant_actions()
        if self._parts is not None and in_turns:
            import_in_turns(lambda: self._opened(services, then), self.steps_for(services, (
                self._make_home, self._build_home,
                lambda: self._build_workspace(first_page_soon=False), self._build_first_page,
                self._warm_workspace)))
        elif self._parts is not None:
            self._build_workspace()
            self._opened(services)
        else:  # starting up: the caseload is painted first, everything else a moment later
            self.practice_files.after_caseload_painted(self._caseload_painted)

    def _show_caseload(self, services: Services | None, caseload: list | None) -> bool:
        from recoverydesk.ui.widgets.participant_list import ParticipantListPanel

        if self.services is not None and self.workspace is not None:
            self.workspace.save_drafts()
        old = self.stack.widget(1)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.services = services
        self.home = self.workspace = self._made_home = None
        self.list_panel = ParticipantListPanel(services, caseload=caseload)
        splitter, self.right = window_body.caseload_beside_right(self.list_panel)
        self.splitter = splitter
        self.stack.addWidget(splitter)
        self.stack.setCurrentWidget(splitter)
        self.list_panel.participant_selected.connect(self.show_participant)
        self.list_panel.add_participant.connect(self.new_participant)
        if services is None:
            self.practice_files.after_caseload_painted(None)
        return services is not None

    def steps_for(self, services: Services | None, steps: tuple) -> tuple:
        """``steps`` that each do nothing once the window closed or shows another practice."""
        def step_for(step):
            return lambda: None if self._closed or self.services is not services else step()
        return tuple(step_for(step) for step in steps)

    def _opened(self, services: Services, then: Callable[[], None] | None = None) -> None:
        """The parts hear of the practice (unless another opened since or the window closed)."""
        if self.services is not services or self._closed:
            return
        self._build_workspace()
        self.practice_opened.emit()
        QTimer.singleShot(0, self.caseload_ready.emit)
        if then is not None:
            then()

    def _build_parts(self) -> None:  # (start-up: a turn of its own before _caseload_painted)
        if self.services is not None and not self._closed:
            self._install_extensions()

    def _caseload_painted(self) -> None:
        """Start-up's last step (ui/practice_files.py builds home, the workspace and the
        window's parts first, a turn of the event loop each): the parts hear of the practice."""
        if self.services is None or self._closed:
            return  # (another practice opened meanwhile, or the window closed)
        self._build_workspace()
        self._install_extensions()
        self.practice_opened.emit()
        self.caseload_ready.emit()

    def _make_home(self) -> None:
        """Home built, hidden (a turn of its own: ``_build_home`` shows it in the next one; Qt's
        first layout of it as it shows took as long again)."""
        if self.services is None or self.home is not None:
            return
        if self._made_home is None or self._made_home[0] is not self.services:
            from recoverydesk.ui.home import HomeView

            self._made_home = (self.services, HomeView(self.services, self.right))

    def _build_home(self) -> None:
        if self.services is None or self.home is not None:
            return
        self._make_home()
        self.home, self._made_home = self._made_home[1], None
        self.right.addWidget(self.home)
        self.right.setCurrentWidget(self.home)
        self.home.open_participant.connect(self.open_participant)

    def _build_workspace(self, *, first_page_soon: bool = True) -> None:  # (and home first)
        if self.services is None or self.workspace is not None:
            return
        from recoverydesk.ui.extensions import PARTICIPANT_PAGES
        from recoverydesk.ui.workspace import ParticipantWorkspace

        self._build_home()
        self.workspace = ParticipantWorkspace(self.services, PARTICIPANT_PAGES,
                                              first_page_soon=first_page_soon)
        self.right.addWidget(self.workspace)
        self.workspace.edit_requested.connect(self.edit_participant)
        self.workspace.archive_requested.connect(self.toggle_archive)

    def _build_first_page(self) -> None:  # (a turn of its own: start-up, set_services)
        if self.workspace is not None and not self._closed:
            self.workspace.build_first_page()

    def _warm_workspace(self) -> None:
        """Shown and hidden in one turn (nothing painted): Qt's first show of the workspace is
        done here (7 ms), not when a participant is first opened (~10 ms less CPU there)."""
        home, focus = self.home, self.focusWidget()
        if self.workspace is None or self.right.currentWidget() is not home or (
                focus is not None and home.isAncestorOf(focus)):
            return
        self.right.setCurrentWidget(self.workspace)
        self.right.setCurrentWidget(home)

    def open_when_shown(self, start: Callable[[], None]) -> None:
        """Open the start-up practice once the window is on screen (ui/practice_files.py)."""
        self.practice_files.open_when_shown(start)

    def start_practice_opened(self, first: CaseloadFirst) -> None:
        self.practice_files.start_opened(first)

    def start_practice_failed(self, error: BaseException) -> None:
        self.practice_files.start_failed(error)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            after_first_paint(self, self._first_painted)

    def _first_painted(self) -> None:
        startup_probe.report("window")
        self.practice_files.open_start_practice()

    def _set_practice_actions_enabled(self, enabled: bool) -> None:
        for key in ("new_participant", "home", "find_participant"):
            self.commands[key].setEnabled(enabled)
        for action in self._practice_actions:
            action.setEnabled(enabled)
        # The welcome screen offers its own three choices: no toolbar of idle buttons above it.
        self.toolbar.setVisible(enabled)
        if not enabled:
            self.stack.setCurrentWidget(self.welcome)
            for action in self._participant_actions:
                action.setEnabled(False)

    def _update_participant_actions(self) -> None:
        has = self.current_participant_id() is not None
        for action in self._participant_actions:
            action.setEnabled(has)

    # -- navigation ---------------------------------------------------------------------
    def current_participant_id(self) -> int | None:
        if self.workspace is None or self.right.currentWidget() is not self.workspace:
            return None
        return self.workspace.participant_id

    def show_participant(self, participant_id: int | None) -> None:
        self._build_workspace()  # a click that came before start-up finished
        if self.workspace is None:
            return
        if participant_id is None:
            self.show_home()
            return
        self.workspace.set_participant(participant_id)
        self.right.setCurrentWidget(self.workspace)
        self._update_participant_actions()

    def open_participant(self, participant_id: int, page: str = "", ref: object = None) -> None:
        """Jump to a participant (and optionally a tab and item), even if filtered out."""
        if self.list_panel is None:
            return
        if not self.list_panel.select(participant_id):
            self.list_panel.filter_edit.clear()
            self.list_panel.status_combo.setCurrentIndex(0)
            self.list_panel.archived_check.setChecked(True)
            self.list_panel.select(participant_id)
        if self.current_participant_id() != participant_id:  # selecting it already showed it
            self.show_participant(participant_id)
        if page:
            self.workspace.show_page(page, ref)

    def show_home(self) -> None:
        if self.workspace is None:
            return
        self.workspace.save_drafts()
        self.right.setCurrentWidget(self.home)
        self.list_panel.clear_current()
        self._update_participant_actions()

    def focus_participant_filter(self) -> None:
        if self.list_panel is not None:
            self.list_panel.filter_edit.setFocus()
            self.list_panel.filter_edit.selectAll()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.services is None or self.workspace is None or self._closed:
            return
        self.list_panel.on_changed(changes)
        self.home.on_changed(changes)
        self.workspace.on_changed(changes)

    # -- participant commands (ui/participant_commands.py) ---------------------------------
    def new_participant(self) -> None:
        self.participant_commands.new_participant()

    def edit_participant(self) -> None:
        self.participant_commands.edit_participant()

    def toggle_archive(self) -> None:
        self.participant_commands.toggle_archive()

    # -- undo ---------------------------------------------------------------------------
    def offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        self.undo_offer.offer(message, undo)

    def undo_last(self) -> None:
        self.undo_offer.undo_last()

    # -- practice files: opened on the worker (ui/practice_files.py) ---------------------
    def new_practice(self) -> None:
        self.practice_files.new_practice()

    def open_practice_dialog(self) -> None:
        self.practice_files.open_dialog()

    def open_demo(self) -> None:
        self.practice_files.open_demo()

    def about(self) -> None:
        window_body.show_about(self)

    # -- window state -------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # (while locked the practice is closed: its drafts were kept when it locked)
        if self.workspace is not None and self.services.practice.is_open:
            self.workspace.save_drafts()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
        # A closed window no longer follows changes: its practice is being closed too.
        self._closed = event.isAccepted()
