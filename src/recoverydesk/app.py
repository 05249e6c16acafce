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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from recoverydesk import APP_NAME
from recoverydesk.dates import short_datetime
from recoverydesk.paths import default_practice_path, user_data_dir, user_log_dir


@dataclass(frozen=True)
class Opened:
    """What the worker hands the window at start-up: the open practice and its caseload."""

    services: Any  # recoverydesk.services.Services (the window may not import the store)
    caseload: list  # ParticipantRow DTOs, everyone (archived too); the panel filters them


NOT_STARTED = "No new practice was started."


class Opener:
    """Opens practice files for the window (which may not import the store)."""

    def __init__(self, interactive: bool = True):
        self.interactive = interactive

    def open(self, path: Path, *, create: bool = False, passphrase: str | None = None):
        from recoverydesk import bootstrap  # the database layer: not needed for the window

        path = Path(path)
        if passphrase is None:
            passphrase = bootstrap.env_passphrase()
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and create and passphrase is None and self.interactive:
            passphrase = self._ask_new_passphrase(path)
        while True:
            try:
                return bootstrap.open_services(
                    path, create=create, passphrase=passphrase, lock=True
                )
            except bootstrap.PassphraseNeededError as err:
                if not self.interactive:
                    raise
                passphrase = self._ask_passphrase(path, str(err) if passphrase else "")
                if passphrase is None:
                    raise bootstrap.PracticeOpenError(needs_passphrase(path)) from err
            except bootstrap.DamagedPracticeError as err:
                if not self.interactive or err.backup is None or not self._offer_backup(err):
                    raise
                from recoverydesk.services.practice import backups

                backups.restore(path, err.backup.path, passphrase)

    def open_on_worker(self, path: Path, *, create: bool = False,
                       passphrase: str | None = None) -> Opened:
        """Open the start-up practice without asking anything (this runs on the worker): the
        database layer and the models are imported, the key derived, the file checked and
        upgraded, the models configured and the caseload read, all off the GUI thread.
        A question for the coach comes back as ``PassphraseNeededError`` or
        ``DamagedPracticeError``; ``StartupOpening`` asks it on the GUI thread."""
        from sqlalchemy.orm import configure_mappers

        from recoverydesk import bootstrap

        if passphrase is None:
            passphrase = bootstrap.env_passphrase()
        services = bootstrap.open_services(path, create=create, passphrase=passphrase, lock=True)
        try:
            configure_mappers()  # every model linked now, not at the window's first query
            caseload = services.participants.list(include_archived=True)
        except BaseException:
            services.close()
            raise
        return Opened(services, caseload)

    # -- questions for the coach (Qt imported only here, on demand) ---------------------------
    def _ask_new_passphrase(self, path: Path) -> str | None:
        chosen = self._choose_new_passphrase(path)
        if chosen is False:
            from recoverydesk import bootstrap

            raise bootstrap.PracticeOpenError(NOT_STARTED)
        return chosen

    def _choose_new_passphrase(self, path: Path) -> str | None | bool:
        """The new practice's passphrase, None to leave it plain, False when cancelled."""
        from recoverydesk.ui.dialogs.passphrase import NEW, PassphraseDialog

        dialog = PassphraseDialog(NEW, path.name, parent=_active_window())
        return dialog.passphrase if dialog.exec() else False

    def _ask_passphrase(self, path: Path, message: str) -> str | None:
        from recoverydesk.services.practice.backups import seconds_until_retry
        from recoverydesk.ui.dialogs.passphrase import UNLOCK, PassphraseDialog

        dialog = PassphraseDialog(UNLOCK, path.name, message, parent=_active_window(),
                                  retry_after=seconds_until_retry(path))
        return dialog.passphrase if dialog.exec() else None

    def _offer_backup(self, err) -> bool:
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

    def create_demo(self, path: Path):
        from recoverydesk import bootstrap

        return bootstrap.create_demo(path)

    def default_path(self) -> Path:
        return default_practice_path()

    def demo_path(self) -> Path:
        return user_data_dir() / "demo-practice.rdk"


