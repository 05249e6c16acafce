"""The passphrase form rates what is typed on a reader thread, never on the window's (issue 16
item 8: zxcvbn's import and estimates held the window still while the form opened and at each
key). With the real task runner, as in the app: the meter and hint follow the latest text,
and Save pressed before the rating is back waits for it (and refuses a weak passphrase)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QDialog

from recoverydesk.ui import tasks
from recoverydesk.ui.dialogs import passphrase as form
from recoverydesk.ui.dialogs.passphrase import CHANGE, NEW, PassphraseDialog
from recoverydesk.ui.passphrase_strength import passphrase_strength

STRONG = "velvet pickle orbit lagoon"


@pytest.fixture
def slow_rating(monkeypatch):
    """The real rating, 0.2 s late, noting the thread each ran on."""
    threads = []

    def rate(text, context=()):
        if text:
            threads.append(threading.current_thread())
            time.sleep(0.2)
        return passphrase_strength(text, context)

    monkeypatch.setattr(form, "passphrase_strength", rate)
    tasks.use_thread_runner()
    yield threads
    tasks.shutdown()


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_rating_is_made_off_the_window_thread_and_the_latest_text_shows(qtbot, slow_rating):
    dialog = shown(qtbot, PassphraseDialog(NEW, "harbour.rdk"))
    started = time.perf_counter()
    dialog.new_edit.setText("Qwerty123456")
    dialog.new_edit.setText(STRONG)  # typed on while the first is rated
    assert time.perf_counter() - started < 0.1  # the window did not wait for either
    assert dialog.hint.text().startswith("Choose a passphrase")  # as before any key: not back
    qtbot.waitUntil(lambda: "Keep it somewhere safe" in dialog.hint.text(), timeout=5000)
    assert slow_rating and threading.main_thread() not in slow_rating
    assert dialog.meter.value() >= 4
    assert not dialog.ok_button.isEnabled()  # not yet typed twice
    dialog.confirm_edit.setText(STRONG)
    assert dialog.ok_button.isEnabled()  # the rating of that text is already back


def test_save_pressed_before_the_rating_is_back_waits_for_it(qtbot, slow_rating):
    dialog = shown(qtbot, PassphraseDialog(CHANGE, "harbour.rdk",
                                           check_current=lambda t: t == "old words"))
    dialog.current_edit.setText("old words")
    dialog.new_edit.setText(STRONG)
    dialog.confirm_edit.setText(STRONG)
    dialog.ok_button.click()
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()  # waiting for the rating
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase == STRONG and dialog.current == "old words"


def test_a_weak_passphrase_saved_before_its_rating_is_refused_when_it_comes(qtbot, slow_rating):
    dialog = shown(qtbot, PassphraseDialog(NEW, "harbour.rdk"))
    dialog.new_edit.setText("Qwerty123456")
    dialog.confirm_edit.setText("Qwerty123456")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "very common password" in dialog.hint.text(), timeout=5000)
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.passphrase is None


def test_typing_after_save_was_pressed_takes_the_save_back(qtbot, slow_rating):
    dialog = shown(qtbot, PassphraseDialog(NEW, "harbour.rdk"))
    dialog.new_edit.setText(STRONG)
    dialog.confirm_edit.setText(STRONG)
    dialog.ok_button.click()
    dialog.confirm_edit.setText(STRONG + " and")  # changed their mind before it was rated
    qtbot.waitUntil(lambda: "Keep it somewhere safe" in dialog.hint.text(), timeout=5000)
    qtbot.wait(50)
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()  # the two differ now
    assert dialog.passphrase is None


def test_changing_it_loads_the_rating_on_a_reader_while_the_current_one_is_typed(
        qtbot, slow_rating, monkeypatch):
    warmed = []
    monkeypatch.setattr(form, "warm_up", lambda: warmed.append(threading.current_thread()))
    dialog = shown(qtbot, PassphraseDialog(CHANGE, "harbour.rdk"))
    qtbot.wait(50)
    assert warmed == []  # not for a form that is only looked at (or cancelled)
    for typed in ("o", "ol", "old"):
        dialog.current_edit.setText(typed)
    qtbot.waitUntil(lambda: bool(warmed), timeout=5000)
    qtbot.wait(50)
    assert len(warmed) == 1 and warmed[0] is not threading.main_thread()


def test_cancel_after_save_was_pressed_stays_cancelled(qtbot, slow_rating):
    dialog = shown(qtbot, PassphraseDialog(NEW, "harbour.rdk"))
    dialog.new_edit.setText(STRONG)
    dialog.confirm_edit.setText(STRONG)
    dialog.ok_button.click()
    dialog.reject()  # Cancel before the rating came back
    qtbot.waitUntil(lambda: "Keep it somewhere safe" in dialog.hint.text(), timeout=5000)
    qtbot.wait(50)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.passphrase is None
