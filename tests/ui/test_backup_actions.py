"""The File menu's safe-keeping actions, as a coach uses them: back up now, back up to a folder,
restore from the list, protect with a passphrase and change it, export everything and import."""

from __future__ import annotations

import json

import pytest
from live_dialogs import click_cancel, drive, drive_each
from PySide6.QtWidgets import QFileDialog

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice.opening import open_services
from recoverydesk.store import crypto
from recoverydesk.store.backup import verify_file
from recoverydesk.ui.dialogs.passphrase import PassphraseDialog
from recoverydesk.ui.dialogs.restore import RestoreDialog


@pytest.fixture
def window(qtbot, tmp_practice, file_opener):
    from recoverydesk.ui.main_window import MainWindow

    services = file_opener.open(tmp_practice)
    w = MainWindow(file_opener, services)
    qtbot.addWidget(w)
    w.show()
    qtbot.wait(10)
    yield w
    if w.services is not None:
        w.services.close()


def add(window, given="Aroha", family="Tidewater"):
    p = window.services.participants.create(ParticipantDraft(given_name=given, family_name=family)).value
    window.open_participant(p.id, "network")
    return p


def names(window) -> list[str]:
    return [r.full_name for r in window.services.participants.list(include_archived=True)]


def test_back_up_now_and_to_a_chosen_folder(window, tmp_path, monkeypatch):
    add(window)
    window.commands["backup_now"].trigger()
    [row] = backups.list_backups(window.services.practice.path)
    assert verify_file(row.path) == []
    assert "Backed up and checked" in window.statusBar().currentMessage()
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    window.commands["backup_to"].trigger()
    [copy] = list(stick.glob("*.rdk"))
    assert verify_file(copy) == []
    copy_services = open_services(copy)
    assert [r.full_name for r in copy_services.participants.list()] == ["Aroha Tidewater"]
    copy_services.close()


def test_restore_goes_back_and_keeps_the_place(window, message_boxes, qtbot):
    p = add(window)
    window.commands["backup_now"].trigger()
    window.services.participants.create(ParticipantDraft(given_name="Later", family_name="Added"))
    assert len(names(window)) == 2
    chosen = backups.list_backups(window.services.practice.path)[0].path

    def pick(dialog):
        assert dialog.list.topLevelItemCount() == 1  # the list, with date and size
        assert dialog.list.topLevelItem(0).text(1).endswith("KB")
        assert dialog.list.currentItem().text(2) == chosen.name
        dialog.restore_button.click()

    assert drive(qtbot, RestoreDialog, window.commands["restore"].trigger, pick).problems == []
    assert names(window) == ["Aroha Tidewater"]
    back_at(qtbot, window, p.id)
    assert window.workspace.tabs.currentWidget().key == "network"
    # what it replaced was backed up first, so the coach can change their mind
    rows = backups.list_backups(window.services.practice.path)
    replaced = [r for r in rows if r.path != chosen]
    assert replaced
    kept = open_services(replaced[0].path)
    assert len(kept.participants.list()) == 2
    kept.close()


def back_at(qtbot, window, pid):
    """The practice shown again goes back to the participant (the window may build itself a
    turn at a time first, as File > Open does)."""
    qtbot.waitUntil(lambda: window.current_participant_id() == pid, timeout=5000)


def set_passphrase(qtbot, window, new, current=None):
    """File > Protect (or Change) the passphrase, typed into the real dialog."""

    def answer(dialog):
        dialog.new_edit.setText(new)
        dialog.confirm_edit.setText(new)
        if current is not None:
            dialog.current_edit.setText(current)
        dialog.ok_button.click()

    run = drive(qtbot, PassphraseDialog, window.commands["passphrase"].trigger, answer)
    assert run.problems == []


