"""Commands on a team practice: ``--db postgresql://…`` opens the practice on the server (the
password from the address, PGPASSWORD, ~/.pgpass or a prompt at the terminal, never echoed),
commands that only make sense for a file say so, and the window's quick start keeps the address
whole (a Path would fold its "//")."""

from __future__ import annotations

import getpass
import io

import pytest

from recoverydesk.cli import _gui_request, main
from recoverydesk.services.practice.team_opening import open_team_services
from recoverydesk.services.resources.types import ResourceDraft


def _socket_address(pg_cluster, database: str, user: str = "postgres") -> str:
    return f"postgresql://{user}@/{database}?host={pg_cluster.folder}&port={pg_cluster.port}"


def _tcp_address(pg_cluster, database: str, user: str) -> str:
    return f"postgresql://{user}@127.0.0.1:{pg_cluster.port}/{database}"


@pytest.fixture
def team_db(pg_cluster, pg_template):
    name = pg_cluster.new_database(template=pg_template)
    yield name
    pg_cluster.drop_database(name)


@pytest.fixture
def coach(pg_cluster, pg_password_role):
    """A role that must give its password over TCP (a superuser here: these tests are about
    signing in, not about what a coach may see)."""
    role, password = pg_password_role
    pg_cluster.execute(f"ALTER ROLE {role} SUPERUSER")
    return role, password


def _with_a_resource(address: str) -> None:
    services = open_team_services(address)
    try:
        services.resources.create(ResourceDraft(name="Harbour Choir", category="recreation"))
    finally:
        services.close()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_command_runs_on_a_team_practice(pg_cluster, team_db, tmp_path, capsys):
    address = _socket_address(pg_cluster, team_db)
    _with_a_resource(address)
    out = tmp_path / "resources.csv"
    assert main(["resources-export", "--db", address, "--out", str(out)]) == 0
    assert "Harbour Choir" in out.read_text(encoding="utf-8")
    assert main(["--db", address, "due"]) == 0  # --db before the command too
    assert "Nobody is due" in capsys.readouterr().out


def test_the_password_from_pgpassword(pg_cluster, team_db, coach, tmp_path, monkeypatch):
    role, password = coach
    monkeypatch.setenv("PGPASSWORD", password)
    assert main(["due", "--db", _tcp_address(pg_cluster, team_db, role)]) == 0


def test_the_password_from_pgpass(pg_cluster, team_db, coach, tmp_path, monkeypatch):
    role, password = coach
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_cluster.port}:{team_db}:{role}:{password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    assert main(["due", "--db", _tcp_address(pg_cluster, team_db, role)]) == 0


def test_a_wrong_password_then_the_right_one_at_the_prompt(pg_cluster, team_db, coach,
                                                           monkeypatch, capsys):
    role, password = coach
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    typed = iter(["not-it", password])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    monkeypatch.setattr("sys.stdin", _Terminal())
    assert main(["due", "--db", _tcp_address(pg_cluster, team_db, role)]) == 0
    assert prompts == ["Password: ", "Password: "]
    err = capsys.readouterr().err
    assert "That password does not let" in err and "not-it" not in err


def test_without_a_terminal_the_missing_password_is_said_in_words(pg_cluster, team_db, coach,
                                                                  monkeypatch, capsys):
    role, _password = coach
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    monkeypatch.setattr("sys.stdin", io.StringIO())
    assert main(["due", "--db", _tcp_address(pg_cluster, team_db, role)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("recoverydesk: The team practice at 127.0.0.1:") and "needs the " \
        "password" in err and "Traceback" not in err


def test_an_unreachable_server_is_said_in_words(capsys):
    assert main(["due", "--db", "postgresql://coach@127.0.0.1:1/practice"]) == 1
    err = capsys.readouterr().err
    assert "did not answer" in err and "Traceback" not in err


def test_commands_for_files_only_refuse_a_team_practice(capsys):
    address = "postgresql://coach@db.example.org/practice"
    assert main(["check", "--db", address]) == 2
    assert "works on a practice file" in capsys.readouterr().err
    assert main(["demo", "--db", address]) == 2
    assert "demo writes a practice file" in capsys.readouterr().err


def test_the_window_gets_the_address_whole():
    address = "postgresql://coach@db.example.org:5433/practice?sslrootcert=/etc/ca.crt"
    assert _gui_request(["--db", address]) == (True, address)
    assert _gui_request([f"--db={address}"]) == (True, address)


def test_recoverydesk_db_may_name_a_team_practice(pg_cluster, team_db, monkeypatch, capsys):
    monkeypatch.setenv("RECOVERYDESK_DB", _socket_address(pg_cluster, team_db))
    assert main(["due"]) == 0
    assert "Nobody is due" in capsys.readouterr().out
    assert main(["check"]) == 2
    assert "works on a practice file" in capsys.readouterr().err
