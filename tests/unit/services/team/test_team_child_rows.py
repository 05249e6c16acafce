"""Rows reached through a parent (a goal's steps, history and notes; a session's goals; a plan's
WRAP items...) carry their participant (revision 0023), and row-level security picks a coach's
by it: a coach cannot plant a row under another coach's record by naming one of their own
participants on it, nor move one there, through plain SQL. (issue 20 items 3 and 7)"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from team_world import make_team, participant

from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.sessions.types import SessionInput

STEP = ("INSERT INTO action_steps (goal_id, participant_id, text, who, position, version, "
        "created_at, updated_at) VALUES (%s, %s, 'planted', 'coach', 9, 1, now(), now())")


@pytest.fixture
def team(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    a, b = team.services_as(team.a), team.services_as(team.b)
    team.pa, team.pb = participant(a, "Ari"), participant(b, "Bodhi")
    team.ga = a.goals.create(team.pa, GoalDraft(title="Walk the dog")).value.id
    team.gb = b.goals.create(team.pb, GoalDraft(title="Get a job")).value.id
    b.goals.add_step(team.gb, StepDraft(text="Update the CV"))
    b.sessions.create(team.pb, SessionInput(
        starts_at=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC), talked_about="the CV",
        goal_ids=(team.gb,)))
    yield team
    team.close()


def test_rows_a_coach_adds_through_the_services_carry_the_participant(team):
    with team.sql_as(team.b) as conn:
        for table in ("action_steps", "goal_status_changes", "session_goals"):
            rows = conn.execute(f"SELECT participant_id FROM {table}").fetchall()
            assert rows and set(rows) == {(team.pb,)}, table
    with team.sql_as(team.a) as conn:  # and another coach sees none of them
        for table in ("action_steps", "goal_status_changes", "session_goals"):
            assert conn.execute(f"SELECT participant_id FROM {table} WHERE participant_id = %s",
                                (team.pb,)).fetchall() == [], table


def test_a_coach_cannot_plant_a_row_under_another_coachs_goal(team):
    with team.sql_as(team.a) as conn:
        # their own participant named on the other coach's goal: the parent is not theirs
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation,
                           match="participant of its goals row"):
            conn.execute(STEP, (team.gb, team.pa))
        # the other coach's participant named: row-level security refuses it
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(STEP, (team.gb, team.pb))
        # their own goal under another's participant: the same
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(STEP, (team.ga, team.pb))
        conn.execute(STEP, (team.ga, team.pa))  # their own, rightly
        # nor move their own row under the other coach's goal
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation,
                           match="participant of its goals row"):
            conn.execute("UPDATE action_steps SET goal_id = %s WHERE goal_id = %s",
                         (team.gb, team.ga))
    with team.sql_as(team.b) as conn:  # nothing reached the other coach's goal
        assert conn.execute("SELECT text FROM action_steps").fetchall() == [("Update the CV",)]


def test_a_lead_is_held_to_the_parents_participant_too(team):
    with team.sql_as(team.lead) as conn:
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation,
                           match="participant of its goals row"):
            conn.execute(STEP, (team.gb, team.pa))
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation,
                           match="participant of its goals row"):
            conn.execute("UPDATE action_steps SET participant_id = %s", (team.pa,))


def test_a_coachs_policies_read_their_participants_from_one_index(team):
    """Each statement on a participant's table finds the coach's participants in an index-only
    scan of (coach_role, id) (the comparison in the column's collation), and a table reached
    through a parent is read through the link the query names, its rows then checked against
    that set (not the participant_id index for every participant of the coach)."""
    with team.sql_as(team.a) as conn:
        conn.execute("SET enable_seqscan = off")  # (tiny tables: ask what the plan can be)
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT * FROM session_goals WHERE session_id = ANY(%s)", ([1, 2, 3],)))
    assert "Index Only Scan using ix_participants_coach_role" in plan, plan
    assert "Index Cond: (coach_role = " in plan, plan
    assert "Index Cond: (session_id = ANY" in plan, plan
    assert "hashed SubPlan" in plan, plan
