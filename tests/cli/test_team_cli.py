"""``recoverydesk team add-coach / assign / list`` on a team practice on the throwaway server
(issue 20 item 3): the lead adds a coach whose password comes from stdin, the new coach can log
in with it (over TCP, where the server asks for passwords) and sees only who is assigned to
them; a coach may not change the team; a practice file has no team."""

from __future__ import annotations

import io
import uuid

import psycopg
import pytest

from recoverydesk.cli import main
from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store.server import ServerStore


def address(cluster, database: str, user: str) -> str:
    return f"postgresql://{user}@/{database}?host={cluster.folder}&port={cluster.port}"


@pytest.fixture
def practice(pg_cluster, server_store, _pg_password_rule):
    """(database, one participant's id): a team practice with one participant, no coaches."""
    services = Services(server_store)
    pid = services.participants.create(ParticipantDraft(given_name="Tui",
                                                        family_name="Ngata")).value.id
    return server_store.address.database, pid


def test_the_lead_adds_a_coach_assigns_and_lists(pg_cluster, practice, monkeypatch, capsys):
    db, pid = practice
    role, password = f"kim_{uuid.uuid4().hex[:8]}", "kim's-long-password"
    lead = address(pg_cluster, db, "postgres")
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["team", "add-coach", role, "--name", "Kim Lee", "--password-stdin",
                 "--db", lead]) == 0
    assert capsys.readouterr().out.strip() == f"Added Kim Lee ({role}) as a coach."
    # the password works where the server asks for one (the socket trusts everyone)
    pg_cluster.execute(f"GRANT rd_password_login TO {role}")
    with psycopg.connect(host="127.0.0.1", port=pg_cluster.port, dbname=db, user=role,
                         password=password) as conn:
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (0,)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=pg_cluster.port, dbname=db, user=role,
                        password="not-the-password").close()

    assert main(["team", "assign", str(pid), role, "--db", lead]) == 0
    assert capsys.readouterr().out.strip() == f"Tui Ngata is now assigned to {role}."
    assert main(["team", "list", "--db", lead]) == 0
    out = capsys.readouterr().out
    assert f"Kim Lee ({role})" in out and "1 participant" in out
    assert main(["team", "list", "--db", address(pg_cluster, db, role)]) == 0
    assert f"You are {role}." in capsys.readouterr().out
    store = ServerStore(pg_cluster.url(db, user=role))
    try:
        assert Services(store).team.assignments()[0].participant_id == pid
    finally:
        store.close()

    assert main(["team", "assign", str(pid), "nobody", "--db", lead]) == 0
    assert "nobody" in capsys.readouterr().out
    assert main(["team", "list", "--db", lead]) == 0
    out = capsys.readouterr().out
    assert "Needing a coach: 1 participant." in out
    assert "  Tui Ngata  (nobody assigned yet)" in out


def test_the_lead_deactivates_and_reactivates_a_coach(pg_cluster, practice, monkeypatch,
                                                      capsys):
    db, pid = practice
    role, password = f"kim_{uuid.uuid4().hex[:8]}", "kim's-long-password"
    lead = address(pg_cluster, db, "postgres")
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["team", "add-coach", role, "--name", "Kim Lee", "--password-stdin",
                 "--db", lead]) == 0
    assert main(["team", "assign", str(pid), role, "--db", lead]) == 0
    capsys.readouterr()
    assert main(["team", "deactivate", role, "--db", lead]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Kim Lee ({role}) can no longer sign in to the practice. 1 participant of theirs "
        "needs a coach now.")
    assert main(["team", "list", "--db", address(pg_cluster, db, role)]) == 1
    assert "may no longer sign in" in capsys.readouterr().err
    assert main(["team", "list", "--db", lead]) == 0
    out = capsys.readouterr().out
    assert "(no longer in the practice)" in out
    assert f"  Tui Ngata  (Kim Lee ({role}) was deactivated)" in out
    assert main(["team", "deactivate", role, "--db", lead]) == 2
    assert "deactivated already" in capsys.readouterr().err
    assert main(["team", "reactivate", role, "--db", lead]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Kim Lee ({role}) can sign in to the practice again.")
    assert main(["team", "list", "--db", address(pg_cluster, db, role)]) == 0
    assert main(["team", "deactivate", "nobody_we_know", "--db", lead]) == 2
    assert "not one of this practice's coaches" in capsys.readouterr().err


def test_a_coach_may_not_change_the_team(pg_cluster, practice, monkeypatch, capsys):
    db, pid = practice
    role = f"sam_{uuid.uuid4().hex[:8]}"
    lead = address(pg_cluster, db, "postgres")
    monkeypatch.setattr("sys.stdin", io.StringIO("sam's-long-password\n"))
    assert main(["team", "add-coach", role, "--name", "Sam", "--password-stdin",
                 "--db", lead]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("another-password\n"))
    assert main(["team", "add-coach", "other_x", "--name", "Other", "--password-stdin",
                 "--db", address(pg_cluster, db, role)]) == 1
    err = capsys.readouterr().err
    assert "Only the practice lead" in err and "Traceback" not in err
    # not theirs, so not even there to assign
    assert main(["team", "assign", str(pid), role, "--db", address(pg_cluster, db, role)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bad_input_is_refused_in_plain_words(pg_cluster, practice, monkeypatch, capsys):
    db, _ = practice
    lead = address(pg_cluster, db, "postgres")
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main(["team", "add-coach", "Kim Lee", "--name", "Kim", "--password-stdin",
                 "--db", lead]) == 2
    assert "lower-case letters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["team", "add-coach", "kim", "--name", "Kim", "--password-stdin",
                 "--db", lead]) == 2
    assert "no password" in capsys.readouterr().err
    assert main(["team", "assign", "1", "nobody_we_know", "--db", lead]) == 2
    assert "not one of this practice's coaches" in capsys.readouterr().err


def test_a_practice_file_has_no_team(tmp_practice, capsys):
    assert main(["team", "list", "--db", str(tmp_practice)]) == 2
    assert "not a team practice" in capsys.readouterr().err
    assert main(["team", "add-coach", "kim", "--name", "Kim", "--db", str(tmp_practice)]) == 1
    assert "not a team practice" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["team"])
    assert stopped.value.code == 2
