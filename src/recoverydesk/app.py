"""The composition root: open the practice, build the services, show the main window.

Opening in the app is where start-up safety meets the coach: a protected practice asks for its
passphrase (each wrong try waits longer), a new one offers protection, a damaged file is left
untouched and the newest good backup is offered, and a file open in another copy of the app is
refused. On close, queued writes finish and a rolling backup is taken if anything changed.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from recoverydesk import APP_NAME, long_lived
from recoverydesk.dates import short_datetime
from recoverydesk.paths import default_practice_path, user_data_dir, user_log_dir
from recoverydesk.services.practice.types import (
    NOT_STARTED,
    is_server_address,
    needs_passphrase,
)
from recoverydesk.services.types import NO_PROGRESS


class Opener:
    """Opens practice files for the window (which may not import the store): each
    ``*_on_worker`` method runs on the worker; the questions for the coach run on the GUI thread
    (Qt imported only there, on demand)."""

    def __init__(self, interactive: bool = True):
        self.interactive = interactive

    def open(self, path: Path, *, create: bool = False, passphrase: str | None = None):
        """Open on this thread, asking the coach as needed (for scripts and tests): the window
        itself opens through ``ui.practice.PracticeOpening``, on the worker."""
        from recoverydesk.services.practice import backups, opening
        from recoverydesk.services.practice.holding import env_passphrase
        from recoverydesk.services.practice.types import (
            DamagedPracticeError,
            PassphraseNeededError,
            PracticeOpenError,
        )

        path = Path(path)
        if passphrase is None:
            passphrase = env_passphrase()
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and create and passphrase is None and self.interactive:
            chosen = self.choose_new_passphrase(path)
            if chosen is False:
                raise PracticeOpenError(NOT_STARTED)
            passphrase = chosen
        while True:
            try:
                return opening.open_services(path, create=create, passphrase=passphrase, lock=True)
            except PassphraseNeededError as err:
                if not self.interactive:
                    raise
                passphrase = self.ask_passphrase(path, str(err) if passphrase else "")
                if passphrase is None:
                    raise PracticeOpenError(needs_passphrase(path)) from err
            except DamagedPracticeError as err:
                if not self.interactive or err.backup is None or not self.offer_backup(err):
                    raise
                backups.restore(path, err.backup.path, passphrase)

    # -- on the worker: imports, key derivation, the check, an upgrade, the caseload ----------
    def open_on_worker(self, path: Path, *, create: bool = False,
                       passphrase: str | None = None):
        """Open a practice without asking anything (this runs on the worker). A question for
        the coach comes back as PassphraseNeededError or DamagedPracticeError;
        ``ui.practice.PracticeOpening`` asks it on the GUI thread."""
        from recoverydesk.services.practice import opening

        # (no passphrase given: RECOVERYDESK_PASSPHRASE's, see holding.hold)
        long_lived.practice_closing()
        with long_lived.collector_paused():  # (see long_lived)
            opened = opening.open_for_window(path, create=create, passphrase=passphrase)
            long_lived.practice_opened()
        return opened

    def open_team_on_worker(self, address: str, password: str | None = None):
        """Connect to the team practice at ``address`` (a PostgreSQL server) and read its
        caseload, asking nothing (on the worker): a server that wants the password raises
        PasswordNeededError, which ``ui.practice_files`` asks on the GUI thread. The file's
        fast start (the caseload over a raw SQLite connection) is for files only."""
        from recoverydesk.services.practice.team_opening import open_team_for_window

        long_lived.practice_closing()
        with long_lived.collector_paused():  # (see long_lived)
            opened = open_team_for_window(address, password)
            long_lived.practice_opened()
        return opened

    def start_on_worker(self, path: Path, *, create: bool = False,
                        passphrase: str | None = None):
        """Start-up's first half (on the worker): open the practice file and read its caseload,
        without the models or the services (about half a second), so the window shows the
        caseload first and asks for the rest with ``CaseloadFirst.finish``. Questions for the
        coach come back as ``open_on_worker``'s do."""
        # Only these light modules (no SQLAlchemy): SQLAlchemy, the models and the services
        # wait for the caseload to show.
        from recoverydesk.services.participants.caseload import caseload_over
        from recoverydesk.services.practice.holding import hold
        from recoverydesk.services.practice.types import CaseloadFirst

        long_lived.practice_closing()  # (a practice opened before is done with)
        started = _StartedPractice(_held_collector_paused(
            lambda: hold(path, create=create, passphrase=passphrase, lock=True)))
        try:
            with started.held.raw_read() as conn:
                rows = caseload_over(conn, include_archived=True)
        except BaseException:
            started.give_up()
            raise
        return CaseloadFirst(rows, started.finish, started.give_up)

    def start_team_on_worker(self, address: str, password: str | None = None):
        """``start_on_worker`` for a team practice (on the worker): sign in over one plain
        psycopg connection, check the schema's revision and read the coach's caseload before
        SQLAlchemy and Alembic are imported: CaseloadFirst. A schema that needs an upgrade (or
        anything else the fast path cannot settle) opens the whole way, as
        ``open_team_on_worker`` does: Opened. A server that wants the password raises
        PasswordNeededError."""
        # Only these light modules (psycopg, no SQLAlchemy), as in start_on_worker.
        from recoverydesk.services.participants.caseload import caseload_over
        from recoverydesk.services.practice.team_holding import hold_team
        from recoverydesk.services.practice.types import CaseloadFirst

        long_lived.practice_closing()
        held = _held_collector_paused(lambda: hold_team(address, password))
        if held is None:
            long_lived.resume_collector()
            return self.open_team_on_worker(address, password)
        started = _StartedPractice(held, team=True)
        try:
            with held.raw_read() as conn:
                rows = caseload_over(conn, include_archived=True, placeholder="%s")
        except BaseException:
            started.give_up()
            raise
        return CaseloadFirst(rows, started.finish, started.give_up)

    def restore_on_worker(self, path: Path, backup: Path, passphrase: str | None) -> None:
        from recoverydesk.services.practice import backups

        backups.restore(path, backup, passphrase)

    def create_demo_on_worker(self, path: Path, progress=None):
        """A fresh demo practice, counted person by person, opened as the window holds it."""
        from recoverydesk.services.practice.opening import read_caseload

        return read_caseload(self.create_demo(path, lock=True, progress=progress or NO_PROGRESS))

    def import_on_worker(self, target: Path, source: Path, passphrase: str | None,
                         progress=None):
        """A new practice at ``target`` filled from the export ``source``, all or nothing."""
        from recoverydesk.services.practice.opening import create_filled, read_caseload
        from recoverydesk.services.practice.transfer import IOService

        def fill(store) -> None:
            IOService(store).import_from(Path(source), progress or NO_PROGRESS)

        return read_caseload(create_filled(target, fill, passphrase=passphrase, lock=True))

    def create_demo(self, path: Path, **options):
        from recoverydesk.demo.practice import create_demo

        return create_demo(path, **options)

    # -- questions for the coach, on the GUI thread --------------------------------------------
    def choose_new_passphrase(self, path: Path) -> str | None | bool:
        """The new practice's passphrase, None to leave it plain, False when cancelled."""
        from recoverydesk.ui.dialogs.passphrase import NEW, PassphraseDialog

        if not self.interactive or os.environ.get("RECOVERYDESK_PASSPHRASE"):
            return None  # asked nothing, or taken from the environment when it opens
        dialog = PassphraseDialog(NEW, path.name, parent=_active_window())
        return dialog.passphrase if dialog.exec() else False

    def ask_passphrase(self, path: Path, message: str) -> str | None:
        from recoverydesk.services.practice.backups import seconds_until_retry
        from recoverydesk.ui.dialogs.passphrase import UNLOCK, PassphraseDialog

        dialog = PassphraseDialog(UNLOCK, path.name, message, parent=_active_window(),
                                  retry_after=seconds_until_retry(path))
        return dialog.passphrase if dialog.exec() else None

    def offer_backup(self, err) -> bool:
        from PySide6.QtWidgets import QMessageBox

        when = short_datetime(err.backup.taken_at)
        answer = QMessageBox.question(
            _active_window(),
            APP_NAME,
            f"{err.path.name} is damaged, so RecoveryDesk did not open it and left it "
            f"untouched.\n\nThe newest good backup is from {when}. Restore it now? (The damaged "
            "file is kept beside it.)",
        )
        return answer == QMessageBox.StandardButton.Yes

    def default_path(self) -> Path:
        return default_practice_path()

    def demo_path(self) -> Path:
        return user_data_dir() / "demo-practice.rdk"


