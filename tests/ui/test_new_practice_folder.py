"""Starting a new practice offers the coach's data folder (made owner-only if it is new), never
whatever folder the app happened to be started from. The save dialog runs for real."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog


def _read_and_cancel(found: list):
    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, poke)
            return
        found.append(Path(dialog.directory().absolutePath()))
        dialog.reject()

    QTimer.singleShot(0, poke)


def test_new_practice_offers_the_data_folder_not_the_start_folder(
    main_window, opener, tmp_path, monkeypatch
):
    started_in = tmp_path / "started-here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    data = tmp_path / "home" / ".local" / "share" / "RecoveryDesk"  # not made yet
    monkeypatch.setattr(opener, "default_path", lambda: data / "practice.rdk")
    found: list[Path] = []
    _read_and_cancel(found)
    main_window.new_practice()
    assert found == [data]
    assert data.is_dir()
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    assert opener.opened == []  # cancelled: nothing was created


def test_open_practice_also_starts_in_the_data_folder(main_window, opener, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "AppData" / "RecoveryDesk"
    monkeypatch.setattr(opener, "default_path", lambda: data / "practice.rdk")
    found: list[Path] = []
    _read_and_cancel(found)
    main_window.open_practice_dialog()
    assert found == [data]


def test_importing_an_export_offers_the_data_folder_for_the_new_practice(
    main_window, opener, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    export = tmp_path / "exports" / "harbour-export.json"
    export.parent.mkdir()
    export.write_text("{}", encoding="utf-8")
    data = tmp_path / "Library" / "RecoveryDesk"
    monkeypatch.setattr(opener, "default_path", lambda: data / "practice.rdk")
    found: list[Path] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        if not found and dialog.acceptMode() == QFileDialog.AcceptMode.AcceptOpen:
            found.append(Path("opened"))
            dialog.selectFile(str(export))
            dialog.accept()
            QTimer.singleShot(0, answer)
            return
        found.append(Path(dialog.directory().absolutePath()))
        dialog.reject()

    QTimer.singleShot(0, answer)
    main_window.commands["import_all"].trigger()
    assert found == [Path("opened"), data]
