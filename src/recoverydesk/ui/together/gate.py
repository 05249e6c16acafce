"""The way out of the together view: the coach's PIN or the practice passphrase. Checked on the
worker (the PIN's hash is slow on purpose); after three wrong PINs the PIN box gives way to the
passphrase. A wrong passphrase makes the next try wait as on the lock screen (the same gate in
``services.together``): Leave counts down meanwhile. Nothing here names anyone."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.together.types import PIN_MAX, PassphraseWaitError, PinLockedError
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.together.kit import TARGET, big_button, plain_error, text_label
from recoverydesk.ui.widgets.common import restyle

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class LeaveGate(QWidget):
    confirmed = Signal()  # the coach's PIN or passphrase was right
    back = Signal()  # carry on together

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(14)
        title = text_label(self.tr("Over to your coach"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        self.intro = text_label("", "muted")
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.intro)
        self.pin = self._secret(self.tr("PIN"))
        self.pin.setMaxLength(PIN_MAX)
        self.passphrase = self._secret(self.tr("Passphrase"))
        box.addWidget(self.pin)
        box.addWidget(self.passphrase)
        self.use_passphrase = big_button(self.tr("Use the passphrase instead"))
        self.use_passphrase.setFlat(True)
        self.use_passphrase.clicked.connect(lambda: self._use_passphrase(""))
        box.addWidget(self.use_passphrase, 0, Qt.AlignmentFlag.AlignCenter)
        self.error = text_label("", "error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.hide()
        box.addWidget(self.error)
        row = QHBoxLayout()
        self.back_button = big_button(self.tr("Back to what we were doing"), "arrow-left")
        self.leave_button = big_button(self.tr("Leave"), "lock-open-variant-outline",
                                       primary=True)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.leave_button)
        box.addLayout(row)
        across = QHBoxLayout()
        across.addStretch(1)
        holder = QWidget()
        holder.setLayout(box)
        # Wide enough for "Back to what we were doing" beside "Try again in 30 s" (the wait
        # after wrong passphrases), narrower on a small screen rather than cut off.
        holder.setMaximumWidth(680)
        across.addWidget(holder, 12)
        across.addStretch(1)
        outer.addLayout(across)
        outer.addStretch(2)
        self.back_button.clicked.connect(self.back)
        self.leave_button.clicked.connect(self.check)
        self.pin.returnPressed.connect(self.check)
        self.passphrase.returnPressed.connect(self.check)
        self._countdown = QTimer(self, interval=250)
        self._countdown.timeout.connect(self._tick)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setPlaceholderText(name)
        edit.setAccessibleName(name)
        edit.setMinimumHeight(TARGET)
        return edit

    def reset(self) -> None:
        """Ready for the coach: empty boxes, the PIN box while the PIN may still be tried."""
        together = self.services.together
        self.pin.clear()
        self.passphrase.clear()
        self.error.hide()
        pin_ok = together.has_pin() and together.pin_tries_left > 0
        passphrase_ok = together.passphrase_works
        self.pin.setVisible(pin_ok)
        self.passphrase.setVisible(passphrase_ok and not pin_ok)
        self.use_passphrase.setVisible(pin_ok and passphrase_ok)
        if pin_ok:
            self.intro.setText(self.tr("Your coach types their PIN to leave this view."))
        else:
            self.intro.setText(self.tr("Your coach types their passphrase to leave this view."))
        (self.pin if pin_ok else self.passphrase).setFocus()
        self._tick()  # still waiting after wrong passphrases (here or on the lock screen)?

    def check(self) -> None:
        together = self.services.together
        if not self.leave_button.isEnabled():
            return  # the passphrase is waiting after a wrong one
        if self.pin.isVisible():
            typed = self.pin.text()
            Op(self, lambda: together.check_pin(typed), write=False).success(
                self._pin_checked).failure(self._failed).run()
        elif self.passphrase.isVisible():
            typed = self.passphrase.text()
            Op(self, lambda: together.check_passphrase(typed), write=False).success(
                self._passphrase_checked).failure(self._failed).run()
        else:  # no PIN box and no passphrase: the PIN is waiting after wrong tries
            self.pin.show()

    def _pin_checked(self, right: bool) -> None:
        if right:
            self.confirmed.emit()
            return
        left = self.services.together.pin_tries_left
        self._say(self.tr("That PIN is not right. %1 more tries.").replace("%1", str(left))
                  if left != 1 else self.tr("That PIN is not right. One more try."))
        self.pin.selectAll()

    def _passphrase_checked(self, right: bool) -> None:
        if right:
            self.confirmed.emit()
            return
        self._say(self.tr("That passphrase is not right."))
        self.passphrase.selectAll()
        self._tick()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, PassphraseWaitError):
            self._say(str(error))
            self._tick()
            return
        if isinstance(error, PinLockedError):
            if self.services.together.passphrase_works:
                self._use_passphrase(str(error))
            else:  # no passphrase to fall back on: the PIN waits a while
                self._say(str(error))
                self.pin.clear()
            return
        self._say(plain_error(error, self.tr("Could not check that")))

    def _use_passphrase(self, why: str) -> None:
        self.pin.clear()
        self.pin.hide()
        self.use_passphrase.hide()
        self.passphrase.show()
        self.passphrase.setFocus()
        self.intro.setText(self.tr("Your coach types their passphrase to leave this view."))
        if why:
            self._say(why)
        self._tick()

    def _tick(self) -> None:
        """Leave stays grey, counting down, while a passphrase try must wait."""
        left = self.services.together.passphrase_wait() if self.passphrase.isVisibleTo(self) \
            else 0.0
        waiting = left > 0
        button = self.leave_button
        button.setEnabled(not waiting)
        button.setProperty("primary", not waiting)  # greyed while waiting, not a live button
        restyle(button)
        if not waiting:
            self._countdown.stop()
            button.setText(self.tr("Leave"))
            return
        button.setText(self.tr("Try again in %1 s").replace("%1", str(math.ceil(left))))
        self._countdown.start()

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
