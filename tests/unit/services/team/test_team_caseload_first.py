"""A team practice's caseload first (app.py ``start_team_on_worker``, issue 20 item 7): one plain
psycopg connection signs in, checks the schema's revision and reads the coach's caseload before
SQLAlchemy or Alembic is imported; the services come after with the same password. Anything
the fast path cannot settle (a schema to create or upgrade, a newer one, a coach with no grants)
opens the whole way, with that path's words. On the real throwaway PostgreSQL server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from team_world import make_team, participant

from recoverydesk.app import Opener
from recoverydesk.paths import migrations_dir
from recoverydesk.services.participants.caseload import caseload_over
from recoverydesk.services.practice.team_holding import hold_team
from recoverydesk.services.practice.team_opening import open_team_services
from recoverydesk.services.practice.types import (
    CaseloadFirst,
    Opened,
    PasswordNeededError,
    PracticeOpenError,
)
from recoverydesk.store.migrate import head_revision

ROOT = Path(__file__).resolve().parents[4]


def address(pg_cluster, database: str, role: str) -> str:
    return f"postgresql://{role}@/{database}?host={pg_cluster.folder}&port={pg_cluster.port}"


@pytest.fixture
def team(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    lead, a = team.services_as(team.lead), team.services_as(team.a)
    team.pa = participant(a, "Ari")
    team.pb = participant(lead, "Bodhi")
    team.pc = participant(lead, "Cleo")
    lead.team.assign(team.pb, team.b)
    lead.participants.archive(team.pc)
    yield team
    team.close()


def _read(pg_cluster, database, role, **options):
    held = hold_team(address(pg_cluster, database, role))
    assert held is not None and held.coach == role
    with held.raw_read() as conn:
        return caseload_over(conn, placeholder="%s", **options)


def test_the_head_known_without_alembic_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory(str(migrations_dir())).get_current_head()


def test_a_coach_reads_their_own_caseload_as_the_services_list_it(pg_cluster, team):
    db = team.database
    assert [r.id for r in _read(pg_cluster, db, team.a, include_archived=True)] == [team.pa]
    lead_rows = _read(pg_cluster, db, team.lead, include_archived=True)
    assert lead_rows == team.services_as(team.lead).participants.list(include_archived=True)
    assert [r.display_name for r in lead_rows] == ["Ari Tester", "Bodhi Tester", "Cleo Tester"]
    # The list's filters in SQL both databases speak (psycopg's placeholders).
    assert [r.id for r in _read(pg_cluster, db, team.lead)] == [team.pa, team.pb]
    assert [r.id for r in _read(pg_cluster, db, team.lead, status="active",
                                include_archived=True)] == [team.pa, team.pb, team.pc]
    assert _read(pg_cluster, db, team.lead, status="exited") == []


def test_start_up_shows_the_caseload_before_sqlalchemy_or_alembic_is_imported(pg_cluster, team):
    """In a fresh process, as the app starts: the first half imports neither; ``finish`` builds
    the store and the services (the same caseload)."""
    script = (
        "import json, sys\n"
        "from recoverydesk.app import Opener\n"
        "first = Opener(interactive=False).start_team_on_worker(sys.argv[1])\n"
        "loaded = sorted(m for m in ('sqlalchemy', 'alembic', 'recoverydesk.models') "
        "if m in sys.modules)\n"
        "opened = first.finish()\n"
        "print(json.dumps({'kind': type(first).__name__, 'before': loaded,\n"
        "                  'first': [r.id for r in first.caseload],\n"
        "                  'services': [r.id for r in opened.caseload],\n"
        "                  'coach': opened.services.practice.info().coach}))\n"
        "opened.services.close()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", script, address(pg_cluster, team.database,
                                                                 team.a)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got == {"kind": "CaseloadFirst", "before": [], "first": [team.pa],
                   "services": [team.pa], "coach": team.a}


def test_the_password_that_signed_in_builds_the_services(pg_cluster, server_store,
                                                         pg_password_role, monkeypatch):
    role, password = pg_password_role
    pg_cluster.execute(f"ALTER ROLE {role} SUPERUSER")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    where = f"postgresql://{role}@127.0.0.1:{pg_cluster.port}/{server_store.address.database}"
    with pytest.raises(PasswordNeededError) as no_password:
        Opener().start_team_on_worker(where)
    with pytest.raises(PasswordNeededError) as wrong:
        Opener().start_team_on_worker(where, "not-it")
    with pytest.raises(PasswordNeededError) as whole_way:  # today's path says the same
        open_team_services(where, "not-it")
    assert str(wrong.value) == str(whole_way.value) and "That password does not let" in str(
        wrong.value)
    assert wrong.value.address == where and "needs the password" in str(no_password.value)
    first = Opener().start_team_on_worker(where, password)
    assert isinstance(first, CaseloadFirst) and first.caseload == []
    opened = first.finish()
    try:
        assert opened.services.practice.info().coach == role
    finally:
        opened.services.close()


def test_a_server_that_does_not_answer_is_said_as_before(pg_cluster):
    where = "postgresql://sam@127.0.0.1:1/practice"
    with pytest.raises(PracticeOpenError) as fast:
        Opener().start_team_on_worker(where)
    with pytest.raises(PracticeOpenError) as whole_way:
        open_team_services(where)
    assert str(fast.value) == str(whole_way.value) and "did not answer" in str(fast.value)
    assert not isinstance(fast.value, PasswordNeededError)


def test_an_empty_database_opens_the_whole_way_and_is_set_up(pg_cluster):
    database = pg_cluster.new_database()
    where = address(pg_cluster, database, "postgres")
    assert hold_team(where) is None
    opened = Opener().start_team_on_worker(where)
    try:
        assert isinstance(opened, Opened) and opened.caseload == []
    finally:
        opened.services.close()
    held = hold_team(where)  # set up now: the next start takes the fast path
    assert held is not None
    held.close()


def test_a_newer_schema_is_refused_in_the_whole_ways_words(pg_cluster, pg_template):
    database = pg_cluster.new_database(template=pg_template)
    pg_cluster.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'",
                       database)
    with pytest.raises(PracticeOpenError, match="newer version of RecoveryDesk"):
        Opener().start_team_on_worker(address(pg_cluster, database, "postgres"))


def test_a_coach_with_no_grants_is_sent_to_the_lead(pg_cluster, pg_template, pg_password_role):
    database = pg_cluster.new_database(template=pg_template)
    role, _password = pg_password_role  # (over the socket: trusted; it has no grants)
    where = address(pg_cluster, database, role)
    assert hold_team(where) is None
    with pytest.raises(PracticeOpenError, match="may not use the team practice"):
        Opener().start_team_on_worker(where)
