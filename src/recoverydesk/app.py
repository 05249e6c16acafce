"""The composition root: open the practice, build the services, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from recoverydesk import APP_NAME, bootstrap
from recoverydesk.paths import default_practice_path, user_data_dir, user_log_dir


class Opener:
    """Opens practice files for the window (which may not import the store)."""

    def open(self, path: Path, *, create: bool = False):
        return bootstrap.open_services(path, create=create)

    def create_demo(self, path: Path):
        return bootstrap.create_demo(path)

    def default_path(self) -> Path:
        return default_practice_path()

    def demo_path(self) -> Path:
        return user_data_dir() / "demo-practice.rdk"


def run_gui(db: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("recoverydesk")

    from recoverydesk.ui.errors import configure_logging, install_excepthook, show_error
    from recoverydesk.ui.icons import app_icon
    from recoverydesk.ui.main_window import MainWindow
    from recoverydesk.ui.theme import apply_theme

    apply_theme(app)
    app.setWindowIcon(app_icon())
    configure_logging(user_log_dir())
    install_excepthook()
    opener = Opener()
    window = MainWindow(opener)
    window.show()
    path = Path(db) if db else default_practice_path()
    if db is not None or path.exists():
        try:
            window.set_services(opener.open(path, create=db is not None))
        except bootstrap.PracticeOpenError as err:
            show_error(str(err), parent=window)
    exit_code = app.exec()
    from recoverydesk.ui import tasks

    tasks.shutdown()
    if window.services is not None:
        window.services.close()
    return exit_code