T = TypeVar("T")


def _held_collector_paused(hold: Callable[[], T]) -> T:
    """``hold()`` with the cycle collector paused first, for start-up's two halves: the
    ``_StartedPractice`` made from what it holds resumes it (as does a hold that fails)."""
    long_lived.pause_collector()
    try:
        return hold()
    except BaseException:
        long_lived.resume_collector()
        raise


class _StartedPractice:
    """Start-up's practice between its halves: held (a file open, or a team practice signed in
    to: ``team``; its caseload read), then with its services. Whatever exists is closed by
    ``give_up``. The cycle collector, paused by the caller before the practice was held, is
    resumed once ``finish`` or ``give_up`` is done (``long_lived``)."""

    def __init__(self, held, *, team: bool = False):
        self.held = held
        self.team = team
        self.services = None
        self._collector_paused = True

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            long_lived.resume_collector()

    def finish(self):
        """The models and every service over the held practice (on the worker): Opened."""
        # Imported here, on the worker, once the caseload is on screen (see start_on_worker).
        try:
            if self.team:
                from recoverydesk.services.practice.team_opening import team_services_over

                opened = team_services_over(self.held)
            else:
                from recoverydesk.services.practice.opening import read_caseload, services_over

                opened = read_caseload(services_over(self.held))
            self.services = opened.services
            long_lived.practice_opened()
        finally:
            self._resume_collector()
        return opened

    def give_up(self) -> None:
        try:
            if self.services is not None:
                self.services.close()
            else:
                self.held.close()
        finally:
            self._resume_collector()


