"""File > Restore refuses a file that is not a working practice, in the same words as the command
line (one service function for both), and the open practice stays as it was."""

from __future__ import annotations

import sqlite3

import pytest
from live_dialogs import click_save, drive

from recoverydesk.paths import backups_dir_for
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
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


def _other_programs_database(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    con.commit()
    con.close()


def test_the_window_refuses_a_database_of_another_program(window, message_boxes, qtbot):
    window.services.participants.create(ParticipantDraft(given_name="Aroha",
                                                         family_name="Tidewater"))
    practice = window.services.practice.path
    folder = backups_dir_for(practice)
    folder.mkdir(parents=True, exist_ok=True)
    impostor = folder / f"{practice.stem}-20260301-090000.rdk"  # listed like a backup
    _other_programs_database(impostor)
    assert [r.path for r in backups.list_backups(practice)] == [impostor]
    run = drive(qtbot, RestoreDialog, window.commands["restore"].trigger, click_save)  # Restore
    assert run.problems == []
    assert any("is a database of another program" in text and "Nothing was changed" in text
               for text in message_boxes.shown)
    assert not any(text.startswith("Restored") for text in message_boxes.shown)
    assert window.services is not None  # the practice is open again, as it was
    assert [r.full_name for r in window.services.participants.list()] == ["Aroha Tidewater"]
    assert [r.path for r in backups.list_backups(practice)] == [impostor]  # nothing taken
    assert not list(practice.parent.glob("*.damaged-*"))
