"""recoverydesk backup --db postgresql://… (issue 20 item 5), on the real throwaway server: the
verified JSON export always, and pg_dump -Fc beside it when pg_dump is on the computer (the
password only in pg_dump's environment, never on its command line); plain words when pg_dump is
missing or fails; owner-only files, nothing half-written left behind; a coach's export holds
their own participants and no dump is made for them."""

from __future__ import annotations

import getpass
import io
import json
import os
import stat
import subprocess
import sys
import uuid

import pytest

from recoverydesk.cli import main
from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.team.types import NewCoach
from recoverydesk.store import server_backup
from recoverydesk.store.server import ServerStore


def _address(pg_cluster, database: str, user: str = "postgres", *, password: str = "",
             tcp: bool = False) -> str:
    if tcp:
        who = f"{user}:{password}" if password else user
        return f"postgresql://{who}@127.0.0.1:{pg_cluster.port}/{database}"
    return f"postgresql://{user}@/{database}?host={pg_cluster.folder}&port={pg_cluster.port}"


@pytest.fixture
def team_db(pg_cluster, pg_template):
    name = pg_cluster.new_database(template=pg_template)
    services = Services(ServerStore(pg_cluster.url(name)))
    for given in ("Aroha", "Mere", "Tama"):
        services.participants.create(ParticipantDraft(given_name=given, family_name="Walker"))
    services.close()
    yield name
    pg_cluster.drop_database(name)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _private(path) -> bool:
    return sys.platform == "win32" or stat.S_IMODE(path.stat().st_mode) == 0o600


def _files(folder) -> dict[str, list]:
    return {suffix: sorted(folder.glob(f"*{suffix}")) for suffix in (".json", ".pgdump",
                                                                     ".partial")}


@pytest.fixture
def runs(monkeypatch):
    """Every program the backup runs: its command line and its environment."""
    seen = []
    real = subprocess.run

    def spy(command, *args, **kwargs):
        seen.append((list(command), dict(kwargs.get("env") or {})))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(server_backup.subprocess, "run", spy)
    return seen


def test_pg_dump_and_the_verified_export_both_written(pg_cluster, team_db, pg_password_role,
                                                      tmp_path, runs, monkeypatch, capsys):
    role, password = pg_password_role
    pg_cluster.execute(f"ALTER ROLE {role} SUPERUSER")  # (signing in with a password is the point)
    folder = tmp_path / "backups"
    address = _address(pg_cluster, team_db, role, tcp=True)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal to ask at: refused
    assert main(["backup", "--db", address, "--out", str(folder)]) == 1
    assert "password" in capsys.readouterr().err and not folder.exists()
    # typed at the prompt (never echoed), as the lead would
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": password)
    monkeypatch.setattr("sys.stdin", _Terminal())
    assert main(["backup", "--db", address, "--out", str(folder)]) == 0
    said = capsys.readouterr().out
    files = _files(folder)
    assert len(files[".json"]) == 1 and len(files[".pgdump"]) == 1 and not files[".partial"]
    export, dump = files[".json"][0], files[".pgdump"][0]
    assert "Exported 3 participants" in said and str(export) in said and str(dump) in said
    assert _private(export) and _private(dump)
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True)
    assert listing.returncode == 0 and "TABLE DATA public participants" in listing.stdout
    assert "POLICY public participants coach_own" in listing.stdout
    dumped = [(c, env) for c, env in runs if "pg_dump" in c[0]]
    assert dumped, runs
    for command, _env in runs:
        assert password not in " ".join(command)  # never on a command line
    assert dumped[0][1].get("PGPASSWORD") == password and dumped[0][1].get("PGUSER") == role
    assert "PGPASSWORD" not in os.environ  # only the child's environment had it
    doc = json.loads(export.read_text("utf-8"))
    assert sorted(p["given_name"] for p in doc["participants"]) == ["Aroha", "Mere", "Tama"]

    # the restore drill the README asks for: the dump into a scratch database, exported the same
    scratch = pg_cluster.new_database()
    try:
        restored = subprocess.run(["pg_restore", "--exit-on-error", "-d",
                                   pg_cluster.dsn(scratch), str(dump)],
                                  capture_output=True, text=True)
        assert restored.returncode == 0, restored.stderr
        again = tmp_path / "again.json"
        assert main(["export", "--db", _address(pg_cluster, scratch), "--out", str(again)]) == 0
        redone = json.loads(again.read_text("utf-8"))
        doc.pop("exported_at"), redone.pop("exported_at")
        assert redone == doc
    finally:
        pg_cluster.drop_database(scratch)


