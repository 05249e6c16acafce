"""A lead deactivates a coach who leaves and can take them back (issue 20 item 3, follow-ups;
revision 0020's recoverydesk_set_coach_active): the coach can no longer sign in, a connection
they still hold reads nothing more, their participants stay and are listed as needing a coach;
the last lead, the lead connected and anyone but a lead are refused in words."""

from __future__ import annotations

import threading

import psycopg
import pytest
from team_world import PASSWORD, make_team, participant

from recoverydesk.services.practice.errors import translate
from recoverydesk.services.team.types import NewCoach, TeamError, active_change_sentence
from recoverydesk.services.types import ServiceError, ValidationError


@pytest.fixture
def team(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    team.pa = participant(team.services_as(team.a), "Ari")
    yield team
    team.close()


def test_a_deactivated_coach_cannot_sign_in_and_their_participants_need_a_coach(team):
    held = team.sql_as(team.a)  # a window A still has open
    try:
        assert held.execute("SELECT count(*) FROM participants").fetchone() == (1,)
        lead = team.services_as(team.lead)
        gone = lead.team.deactivate(team.a)
        assert {"coach", "participant"} <= gone.changes.entities
        assert gone.value.active is False and gone.value.participants == 1
        assert active_change_sentence(gone.value) == (
            f"Alex Ames ({team.a}) can no longer sign in to the practice. 1 participant of "
            "theirs needs a coach now.")
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            team.sql_as(team.a).close()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            held.execute("SELECT count(*) FROM participants")
    finally:
        held.close()
    view = lead.team.view()
    assert view.needing_coach == 1 and view.unassigned == 0
    assert {c.role: c.active for c in view.coaches}[team.a] is False
    [ari] = [x for x in lead.team.assignments() if x.participant_id == team.pa]
    assert ari.coach_role == team.a and ari.needs_coach  # still theirs, kept for the lead
    assert lead.participants.get(team.pa).given_name == "Ari"
    with pytest.raises(ValidationError, match="no longer works in the practice"):
        lead.team.assign(team.pa, team.a)
    lead.team.assign(team.pa, team.b)
    assert lead.team.view().needing_coach == 0
    trail = {(e.action, e.coach) for e in lead.participants.audit_trail(team.pa)}
    assert ("participant.assigned", team.lead) in trail


def test_a_reactivated_coach_signs_in_again_with_what_is_still_theirs(team):
    lead = team.services_as(team.lead)
    lead.team.deactivate(team.a)
    with pytest.raises(ValidationError, match="deactivated already"):
        lead.team.deactivate(team.a)
    back = lead.team.reactivate(team.a).value
    assert back.active and active_change_sentence(back) == (
        f"Alex Ames ({team.a}) can sign in to the practice again.")
    with pytest.raises(ValidationError, match="active already"):
        lead.team.reactivate(team.a)
    with team.sql_as(team.a) as conn:
        assert conn.execute("SELECT id FROM participants").fetchall() == [(team.pa,)]
    assert lead.team.view().needing_coach == 0


def test_a_lead_comes_back_a_lead(team):
    second = f"{team.lead}_2"
    owner = team.owner
    owner.team.add_coach(NewCoach(second, "Sol Second", lead=True), PASSWORD)
    owner.team.deactivate(second)
    with team.sql_as(team.lead) as conn:
        assert conn.execute("SELECT pg_has_role(%s, 'recoverydesk_lead', 'MEMBER')",
                            (second,)).fetchone() == (False,)
    owner.team.reactivate(second)
    assert team.services_as(second).team.view().i_lead


def test_the_last_lead_and_oneself_are_refused(team):
    with pytest.raises(ValidationError, match="last lead"):
        team.owner.team.deactivate(team.lead)  # the superuser is no coach of the practice
    lead = team.services_as(team.lead)
    second = f"{team.lead}_2"
    lead.team.add_coach(NewCoach(second, "Sol Second", lead=True), PASSWORD)
    with pytest.raises(ValidationError, match="cannot deactivate yourself"):
        lead.team.deactivate(team.lead)
    lead.team.deactivate(second)
    with pytest.raises(ValidationError, match="not one of this practice's coaches"):
        lead.team.deactivate("postgres")
    assert {c.role: c.active for c in lead.team.coaches()}[team.lead] is True


def test_two_leads_deactivating_each_other_at_once_leave_one_lead(team):
    second = f"{team.lead}_2"
    team.owner.team.add_coach(NewCoach(second, "Sol Second", lead=True), PASSWORD)
    first, other = team.services_as(team.lead), team.services_as(second)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def deactivate(services, role: str) -> None:
        try:
            start.wait(timeout=30)
            outcomes.append(services.team.deactivate(role).value.role)
        except BaseException as err:  # reported below, in the test's thread
            outcomes.append(err)

    threads = [threading.Thread(target=deactivate, args=(first, second)),
               threading.Thread(target=deactivate, args=(other, team.lead))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(outcomes) == 2 and len(refused) == 1, outcomes
    assert isinstance(refused[0], ServiceError), refused[0]
    leads = [c for c in team.owner.team.coaches() if c.lead and c.active]
    assert len(leads) == 1


def test_only_a_lead_deactivates_even_through_plain_sql(team):
    a = team.services_as(team.a)
    with pytest.raises(TeamError, match="Only the practice lead"):
        a.team.deactivate(team.b)
    with team.sql_as(team.a) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT recoverydesk_set_coach_active(%s, false)", (team.b,))
    with team.sql_as(team.lead) as conn:  # a lead through psql: only the practice's coaches
        for login in ("postgres", "recoverydesk_coach"):
            with pytest.raises(psycopg.errors.RaiseException, match="not one of this"):
                conn.execute("SELECT recoverydesk_set_coach_active(%s, false)", (login,))
    with team.sql_as(team.b) as conn:
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (0,)



def test_a_change_the_coach_may_no_longer_make_is_refused_in_words(team):
    """The server's refusal (SQLSTATE 42501: privileges or row-level security) when a coach's
    rights changed under an open window (two leads deactivating each other at once: the one
    who lost is no lead by their next statement) reaches the coach in words."""
    team.services_as(team.lead).team.assign(team.pa, team.b)  # Ari is B's now
    with team.sql_as(team.a) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege) as got:
        conn.execute("INSERT INTO strengths (participant_id, category, text) "
                     "VALUES (%s, 'values', 'Loyal')", (team.pa,))
    said = translate(got.value)
    assert isinstance(said, ServiceError) and "did not allow this change" in str(said)
    assert "row-level" not in str(said) and "permission" not in str(said)
