"""The view for sitting together names nobody else on the paths round the view itself: a save
the worker could not make (the practice held by another program), an error box from work the
coach's window started, the idle lock and unlock on an encrypted practice, and the app's
settings file (where the last practice is remembered) afterwards."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from together_helpers import forget, visible_words

from recoverydesk.services.types import ServiceError
from recoverydesk.store import engine as engine_module
from recoverydesk.ui import tasks

PASSPHRASE = "quiet morning walk"
PIN = "2580"
OTHERS = ("Bronwyn", "Okafor", "Cal", "Nguyen")

# Another program holding a write transaction on the practice (as in tests/ui/test_busy_save.py).
HOLDER = r"""
import sys, time
from recoverydesk.store.engine import connect_raw
conn = connect_raw(sys.argv[1], sys.argv[3] or None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def _window(qtbot, file_opener, path, passphrase=None):
    from recoverydesk.services.participants.types import ParticipantDraft
    from recoverydesk.ui.main_window import MainWindow

    services = file_opener.open(path, passphrase=passphrase)
    for given, family in (("Ana", "Lee"), ("Bronwyn", "Okafor"), ("Cal", "Nguyen")):
        services.participants.create(ParticipantDraft(given_name=given, family_name=family))
    services.together.set_pin(PIN, PIN)
    window = MainWindow(file_opener, services)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def plain_window(qtbot, tmp_practice, file_opener, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT", 0.5)  # not the usual 10 s wait
    window = _window(qtbot, file_opener, tmp_practice)
    yield window
    forget(window)
    window.services.close()


@pytest.fixture
def encrypted_window(qtbot, tmp_practice, file_opener):
    from recoverydesk.store import crypto

    crypto.encrypt_in_place(tmp_practice, PASSPHRASE)
    window = _window(qtbot, file_opener, tmp_practice, PASSPHRASE)
    yield window
    forget(window)
    window.services.close()


def _enter(window):
    services = window.services
    pid = next(p.id for p in services.participants.list()
               if services.participants.get(p.id).given_name == "Ana")
    window.open_participant(pid, "overview")
    window.commands["with_participant"].trigger()
    view = window.parts.together.view
    assert view is not None
    return view


def _names_nobody_else(window) -> None:
    assert window.windowTitle() == "RecoveryDesk"
    words = "\n".join(visible_words(QApplication.instance()))
    found = [n for n in OTHERS if re.search(rf"\b{n}\b", words)]
    assert not found, f"other participants on screen: {found}"


def test_a_save_refused_while_another_program_holds_the_practice(
        plain_window, qtbot, tmp_practice, message_boxes):
    window = plain_window
    view = _enter(window)
    star = view.section("star")
    view.show_section(0)
    first = star.template.definition.domains[0].key
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_practice), "2", ""],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        star.choose(first, 6)
        # Said inside the view, in words about the practice only: no error box, no title.
        assert star.status.text().startswith("Not saved: The practice is busy")
        assert message_boxes.shown == []
        _names_nobody_else(window)
        assert window.parts.together.active and view.currentWidget() is view.main
    finally:
        assert holder.wait(timeout=30) == 0
    star.choose(first, 7)  # the other program is done: the next tap saves
    assert star.status.text().startswith("Saved at")
    assert window.services.star.readings(view.participant_id)[-1].scores[first] == 7


def test_an_error_box_from_the_coachs_window_never_shows_in_the_view(
        plain_window, qtbot, monkeypatch):
    """Work the coach's window started fails while the view is up: its (real) error box, which
    could name the person it was about, does not come up at all (not even for a frame); it is
    shown once the coach has left the view, so the coach still learns of it."""
    window = plain_window
    view = _enter(window)
    monkeypatch.undo()  # the real QMessageBox.exec, not the test recorder
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT", 0.5)
    seen: list[str] = []

    def fail():
        raise ServiceError("Bronwyn Okafor's note could not be saved.")

    def answer_boxes():  # a box that comes up is read and answered (the test must not hang)
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                seen.append(box.text())
                box.reject()

    came: list[QMessageBox] = []

    def on_focus(handle) -> None:
        came.extend(w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.windowHandle() is handle)

    app = QApplication.instance()
    app.focusWindowChanged.connect(on_focus)
    timer = QTimer()
    timer.timeout.connect(answer_boxes)
    timer.start(200)
    try:
        tasks.Op(window, fail).run()  # no failure callback: the window's error box
        qtbot.wait(300)
        assert came == [] and seen == [], "an error box came up in the view"
        _names_nobody_else(window)
        assert window.parts.together.active
        view.ask_to_leave()
        view.gate.pin.setText(PIN)
        view.gate.leave_button.click()
        qtbot.waitUntil(lambda: seen != [], timeout=5000)
    finally:
        timer.stop()
        app.focusWindowChanged.disconnect(on_focus)
    assert seen == ["Bronwyn Okafor's note could not be saved."]
    assert not window.parts.together.active