def pick_file(monkeypatch, path):
    """The restore list's "Restore from another file…", answered with ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    return lambda dialog: dialog.other.click()


def test_protect_then_change_the_passphrase(window, qtbot):
    p = add(window)
    path = window.services.practice.path
    window.commands["backup_now"].trigger()
    assert window.commands["passphrase"].text().startswith("Protect")
    set_passphrase(qtbot, window, "seagull on the jetty")
    assert crypto.is_encrypted(path) and b"Tidewater" not in path.read_bytes()
    [row] = backups.list_backups(path)  # the backup was re-locked too
    assert b"Tidewater" not in row.path.read_bytes()
    assert verify_file(row.path, "seagull on the jetty") == []
    back_at(qtbot, window, p.id)  # back where the coach was
    assert window.commands["passphrase"].text().startswith("Change")

    set_passphrase(qtbot, window, "pelican over the bay", current="seagull on the jetty")
    assert verify_file(path, "pelican over the bay") == []
    assert verify_file(path, "seagull on the jetty") != []
    assert verify_file(row.path, "pelican over the bay") == []
    assert names(window) == ["Aroha Tidewater"]


def test_export_everything_then_import_it_as_a_new_practice(window, tmp_path, monkeypatch):
    add(window)
    out = tmp_path / "everything.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.commands["export_all"].trigger()
    doc = json.loads(out.read_text("utf-8"))
    assert doc["participants"][0]["family_name"] == "Tidewater"

    new = tmp_path / "moved.rdk"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    window.opener.new_passphrase = "new laptop new words"
    window.commands["import_all"].trigger()
    assert window.services.practice.path == new
    assert names(window) == ["Aroha Tidewater"]
    assert crypto.is_encrypted(new)


def test_a_bad_import_leaves_no_new_practice_behind(window, tmp_path, monkeypatch, message_boxes):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    new = tmp_path / "moved.rdk"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    before = window.services.practice.path
    window.commands["import_all"].trigger()
    assert any("not a RecoveryDesk export" in text for text in message_boxes.shown)
    assert not new.exists() and not list(tmp_path.glob("moved.rdk*"))
    assert window.services.practice.path == before  # the open practice stays open


def test_restoring_a_stick_backup_made_under_the_old_passphrase_asks_for_it(
    window, tmp_path, monkeypatch, message_boxes, qtbot
):
    p = add(window)
    path = window.services.practice.path
    set_passphrase(qtbot, window, "seagull on the jetty")
    back_at(qtbot, window, p.id)
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    window.commands["backup_to"].trigger()
    [copy] = list(stick.glob("*.rdk"))
    stick_bytes = copy.read_bytes()
    set_passphrase(qtbot, window, "pelican over the bay", current="seagull on the jetty")
    back_at(qtbot, window, p.id)
    window.services.participants.create(ParticipantDraft(given_name="Later", family_name="Added"))

    asked = []

    def type_old_passphrase(dialog):
        asked.append((dialog.windowTitle(), dialog.intro.text(), dialog.error.text()))
        dialog.new_edit.setText("a wrong guess" if len(asked) == 1 else "seagull on the jetty")
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=5000)  # after a wrong one, a wait
        dialog.ok_button.click()

    runs = drive_each(qtbot, window.commands["restore"].trigger, [
        (RestoreDialog, pick_file(monkeypatch, copy)),
        (PassphraseDialog, type_old_passphrase), (PassphraseDialog, type_old_passphrase)])
    assert [r.problems for r in runs] == [[], [], []]
    assert len(asked) == 2
    title, intro, error = asked[0]
    assert title == "Restore a backup" and copy.name in intro
    assert "different passphrase" in intro and "current passphrase" in intro
    assert "does not open" in asked[1][2]  # the wrong guess was said in place
    assert any("locked with your current passphrase" in text for text in message_boxes.shown)
    assert names(window) == ["Aroha Tidewater"]
    back_at(qtbot, window, p.id)
    assert verify_file(path, "pelican over the bay") == []  # re-locked with today's passphrase
    assert verify_file(path, "seagull on the jetty") != []
    assert b"Tidewater" not in path.read_bytes()
    assert copy.read_bytes() == stick_bytes
    counts = []
    for row in backups.list_backups(path):
        kept = open_services(row.path, passphrase="pelican over the bay")
        counts.append(len(kept.participants.list()))
        kept.close()
    assert 2 in counts  # what it replaced was backed up first, under today's passphrase


def test_giving_up_on_an_old_backups_passphrase_changes_nothing(window, tmp_path, monkeypatch,
                                                                 qtbot):
    add(window)
    set_passphrase(qtbot, window, "seagull on the jetty")
    other = tmp_path / "someone-elses.rdk"
    services = window.opener.open(other, create=True, passphrase="another practice entirely")
    services.close()
    steps = [(RestoreDialog, pick_file(monkeypatch, other)), (PassphraseDialog, click_cancel)]
    before = window.services.practice.path.read_bytes()
    runs = drive_each(qtbot, window.commands["restore"].trigger, steps)
    assert [r.problems for r in runs] == [[], []]
    assert names(window) == ["Aroha Tidewater"] and window.services._store.is_open
    assert window.services.practice.path.read_bytes() == before