def StartupOpening(window, opener: Opener, path: Path, *, create: bool = False):  # noqa: N802
    """The practice that opens at start, on the worker, once the window is on screen. The
    window hears ``start_practice_opened(CaseloadFirst)`` (the caseload, then it asks for the
    services) or ``start_practice_failed(error)``."""
    from recoverydesk.ui.practice import PracticeOpening

    return PracticeOpening(
        window, opener, path, create=create, open_on_worker=opener.start_on_worker,
        opened=window.start_practice_opened, failed=window.start_practice_failed)


def _active_window():
    from PySide6.QtWidgets import QApplication

    return QApplication.activeWindow()


def close_practice(services) -> None:
    """Last thing before exit: close, then a rolling backup if anything changed."""
    if services is not None:
        services.practice.close(backup=True)


def start_practice_path(db: Path | str | None) -> Path | str:
    """What opens at start: --db, else RECOVERYDESK_DB, else the practice the coach had open
    last time (if it is still there, or a team practice's address), else the default practice
    file. A team practice is its address (a str, never with a password)."""
    if isinstance(db, str) and is_server_address(db):
        return db
    if db is not None:
        return Path(db)
    if is_server_address(os.environ.get("RECOVERYDESK_DB", "")):
        return os.environ["RECOVERYDESK_DB"].strip()
    if not os.environ.get("RECOVERYDESK_DB"):
        from PySide6.QtCore import QSettings

        last = QSettings().value("practice/last")
        if last and is_server_address(last):
            return str(last)
        if last and Path(str(last)).is_file():
            return Path(str(last))
    return default_practice_path()


def run_gui(db: Path | str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("org.recoverydesk.RecoveryDesk")  # packaging/linux/*.desktop

    from PySide6.QtCore import QSettings

    from recoverydesk.private_files import private_settings, private_umask
    from recoverydesk.ui.errors import configure_logging, install_excepthook
    from recoverydesk.ui.icons import app_icon
    from recoverydesk.ui.main_window import MainWindow
    from recoverydesk.ui.style import apply_theme

    apply_theme(app)
    app.setWindowIcon(app_icon())
    private_umask()  # every file from here on is the coach's alone (0600, folders 0700)
    private_settings(QSettings().fileName())
    configure_logging(user_log_dir())
    install_excepthook()
    opener = Opener()
    # The window goes on screen first; the practice opens as soon as it has been painted.
    window = MainWindow(opener, staged=True)
    path = start_practice_path(db)
    if isinstance(path, str):  # a team practice: connected to once the window shows
        window.open_when_shown(lambda: window.practice_files.connect_team(path, at_start=True))
    elif db is not None or path.exists():
        window.open_when_shown(StartupOpening(window, opener, path, create=db is not None).start)
    window.caseload_ready.connect(_prepare_printing_soon)
    window.show()
    exit_code = app.exec()
    from recoverydesk.ui import tasks

    tasks.shutdown()
    window.practice_files.give_up_start()  # closed before start-up's second half arrived
    close_practice(window.services)
    return exit_code


@cache  # once per run, whichever practice opens
def _prepare_printing_soon() -> None:
    """The first chart or PDF of a session would wait about a second for matplotlib,
    reportlab and the fonts to load. A moment after the caseload is up they load in the
    background, so the coach's first print is as quick as every later one."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(1500, lambda: threading.Thread(
        target=_load_printing, name="prepare-printing", daemon=True).start())


def _load_printing() -> None:
    try:
        with long_lived.collector_paused():  # its 89k objects live on (see long_lived)
            import matplotlib.backends.backend_agg  # noqa: F401
            import matplotlib.collections  # noqa: F401
            import matplotlib.dates  # noqa: F401
            import matplotlib.figure  # noqa: F401
            import matplotlib.patches  # noqa: F401

            from recoverydesk.reports import fonts, plan_pack, review  # noqa: F401

            fonts.register_fonts()
            # They stay loaded for the run: out of the collector's walk (see long_lived),
            # before it resumes, or its first young collection walks all of them (60-80 ms).
            long_lived.loaded_for_good()
    except Exception:  # only a head start: printing loads whatever it needs anyway
        return