def test_idle_lock_and_unlock_on_an_encrypted_practice(encrypted_window, qtbot):
    window = encrypted_window
    view = _enter(window)
    view.show_section(2)
    window.parts.lock.lock()
    assert window.parts.lock.locked and not view.isVisible()
    words = "\n".join(visible_words(QApplication.instance()))
    assert not any(re.search(rf"\b{n}\b", words) for n in (*OTHERS, "Ana", "Lee"))
    assert not window.parts.lock.unlock("a wrong guess")
    assert "Ana" not in window.parts.lock.state.screen.error.text()
    qtbot.waitUntil(lambda: window.services.practice.seconds_until_retry() == 0, timeout=3000)
    assert window.parts.lock.unlock(PASSPHRASE)
    assert window.stack.currentWidget() is view and view.pages.currentIndex() == 2
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.toolbar.isVisible() and not window.list_panel.isVisible()
    _names_nobody_else(window)
    # The way out is still the coach's, after the unlock.
    view.ask_to_leave()
    _names_nobody_else(window)
    view.gate.pin.setText(PIN)
    view.gate.leave_button.click()
    assert not window.parts.together.active


def test_the_settings_file_remembers_no_one(plain_window):
    """Qt's settings (the last practice, window places: what a recent-files list is made of)
    hold the practice's path and nobody's name, before, during and after the view."""
    window = plain_window
    view = _enter(window)
    for i in range(len(view.sections)):
        view.show_section(i)
    view.ask_to_leave()
    view.gate.pin.setText(PIN)
    view.gate.leave_button.click()
    settings = QSettings()
    settings.sync()
    kept = "\n".join(f"{k}={settings.value(k)}" for k in settings.allKeys())
    for name in (*OTHERS, "Ana", "Lee"):
        assert not re.search(rf"\b{name}\b", kept), name


def test_leaving_waits_for_the_notes_and_stays_when_they_could_not_be_kept(
        plain_window, qtbot, tmp_practice, message_boxes):
    """Notes typed just before 'We're done' are saved on the way out; when the practice is held
    by another program that save fails, and leaving would lose them: the view stays, on the
    notes, with the words still there and the reason said; the next way out keeps them."""
    window = plain_window
    view = _enter(window)
    notes = view.section("notes")
    view.show_section(next(i for i, s in enumerate(view.sections) if s is notes))
    notes.talked_about.setPlainText("The walk on the beach and the new bus route")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_practice), "2", ""],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        view.ask_to_leave()
        view.gate.pin.setText(PIN)
        view.gate.leave_button.click()
        qtbot.waitUntil(lambda: view.currentWidget() is view.main, timeout=5000)
        assert window.parts.together.active
        assert view.pages.currentWidget() is notes
        assert notes.status.text().startswith("Not saved")
        assert notes.talked_about.toPlainText() == "The walk on the beach and the new bus route"
        assert message_boxes.shown == []
    finally:
        assert holder.wait(timeout=30) == 0
    view.ask_to_leave()
    view.gate.pin.setText(PIN)
    view.gate.leave_button.click()
    qtbot.waitUntil(lambda: not window.parts.together.active, timeout=5000)
    services = window.services
    kept = services.sessions.draft(notes.participant_id, notes.session_id)
    assert kept is not None
    assert kept.input.talked_about == "The walk on the beach and the new bus route"
