"""The window part (``ui/extensions.py``) that turns the window into the together view and
back: Participant > With <preferred name> (Ctrl+Shift+T, and a toolbar button).

Entering hides everything that could name someone else: the caseload and home (the window's
stack shows the view instead), the menus, toolbars, status bar and every other window of the
app; it greys out every command but Lock (so no shortcut opens search or another person), titles
the window plainly "RecoveryDesk" and fills the screen. Leaving (through ``gate.py``, which
needs the coach's PIN or passphrase) puts all of it back as it was. Closing the window is
refused meanwhile. The idle lock still applies: it covers the window's current page, which is
this view, so unlocking comes back here, not to the caseload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QToolTip, QWidget
from shiboken6 import isValid

from recoverydesk import APP_NAME
from recoverydesk.ui.errors import hold_error_boxes, release_error_boxes
from recoverydesk.ui.together.pin_dialog import SetPinDialog
from recoverydesk.ui.together.view import TogetherView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from recoverydesk.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+T"
_KEEP = ("lock",)  # the one command that stays live in the view


class _Saved:
    """What entering changed, so leaving can put it back exactly."""

    def __init__(self, window: MainWindow):
        self.title = window.windowTitle()
        self.state = window.windowState()
        self.page = window.stack.currentWidget()
        self.menu_bar = window.menuBar().isVisible()
        self.status_bar = window.statusBar().isVisible()
        self.bars: list[QWidget] = []
        self.windows: list[QWidget] = []
        self.actions: list[QAction] = []


class TogetherPart(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.view: TogetherView | None = None
        self._saved: _Saved | None = None
        self.pin_dialog: SetPinDialog | None = None
        a = window.commands
        a.add("with_participant", self.tr("&With the participant"), self.enter,
              shortcut=SHORTCUT, icon_name="account-heart-outline",
              tip=self.tr("A full-screen view of this person only, to use together; "
                          "leaving it needs your PIN or passphrase"))
        a.add("together_pin", self.tr("Set the leaving &PIN…"), self.set_pin,
              icon_name="lock-outline",
              tip=self.tr("A short PIN that lets you leave the view for sitting together"))
        window.participant_menu.addSeparator()
        window.participant_menu.addAction(a["with_participant"])
        window.participant_menu.addAction(a["together_pin"])
        window.toolbar.addAction(a["with_participant"])
        window.needs_participant(a["with_participant"])
        window.needs_practice(a["together_pin"])
        window.participant_menu.aboutToShow.connect(self._name_the_command)
        window.practice_opened.connect(self._follow_caseload)
        # A window that comes up while the view is on (an error box from work on the worker,
        # another window of the app) is sent away at once: one signal, no event filter.
        app = QApplication.instance()
        if app is not None:
            app.focusWindowChanged.connect(self._on_focus_window)

    @property
    def active(self) -> bool:
        return self.view is not None

    # -- the command's words: "With Sam" ---------------------------------------------------
    def _follow_caseload(self) -> None:
        panel = self.window.list_panel
        if panel is not None:
            panel.participant_selected.connect(lambda _pid: self._name_the_command())

    def _name_the_command(self) -> None:
        action = self.window.commands["with_participant"]
        pid, services = self.window.current_participant_id(), self.window.services
        if pid is None or services is None or self.active or not services.practice.is_open:
            action.setText(self.tr("&With the participant"))
            return
        workspace = self.window.workspace  # its header read them a moment ago, on the switch
        person = workspace.person if workspace is not None else None
        if person is None or person.id != pid:
            person = services.participants.get(pid)
        name = person.preferred_name or person.given_name
        action.setText(self.tr("&With %1").replace("%1", name.replace("&", "&&")))

    # -- the PIN --------------------------------------------------------------------------
    def set_pin(self) -> bool:
        """Ask for a new leaving PIN; True once one is kept."""
        if self.window.services is None:
            return False
        self.pin_dialog = SetPinDialog(self.window.services, self.window)
        try:
            return self.pin_dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.pin_dialog.deleteLater()
            self.pin_dialog = None

    # -- entering and leaving ----------------------------------------------------------------
    def enter(self) -> None:
        window, services = self.window, self.window.services
        pid = window.current_participant_id()
        if self.active or services is None or pid is None:
            return
        # Without a passphrase only a PIN can keep the way out for the coach.
        needs_pin = not services.practice.is_encrypted and not services.together.has_pin()
        if needs_pin and not self.set_pin():
            return
        window.workspace.save_drafts()
        hold_error_boxes()
        saved = self._saved = _Saved(window)
        self._hide_everything_else(saved)
        self.view = TogetherView(services, pid, window)
        self.view.leave_confirmed.connect(self.leave)
        window.stack.addWidget(self.view)
        window.stack.setCurrentWidget(self.view)
        window.setWindowTitle(APP_NAME)
        window.installEventFilter(self)
        window.showFullScreen()
        self.view.start()

    def _hide_everything_else(self, saved: _Saved) -> None:
        window = self.window
        QToolTip.hideText()
        for _ in range(10):  # menus, drop-down lists, completions: they may show names
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for bar in window.findChildren(QWidget):
            if bar.isVisible() and (bar.inherits("QToolBar") or bar.inherits("QDockWidget")):
                bar.hide()
                saved.bars.append(bar)
        window.menuBar().hide()
        window.statusBar().hide()
        for other in QApplication.topLevelWidgets():
            if other is not window and other.isVisible() and not isinstance(other, QMenu):
                other.hide()
                saved.windows.append(other)
        for key, action in window.commands.items():
            if key not in _KEEP and action.isEnabled():
                action.setEnabled(False)
                saved.actions.append(action)
        for action in QWidget.actions(window):
            if action.isEnabled() and action not in saved.actions \
                    and action is not window.commands["lock"]:
                action.setEnabled(False)
                saved.actions.append(action)
        for action in saved.actions:  # nothing turns them back on while the view is up
            action.enabledChanged.connect(self._keep_off)

    def _keep_off(self, enabled: bool) -> None:
        action = self.sender()
        if enabled and self.active and action is not None:
            action.setEnabled(False)

    def leave(self) -> None:
        """Back to the coach's window, as it was (called once the gate let the coach out)."""
        view, saved, window = self.view, self._saved, self.window
        if view is None or saved is None:
            return
        view.flush()
        self.view = self._saved = None
        window.removeEventFilter(self)
        for action in saved.actions:
            action.enabledChanged.disconnect(self._keep_off)
            action.setEnabled(True)
        window.stack.setCurrentWidget(saved.page)
        window.stack.removeWidget(view)
        view.deleteLater()
        window.menuBar().setVisible(saved.menu_bar)
        window.statusBar().setVisible(saved.status_bar)
        for bar in saved.bars:
            bar.show()
        window.setWindowState(saved.state)
        window.setWindowTitle(saved.title)
        for other in saved.windows:
            if isValid(other):  # (a window closed meanwhile is not brought back)
                other.show()
        self._name_the_command()
        release_error_boxes()

    def _on_focus_window(self, handle) -> None:
        saved = self._saved
        if saved is None or handle is None:
            return
        for other in QApplication.topLevelWidgets():
            if other.windowHandle() is not handle or self._belongs_here(other):
                continue
            if isinstance(other, QDialog) and other.isModal():
                other.reject()  # a question or an error box: it never shows here
            else:
                other.hide()
                saved.windows.append(other)

    def _belongs_here(self, widget: QWidget) -> bool:
        """The window itself, the PIN dialog, and pop-ups of the view (a date's calendar)."""
        if widget is self.window or widget is self.pin_dialog:
            return True
        return widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.window and event.type() == QEvent.Type.Close and self.active:
            event.ignore()  # the coach leaves the view first (its gate), then closes
            self.view.ask_to_leave()
            return True
        return False


__all__ = ["SHORTCUT", "TogetherPart"]
