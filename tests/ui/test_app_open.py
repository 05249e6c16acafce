"""The app's opener: passphrase prompts, a new practice offered protection, a damaged file
answered with the newest good backup, a second copy refused."""

from __future__ import annotations

import threading

import pytest
from live_dialogs import button_box, click_cancel, click_save, drive, drive_each
from PySide6.QtWidgets import QDialogButtonBox

from recoverydesk import app
from recoverydesk.services.participants import caseload as caseload_module
from recoverydesk.services.participants.service import ParticipantService
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import PracticeOpenError
from recoverydesk.store import crypto
from recoverydesk.ui import tasks
from recoverydesk.ui.dialogs.passphrase import PassphraseDialog


def answer_dialogs(monkeypatch, answers):
    """Each PassphraseDialog.exec() takes the next answer: a passphrase, None (declined), or
    False (cancelled)."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog.mode)
        answer = answers.pop(0)
        if answer is False:
            return 0
        dialog.passphrase = answer
        return 1

    monkeypatch.setattr(PassphraseDialog, "exec", fake_exec)
    return seen


def test_new_practice_is_protected_with_the_chosen_passphrase(qapp, tmp_path, monkeypatch):
    seen = answer_dialogs(monkeypatch, ["sea breeze at noon"])
    path = tmp_path / "new.rdk"
    services = app.Opener().open(path, create=True)
    services.participants.create(ParticipantDraft(given_name="Hemi", family_name="Parata"))
    app.close_practice(services)
    assert seen == ["new"]
    assert crypto.is_encrypted(path) and b"Parata" not in path.read_bytes()
    assert backups.list_backups(path)  # a rolling backup was taken on close


def test_protected_practice_asks_until_the_passphrase_is_right(qapp, tmp_practice, monkeypatch):
    crypto.encrypt_in_place(tmp_practice, "right words here")
    monkeypatch.setattr(crypto.RetryGate, "wait", lambda self: 0.0)
    seen = answer_dialogs(monkeypatch, ["wrong words", "right words here"])
    services = app.Opener().open(tmp_practice)
    assert seen == ["unlock", "unlock"]
    services.close()
    answer_dialogs(monkeypatch, [False])
    with pytest.raises(PracticeOpenError, match="needs its passphrase"):
        app.Opener().open(tmp_practice)


def test_damaged_practice_offers_the_newest_good_backup(qapp, tmp_practice, message_boxes):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Safe"))
    services.practice.backup_now()
    services.close()
    data = bytearray(tmp_practice.read_bytes())
    tmp_practice.write_bytes(bytes(data[: len(data) // 2]))
    services = app.Opener().open(tmp_practice)  # the recorder answers Yes
    assert any("damaged" in text for text in message_boxes.shown)
    assert [r.full_name for r in services.participants.list()] == ["Kiri Safe"]
    services.close()
    assert list(tmp_practice.parent.glob("*.damaged-*"))


def test_second_copy_of_the_app_is_refused(qapp, tmp_practice):
    first = app.Opener().open(tmp_practice)
    try:
        with pytest.raises(PracticeOpenError, match="already open"):
            app.Opener().open(tmp_practice)
    finally:
        first.close()


# -- the practice that opens at start: on the worker, once the window is on screen ----------
def start_window(qtbot, path, *, create=False):
    """As run_gui does: the window first, the practice opened once it has been painted."""
    from recoverydesk.ui.main_window import MainWindow

    opener = app.Opener()
    window = MainWindow(opener, staged=True)
    qtbot.addWidget(window)
    window.open_when_shown(app.StartupOpening(window, opener, path, create=create).start)
    window.show()
    return window


def close_window(qtbot, window) -> None:
    """As the app ends: the window is fully up, then closed, then its practice."""
    qtbot.waitUntil(lambda: window.workspace is not None and window._parts is not None,
                    timeout=30_000)
    window.close()
    app.close_practice(window.services)


def caseload_names(window) -> list[str]:
    model = window.list_panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_start_up_practice_opens_on_the_worker_and_hands_over_its_caseload(
        qtbot, tmp_practice, monkeypatch):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Waititi"))
    services.close()
    on_gui_thread = []
    real_list = ParticipantService.list

    def noting_list(self, *args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real_list(self, *args, **kwargs)

    real_caseload = caseload_module.caseload

    def noting_caseload(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real_caseload(*args, **kwargs)

    monkeypatch.setattr(ParticipantService, "list", noting_list)
    monkeypatch.setattr(caseload_module, "caseload", noting_caseload)
    tasks.use_thread_runner()  # the real worker, as in the app
    try:
        window = start_window(qtbot, tmp_practice)
        qtbot.waitUntil(lambda: window.list_panel is not None, timeout=30_000)
        # The caseload shows first, before the services are built (start-up's first half)...
        assert caseload_names(window) == ["Kiri Waititi"]
        qtbot.waitUntil(lambda: window.services is not None, timeout=30_000)
        # ...then they come, over the same list; every read was on the worker.
        assert on_gui_thread and not any(on_gui_thread)
        assert window.list_panel.services is window.services
        assert caseload_names(window) == ["Kiri Waititi"]
        close_window(qtbot, window)
    finally:
        tasks.shutdown()


def test_protected_practice_at_start_asks_on_screen_and_opens_on_the_worker(
        qtbot, tmp_practice, monkeypatch):
    crypto.encrypt_in_place(tmp_practice, "right words here")
    monkeypatch.setattr(crypto.RetryGate, "wait", lambda self: 0.0)
    started = []
    runs = drive_each(qtbot, lambda: started.append(start_window(qtbot, tmp_practice)), [
        (PassphraseDialog, typed_and_saved(qtbot, "wrong words")),
        (PassphraseDialog, typed_and_saved(qtbot, "right words here"))])
    assert [run.problems for run in runs] == [[], []]
    window = started[0]
    qtbot.waitUntil(lambda: window.services is not None, timeout=30_000)
    assert window.services._store.encrypted
    close_window(qtbot, window)


def test_declining_the_passphrase_at_start_leaves_the_welcome_and_says_why(
        qtbot, tmp_practice, message_boxes):
    crypto.encrypt_in_place(tmp_practice, "right words here")
    started = []
    run = drive(qtbot, PassphraseDialog,
                lambda: started.append(start_window(qtbot, tmp_practice)), click_cancel)
    assert run.problems == []
    window = started[0]
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=30_000)
    assert window.services is None
    assert window.stack.currentWidget() is window.welcome
    assert any("needs its passphrase" in text for text in message_boxes.shown)
    assert window.commands["open_practice"].isEnabled()  # the coach can open another


def typed_and_saved(qtbot, words: str):
    def act(dialog) -> None:
        dialog.new_edit.setText(words)
        # After a wrong try the button waits a moment (the dialog counts it down).
        box = button_box(dialog)
        ok = next(b for b in box.buttons()
                  if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        qtbot.waitUntil(ok.isEnabled, timeout=10_000)
        click_save(dialog)

    return act


def test_damaged_practice_at_start_is_restored_from_its_backup_and_opens(
        qtbot, tmp_practice, message_boxes):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Safe"))
    services.practice.backup_now()
    services.close()
    data = tmp_practice.read_bytes()
    tmp_practice.write_bytes(data[: len(data) // 2])
    window = start_window(qtbot, tmp_practice)  # the recorder answers Yes
    qtbot.waitUntil(lambda: window.list_panel is not None, timeout=30_000)
    assert any("damaged" in text for text in message_boxes.shown)
    assert caseload_names(window) == ["Kiri Safe"]
    close_window(qtbot, window)


def test_a_practice_with_nobody_in_it_yet_starts_fully(qtbot, tmp_practice):
    # The caseload shows its first step instead of a list; the rest still follows it.
    window = start_window(qtbot, tmp_practice)
    # (home, the workspace and the window's parts come a turn of the event loop each)
    qtbot.waitUntil(lambda: window.workspace is not None and window._parts is not None,
                    timeout=30_000)
    assert window.list_panel.empty.isVisible()
    assert window._parts is not None
    close_window(qtbot, window)


def test_file_open_opens_the_practice_on_the_worker(qtbot, tmp_practice, tmp_path, monkeypatch):
    """File > Open (and New, and the demo) go through the worker like start-up: the check, the
    key, an upgrade and the caseload never hold up the window."""
    from recoverydesk.ui.main_window import MainWindow

    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Waititi"))
    services.close()
    from recoverydesk.services.practice import opening

    on_gui_thread = []
    real_open = opening.open_services

    def noting_open(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real_open(*args, **kwargs)

    monkeypatch.setattr(opening, "open_services", noting_open)
    first = tmp_path / "first.rdk"
    window = MainWindow(app.Opener(interactive=False), staged=True)
    qtbot.addWidget(window)
    window.show()
    tasks.use_thread_runner()
    try:
        window.practice_files.open(first, create=True)
        qtbot.waitUntil(lambda: window.services is not None, timeout=30_000)
        opened_first = window.services
        window.practice_files.open(tmp_practice)  # File > Open while another is open
        qtbot.waitUntil(lambda: window.services is not opened_first, timeout=30_000)
        assert on_gui_thread == [False, False]  # both opened (and read) on the worker
        assert window.services.practice.path == tmp_practice
        assert caseload_names(window) == ["Kiri Waititi"]
        # the one it replaced is closed, on the worker after the new one shows (practice_files)
        qtbot.waitUntil(lambda: not opened_first.practice.is_open, timeout=30_000)
        close_window(qtbot, window)
    finally:
        tasks.shutdown()
