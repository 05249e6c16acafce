"""Each coach sees and changes only the participants assigned to them, enforced by PostgreSQL
(row-level security, revision 0018): through the app's services, through plain SQL and through
the real psql. A lead sees and changes all. (issue 20 item 3)"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import psycopg
import pytest
from sqlalchemy import inspect, text
from team_world import make_team, participant

from recoverydesk.models import Base
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.team.types import NewCoach, TeamError
from recoverydesk.services.types import NotFoundError, ServiceError, ValidationError


def seen(services) -> list[int]:
    """The participants the coach's services show (the caseload's own read is G's to port)."""
    return sorted(x.participant_id for x in services.team.assignments())


@pytest.fixture
def team(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    lead = team.services_as(team.lead)
    a, b = team.services_as(team.a), team.services_as(team.b)
    team.pa = participant(a, "Ari")  # a coach's new participant is theirs
    team.pb = participant(lead, "Bodhi")  # the lead's, until assigned
    lead.team.assign(team.pb, team.b)
    b.participants.add_strength(team.pb, "values", "Loyal to her mates")
    b.sessions.create(team.pb, SessionInput(
        starts_at=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC), talked_about="the café job"))
    yield team
    team.close()


def test_a_coach_sees_only_their_participants_through_the_services(team):
    a = team.services_as(team.a)
    assert seen(a) == [team.pa]
    with pytest.raises(NotFoundError):
        a.participants.get(team.pb)
    assert a.sessions.sessions(team.pb) == []
    assert a.search.search("café") == []
    b = team.services_as(team.b)
    assert seen(b) == [team.pb]
    assert [s.talked_about for s in b.sessions.sessions(team.pb)] == ["the café job"]


def test_a_coach_cannot_change_another_coachs_participant_through_the_services(team):
    a = team.services_as(team.a)
    with pytest.raises(ServiceError):
        a.participants.add_strength(team.pb, "values", "written by the wrong coach")
    with pytest.raises(ServiceError):
        a.participants.archive(team.pb)
    lead = team.services_as(team.lead)
    assert lead.participants.get(team.pb).archived is False
    assert [s.text for s in lead.participants.get(team.pb).strengths] == ["Loyal to her mates"]


