"""Auto-lock: after some idle minutes (and on Ctrl+L) the window hides every participant's data
behind a lock screen, and the practice is closed (queued writes finished, drafts saved, the
database connections closed and the key dropped). Unlocking re-opens it where the coach was.

The idle time is the ``security/lock_minutes`` setting (default 5; 0 turns auto-lock off).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.errors import ServiceError
from recoverydesk.ui import tasks
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import card, label

LOCK_MINUTES_KEY = "security/lock_minutes"
DEFAULT_LOCK_MINUTES = 5
LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 0)
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def lock_minutes() -> int:
    value = QSettings().value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES


@dataclass
class Closed:
    """What is needed to open the practice again where the coach was."""

    path: Path
    encrypted: bool
    participant_id: int | None
    page: str


def close_practice(window) -> Closed | None:
    """Finish queued writes, save drafts, remember the place, close the practice and remove every
    widget that shows its data. The window shows nothing of it afterwards."""
    services = window.services
    if services is None:
        return None
    tasks.wait_idle()
    where_pid, page = None, ""
    if window.workspace is not None:
        window.workspace.save_drafts()
        where_pid = window.current_participant_id()
        current = window.workspace.tabs.currentWidget()
        page = getattr(current, "key", "") or ""
    closed = Closed(Path(services.practice_path), bool(services.store.encrypted), where_pid, page)
    old = window.stack.widget(1)
    window.services = None
    window.list_panel = window.workspace = window.home = None
    if old is not None:
        window.stack.removeWidget(old)
        old.hide()
        old.deleteLater()
    window._set_practice_actions_enabled(False)
    window.statusBar().clearMessage()
    window.undo_button.hide()
    services.close()  # engine disposed, connections closed, the key no longer held
    return closed


def reopen_practice(window, closed: Closed, passphrase: str | None = None) -> None:
    """Open the practice again and go back to the participant and tab. Raises ServiceError."""
    if passphrase is not None:
        services = window.opener.open(closed.path, passphrase=passphrase)
    else:
        services = window.opener.open(closed.path)
    window.set_services(services)
    if closed.participant_id is not None:
        try:
            window.open_participant(closed.participant_id, closed.page)
        except ServiceError:
            window.show_home()  # they are no longer there (for example after a restore)


class LockScreen(QWidget):
    def __init__(self, closed: Closed, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock-screen")
        frame, box = card()
        frame.setMinimumWidth(460)
        frame.setMaximumWidth(560)
        lock_icon = label("", "")
        lock_icon.setPixmap(icon("lock-outline").pixmap(64, 64))
        lock_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(lock_icon)
        title = label(self.tr("RecoveryDesk is locked"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        text = (
            self.tr(
                "Your practice is closed and its notes are hidden. Enter your passphrase "
                "to carry on where you were."
            )
            if closed.encrypted
            else self.tr(
                "Your practice is closed and its notes are hidden. Unlock to carry on "
                "where you were. Tip: protect the practice with a passphrase (File menu) "
                "so the lock keeps others out too."
            )
        )
        intro = label(text, "muted")
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(intro)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setVisible(closed.encrypted)
        box.addWidget(self.passphrase)
        self.error = label("", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.unlock_button = QPushButton(
            icon("lock-open-variant-outline", "white"), self.tr("Unlock")
        )
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setDefault(True)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        box.addLayout(row)
        self.passphrase.returnPressed.connect(self.unlock_button.click)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(frame, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class LockController(QObject):
    """Installed on the main window as ``window.lock_controller``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.closed: Closed | None = None
        self.screen: LockScreen | None = None
        self._hidden_bars: list[QWidget] = []
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._idle)
        window.actions.add(
            "lock",
            self.tr("&Lock now"),
            self.lock,
            shortcut="Ctrl+L",
            icon_name="lock-outline",
            tip=self.tr("Hide everything and close the practice until you return"),
        )
        window.add_file_action(window.actions["lock"])
        self._build_minutes_menu()
        self.set_idle_minutes(lock_minutes())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.practice_opened.connect(self._restart)
        self.window.actions["lock"].setEnabled(window.services is not None)

    def _build_minutes_menu(self) -> None:
        menu = QMenu(self.tr("Lock &after"), self.window)
        group = QActionGroup(menu)
        current = lock_minutes()
        for minutes in LOCK_CHOICES:
            if minutes == 0:
                text = self.tr("Never")
            elif minutes == 1:
                text = self.tr("1 idle minute")
            else:
                text = self.tr("%1 idle minutes").replace("%1", str(minutes))
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(minutes == current)
            action.setData(minutes)
            group.addAction(action)
        group.triggered.connect(lambda action: self.choose_minutes(int(action.data())))
        self.minutes_menu = menu
        self.window.file_menu.insertMenu(self.window.actions["lock"], menu)
        # keep "Lock now" above its setting
        self.window.file_menu.removeAction(self.window.actions["lock"])
        self.window.file_menu.insertAction(menu.menuAction(), self.window.actions["lock"])

    def choose_minutes(self, minutes: int) -> None:
        QSettings().setValue(LOCK_MINUTES_KEY, minutes)
        self.set_idle_minutes(minutes)

    @property
    def locked(self) -> bool:
        return self.closed is not None

    def set_idle_minutes(self, minutes: float) -> None:
        self.set_idle_timeout_ms(int(minutes * 60_000))

    def set_idle_timeout_ms(self, ms: int) -> None:
        self.idle_ms = max(0, ms)
        self._restart()

    def _restart(self) -> None:
        self.window.actions["lock"].setEnabled(self.window.services is not None)
        if self.idle_ms > 0 and not self.locked:
            self.timer.start(self.idle_ms)
        else:
            self.timer.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start(self.idle_ms)
        return False

    def _idle(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self.timer.start(self.idle_ms)  # a dialog is open: try again later
            return
        self.lock()

    def lock(self) -> None:
        if self.locked or self.window.services is None:
            return
        closed = close_practice(self.window)
        if closed is None:
            return
        self.closed = closed
        for bar in self.window.findChildren(QWidget):
            if bar.isVisible() and (bar.inherits("QToolBar") or bar.inherits("QDockWidget")):
                bar.hide()
                self._hidden_bars.append(bar)
        self.window.menuBar().setEnabled(False)
        self.screen = LockScreen(closed)
        self.screen.unlock_button.clicked.connect(self.unlock)
        self.window.stack.addWidget(self.screen)
        self.window.stack.setCurrentWidget(self.screen)
        self.timer.stop()
        self.screen.passphrase.setFocus()

    def unlock(self) -> bool:
        if self.closed is None or self.screen is None:
            return False
        passphrase = self.screen.passphrase.text() if self.closed.encrypted else None
        if self.closed.encrypted and not passphrase:
            self.screen.show_error(self.tr("Please enter your passphrase."))
            return False
        screen, closed = self.screen, self.closed
        self.window.stack.removeWidget(screen)
        try:
            reopen_practice(self.window, closed, passphrase)
        except ServiceError as err:
            self.window.stack.addWidget(screen)
            self.window.stack.setCurrentWidget(screen)
            screen.show_error(str(err))
            return False
        screen.passphrase.clear()
        screen.deleteLater()
        self.screen = None
        self.closed = None
        for bar in self._hidden_bars:
            bar.show()
        self._hidden_bars.clear()
        self.window.menuBar().setEnabled(True)
        self._restart()
        return True


def install(window) -> None:
    window.lock_controller = LockController(window)
