"""recoverydesk move-to-server, and export/import with --db postgresql://… (issue 20 item 5), on
the real throwaway PostgreSQL server: a demo practice file (plain, or locked with a passphrase
typed at the prompt) arrives whole and the file is only read; a database that holds a practice
is refused in words; an export of the team practice imports into another new database."""

from __future__ import annotations

import getpass
import hashlib
import io
import json
import subprocess
import sys

import pytest

from recoverydesk.cli import main


def _address(pg_cluster, database: str, user: str = "postgres") -> str:
    return f"postgresql://{user}@/{database}?host={pg_cluster.folder}&port={pg_cluster.port}"


@pytest.fixture
def empty_db(pg_cluster):
    """A database with nothing in it: the move sets the practice up itself."""
    name = pg_cluster.new_database()
    yield name
    pg_cluster.drop_database(name)


@pytest.fixture
def team_db(pg_cluster, pg_template):
    name = pg_cluster.new_database(template=pg_template)
    yield name
    pg_cluster.drop_database(name)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _export(db: str, out) -> dict:
    assert main(["export", "--db", db, "--out", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    doc.pop("exported_at")
    return doc


def test_a_practice_file_moves_to_an_empty_database_and_exports_the_same(
        demo_copy, pg_cluster, empty_db, tmp_path, capsys):
    practice = demo_copy(6, 1)
    before = _digest(practice)
    address = _address(pg_cluster, empty_db)
    assert main(["move-to-server", "--db", str(practice), "--to", address]) == 0
    said = capsys.readouterr().out
    assert "Moved 6 participants and" in said and "every record was checked" in said
    assert "assigned to postgres" in said and "demo.rdk was only read" in said
    assert "  sessions " in said or ", sessions " in said
    assert _digest(practice) == before

    from_file = _export(str(practice), tmp_path / "file.json")
    from_server = _export(address, tmp_path / "server.json")
    for person in from_file["participants"]:
        person["coach_role"] = "postgres"
    # and the mover is the team's lead, named as the file names its coach
    assert from_file.pop("coaches") == []
    (lead,) = from_server["coaches"]
    assert (lead["role"], lead["lead"]) == ("postgres", True) and lead["display_name"]
    assert {k: v for k, v in from_server.items() if k != "coaches"} == from_file

    # the export of the team practice imports into another new one, and comes back the same
    other = pg_cluster.new_database()
    try:
        again = _address(pg_cluster, other)
        assert main(["import", str(tmp_path / "server.json"), "--db", again]) == 0
        assert "Imported 6 participants" in capsys.readouterr().out
        assert _export(again, tmp_path / "again.json") == from_server
        # import keeps to new practices on a server too
        assert main(["import", str(tmp_path / "server.json"), "--db", again]) == 2
        assert "already holds a practice (6 participants)" in capsys.readouterr().err
    finally:
        pg_cluster.drop_database(other)


def test_a_locked_practice_file_asks_for_its_passphrase(demo_copy, pg_cluster, team_db,
                                                        monkeypatch, capsys):
    practice = demo_copy(3, 1)
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "correct horse battery")
    assert main(["encrypt", "--db", str(practice)]) == 0
    # (its first opening after encrypting settles the file's header: bytes change, records not)
    assert main(["export", "--db", str(practice), "--out", str(practice.with_suffix(".json"))]) == 0
    monkeypatch.delenv("RECOVERYDESK_PASSPHRASE")
    typed = iter(["not it", "correct horse battery"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    monkeypatch.setattr("sys.stdin", _Terminal())
    before = _digest(practice)
    assert main(["move-to-server", "--db", str(practice),
                 "--to", _address(pg_cluster, team_db)]) == 0
    out = capsys.readouterr()
    assert "Moved 3 participants" in out.out and "passphrase" in out.err
    assert _digest(practice) == before


def test_a_database_that_holds_a_practice_is_refused_in_words(demo_copy, pg_cluster, team_db,
                                                            capsys):
    address = _address(pg_cluster, team_db)
    assert main(["move-to-server", "--db", str(demo_copy(3, 1)), "--to", address]) == 0
    capsys.readouterr()
    assert main(["move-to-server", "--db", str(demo_copy(3, 1)), "--to", address]) == 2
    err = capsys.readouterr().err
    assert "already holds a practice (3 participants), so nothing was changed" in err
    assert "Traceback" not in err


def test_the_addresses_are_checked_before_anything_opens(demo_copy, capsys):
    practice = demo_copy(3, 1)
    assert main(["move-to-server", "--db", str(practice), "--to", str(practice)]) == 2
    assert "--to must be a team practice's address" in capsys.readouterr().err
    assert main(["move-to-server", "--db", "postgresql://x@/y", "--to",
                 "postgresql://x@/z"]) == 2
    assert "moves a practice file" in capsys.readouterr().err


WINDOW = r"""
import sys, time
from pathlib import Path
from recoverydesk.services.practice.opening import open_services
services = open_services(sys.argv[1], lock=True)
print("open", flush=True)
deadline = time.monotonic() + 120
while time.monotonic() < deadline and not Path(sys.argv[2]).exists():
    time.sleep(0.05)
services.close()
"""


def test_a_practice_open_in_the_window_is_not_moved(demo_copy, pg_cluster, team_db, tmp_path,
                                                    capsys):
    practice = demo_copy(3, 1)
    stop = tmp_path / "close-the-window"
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(practice), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "open"
        code = main(["move-to-server", "--db", str(practice),
                     "--to", _address(pg_cluster, team_db)])
    finally:
        stop.touch()
        window.communicate(timeout=60)
    assert code == 1
    assert "is open in RecoveryDesk on this computer" in capsys.readouterr().err
    assert main(["move-to-server", "--db", str(practice),
                 "--to", _address(pg_cluster, team_db)]) == 0  # the server was left empty


def test_the_readme_s_setup_a_lead_who_owns_a_new_database_moves_in_then_adds_coaches(
        demo_copy, pg_cluster, capsys):
    import uuid

    lead, coach = f"lead_{uuid.uuid4().hex[:8]}", f"coach_{uuid.uuid4().hex[:8]}"
    pg_cluster.execute(f"CREATE ROLE {lead} LOGIN CREATEROLE")  # createuser --createrole lead
    database = pg_cluster.new_database()
    pg_cluster.execute(f"ALTER DATABASE {database} OWNER TO {lead}")  # createdb --owner lead
    address = _address(pg_cluster, database, lead)
    try:
        assert main(["move-to-server", "--db", str(demo_copy(3, 1)), "--to", address]) == 0
        assert f"assigned to {lead}" in capsys.readouterr().out
        password = io.StringIO("a-long-password\n")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("sys.stdin", password)
            assert main(["team", "add-coach", coach, "--name", "Kim Lee", "--password-stdin",
                         "--db", address]) == 0
        assert main(["team", "list", "--db", address]) == 0
        assert "Kim Lee" in capsys.readouterr().out
    finally:
        pg_cluster.drop_database(database)
