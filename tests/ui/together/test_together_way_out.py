"""The way out of the view on an encrypted practice: "Use the passphrase instead", and a wrong
passphrase slows the next try as the lock screen does (the practice file's one gate)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from together_helpers import forget, visible_words

PASSPHRASE = "quiet morning walk"
PIN = "2580"


@pytest.fixture
def encrypted_window(qtbot, tmp_practice, file_opener):
    from recoverydesk.services.participants.types import ParticipantDraft
    from recoverydesk.store import crypto
    from recoverydesk.ui.main_window import MainWindow

    crypto.encrypt_in_place(tmp_practice, PASSPHRASE)
    services = file_opener.open(tmp_practice, passphrase=PASSPHRASE)
    for given, family in (("Ana", "Lee"), ("Bronwyn", "Okafor"), ("Cal", "Nguyen")):
        services.participants.create(ParticipantDraft(given_name=given, family_name=family))
    services.together.set_pin(PIN, PIN)
    window = MainWindow(file_opener, services)
    qtbot.addWidget(window)
    window.show()
    yield window
    forget(window)
    services.close()


def _enter(window, given: str = "Ana"):
    services = window.services
    pid = next(p.id for p in services.participants.list()
               if services.participants.get(p.id).given_name == given)
    window.open_participant(pid, "overview")
    window.commands["with_participant"].trigger()
    view = window.parts.together.view
    assert view is not None
    return view


def test_use_the_passphrase_instead(encrypted_window):
    window = encrypted_window
    view = _enter(window)
    view.ask_to_leave()
    gate = view.gate
    assert gate.pin.isVisible() and gate.use_passphrase.isVisible()
    gate.use_passphrase.click()
    assert gate.passphrase.isVisible() and not gate.pin.isVisible()
    assert "passphrase" in gate.intro.text()
    gate.passphrase.setText(PASSPHRASE)
    gate.leave_button.click()
    assert not window.parts.together.active


def test_a_wrong_passphrase_slows_the_next_try(encrypted_window, qtbot):
    window = encrypted_window
    view = _enter(window)
    view.ask_to_leave()
    gate = view.gate
    gate.use_passphrase.click()
    gate.passphrase.setText("not it")
    gate.leave_button.click()
    assert window.parts.together.active
    assert gate.error.text() == "That passphrase is not right."
    # Leave is grey and counts down, as the lock screen's Unlock does.
    assert not gate.leave_button.isEnabled()
    assert gate.leave_button.text() == "Try again in 1 s"
    assert window.services.together.passphrase_wait() > 0
    gate.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(gate.passphrase, Qt.Key.Key_Return)  # Return does not slip past the wait
    assert window.parts.together.active
    # Coming back to the way out while it waits: the PIN may go (it has its own count), the
    # passphrase still waits.
    gate.back_button.click()
    view.ask_to_leave()
    assert gate.pin.isVisible() and gate.leave_button.isEnabled()
    gate.use_passphrase.click()
    assert not gate.leave_button.isEnabled()
    qtbot.waitUntil(gate.leave_button.isEnabled, timeout=3000)
    assert gate.leave_button.text() == "Leave"
    gate.passphrase.setText(PASSPHRASE)
    gate.leave_button.click()
    assert not window.parts.together.active
    assert window.services.together.passphrase_wait() == 0  # the right one cleared it


def test_wrong_tries_on_the_lock_screen_count_on_the_way_out(encrypted_window, qtbot):
    """One gate for the practice: guesses cannot alternate between the two screens."""
    window = encrypted_window
    view = _enter(window)
    window.parts.lock.lock()
    assert window.parts.lock.locked
    assert not window.parts.lock.unlock("a guess")
    qtbot.waitUntil(lambda: window.services.practice.seconds_until_retry() == 0, timeout=3000)
    assert window.parts.lock.unlock(PASSPHRASE)
    assert window.stack.currentWidget() is view  # back to the view, not the caseload
    view.ask_to_leave()
    view.gate.use_passphrase.click()
    view.gate.passphrase.setText("another guess")
    view.gate.leave_button.click()
    # The lock screen's right passphrase cleared its wrong one: this is the first wait again.
    assert view.gate.leave_button.text() == "Try again in 1 s"
    window.parts.lock.lock()
    assert window.parts.lock.locked
    assert not window.parts.lock.unlock(PASSPHRASE)  # the way out's wrong try counts here
    assert "wait" in window.parts.lock.state.screen.error.text().lower()
    qtbot.waitUntil(lambda: window.services.practice.seconds_until_retry() == 0, timeout=4000)
    assert window.parts.lock.unlock(PASSPHRASE)


def test_the_way_out_names_nobody_on_an_encrypted_practice(encrypted_window):
    window = encrypted_window
    view = _enter(window)
    view.ask_to_leave()
    view.gate.use_passphrase.click()
    view.gate.passphrase.setText("not it")
    view.gate.leave_button.click()
    words = "\n".join(visible_words(QApplication.instance()))
    for other in ("Bronwyn", "Okafor", "Cal", "Nguyen", "Ana", "Lee"):
        assert other not in words, other