def test_without_pg_dump_the_export_is_still_written(pg_cluster, team_db, tmp_path,
                                                     monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    monkeypatch.setattr(server_backup, "install_folders", lambda: [])
    folder = tmp_path / "backups"
    assert main(["backup", "--db", _address(pg_cluster, team_db), "--out", str(folder)]) == 0
    out = capsys.readouterr()
    assert "Exported 3 participants" in out.out
    assert "pg_dump (PostgreSQL's backup program) was not found on this computer" in out.err
    files = _files(folder)
    assert len(files[".json"]) == 1 and not files[".pgdump"] and not files[".partial"]


def test_a_failing_pg_dump_is_said_and_leaves_nothing_half_written(pg_cluster, team_db,
                                                                    tmp_path, monkeypatch,
                                                                    capsys):
    programs = tmp_path / "bin"
    programs.mkdir()
    fake = programs / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'some output' \necho 'pg_dump: error: server version "
                    "mismatch' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(programs))
    folder = tmp_path / "backups"
    assert main(["backup", "--db", _address(pg_cluster, team_db), "--out", str(folder)]) == 1
    out = capsys.readouterr()
    assert "pg_dump could not back up the server: server version mismatch" in out.err
    files = _files(folder)
    assert len(files[".json"]) == 1 and not files[".pgdump"] and not files[".partial"]


def test_a_coach_gets_their_own_export_and_no_dump(pg_cluster, team_db, tmp_path, capsys):
    owner = Services(ServerStore(pg_cluster.url(team_db)))
    coach = f"coach_{uuid.uuid4().hex[:8]}"
    try:
        owner.team.add_coach(NewCoach(coach, "Alex Ames"), "a-long-password")
        mine = owner.participants.create(ParticipantDraft(given_name="Rua", family_name="Kerr"))
        owner.team.assign(mine.value.id, coach)
    finally:
        owner.close()
    folder = tmp_path / "mine"
    assert main(["backup", "--db", _address(pg_cluster, team_db, coach),
                 "--out", str(folder)]) == 0
    out = capsys.readouterr()
    assert "Exported 1 participants" in out.out and "your participants only" in out.out
    assert f"{coach} is not the practice lead" in out.err
    files = _files(folder)
    assert len(files[".json"]) == 1 and not files[".pgdump"]


def test_a_file_for_out_is_refused_for_a_team_practice(pg_cluster, team_db, tmp_path, capsys):
    target = tmp_path / "one-file.json"
    target.write_text("{}")
    assert main(["backup", "--db", _address(pg_cluster, team_db), "--out", str(target)]) == 2
    assert "give --out a folder" in capsys.readouterr().err


def test_without_out_the_backups_go_to_the_data_folder(pg_cluster, team_db, tmp_path, capsys):
    assert main(["backup", "--db", _address(pg_cluster, team_db)]) == 0
    said = capsys.readouterr().out
    folder = tmp_path / "xdg-data" / "RecoveryDesk" / "Team backups" / team_db
    files = _files(folder)
    assert len(files[".json"]) == 1 and len(files[".pgdump"]) == 1, (said, list(tmp_path.rglob("*")))
    assert str(folder) in said
    assert sys.platform == "win32" or stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_lead_who_is_no_superuser_backs_up_every_row(pg_cluster, team_db, tmp_path,
                                                          capsys):
    owner = Services(ServerStore(pg_cluster.url(team_db)))
    lead, coach = f"lead_{uuid.uuid4().hex[:8]}", f"coach_{uuid.uuid4().hex[:8]}"
    try:
        owner.team.add_coach(NewCoach(lead, "Lee Lead", lead=True), "a-long-password")
        owner.team.add_coach(NewCoach(coach, "Alex Ames"), "a-long-password")
        theirs = owner.participants.create(ParticipantDraft(given_name="Rua", family_name="Kerr"))
        owner.team.assign(theirs.value.id, coach)
    finally:
        owner.close()
    folder = tmp_path / "lead"
    assert main(["backup", "--db", _address(pg_cluster, team_db, lead),
                 "--out", str(folder)]) == 0, capsys.readouterr().err
    assert "Exported 4 participants" in capsys.readouterr().out
    dump = _files(folder)[".pgdump"][0]
    scratch = pg_cluster.new_database()
    try:
        restored = subprocess.run(["pg_restore", "--exit-on-error", "-d",
                                   pg_cluster.dsn(scratch), str(dump)],
                                  capture_output=True, text=True)
        assert restored.returncode == 0, restored.stderr
        names = subprocess.run(["psql", "-At", "-d", pg_cluster.dsn(scratch), "-c",
                                "SELECT given_name FROM participants ORDER BY given_name"],
                               capture_output=True, text=True).stdout.split()
        assert names == ["Aroha", "Mere", "Rua", "Tama"]  # the coach's participant too
    finally:
        pg_cluster.drop_database(scratch)
