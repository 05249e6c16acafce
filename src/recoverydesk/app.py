"""The composition root: open the practice, build the services, show the main window.

Opening in the app is where start-up safety meets the coach: a protected practice asks for its
passphrase (each wrong try waits longer), a new one offers protection, a damaged file is left
untouched and the newest good backup is offered, and a file open in another copy of the app is
refused. On close, queued writes finish and a rolling backup is taken if anything changed.
"""

from __future__ import annotations

import builtins
import os
import sys
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from recoverydesk import APP_NAME
from recoverydesk.dates import short_datetime
from recoverydesk.paths import default_practice_path, user_data_dir, user_log_dir


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
                    raise bootstrap.PracticeOpenError(
                        f"{path.name} was not opened: it needs its passphrase."
                    ) from err
            except bootstrap.DamagedPracticeError as err:
                if not self.interactive or err.backup is None or not self._offer_backup(err):
                    raise
                from recoverydesk.services import backups

                backups.restore(path, err.backup.path, passphrase)

    # -- questions for the coach (Qt imported only here, on demand) ---------------------------
    def _ask_new_passphrase(self, path: Path) -> str | None:
        from recoverydesk import bootstrap
        from recoverydesk.ui.dialogs.passphrase import NEW, PassphraseDialog

        dialog = PassphraseDialog(NEW, path.name, parent=_active_window())
        if not dialog.exec():
            raise bootstrap.PracticeOpenError("No new practice was started.")
        return dialog.passphrase

    def _ask_passphrase(self, path: Path, message: str) -> str | None:
        from recoverydesk.services.backups import seconds_until_retry
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


def _active_window():
    from PySide6.QtWidgets import QApplication

    return QApplication.activeWindow()


def close_practice(services) -> None:
    """Last thing before exit: a rolling backup if anything changed, then close."""
    if services is None:
        return
    from recoverydesk.services import backups
    from recoverydesk.services.errors import ServiceError

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
    # PySide6 wraps Python's import function, which makes every later import of a plain
    # package (SQLAlchemy, the models) about a third slower; the practice opens with the
    # original one. Taken before anything imports Qt.
    plain_import = builtins.__import__
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
    from recoverydesk.ui.theme import apply_theme

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
        def open_practice():
            with _imports_through(plain_import):
                services = opener.open(path, create=db is not None)
                import recoverydesk.services.participants  # noqa: F401  (the caseload's, next)
            return services

        window.open_when_shown(open_practice)
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


@contextmanager
def _imports_through(import_function):
    """Import with ``import_function`` for the duration (see run_gui); always restored."""
    wrapped = builtins.__import__
    builtins.__import__ = import_function
    try:
        yield
    finally:
        builtins.__import__ = wrapped
