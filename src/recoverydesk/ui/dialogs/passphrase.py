"""Ask for a passphrase: to protect a new practice, to open a protected one, or to change it.

A new practice is protected unless the coach ticks a plain-words warning; the strength hint
rewards length (a few unrelated words) rather than symbols. After a wrong passphrase the Open
button counts down the seconds before the next try instead of freezing the window.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts import theme as palette
from recoverydesk.services.practice.types import FIELD_LABELS
from recoverydesk.ui.passphrase_strength import passphrase_strength

NEW, UNLOCK, CHANGE = "new", "unlock", "change"
# The strength bar's colour for scores 0-4: amber while weak, the accent once good.
_LEVEL_COLOURS = [palette.ATTENTION, palette.ATTENTION, "#C9A227", palette.ACCENT,
                  palette.SUCCESS]


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(320)
    return edit


class PassphraseDialog(QDialog):
    """``mode``: NEW (protect a new practice), UNLOCK (open one), CHANGE (current + new).
    After ``exec()``: ``passphrase`` (None when the coach declined protection), ``current``.

    ``retry_after``: seconds to wait before the next try (UNLOCK); ``check_current``: tells
    whether the typed current passphrase is right (CHANGE), so a slip is shown in place.
    ``title``, ``intro`` and ``ok_text`` replace the mode's own words (to ask for the
    passphrase of something else than the practice, such as an old backup)."""

    def __init__(
        self,
        mode: str = NEW,
        practice_name: str = "",
        message: str = "",
        parent: QWidget | None = None,
        *,
        retry_after: float = 0.0,
        check_current: Callable[[str], bool] | None = None,
        title: str = "",
        intro: str = "",
        ok_text: str = "",
    ):
        super().__init__(parent)
        self.mode = mode
        self.passphrase: str | None = None
        self.current: str | None = None
        self._check_current = check_current
        self._context = (practice_name, *practice_name.replace(".", " ").split())
        titles = {
            NEW: self.tr("Protect your practice"),
            UNLOCK: self.tr("Open your practice"),
            CHANGE: self.tr("Change the passphrase"),
        }
        self.setWindowTitle(title or titles[mode])
        intro = (intro or {
            NEW: self.tr(
                "Choose a passphrase for %1. It encrypts the file, so a lost or stolen "
                "laptop does not give anyone your participants' names and notes. "
                "A few unrelated words are strong and easy to remember."
            ),
            UNLOCK: self.tr("%1 is protected. Enter its passphrase to open it."),
            CHANGE: self.tr(
                "Enter the current passphrase of %1, then the new one. Your "
                "backups are re-locked with the new passphrase too."
            ),
        }[mode]).replace("%1", practice_name or self.tr("this practice"))
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.current_edit = _secret()
        self.current_edit.setAccessibleName(self.tr(FIELD_LABELS["current"]))
        self.new_edit = _secret()
        self.new_edit.setAccessibleName(self.tr(FIELD_LABELS["passphrase"]))
        self.confirm_edit = _secret()
        self.confirm_edit.setAccessibleName(self.tr("Passphrase again"))
        self.show_typed = QCheckBox(self.tr("Show what I type"))
        self.show_typed.toggled.connect(self._show_typed)
        self.meter = QProgressBar()
        self.meter.setRange(0, 5)  # a sliver shows as soon as something is typed
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.decline = QCheckBox(
            self.tr(
                "Don't protect this practice. I understand that anyone who gets this\n"
                "computer or the file can read every name and note in it."
            )
        )
        self.decline.setStyleSheet("QCheckBox { spacing: 8px; }")
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(message))
        self.error.setText(message)

        form = QFormLayout()
        if mode == CHANGE:
            form.addRow(self.tr(FIELD_LABELS["current"]), self.current_edit)
        if mode == UNLOCK:
            form.addRow(self.tr(FIELD_LABELS["passphrase"]), self.new_edit)
        else:
            form.addRow(
                self.tr(FIELD_LABELS["new" if mode == CHANGE else "passphrase"]),
                self.new_edit,
            )
            form.addRow(self.tr(FIELD_LABELS["confirm"]), self.confirm_edit)
            form.addRow("", self.meter)
            form.addRow("", self.hint)
        form.addRow("", self.show_typed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_text = {
            NEW: self.tr("Protect"),
            UNLOCK: self.tr("Open"),
            CHANGE: self.tr("Change"),
        }[mode]
        self._ok_text = ok_text or self._ok_text
        self.ok_button.setText(self._ok_text)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        if mode == NEW:
            layout.addWidget(self.decline)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._update)
        self.decline.toggled.connect(self._update)
        self._wait_until = time.monotonic() + max(0.0, retry_after)
        self._countdown = QTimer(self, interval=250)
        self._countdown.timeout.connect(self._update)
        if retry_after > 0:
            self._countdown.start()
        self._update()
        (self.current_edit if mode == CHANGE else self.new_edit).setFocus()

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.setEchoMode(mode)

    def _update(self) -> None:
        declined = self.mode == NEW and self.decline.isChecked()
        for w in (self.new_edit, self.confirm_edit, self.meter, self.hint, self.show_typed):
            w.setEnabled(not declined)
        self.ok_button.setText(
            self.tr("Continue without protection") if declined else self._ok_text
        )
        if self.mode == UNLOCK:
            left = self._wait_until - time.monotonic()
            if left > 0:
                self.ok_button.setEnabled(False)
                self.ok_button.setText(
                    self.tr("Try again in %1 s").replace("%1", str(math.ceil(left)))
                )
                return
            self._countdown.stop()
            self.ok_button.setEnabled(bool(self.new_edit.text()))
            return
        strength = passphrase_strength(self.new_edit.text(), self._context)
        self.meter.setValue(strength.score + 1 if self.new_edit.text() else 0)
        self.meter.setStyleSheet(
            f"QProgressBar::chunk {{ background: {_LEVEL_COLOURS[strength.score]}; }}"
        )
        # zxcvbn's warning and suggestions ("This is a very common password.") after ours
        self.hint.setText(" ".join(filter(None, (self.tr(strength.hint), strength.advice))))
        ok = declined or (strength.acceptable and self.new_edit.text() == self.confirm_edit.text())
        if self.mode == CHANGE:
            ok = ok and bool(self.current_edit.text())
        self.ok_button.setEnabled(ok)

    def _accept(self) -> None:
        if self.mode == NEW and self.decline.isChecked():
            self.passphrase = None
            self.accept()
            return
        if self.mode != UNLOCK and self.new_edit.text() != self.confirm_edit.text():
            self._say(self.tr("The two passphrases are not the same."))
            return
        wrong_current = (
            self.mode == CHANGE
            and self._check_current is not None
            and not self._check_current(self.current_edit.text())
        )
        if wrong_current:
            self._say(self.tr("That is not the current passphrase. Nothing was changed."))
            self.current_edit.selectAll()
            self.current_edit.setFocus()
            return
        self.passphrase = self.new_edit.text()
        self.current = self.current_edit.text() or None
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
