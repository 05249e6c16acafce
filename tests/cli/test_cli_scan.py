"""A command looks a practice over in full (about 50 ms per MB) only when it changed since its
last verified backup, and once, not twice; an unchanged practice opens straight away. Damage
that slipped past (bit rot keeping the file's size and time) is still refused in words, and the
next command looks the file over in full."""

from __future__ import annotations

import os
import re
import sqlite3

import pytest

from recoverydesk.cli import main
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import holding, opening


@pytest.fixture
def practice(tmp_path):
    db = tmp_path / "p.rdk"
    services = opening.open_services(db, create=True)
    services.participants.create(ParticipantDraft(given_name="Mele", family_name="Quokkason"))
    services.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = DELETE")  # everything in the one file
    con.close()
    return db


@pytest.fixture
def scans(monkeypatch):
    seen: list[int] = []
    real = holding.connection_problems

    def counted(conn):
        seen.append(1)
        return real(conn)

    monkeypatch.setattr(holding, "connection_problems", counted)
    return seen


def export(db, tmp_path, name="all.json") -> int:
    return main(["export", "--db", str(db), "--out", str(tmp_path / name)])


def test_a_changed_practice_is_looked_over_once_and_an_unchanged_one_not_again(
        practice, tmp_path, scans):
    assert export(practice, tmp_path) == 0
    assert len(scans) == 1  # never backed up: looked over in full, once
    assert main(["backup", "--db", str(practice)]) == 0
    scans.clear()
    assert export(practice, tmp_path, "again.json") == 0
    assert export(practice, tmp_path, "third.json") == 0
    assert scans == []  # unchanged since its verified backup
    con = sqlite3.connect(practice)  # another program writes to it
    con.execute("UPDATE participants SET given_name = 'Mele-Ana'")
    con.commit()
    con.close()
    assert export(practice, tmp_path, "changed.json") == 0
    assert len(scans) == 1


def test_bit_rot_in_an_unchanged_practice_is_refused_in_words_then_checked_in_full(
        practice, tmp_path, scans, capsys):
    assert main(["backup", "--db", str(practice)]) == 0
    stat = practice.stat()
    con = sqlite3.connect(practice)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'"
                       ).fetchone()[0]
    con.close()
    data = bytearray(practice.read_bytes())
    page = data[(root - 1) * size: root * size]
    at = (root - 1) * size + re.search(rb"\d{4}-\d{2}-\d{2}", page).start() + 3
    data[at] = 0xFF  # a stored date that is no longer text
    practice.write_bytes(bytes(data))
    os.utime(practice, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as bit rot would
    scans.clear()
    capsys.readouterr()
    assert export(practice, tmp_path) == 1  # not a crash: in words
    assert scans == []  # it looked unchanged
    assert "damaged" in capsys.readouterr().err
    assert not (tmp_path / "all.json").exists()
    assert export(practice, tmp_path) == 1  # now looked over in full, and refused
    assert len(scans) == 1
    err = capsys.readouterr().err
    assert "p.rdk is damaged" in err and "newest good backup" in err
