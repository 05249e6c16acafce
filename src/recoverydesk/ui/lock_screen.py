"""What a locked window shows: a lock, a line of plain words and (for one of them) the unlock
form. It names nobody: it is all that is left on screen while the coach is away."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import APP_NAME
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import card, label


class LockScreen(QWidget):
    """``form`` adds the passphrase box and Unlock button (shown on the window the coach can
    reach); ``compact`` is the small version that covers an open dialog; ``password``: it asks
    for the coach's password to a team practice's server, not a file's passphrase."""

    unlock_requested = Signal(str)

    def __init__(
        self,
        encrypted: bool,
        *,
        form: bool = True,
        compact: bool = False,
        parent: QWidget | None = None,
        password: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("lock-screen")
        self.setAutoFillBackground(True)  # opaque, so nothing behind it shows through
        self.encrypted = encrypted
        self.asks_password = password
        frame, box = card()
        frame.setFixedWidth(340 if compact else 480)
        frame.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        size = 40 if compact else 64
        lock_icon = QLabel()
        lock_icon.setPixmap(icon("lock-outline").pixmap(size, size))
        lock_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(lock_icon)
        title = label(self.tr("RecoveryDesk is locked"), "" if compact else "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        if not compact:
            intro = label(self._intro_text(form), "muted")
            intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(intro)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        word = self.tr("Password") if password else self.tr("Passphrase")
        self.passphrase.setPlaceholderText(word)
        self.passphrase.setAccessibleName(word)
        self.passphrase.setVisible(form and encrypted)
        box.addWidget(self.passphrase)
        self.error = label("", "error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.hide()
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.unlock_button = QPushButton(
            icon("lock-open-variant-outline", "white"), self.tr("Unlock")
        )
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setDefault(True)
        self.unlock_button.setVisible(form)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        box.addLayout(row)
        self.unlock_button.clicked.connect(self._request)
        self.passphrase.returnPressed.connect(self._request)
        self._wait_until = 0.0
        self._countdown = QTimer(self, interval=250)
        self._countdown.timeout.connect(self._tick)

        across = QHBoxLayout()
        across.addStretch(1)
        across.addWidget(frame)
        across.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(across)
        outer.addStretch(1 if compact else 2)

    def _intro_text(self, form: bool) -> str:
        if not form:
            return self.tr("Your practice is closed and its notes are hidden. Unlock in the "
                           "open window to carry on where you were.")
        if self.encrypted and self.asks_password:
            return self.tr("Your team practice is closed and its notes are hidden. Enter your "
                           "password to carry on where you were.")
        if self.encrypted:
            return self.tr("Your practice is closed and its notes are hidden. Enter your "
                           "passphrase to carry on where you were.")
        return self.tr("Your practice is closed and its notes are hidden. Unlock to carry on "
                       "where you were. Tip: protect the practice with a passphrase (File "
                       "menu) so the lock keeps others out too.")

    def _request(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        if self.encrypted and not self.passphrase.text():
            self.show_error(self.tr("Please enter your password.") if self.asks_password
                            else self.tr("Please enter your passphrase."))
            return
        self.unlock_requested.emit(self.passphrase.text() if self.encrypted else "")

    def show_error(self, message: str, wait_seconds: float = 0.0) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if wait_seconds > 0:
            self._wait_until = time.monotonic() + wait_seconds
            self._tick()
            self._countdown.start()

    def _tick(self) -> None:
        left = self._wait_until - time.monotonic()
        waiting = left > 0
        button = self.unlock_button
        button.setEnabled(not waiting)
        button.setProperty("primary", not waiting)  # greyed while waiting, not a live button
        button.style().unpolish(button)
        button.style().polish(button)
        if not waiting:
            self._countdown.stop()
            button.setText(self.tr("Unlock"))
            return
        button.setText(self.tr("Try again in %1 s").replace("%1", str(math.ceil(left))))

    def clear(self) -> None:
        self.passphrase.clear()
        self.error.hide()


@dataclass
class Cover:
    """An open dialog while locked: its contents hidden behind a lock screen."""

    dialog: QWidget
    title: str
    size: QSize
    children: list[QWidget]
    screen: LockScreen


@dataclass
class LockedState:
    """Everything the lock changed, so unlocking can put it back exactly."""

    encrypted: bool
    title: str
    page: QWidget | None
    screen: LockScreen
    bars: list[QWidget] = field(default_factory=list)
    actions: list[QAction] = field(default_factory=list)
    windows: list[QWidget] = field(default_factory=list)
    covers: list[Cover] = field(default_factory=list)

    def screens(self) -> list[LockScreen]:
        return [self.screen, *(c.screen for c in self.covers)]


def cover_dialog(dialog: QDialog, encrypted: bool, *, form: bool,
                 unlock: Callable[[str], object], password: bool = False) -> Cover:
    """Hide an open dialog's contents behind a compact lock screen (they come back as they
    were); ``form``: this screen takes the passphrase."""
    children = [
        c
        for c in dialog.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if c.isVisible() and not c.isWindow()
    ]
    cover = Cover(dialog, dialog.windowTitle(), dialog.size(), children,
                  LockScreen(encrypted, form=form, compact=True, parent=dialog,
                             password=password))
    for child in children:
        child.hide()
    dialog.setWindowTitle(APP_NAME)
    if form:
        dialog.resize(dialog.size().expandedTo(QSize(400, 300)))
    cover.screen.unlock_requested.connect(unlock)
    cover.screen.setGeometry(dialog.rect())
    cover.screen.show()
    cover.screen.raise_()
    return cover
