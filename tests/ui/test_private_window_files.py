"""Files the window writes itself are the coach's alone too (issue 15 item 9): the hours CSV,
saved under the usual umask (022) with an older 0644 file in its place. A file that cannot be
written is said in words, as the command line does (issue 15 item 5), never "did not expect"."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput, local_midnight
from recoverydesk.ui.dialogs import hours_report
from recoverydesk.ui.dialogs.hours_report import HoursReportDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (no-ops there)")


def test_the_hours_csv_is_owner_only_even_over_a_readable_one(main_window, services, qtbot,
                                                             tmp_path, monkeypatch):
    before = os.umask(0o022)
    try:
        p = services.participants.create(ParticipantDraft(given_name="Aroha", family_name="Ngata")).value
        last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        services.sessions.create(p.id, SessionInput(
            starts_at=local_midnight(last_month) + dt.timedelta(hours=10), duration_minutes=60,
            location_kind="cafe"))
        folder = tmp_path / "exports"
        folder.mkdir()
        target = folder / "hours.csv"
        target.write_text("old\n")
        target.chmod(0o644)
        dialog = HoursReportDialog(main_window)
        qtbot.addWidget(dialog)
        dialog.select_month(last_month)
        monkeypatch.setattr(hours_report.QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(target), "")))
        dialog.save_csv()
        qtbot.waitUntil(lambda: "Aroha" in target.read_text(encoding="utf-8-sig"))
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert [f.name for f in folder.iterdir()] == ["hours.csv"]  # no temporary file left
    finally:
        os.umask(before)


def test_an_hours_csv_that_cannot_be_saved_leaves_nothing_half_written(
        main_window, services, qtbot, tmp_path, monkeypatch, message_boxes):
    """A folder already has the name (or the disk is full): the half-written file is removed
    and the sentence names the file the coach chose, not its temporary twin."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "hours.csv").mkdir()
    dialog = HoursReportDialog(main_window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(hours_report.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(folder / "hours.csv"), "")))
    dialog.save_csv()
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    [said] = message_boxes.shown
    assert said.startswith(f"{folder / 'hours.csv'} is a folder"), said  # not "did not expect"
    assert [f.name for f in folder.iterdir()] == ["hours.csv"]


def test_a_file_open_in_another_program_is_said_in_words(qapp, message_boxes):
    """Windows refuses to replace a PDF a reader has open (PermissionError): the coach is told
    to close it there or choose another place, not that something unexpected happened."""
    from recoverydesk.ui import errors

    errors.show_exception(PermissionError(13, "Permission denied", "C:/Users/coach/plan.pdf"))
    [said] = message_boxes.shown
    assert "plan.pdf" in said and "open in another program" in said, said
    assert "did not expect" not in said
