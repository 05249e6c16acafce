"""check and the refusals say what is wrong in words, and leave the practice's folder as it was."""

from __future__ import annotations

import sqlite3

import pytest

from recoverydesk.cli import main
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.store import crypto

WORDS = "pelicans over the estuary"


def make_practice(path):
    services = open_services(path, create=True)
    services.participants.create(ParticipantDraft(given_name="Mele", family_name="Quokkason"))
    services.close()
    return path


def side_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm")))


def test_check_with_a_wrong_passphrase_says_so_rather_than_damaged(tmp_path, capsys,
                                                                   monkeypatch):
    db = make_practice(tmp_path / "p.rdk")
    crypto.encrypt_in_place(db, WORDS)
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "seagulls over the estuary")
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    # From outside, a locked practice and a file that is no practice look the same.
    assert out.startswith("That passphrase does not open p.rdk, or it is not a RecoveryDesk")
    assert "Damaged" not in out
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", WORDS)
    assert main(["check", "--db", str(db)]) == 0


def _newer(db):
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


def _damaged(db):
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'"
                       ).fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * size
    data[start:start + size] = b"\xff" * size
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil", [_newer, _damaged])
@pytest.mark.parametrize("command", [
    ["check"], ["export", "--out", "all.json"], ["backup"],
    ["print-plan", "Mele", "--out", "plan.pdf"],
])
def test_a_refused_file_is_left_without_new_side_files(tmp_path, capsys, spoil, command):
    db = make_practice(tmp_path / "p.rdk")
    spoil(db)
    assert side_files(tmp_path) == []
    before = db.read_bytes()
    args = [a if not a.endswith((".json", ".pdf")) else str(tmp_path / a) for a in command]
    assert main([*args, "--db", str(db)]) in (0, 1)  # check of a newer file: it is whole
    captured = capsys.readouterr()
    assert "newer" in captured.out + captured.err or "damaged" in captured.out + captured.err
    assert side_files(tmp_path) == []
    assert db.read_bytes() == before
