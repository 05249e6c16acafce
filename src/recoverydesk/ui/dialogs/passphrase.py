"""Ask for a passphrase: to protect a new practice, to open a protected one, or to change it.

A new practice is protected unless the coach ticks a plain-words warning; the strength hint
rewards length (a few unrelated words) rather than symbols. After a wrong passphrase the Open
button counts down the seconds before the next try instead of freezing the window.

The strength is rated on a reader thread (``ui/tasks.py`` Op), never on the window's: zxcvbn's
import (its word lists, 60-150 ms, more under load) and each estimate (a few ms, more for long
passphrases) held the window still at the form's first keys and at each key after. When
changing the passphrase, its import starts with the first key of the current one; the meter
and hint follow each key as its rating comes back (only the latest counts). Save pressed
before the rating of what was typed is back waits for it.
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
from shiboken6 import isValid

from recoverydesk.charts import theme as palette
from recoverydesk.services.practice.types import FIELD_LABELS
from recoverydesk.ui.passphrase_strength import Strength, passphrase_strength, warm_up
from recoverydesk.ui.tasks import Op

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
        self._rated: tuple[str, Strength] | None = None  # the latest rating back: (typed, it)
        self._rating = False  # a rating is out on a reader
        self._wanted = ""  # what to rate next
        self._accept_when_rated = False  # Save pressed before the rating came back
        self._updating = False
        self._warmed = mode != CHANGE  # (a new one is rated, so imported, from its first key)
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
            edit.textChanged.connect(self._edited)
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
        text = self.new_edit.text()
        strength = self._strength_of(text)
        if strength is not None:
            self._show_strength(strength, bool(text))
        # While its rating is out, Save is offered if the rest holds; pressed, it waits for it.
        ok = declined or (
            (strength is None or strength.acceptable) and text == self.confirm_edit.text())
        if self.mode == CHANGE:
            ok = ok and bool(self.current_edit.text())
        self.ok_button.setEnabled(ok and not self._accept_when_rated)

    def _edited(self) -> None:
        self._accept_when_rated = False  # typed again after Save: Save again when done
        if not self._warmed and self.current_edit.text():
            # zxcvbn imported on a reader while the coach types the current passphrase (not as
            # the form shows: a form cancelled leaves its 11 MB of word lists unloaded)
            self._warmed = True
            Op(None, warm_up, write=False).run()
        self._update()

    def _show_strength(self, strength: Strength, typed: bool) -> None:
        self.meter.setValue(strength.score + 1 if typed else 0)
        self.meter.setStyleSheet(
            f"QProgressBar::chunk {{ background: {_LEVEL_COLOURS[strength.score]}; }}"
        )
        # zxcvbn's warning and suggestions ("This is a very common password.") after ours
        self.hint.setText(" ".join(filter(None, (self.tr(strength.hint), strength.advice))))

    # -- rating on a reader ------------------------------------------------------------------
    def _strength_of(self, text: str) -> Strength | None:
        """The rating of ``text``, or None while it is being rated (asked for here)."""
        if not text:
            return passphrase_strength("")  # no zxcvbn needed
        if self._rated is None or self._rated[0] != text:
            self._wanted = text
            if not self._rating:
                self._rate(text)
        return self._rated[1] if self._rated is not None and self._rated[0] == text else None

    def _rate(self, text: str) -> None:
        self._rating = True
        context = self._context
        self._updating = True  # a rating back at once (tests' runner) does not update again
        try:
            Op(None, lambda: passphrase_strength(text, context), write=False).success(
                lambda strength: self._rated_now(text, strength)).failure(
                self._not_rated).run()
        finally:
            self._updating = False

    def _rated_now(self, text: str, strength: Strength) -> None:
        if not isValid(self):
            return  # closed meanwhile
        self._rating = False
        self._rated = (text, strength)
        if self._wanted != text and self._wanted == self.new_edit.text():
            self._rate(self._wanted)  # typed on meanwhile: only the latest counts
            return
        if self._updating:
            return
        accept = self._accept_when_rated
        self._accept_when_rated = False
        self._update()
        if accept and self.ok_button.isEnabled() and self.isVisible():  # (not cancelled since)
            self._accept()

    def _not_rated(self, error: BaseException) -> None:
        if isValid(self):
            self._rating = self._accept_when_rated = False
            self._say(str(error) or type(error).__name__)

    def _accept(self) -> None:
        if self.mode == NEW and self.decline.isChecked():
            self.passphrase = None
            self.accept()
            return
        if self.mode != UNLOCK and self.new_edit.text() != self.confirm_edit.text():
            self._say(self.tr("The two passphrases are not the same."))
            return
        if self.mode != UNLOCK:
            strength = self._strength_of(self.new_edit.text())
            if strength is None:  # its rating is not back yet: Save once it is
                self._accept_when_rated = True
                self.ok_button.setEnabled(False)
                return
            if not strength.acceptable:
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
