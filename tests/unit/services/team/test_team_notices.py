"""The change notices tell a coach nothing about participants they cannot see (revision 0021):
LISTEN is open to every login, so a notice carries only a transaction's number, and what it
changed is read through row-level security. A coach listening with plain SQL learns nothing of
another coach's participant; the coach whose participant it is, and the lead, hear it."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest
from team_world import make_team, participant

from recoverydesk.store.change_notices import CHANNEL, ChangeNotice, read, transaction_of


@pytest.fixture
def team(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    lead = team.services_as(team.lead)
    team.pa = participant(team.services_as(team.a), "Ari")
    team.pb = participant(lead, "Bodhi")
    lead.team.assign(team.pb, team.b)
    yield team
    team.close()


def _listening(team, role: str) -> psycopg.Connection:
    conn = team.sql_as(role)
    conn.execute(f"LISTEN {CHANNEL}")
    return conn


def _heard(conn) -> list[str]:
    return [n.payload for n in conn.notifies(timeout=1)]


def _work_on_bs_participant(team) -> None:
    b = team.services_as(team.b)
    draft = b.participants.get(team.pb).to_draft()
    b.participants.update(team.pb, dataclasses.replace(draft, about="Private words."))
    b.participants.add_strength(team.pb, "values", "Loyal to her mates")


def test_a_coach_listening_learns_nothing_of_another_coachs_participant(team):
    a, b, lead = (_listening(team, role) for role in (team.a, team.b, team.lead))
    with a, b, lead:
        _work_on_bs_participant(team)
        heard_by_a, heard_by_b, heard_by_lead = _heard(a), _heard(b), _heard(lead)
        # The notice itself: a transaction's number, nothing else
        assert heard_by_a and all(transaction_of(p) is not None for p in heard_by_a)
        # What it changed, read through row-level security: nothing for A, all of it for B
        assert read(a, heard_by_a) == []
        for conn, heard in ((b, heard_by_b), (lead, heard_by_lead)):
            notices = set(read(conn, heard))
            assert notices == {ChangeNotice("participants", "update", team.pb),
                               ChangeNotice("strengths", "insert", team.pb)}
        # Nor can A read the log any other way, or write to it
        seen = {pid for (pid,) in a.execute("SELECT participant_id FROM change_log.entries")}
        assert team.pb not in seen and team.pa in seen  # (A's own new participant: theirs)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            a.execute("INSERT INTO change_log.entries (tx, table_name, op, participant_id, "
                      f"coach_role) VALUES (1, 'goals', 'update', {team.pa}, '{team.a}')")


def test_one_transaction_is_one_notice(team):
    with _listening(team, team.b) as b:
        _work_on_bs_participant(team)  # (the update and the strength: two transactions)
        assert len(_heard(b)) == 2


def test_the_coach_a_participant_is_taken_from_hears_it(team):
    lead = team.services_as(team.lead)
    with _listening(team, team.b) as b, _listening(team, team.a) as a:
        lead.team.assign(team.pb, team.a)
        assert ChangeNotice("participants", "update", team.pb) in read(b, _heard(b))
        assert ChangeNotice("participants", "update", team.pb) in read(a, _heard(a))


def test_a_participant_removed_with_their_records_is_heard_by_their_coach_alone(team):
    """The rows that go with the participant (a cascade) can no longer name a coach: only the
    lead reads those entries; the participant's own coach hears the participant go."""
    team.services_as(team.b).participants.add_strength(team.pb, "values", "Loyal")
    with _listening(team, team.a) as a, _listening(team, team.b) as b, \
            team.sql_as(team.lead) as lead:
        lead.execute("DELETE FROM participants WHERE id = %s", (team.pb,))
        assert read(a, _heard(a)) == []
        assert read(b, _heard(b)) == [ChangeNotice("participants", "delete", team.pb)]


def test_a_practice_wide_change_reaches_every_coach(team):
    from recoverydesk.services.resources.types import ResourceDraft

    with _listening(team, team.a) as a:
        team.services_as(team.b).resources.create(
            ResourceDraft(name="Harbour Choir", category="recreation"))
        assert read(a, _heard(a)) == [ChangeNotice("resources", "insert", None)]


def test_a_child_record_names_its_participant(team):
    """An action step is announced as a change to the participant whose goal it is."""
    from recoverydesk.services.goals.types import GoalDraft, StepDraft

    a = team.services_as(team.a)
    goal = a.goals.create(team.pa, GoalDraft(title="Walk to the beach")).value
    with _listening(team, team.a) as listener:
        a.goals.add_step(goal.id, StepDraft(text="Ring the surf club"))
        assert ChangeNotice("action_steps", "insert", team.pa) in read(listener,
                                                                        _heard(listener))


def test_a_payload_that_is_not_ours_means_anything_may_have_changed(team):
    with team.sql_as(team.a) as a:
        assert read(a, ['{"table": "goals"}']) is None
        assert read(a, []) == []