def test_plain_sql_as_a_coach_reads_nothing_and_changes_nothing_of_another_coachs(team):
    with team.sql_as(team.a) as conn:
        assert conn.execute("SELECT id FROM participants").fetchall() == [(team.pa,)]
        assert conn.execute("SELECT * FROM participants WHERE id = %s",
                            (team.pb,)).fetchall() == []
        for child in ("strengths", "sessions", "audit_events"):
            assert conn.execute(f"SELECT * FROM {child} WHERE participant_id = %s",
                                (team.pb,)).fetchall() == [], child
        assert conn.execute("UPDATE participants SET given_name = 'X' WHERE id = %s",
                            (team.pb,)).rowcount == 0
        assert conn.execute("UPDATE strengths SET text = 'X' WHERE participant_id = %s",
                            (team.pb,)).rowcount == 0
        assert conn.execute("DELETE FROM sessions WHERE participant_id = %s",
                            (team.pb,)).rowcount == 0
        assert conn.execute("DELETE FROM participants WHERE id = %s", (team.pb,)).rowcount == 0
        # taking the participant over is the lead's: the row is not even there to change
        assert conn.execute("UPDATE participants SET coach_role = current_user WHERE id = %s",
                            (team.pb,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO strengths (participant_id, category, text, position, "
                         "version) VALUES (%s, 'values', 'planted', 0, 1)", (team.pb,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO participants (given_name, family_name, preferred_name, "
                         "pronouns, phone, email, address, status, about, archived, created_at, "
                         "updated_at, coach_role, version) VALUES ('Z', '', '', '', '', '', '', "
                         "'active', '', false, now(), now(), %s, 1)", (team.b,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE participants SET coach_role = %s WHERE id = %s",
                         (team.b, team.pa))  # nor handing one's own to another coach
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO audit_events (at, action, entity, detail, coach_role) "
                         "VALUES (now(), 'x.forged', 'x', '', %s)", (team.b,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO coaches (role, display_name, lead, active, added_at) "
                         "VALUES ('me_too', 'Me', true, true, now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a lead's to call
            conn.execute("SELECT recoverydesk_add_login('me_too', NULL, true)")
    with team.sql_as(team.b) as conn:  # all of it still there, as it was
        assert conn.execute("SELECT given_name, coach_role FROM participants").fetchall() == [
            ("Bodhi", team.b)]
        assert conn.execute("SELECT text FROM strengths").fetchall() == [("Loyal to her mates",)]
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (1,)


def test_psql_as_a_coach_sees_no_more_than_the_app(team):
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    query = "SELECT string_agg(given_name, ',' ORDER BY id) FROM participants"
    done = subprocess.run([psql, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                           team.cluster.dsn(team.database, team.a), "-c", query,
                           "-c", "SELECT count(*) FROM sessions",
                           "-c", f"DELETE FROM participants WHERE id = {team.pb}"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Ari", "0", "DELETE", "0"]


def test_the_lead_sees_and_changes_everyone(team):
    lead = team.services_as(team.lead)
    assert seen(lead) == sorted([team.pa, team.pb])
    lead.participants.add_strength(team.pa, "skills", "Cooks for the house")
    assert [s.text for s in team.services_as(team.a).participants.get(team.pa).strengths] == [
        "Cooks for the house"]
    assignments = {x.participant_id: x.coach_role for x in lead.team.assignments()}
    assert assignments == {team.pa: team.a, team.pb: team.b}


def test_only_the_lead_changes_the_team(team):
    a = team.services_as(team.a)
    with pytest.raises(TeamError, match="Only the practice lead"):
        a.team.assign(team.pa, team.b)
    view = a.team.view()
    assert view.is_team and view.me == team.a and not view.i_lead
    assert {c.role for c in view.coaches} >= {team.lead, team.a, team.b}
    lead_view = team.services_as(team.lead).team.view()
    assert lead_view.i_lead
    counts = {c.role: c.participants for c in lead_view.coaches}
    assert counts[team.a] == 1 and counts[team.b] == 1


def test_reassigning_moves_the_participant_between_caseloads(team):
    lead = team.services_as(team.lead)
    lead.team.assign(team.pb, team.a)
    assert seen(team.services_as(team.a)) == sorted([team.pa, team.pb])
    assert seen(team.services_as(team.b)) == []
    lead.team.assign(team.pb, None)  # nobody's: only the lead sees them
    assert team.services_as(team.lead).team.view().unassigned == 1
    assert seen(team.services_as(team.a)) == [team.pa]


def test_the_audit_trail_names_the_coach_who_made_each_change(team):
    trail = team.services_as(team.lead).participants.audit_trail(team.pb)
    who = {(e.action, e.coach) for e in trail}
    assert ("participant.created", team.lead) in who
    assert ("participant.assigned", team.lead) in who
    assert ("strength.added", team.b) in who
    own = team.services_as(team.a).participants.audit_trail(team.pa)
    assert {(e.action, e.coach) for e in own} == {("participant.created", team.a)}


def test_shared_tables_are_readable_by_every_coach_and_lists_of_prices_the_leads_to_change(team):
    team.services_as(team.a).resources.create(ResourceDraft(name="Men's shed"))
    with team.sql_as(team.a) as conn:
        conn.execute("SELECT * FROM practice_settings").fetchall()
        conn.execute("SELECT * FROM price_lists").fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM price_lists")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE alembic_version SET version_num = 'x'")
    with team.sql_as(team.b) as conn:
        assert conn.execute("SELECT name FROM resources").fetchall() == [("Men's shed",)]


def test_every_table_that_belongs_to_a_participant_has_its_policies(server_store):
    """Walks the models' foreign keys: a table with a path to participants (however long) must
    have row-level security forced and a coach's and a lead's policy. A new table slips past
    nothing: its revision must add them."""
    owned = {"participants"}
    grew = True
    while grew:
        grew = False
        for table in Base.metadata.sorted_tables:
            if table.name in owned:
                continue
            if any(fk.column.table.name in owned and not fk.parent.nullable
                   for fk in table.foreign_keys):
                owned.add(table.name)
                grew = True
    owned.add("audit_events")  # its link is nullable, and it is protected as well
    owned.add("offline_conflicts")  # so is this one (a shared resource's has no participant)
    with server_store.read() as s:
        secured = {name: on for name, on in s.execute(text(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace"))}
        policies: dict[str, set[str]] = {}
        for table, roles in s.execute(text("SELECT tablename, roles FROM pg_policies")):
            policies.setdefault(table, set()).update(roles)
        tables = set(inspect(s.connection()).get_table_names())
    assert owned <= tables
    missing = sorted(t for t in owned if not secured.get(t)
                     or not {"recoverydesk_coach", "recoverydesk_lead"} <= policies.get(t, set()))
    assert missing == [], f"no row-level security for {missing}"
    # any table with a nullable link only must be covered too, or named here as shared
    linked = {t.name for t in Base.metadata.sorted_tables
              if any(fk.column.table.name in owned for fk in t.foreign_keys)}
    assert linked - owned == set()


def test_a_coachs_policy_lets_the_planner_use_the_tables_index(team):
    """The policy hands the planner the visible participants' ids (an InitPlan), so a coach's
    read of a big table walks its index on the link instead of filtering every row (an EXISTS
    would stay a filter: row-security quals are never made joins). 300,000 notes: 1.4 s -> 72 ms.
    (The sessions and the tables reached through a parent use a hashed set since 0023.)"""
    with team.sql_as(team.a) as conn:
        conn.execute("SET enable_seqscan = off")  # (a tiny table: ask what the plan can be)
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT participant_id, max(started_on) FROM goals GROUP BY participant_id"))
    assert "Index Cond: (participant_id = ANY ($0))" in plan, plan


def test_a_login_the_server_already_has_joins_the_team_with_its_password_kept(team):
    existing = f"{team.a}_x"
    team.cluster.execute(f"CREATE ROLE {existing} LOGIN")
    lead = team.services_as(team.lead)
    added = lead.team.add_coach(NewCoach(existing, "Existing Ed"), None).value
    assert added.login_existed and "password is unchanged" in added.sentence()
    with team.sql_as(existing) as conn:  # a coach now: sees nobody yet, reads the shared lists
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM coaches").fetchone()[0] >= 4
    with pytest.raises(ValidationError, match="already one of this practice's coaches"):
        lead.team.add_coach(NewCoach(existing, "Existing Ed"), None)
    with pytest.raises(ValidationError, match="needed for a new login"):
        lead.team.add_coach(NewCoach(f"{team.a}_new", "New Nell"), None)