class StartupOpening:
    """The practice that opens at start, on the worker, once the window is on screen.

    Only the coach's questions are asked here on the GUI thread (a new practice's protection,
    the passphrase, restoring a good backup); every try, and a restore, goes back to the worker.
    The window hears ``start_practice_opened(services, caseload)`` or
    ``start_practice_failed(error)``."""

    def __init__(self, window, opener: Opener, path: Path, *, create: bool = False):
        self.window = window
        self.opener = opener
        self.path = Path(path)
        self.create = create
        self.passphrase: str | None = None

    def start(self) -> None:
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        if (is_new and self.create and self.opener.interactive
                and not os.environ.get("RECOVERYDESK_PASSPHRASE")):
            chosen = self.opener._choose_new_passphrase(self.path)
            if chosen is False:
                self.window.start_practice_failed(_refused(NOT_STARTED))
                return
            self.passphrase = chosen
        self._try()

    def _try(self) -> None:
        from recoverydesk.ui.tasks import Op

        path, create, passphrase = self.path, self.create, self.passphrase
        Op(self.window, lambda: self.opener.open_on_worker(
            path, create=create, passphrase=passphrase)).success(self._opened).failure(
            self._failed).run()

    def _opened(self, opened: Opened) -> None:
        self.window.start_practice_opened(opened.services, opened.caseload)

    def _failed(self, error: BaseException) -> None:
        # The worker imported the database layer before anything could fail: no load here.
        from recoverydesk import bootstrap

        if isinstance(error, bootstrap.PassphraseNeededError) and self.opener.interactive:
            message = str(error) if self.passphrase else ""
            passphrase = self.opener._ask_passphrase(self.path, message)
            if passphrase is None:
                self.window.start_practice_failed(_refused(needs_passphrase(self.path)))
                return
            self.passphrase = passphrase
            self._try()
        elif (isinstance(error, bootstrap.DamagedPracticeError) and self.opener.interactive
              and error.backup is not None and self.opener._offer_backup(error)):
            from recoverydesk.services.practice import backups
            from recoverydesk.ui.tasks import Op

            path, backup, passphrase = self.path, error.backup.path, self.passphrase
            Op(self.window, lambda: backups.restore(path, backup, passphrase)).success(
                lambda _restored: self._try()).failure(self.window.start_practice_failed).run()
        else:
            self.window.start_practice_failed(error)


def needs_passphrase(path: Path) -> str:
    return f"{path.name} was not opened: it needs its passphrase."


def _refused(message: str) -> Exception:
    """The coach said no: told in plain words (a ServiceError), no traceback."""
    from recoverydesk.services.types import ServiceError

    return ServiceError(message)


def _active_window():
    from PySide6.QtWidgets import QApplication

    return QApplication.activeWindow()


def close_practice(services) -> None:
    """Last thing before exit: a rolling backup if anything changed, then close."""
    if services is None:
        return
    from recoverydesk.services.practice import backups
    from recoverydesk.services.types import ServiceError

    store = services.store
    path, passphrase, was_open = store.path, store.passphrase, store.is_open
    services.close()  # first, so the log is folded in and the backup sees the final file
    if not was_open:
        return  # locked: the backup was taken when it locked, and the key is gone
    try:
        backups.backup_practice_if_due(path, passphrase, closing=True)
    except (ServiceError, OSError):
        pass  # the practice itself is safe; the next start tries again


def start_practice_path(db: Path | None) -> Path:
    """What opens at start: --db, else RECOVERYDESK_DB, else the practice the coach had open
    last time (if it is still there), else the default practice file."""
    if db is not None:
        return Path(db)
    if not os.environ.get("RECOVERYDESK_DB"):
        from PySide6.QtCore import QSettings

        last = QSettings().value("practice/last")
        if last and Path(str(last)).is_file():
            return Path(str(last))
    return default_practice_path()


def run_gui(db: Path | None = None) -> int:
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
    if db is not None or path.exists():
        window.open_when_shown(StartupOpening(window, opener, path, create=db is not None).start)
    window.caseload_ready.connect(_prepare_printing_soon)
    window.show()
    exit_code = app.exec()
    from recoverydesk.ui import tasks

    tasks.shutdown()
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
        import matplotlib.backends.backend_agg  # noqa: F401
        import matplotlib.collections  # noqa: F401
        import matplotlib.dates  # noqa: F401
        import matplotlib.figure  # noqa: F401
        import matplotlib.patches  # noqa: F401

        from recoverydesk.reports import fonts, plan_pack, review  # noqa: F401

        fonts.register_fonts()
    except Exception:  # only a head start: printing loads whatever it needs anyway
        pass
