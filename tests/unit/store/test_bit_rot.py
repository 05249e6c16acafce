"""Bit rot: a damaged practice file is reported as damaged by every command (never a crash), and
never written to. The damage is made by writing raw bytes into a real practice file."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from recoverydesk.cli import main
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services


def make_practice(path):
    services = open_services(path, create=True)
    services.participants.create(ParticipantDraft(given_name="Mele", family_name="Quokkason"))
    services.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")  # everything in the one file, to damage it
    con.close()
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_of(path, name: str) -> tuple[int, int]:
    """(offset, size) of the root page of the table or index ``name``."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    con.close()
    return (root - 1) * size, size


def poke(path, offset: int, value: int) -> None:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(bytes([value]))


def garble_schema_name(path, kind: str, name: str, table: str) -> None:
    """Turn the second byte of ``name`` in its schema record into a byte that is not UTF-8."""
    data = path.read_bytes()
    record = (kind + name + table).encode()  # type, name, tbl_name sit side by side
    found = [m.start() for m in re.finditer(re.escape(record), data)]
    assert found
    for at in found:
        poke(path, at + len(kind) + 1, 0xFF)


def garble_first_date(path, table: str, byte: int) -> None:
    """Overwrite the first digit of the first ISO date stored in ``table``'s root page."""
    offset, size = page_of(path, table)
    page = path.read_bytes()[offset:offset + size]
    match = re.search(rb"\d{4}-\d{2}-\d{2}", page)
    assert match
    poke(path, offset + match.start() + 3, byte)


def quick_and_full(path) -> tuple[list, list]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        quick = [r[0] for r in con.execute("PRAGMA quick_check")]
        full = [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()
    return quick, full


def print_plan(db, out) -> int:
    return main(["print-plan", "Mele", "--db", str(db), "--out", str(out)])


def assert_refused_everywhere(db, tmp_path, capsys, detail: str) -> None:
    """check says damaged; print-plan, export and backup refuse in words and write nothing."""
    before = digest(db)
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "damaged" in out and detail in out
    pdf = tmp_path / "plan.pdf"
    assert print_plan(db, pdf) == 1
    assert "p.rdk is damaged" in capsys.readouterr().err
    assert not pdf.exists()
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "all.json")]) == 1
    assert "p.rdk is damaged" in capsys.readouterr().err
    assert main(["backup", "--db", str(db)]) == 1
    assert "p.rdk is damaged" in capsys.readouterr().err
    assert digest(db) == before  # never written to
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("p.rdk")) == [
        n for n in ["p.rdk", "p.rdk.lock"] if (tmp_path / n).exists()]


@pytest.mark.parametrize(("kind", "name", "table"), [
    ("table", "strengths", "strengths"),
    ("index", "ix_participants_archived", "participants"),
])
def test_a_garbled_name_in_the_schema_is_damage_not_a_crash(tmp_path, capsys, kind, name, table):
    db = make_practice(tmp_path / "p.rdk")
    garble_schema_name(db, kind, name, table)
    assert_refused_everywhere(db, tmp_path, capsys, "p.rdk is damaged")


def test_a_flipped_byte_in_a_stored_date_is_damage_not_a_crash(tmp_path, capsys):
    db = make_practice(tmp_path / "p.rdk")
    garble_first_date(db, "participants", 0xFF)  # not UTF-8: "Could not decode to UTF-8"
    assert_refused_everywhere(db, tmp_path, capsys, "participants.created_at")


def test_a_date_that_is_text_but_not_a_date_is_damage(tmp_path, capsys):
    db = make_practice(tmp_path / "p.rdk")
    garble_first_date(db, "participants", ord("x"))  # valid text, no longer a date
    assert_refused_everywhere(db, tmp_path, capsys, "participants.created_at")


def test_index_damage_the_quick_check_misses_stops_print_plan_writing(tmp_path, capsys):
    db = make_practice(tmp_path / "p.rdk")
    offset, size = page_of(db, "ix_audit_events_at")
    page = db.read_bytes()[offset:offset + size]
    match = re.search(rb"\d{4}-\d{2}-\d{2}", page)
    assert match
    poke(db, offset + match.start() + 2, ord("9"))  # the index says 2096, the row 2026
    quick, full = quick_and_full(db)
    assert quick == ["ok"] and full != ["ok"]  # the start-up check cannot see it
    assert_refused_everywhere(db, tmp_path, capsys, "ix_audit_events_at")


def test_print_plan_on_a_damaged_file_says_so_without_a_traceback(tmp_path):
    db = make_practice(tmp_path / "p.rdk")
    garble_first_date(db, "participants", 0xFF)
    before = digest(db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERYDESK_")}
    run = subprocess.run(
        [sys.executable, "-m", "recoverydesk", "print-plan", "Mele", "--db", str(db), "--out",
         str(tmp_path / "plan.pdf")], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "decode" not in run.stderr
    assert "p.rdk is damaged" in run.stderr
    assert digest(db) == before


def test_a_whole_file_passes(tmp_path, capsys):
    db = make_practice(tmp_path / "p.rdk")
    assert main(["check", "--db", str(db)]) == 0
    assert "Integrity: ok" in capsys.readouterr().out
    pdf = tmp_path / "plan.pdf"
    assert print_plan(db, pdf) == 0 and pdf.exists()


def test_the_start_up_check_finds_a_flipped_date_and_offers_the_backup(tmp_path):
    """The window's start-up check (run when the file changed since its last backup) looks at
    the values too, not only the structure quick_check sees."""
    from recoverydesk.services.practice.types import DamagedPracticeError
    from recoverydesk.store.backup import take_backup

    db = make_practice(tmp_path / "p.rdk")
    good = take_backup(db)
    garble_first_date(db, "participants", ord("x"))
    before = digest(db)
    with pytest.raises(DamagedPracticeError) as refused:
        open_services(db, lock=True)
    assert refused.value.backup is not None and refused.value.backup.path == good.path
    assert digest(db) == before


@pytest.mark.parametrize("byte", [0xFF, ord("x")])
def test_a_value_read_from_a_rotten_file_counts_as_damage(tmp_path, byte):
    """When a read does meet bit rot (a file opened before it rotted), the error is known as
    damage, so the window says so in words and checks the file in full at the next start."""
    from recoverydesk.services.container import Services
    from recoverydesk.services.practice.types import PracticeDamagedError
    from recoverydesk.store.session import Store

    db = make_practice(tmp_path / "p.rdk")
    garble_first_date(db, "participants", byte)
    services = Services(Store(db))
    try:
        with pytest.raises(Exception) as met:
            services.participants.get(1)
    finally:
        services.close()
    assert isinstance(met.value, PracticeDamagedError)  # the window checks the type


def test_a_backup_with_a_flipped_date_is_not_restored(tmp_path, capsys):
    db = make_practice(tmp_path / "p.rdk")
    stick = tmp_path / "stick.rdk"
    assert main(["backup", "--db", str(db), "--out", str(stick)]) == 0
    garble_first_date(stick, "participants", 0xFF)
    before = digest(db)
    capsys.readouterr()
    assert main(["restore", str(stick), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "stick.rdk is damaged" in err and "participants.created_at" in err
    assert digest(db) == before
