"""Which practice opens at start: the one asked for, else the one the coach used last."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from recoverydesk.app import start_practice_path
from recoverydesk.paths import default_practice_path


def test_the_practice_open_last_time_opens_again(qapp, tmp_path, monkeypatch):
    QSettings().remove("practice/last")
    assert start_practice_path(None) == default_practice_path()  # first start: the welcome
    mine = tmp_path / "Documents" / "my practice.rdk"
    mine.parent.mkdir()
    mine.write_bytes(b"x")
    QSettings().setValue("practice/last", str(mine))
    assert start_practice_path(None) == mine
    assert start_practice_path(tmp_path / "asked.rdk") == tmp_path / "asked.rdk"
    monkeypatch.setenv("RECOVERYDESK_DB", str(tmp_path / "env.rdk"))
    assert start_practice_path(None) == tmp_path / "env.rdk"
    monkeypatch.delenv("RECOVERYDESK_DB")
    mine.unlink()  # moved or deleted since: back to the default (and the welcome screen)
    assert start_practice_path(None) == default_practice_path()
