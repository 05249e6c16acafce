"""`recoverydesk restore`: a backup is verified as a practice before it replaces anything, and a
restore never leaves the practice less protected than it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from recoverydesk.cli import main
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.store.engine import APPLICATION_ID

WORDS = "lighthouse on the far headland"


def make_practice(path, family="Quokkason"):
    services = open_services(path, create=True)
    services.participants.create(ParticipantDraft(given_name="Mele", family_name=family))
    services.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder) -> dict[str, str]:
    """Every file and its bytes (the practice's lock file is the lock's business)."""
    return {p.name: digest(p) for p in folder.iterdir() if p.is_file() and p.suffix != ".lock"}


def cli(*args: str, passphrase: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERYDESK_")}
    if passphrase:
        env["RECOVERYDESK_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "recoverydesk", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_plain_backup_goes_back_into_a_protected_practice_encrypted(tmp_path):
    db, stick = tmp_path / "p.rdk", tmp_path / "stick" / "stick.rdk"
    make_practice(db)
    assert cli("backup", "--db", str(db), "--out", str(stick)).returncode == 0
    assert b"Quokkason" in stick.read_bytes()  # made before the practice was protected
    assert cli("encrypt", "--db", str(db), passphrase=WORDS).returncode == 0

    done = cli("restore", str(stick), "--db", str(db), passphrase=WORDS)
    assert done.returncode == 0, done.stderr
    assert "Restored stick.rdk" in done.stdout
    for f in (db, tmp_path / "p.rdk-wal"):
        assert not f.exists() or b"Quokkason" not in f.read_bytes()
    checked = cli("check", "--db", str(db), passphrase=WORDS)
    assert checked.returncode == 0, checked.stdout
    assert "Integrity: ok" in checked.stdout
    services = open_services(db, passphrase=WORDS)
    assert [r.full_name for r in services.participants.list()] == ["Mele Quokkason"]
    services.close()


def test_a_protected_practice_is_not_restored_without_its_passphrase(tmp_path, capsys,
                                                                     monkeypatch):
    db, stick = tmp_path / "p.rdk", tmp_path / "stick.rdk"
    make_practice(db)
    assert main(["backup", "--db", str(db), "--out", str(stick)]) == 0
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", WORDS)
    assert main(["encrypt", "--db", str(db)]) == 0
    before = digest(db)
    monkeypatch.delenv("RECOVERYDESK_PASSPHRASE")
    capsys.readouterr()
    assert main(["restore", str(stick), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "RECOVERYDESK_PASSPHRASE" in err and "Nothing was changed" in err
    assert digest(db) == before
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "not the one at all")
    assert main(["restore", str(stick), "--db", str(db)]) == 1
    assert "does not open p.rdk" in capsys.readouterr().err
    assert digest(db) == before


# -- files that are not practices -------------------------------------------------------------


def _empty_file(path, _practice):
    path.write_bytes(b"")


def _empty_database(path, _practice):
    sqlite3.connect(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")  # a real, empty SQLite file
    con.close()


def _foreign(path, _practice, app_id=0):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    con.execute("INSERT INTO photos (caption) VALUES ('sunset at the jetty')")
    con.execute(f"PRAGMA application_id = {app_id}")
    con.commit()
    con.close()


def _foreign_with_its_own_id(path, practice):
    _foreign(path, practice, app_id=0x4D504C53)


def _copy(path, practice):
    assert main(["backup", "--db", str(practice), "--out", str(path)]) == 0


def _newer(path, practice):
    _copy(path, practice)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


def _missing_table(path, practice):
    _copy(path, practice)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("DROP TABLE wrap_items")
    con.commit()
    con.close()


def _scribbled(path, practice):
    _copy(path, practice)
    con = sqlite3.connect(path)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'"
                       ).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start:start + page] = b"\xff" * page
    path.write_bytes(bytes(data))


def _text(path, _practice):
    path.write_text("Shopping list: bread, milk, sunscreen\n" * 50, encoding="utf-8")


CASES = [
    (_empty_file, "stick.rdk is an empty file, not a RecoveryDesk backup."),
    (_empty_database, "stick.rdk is an empty database, not a RecoveryDesk backup."),
    (_foreign, "stick.rdk is a database of another program"),
    (_foreign_with_its_own_id, "stick.rdk is a database of another program"),
    (_newer, "stick.rdk was made by a newer RecoveryDesk"),
    (_missing_table, "stick.rdk is damaged: part of it is missing (wrap_items)"),
    (_scribbled, "stick.rdk is damaged"),
    (_text, "stick.rdk is not a RecoveryDesk backup"),
]


@pytest.mark.parametrize(("make", "says"), CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_a_file_that_is_not_a_working_practice_is_refused_and_nothing_changes(
    tmp_path, capsys, make, says
):
    db = tmp_path / "p.rdk"
    make_practice(db)
    stick_dir = tmp_path / "stick"
    stick_dir.mkdir()
    stick = stick_dir / "stick.rdk"
    make(stick, db)
    practice_before, stick_before = folder_state(tmp_path), folder_state(stick_dir)
    capsys.readouterr()
    assert main(["restore", str(stick), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert says in captured.err and "Nothing was changed." in captured.err
    assert "Restored" not in captured.out and "Traceback" not in captured.err
    assert folder_state(tmp_path) == practice_before  # no backup taken, nothing set aside
    assert folder_state(stick_dir) == stick_before  # and no -wal/-shm left beside the file
    services = open_services(db)  # the practice still opens, as it was
    assert [r.full_name for r in services.participants.list()] == ["Mele Quokkason"]
    services.close()


def test_a_backup_of_an_older_version_is_still_accepted(tmp_path, capsys):
    """An older backup (fewer tables, an earlier revision) is a practice: it is upgraded when
    opened, so the check knows which tables each revision has."""
    from recoverydesk.models import Base
    from recoverydesk.store.migrate import _alembic_upgrade, head_revision, tables_at

    assert tables_at(head_revision()) == set(Base.metadata.tables)
    db, stick = tmp_path / "p.rdk", tmp_path / "stick.rdk"
    make_practice(db)
    _alembic_upgrade(stick, None, target="0004_wrap")  # a backup from four versions ago
    assert "goals" not in tables_at("0004_wrap")
    assert main(["restore", str(stick), "--db", str(db)]) == 0
    services = open_services(db)  # upgraded on opening
    assert services.participants.list() == []
    services.close()


def test_a_good_backup_without_our_application_id_is_accepted(tmp_path, capsys):
    db, stick = tmp_path / "p.rdk", tmp_path / "stick.rdk"
    make_practice(db)
    assert main(["backup", "--db", str(db), "--out", str(stick)]) == 0
    con = sqlite3.connect(stick)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.execute("PRAGMA application_id = 0")  # as a hand-made copy might be
    con.commit()
    con.close()
    assert main(["restore", str(stick), "--db", str(db)]) == 0
    services = open_services(db)
    assert len(services.participants.list()) == 1
    services.close()
