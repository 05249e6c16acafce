"""Auto-lock: after some idle minutes (and on Ctrl+L, from any window of the app) every
participant's data is hidden behind a lock screen and the practice is closed: queued writes
finish, drafts are kept, a rolling backup is taken if anything changed, then every database
connection is closed and the passphrase dropped. Unlocking takes the passphrase again and
shows everything exactly as it was: the same person, tab, scroll position and half-typed text,
in the main window and in any dialog that was open.

Nothing is torn down, so nothing is lost: open dialogs keep their typed text behind a cover,
other windows (search, resource directory, previews) are hidden and come back, question boxes
and file pickers are cancelled (they hold no typed work). The idle time is the
``security/lock_minutes`` setting (default 5; 0 turns auto-lock off).

Idle time is real time: Qt's timers run on the monotonic clock, which on Linux stands still
while the laptop sleeps, so a laptop shut in a café and opened an hour later would show its
data for up to N more minutes. The wall clock keeps going during sleep, so the time since the
last activity is also compared on it: at the first key or mouse move after waking, when the
app becomes active again, and every few seconds.

Activity is seen through an application-wide event filter, which runs Python for every Qt event
of the app and so needs the GIL each time: while the worker holds it (reading an import,
building a practice) the window would wait for it at every event. So while work runs on the
worker (behind its progress dialog, ``ui/tasks.py``) the filter is off and the idle clock
stands still; both start again when the work ends. While locked the filter is always on.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtCore import QTimer as _QTimer
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QToolTip,
    QWidget,
)

from recoverydesk.services.types import ServiceError
from recoverydesk.ui import tasks
from recoverydesk.ui.clipboard_guard import ClipboardGuard
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.lock_screen import LockedState, LockScreen, cover_dialog

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
_KEYS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease}
# Boxes that hold a question or a file name, never typed work: cancelled on lock.
_CANCELLED = (QMessageBox, QFileDialog, QInputDialog, QProgressDialog)
# How often real idle time is checked with no input at all (a laptop woken and left open).
WALL_CHECK_MS = 5_000
# How often the worker is looked at, to take the event filter off while it works.
BUSY_CHECK_MS = 100


def wall_clock() -> float:
    """Seconds of real time, counting while the laptop sleeps (tests replace it)."""
    return time.time()


def lock_minutes() -> int:
    value = QSettings().value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES


class LockController(QObject):
    """The window part (``ui/extensions.py``) that locks the practice: ``window.parts.lock``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state: LockedState | None = None
        self.timer = _QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.active_at = wall_clock()
        self.wall_check = _QTimer(self, interval=WALL_CHECK_MS)
        self.wall_check.timeout.connect(self.check_real_idle)
        self.clipboard = ClipboardGuard(self)  # watches copies from the start
        self._filtering = False
        self._worker_busy = False
        self.busy_check = _QTimer(self, interval=BUSY_CHECK_MS)
        self.busy_check.timeout.connect(self._follow_worker)
        window.commands.add(
            "lock",
            self.tr("&Lock now"),
            self.lock,
            shortcut="Ctrl+L",
            icon_name="lock-outline",
            tip=self.tr("Hide everything and close the practice until you return"),
        )
        window.add_file_action(window.commands["lock"])
        self._build_minutes_menu()
        self.set_idle_minutes(lock_minutes())
        app = QApplication.instance()
        if app is not None:
            self._set_filtering(True)
            app.applicationStateChanged.connect(self._on_app_state)
            self.busy_check.start()
        window.practice_opened.connect(self._restart)

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
        self.window.file_menu.insertMenu(self.window.commands["lock"], menu)
        # keep "Lock now" above its setting
        self.window.file_menu.removeAction(self.window.commands["lock"])
        self.window.file_menu.insertAction(menu.menuAction(), self.window.commands["lock"])

    def choose_minutes(self, minutes: int) -> None:
        QSettings().setValue(LOCK_MINUTES_KEY, minutes)
        self.set_idle_minutes(minutes)

    @property
    def locked(self) -> bool:
        return self.state is not None

    @property
    def screen(self) -> LockScreen | None:
        """The lock screen in the main window (while locked)."""
        return self.state.screen if self.state else None

    def set_idle_minutes(self, minutes: float) -> None:
        self.set_idle_timeout_ms(int(minutes * 60_000))

    def set_idle_timeout_ms(self, ms: int) -> None:
        self.idle_ms = max(0, ms)
        self._restart()

    def _restart(self) -> None:
        if not self.locked:
            self.window.commands["lock"].setEnabled(self.window.services is not None)
        self.active_at = wall_clock()
        if self.idle_ms > 0 and not self.locked and not self._worker_busy:
            self.timer.start(self.idle_ms)
            self.wall_check.start()
        else:
            self.timer.stop()
            self.wall_check.stop()

    def _set_filtering(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def _follow_worker(self) -> None:
        """Work on the worker: the filter off and the idle clock stopped (see the module
        docstring); the work done: both on again, counted from now."""
        if self.locked:
            self._set_filtering(True)
            return
        busy = bool(tasks._running)  # noqa: SLF001 - the Ops still to report back
        if busy == self._worker_busy:
            return
        self._worker_busy = busy
        self._set_filtering(not busy)
        self._restart()

    def _idle_too_long(self) -> bool:
        """More real time than the idle limit passed since the last activity (a clock set back
        never locks early; one set forward locks, which errs on the safe side)."""
        return self.idle_ms > 0 and wall_clock() - self.active_at >= self.idle_ms / 1000

    def check_real_idle(self) -> None:
        """Lock now if the laptop slept through the idle limit (the Qt timer did not count it)."""
        if not self.locked and self.timer.isActive() and self._idle_too_long():
            self.lock()

    def _on_app_state(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_real_idle()

    # -- events ---------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if self.state is not None:
            return self._while_locked(obj, event)
        if kind in _ACTIVITY and self.timer.isActive():
            if self._idle_too_long():
                # The first touch after waking from sleep: lock instead of counting it as
                # activity, and keep it from reaching the page (a key would be typed there).
                self.lock()
                if self.state is not None:
                    return self._while_locked(obj, event)
            self.active_at = wall_clock()
            self.timer.start(self.idle_ms)
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(obj, QWidget)
            and self.window.services is not None
            and QKeySequence(event.keyCombination()) == self.window.commands["lock"].shortcut()
        ):
            # Ctrl+L also from dialogs and other windows, where the menu's shortcut is not live.
            self.lock()
            return True
        return False

    def _while_locked(self, obj, event) -> bool:
        """Only the lock screens take keys; covered dialogs cannot be closed or typed into."""
        kind = event.type()
        if kind == QEvent.Type.Shortcut:
            return obj is not self.window.commands["quit"]
        if kind in _KEYS and isinstance(obj, QWidget):
            return not self._on_lock_screen(obj)
        if kind in (QEvent.Type.ToolTip, QEvent.Type.WhatsThis):
            return not self._on_lock_screen(obj)
        covered = {id(c.dialog): c for c in self.state.covers}
        if id(obj) in covered:
            if kind == QEvent.Type.Close:
                event.ignore()
                return True
            if kind == QEvent.Type.Resize:
                covered[id(obj)].screen.setGeometry(obj.rect())
        return False

    def _on_lock_screen(self, obj) -> bool:
        widget = obj if isinstance(obj, QWidget) else None
        screens = self.state.screens() if self.state else []
        while widget is not None:
            if widget in screens:
                return True
            widget = widget.parentWidget()
        return False

    # -- locking --------------------------------------------------------------------------
    def lock(self) -> None:
        window = self.window
        services = window.services
        if self.locked or services is None:
            return
        if not services.practice.is_open:
            return
        self.timer.stop()  # neither fires again while the lock below takes its time
        self.wall_check.stop()
        QToolTip.hideText()
        for _ in range(10):  # menus, drop-down lists, completions: they may show names
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        tasks.wait_idle()
        if window.workspace is not None:
            window.workspace.save_drafts()  # kept in the file too, in case of a crash
        top = QApplication.activeModalWidget()
        # (a team practice forgets the coach's password too, and asks for it to unlock)
        team = services.practice.info().is_team
        encrypted = services.practice.is_encrypted or team
        screen = LockScreen(encrypted, form=top is None, password=team)
        state = LockedState(encrypted, window.windowTitle(), window.stack.currentWidget(), screen)
        self.state = state
        self._set_filtering(True)  # only the lock screens take keys from now on
        for other in QApplication.topLevelWidgets():
            if other is window or not other.isVisible() or isinstance(other, QMenu):
                continue
            if isinstance(other, _CANCELLED) and other.isModal():
                other.reject()
            elif other.isModal() and isinstance(other, QDialog):
                state.covers.append(cover_dialog(other, encrypted, form=other is top,
                                                 unlock=self.unlock, password=team))
            else:
                other.hide()
                state.windows.append(other)
        self._hide_main_window(state)
        # Participant data copied from here would otherwise still be there to paste (or to
        # read in a clipboard viewer) while the screen says "locked". Only our own copy is
        # cleared: a phone number the coach copied from their email stays.
        self.clipboard.clear_ours()
        window.repaint()  # the lock screen is on show before the backup below takes its time
        for cover in state.covers:
            cover.dialog.repaint()
        tasks.wait_idle()  # anything the hidden pages kept as they hid
        # A rolling backup if anything changed, then every connection closed and the key
        # dropped: on the worker, behind the lock screen (a backup that fails is tried again at
        # the next close or lock; the practice itself is safe).
        tasks.Op(window, services.practice.lock).with_progress(
            self.tr("Backing up and locking…")).run()
        target = next((c.screen for c in state.covers if c.screen.unlock_button.isVisibleTo(c.screen)),
                      screen)
        target.passphrase.setFocus()

    def _hide_main_window(self, state: LockedState) -> None:
        window = self.window
        for bar in window.findChildren(QWidget):
            if bar.isVisible() and (bar.inherits("QToolBar") or bar.inherits("QDockWidget")):
                bar.hide()
                state.bars.append(bar)
        for action in QWidget.actions(window):
            if action.isEnabled() and action is not window.commands["quit"]:
                action.setEnabled(False)
                state.actions.append(action)
        window.menuBar().setEnabled(False)
        window.statusBar().clearMessage()
        window.undo_button.hide()
        window.setWindowTitle(self.tr("Locked"))  # Qt adds " — RecoveryDesk"
        state.screen.unlock_requested.connect(self.unlock)
        window.stack.addWidget(state.screen)
        window.stack.setCurrentWidget(state.screen)

    # -- unlocking ------------------------------------------------------------------------
    def unlock(self, passphrase: str | None = None) -> bool:
        """Take the passphrase again (from the lock screen, or given) and show everything as it
        was. Returns False, with the reason on the lock screen, when it does not open."""
        state = self.state
        if state is None:
            return False
        services = self.window.services
        screen = next((s for s in state.screens() if s.unlock_button.isVisibleTo(s)), state.screen)
        if passphrase is None:
            passphrase = screen.passphrase.text()
        typed = passphrase if state.encrypted else None
        outcome: list[bool] = []

        def opened(_result) -> None:
            outcome.append(True)
            if self.state is state:
                self._unlocked(state)

        def refused(error: BaseException) -> None:
            outcome.append(False)
            if isinstance(error, ServiceError):
                screen.show_error(str(error), services.practice.seconds_until_retry())
            else:
                show_exception(error, self.window)

        # On the worker, after the lock's own backup (writes run in order there): deriving the
        # key takes a moment, and the window keeps painting meanwhile.
        tasks.Op(self.window, lambda: services.practice.unlock(typed)).success(opened).failure(
            refused).with_progress(self.tr("Unlocking…")).run()
        return bool(outcome and outcome[0])  # known at once only with the synchronous runner

    def _unlocked(self, state: LockedState) -> None:
        self.state = None
        self._show_main_window(state)
        for cover in state.covers:
            cover.screen.hide()
            cover.screen.deleteLater()
            for child in cover.children:
                child.show()
            cover.dialog.setWindowTitle(cover.title)
            cover.dialog.resize(cover.size)
        for other in state.windows:
            other.show()
        if state.covers:
            state.covers[-1].dialog.activateWindow()
        self._restart()

    def _show_main_window(self, state: LockedState) -> None:
        window = self.window
        if state.page is not None:
            window.stack.setCurrentWidget(state.page)
        window.stack.removeWidget(state.screen)
        state.screen.clear()
        state.screen.deleteLater()
        for bar in state.bars:
            bar.show()
        for action in state.actions:
            action.setEnabled(True)
        window.menuBar().setEnabled(True)
        window.setWindowTitle(state.title)

