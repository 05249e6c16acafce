"""The passphrase dialog rates with zxcvbn and shows its advice: "Qwerty123456" cannot protect
a practice; four unrelated words can (issue 15, item 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from recoverydesk.ui.dialogs.passphrase import NEW, PassphraseDialog


def type_both(qtbot, dialog, text):
    for edit in (dialog.new_edit, dialog.confirm_edit):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_a_common_pattern_is_refused_with_zxcvbn_advice(qtbot):
    dialog = PassphraseDialog(NEW, "harbour.rdk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for weak in ("Qwerty123456", "Password1234!", "harbour2026"):
        type_both(qtbot, dialog, weak)
        assert not dialog.ok_button.isEnabled(), weak
        assert "easy to guess" in dialog.hint.text().lower() or "Too short" in dialog.hint.text()
    type_both(qtbot, dialog, "Qwerty123456")
    assert "very common password" in dialog.hint.text()


def test_four_unrelated_words_protect_the_practice(qtbot):
    dialog = PassphraseDialog(NEW, "harbour.rdk")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_both(qtbot, dialog, "velvet pickle orbit lagoon")
    assert dialog.ok_button.isEnabled()
    assert "Keep it somewhere safe" in dialog.hint.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase == "velvet pickle orbit lagoon"
