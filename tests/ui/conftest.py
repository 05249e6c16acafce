"""UI fixtures: synchronous task runner, no real message boxes, a main window on a practice."""

from __future__ import annotations

import pytest
from app_theme import app_theme_applied
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from recoverydesk.app import Opener
from recoverydesk.ui import tasks


class MessageBoxRecorder:
    """Stands in for QMessageBox: records what would have been shown, answers as told."""

    def __init__(self):
        self.shown: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes


@pytest.fixture(autouse=True)
def no_directory_left_open(qapp):
    """A resource directory a test left open (a window of its own) must not hear later tests'
    changes on the app-wide bus: closing it disconnects it, as when the coach closes it."""
    yield
    from PySide6.QtWidgets import QApplication

    from recoverydesk.ui.resources_window import ResourcesWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ResourcesWindow) and widget.isVisible():
            widget.close()


@pytest.fixture(autouse=True)
def sync_tasks():
    tasks.use_synchronous_runner()
    yield
    tasks.use_thread_runner()


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch, qapp):
    QCoreApplication.setOrganizationName("RecoveryDeskTests")
    recorder = MessageBoxRecorder()

    def record(*args, **_kw):
        recorder.shown.append(" ".join(str(a) for a in args[1:] if isinstance(a, str)))
        return recorder.answer

    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))

    def exec_box(box):
        recorder.shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return recorder


class FakeOpener(Opener):
    """The app's opener, asking nothing; practices open without their lock file, and the demo
    is a small one."""

    def __init__(self, services_factory, tmp_path):
        super().__init__(interactive=False)
        self._factory = services_factory
        self.tmp_path = tmp_path
        self.opened: list = []

    def open_on_worker(self, path, *, create=False, passphrase=None):
        from recoverydesk.services.practice.opening import open_services, read_caseload

        self.opened.append(path)
        return read_caseload(open_services(path, create=create, passphrase=passphrase))

    def open(self, path, *, create=False):
        from recoverydesk.services.practice.opening import open_services

        self.opened.append(path)
        return open_services(path, create=create)

    def create_demo_on_worker(self, path, progress=None):
        from recoverydesk.demo.practice import create_demo
        from recoverydesk.services.practice.opening import read_caseload

        return read_caseload(create_demo(path, participants=4, years=1))

    def default_path(self):
        return self.tmp_path / "practice.rdk"

    def demo_path(self):
        return self.tmp_path / "demo.rdk"


@pytest.fixture
def app_theme(qapp):
    with app_theme_applied(qapp):
        yield


@pytest.fixture
def opener(services, tmp_path):
    return FakeOpener(lambda: services, tmp_path)


@pytest.fixture
def main_window(qtbot, services, opener):
    from recoverydesk.ui.main_window import MainWindow

    window = MainWindow(opener, services)
    qtbot.addWidget(window)
    window.show()
    yield window
    # The window outlives its test (and its closed practice): it must not hear later tests'
    # changes on the app-wide bus.
    import warnings

    from recoverydesk.ui.bus import change_bus

    with warnings.catch_warnings():  # already disconnected (the window closed its practice)
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            change_bus().changed.disconnect(window._on_changed)
        except (RuntimeError, TypeError):
            pass


class PracticeFileOpener(Opener):
    """Opens real practice files like the app's opener, asking nothing: with a passphrase when
    given (a new practice gets ``new_passphrase``), holding the practice's lock file."""

    def __init__(self, tmp_path):
        super().__init__(interactive=False)
        self.tmp_path = tmp_path
        self.new_passphrase = None

    def open(self, path, *, create=False, passphrase=None):
        from recoverydesk.services.practice.opening import open_services

        if create and passphrase is None:
            passphrase = self.new_passphrase
        return open_services(path, create=create, passphrase=passphrase, lock=True)

    def open_on_worker(self, path, *, create=False, passphrase=None):
        if create and passphrase is None:
            passphrase = self.new_passphrase
        return super().open_on_worker(path, create=create, passphrase=passphrase)

    def choose_new_passphrase(self, path):
        return self.new_passphrase

    def create_demo_on_worker(self, path, progress=None):
        raise AssertionError("not used")

    def default_path(self):
        return self.tmp_path / "practice.rdk"

    def demo_path(self):
        return self.tmp_path / "demo.rdk"


@pytest.fixture
def file_opener(tmp_path):
    return PracticeFileOpener(tmp_path)
