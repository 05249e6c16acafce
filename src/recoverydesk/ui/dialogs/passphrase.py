"""Ask for a passphrase: to protect a new practice, to open a protected one, or to change it.

A new practice is protected unless the coach ticks a plain-words warning; the strength hint
rewards length (a few unrelated words) rather than symbols.
"""

from __future__ import annotations

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

from recoverydesk.services.backups import passphrase_strength

NEW, UNLOCK, CHANGE = "new", "unlock", "change"


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(320)
    return edit


class PassphraseDialog(QDialog):
    """``mode``: NEW (protect a new practice), UNLOCK (open one), CHANGE (current + new).
    After ``exec()``: ``passphrase`` (None when the coach declined protection), ``current``."""

    def __init__(
        self,
        mode: str = NEW,
        practice_name: str = "",
        message: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.mode = mode
        self.passphrase: str | None = None
        self.current: str | None = None
        titles = {
            NEW: self.tr("Protect your practice"),
            UNLOCK: self.tr("Open your practice"),
            CHANGE: self.tr("Change the passphrase"),
        }
        self.setWindowTitle(titles[mode])
        intro = {
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
        }[mode].replace("%1", practice_name or self.tr("this practice"))
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.current_edit = _secret()
        self.current_edit.setAccessibleName(self.tr("Current passphrase"))
        self.new_edit = _secret()
        self.new_edit.setAccessibleName(self.tr("Passphrase"))
        self.confirm_edit = _secret()
        self.confirm_edit.setAccessibleName(self.tr("Passphrase again"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
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
            form.addRow(self.tr("Current passphrase"), self.current_edit)
        if mode == UNLOCK:
            form.addRow(self.tr("Passphrase"), self.new_edit)
        else:
            form.addRow(
                self.tr("New passphrase") if mode == CHANGE else self.tr("Passphrase"),
                self.new_edit,
            )
            form.addRow(self.tr("Type it again"), self.confirm_edit)
            form.addRow("", self.meter)
            form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            {NEW: self.tr("Protect"), UNLOCK: self.tr("Open"), CHANGE: self.tr("Change")}[mode]
        )
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
        self._update()
        (self.current_edit if mode == CHANGE else self.new_edit).setFocus()

    def _update(self) -> None:
        declined = self.mode == NEW and self.decline.isChecked()
        for w in (self.new_edit, self.confirm_edit, self.meter, self.hint):
            w.setEnabled(not declined)
        if self.mode == UNLOCK:
            self.ok_button.setEnabled(bool(self.new_edit.text()))
            return
        strength = passphrase_strength(self.new_edit.text())
        self.meter.setValue(strength.score)
        self.hint.setText(self.tr(strength.hint))
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
            self.error.setText(self.tr("The two passphrases are not the same."))
            self.error.show()
            return
        self.passphrase = self.new_edit.text()
        self.current = self.current_edit.text() or None
        self.accept()
