"""What a coach on a team practice cannot see but must not collide with (issue 20 item 3,
follow-ups; revision 0020): invoice numbers run practice-wide, one after another and never
reused, for coaches who each see only their own invoices, also when two issue at the same
moment; an NDIS number another coach's participant has is refused in plain words that name
nobody, also when two coaches add it at the same moment."""

from __future__ import annotations

import threading

import pytest
from team_claims import DETAILS, MARCH, Coach
from team_world import make_team

from recoverydesk.services.participants.service import NDIS_TAKEN
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import ValidationError


@pytest.fixture
def team(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    team.owner.claims.save_details(DETAILS)
    coaches = {role: Coach(pg_cluster, team.database, role) for role in (team.a, team.b)}
    team.coach = coaches
    yield team
    for coach in coaches.values():
        coach.close()
    team.close()


def test_two_coaches_take_the_practices_next_numbers_one_after_another(team):
    a, b = team.coach[team.a], team.coach[team.b]
    pa = a.plan_managed("Ari", "430000011")
    pb = b.plan_managed("Bodhi", "430000012")
    assert a.services.invoices.issue(pa, *MARCH).value.number == "INV-0001"
    # B sees none of A's invoices, yet takes the next number, not INV-0001 again
    assert b.numbers() == []
    assert b.services.invoices.issue(pb, *MARCH).value.number == "INV-0002"
    assert a.numbers() == ["INV-0001"] and b.numbers() == ["INV-0002"]
    assert team.owner.claims.details().next_invoice_number == 3


def test_a_voided_or_hidden_number_is_never_taken_again(team):
    a, b = team.coach[team.a], team.coach[team.b]
    pa = a.plan_managed("Ari", "430000021")
    pb = b.plan_managed("Bodhi", "430000022")
    first = a.services.invoices.issue(pa, *MARCH).value
    a.services.invoices.void(first.id, "Wrong period")
    # the claim details' next number put back by hand (a coach can save them): still no reuse
    team.owner.claims.save_details(DETAILS)
    assert team.owner.claims.details().next_invoice_number == 1
    assert b.services.invoices.issue(pb, *MARCH).value.number == "INV-0002"
    assert a.services.invoices.issue(pa, *MARCH).value.number == "INV-0003"


def test_two_coaches_issuing_at_the_same_moment_get_distinct_consecutive_numbers(team):
    a, b = team.coach[team.a], team.coach[team.b]
    rounds = 3
    people = {a: [a.plan_managed(f"Ari{n}", f"43000010{n}") for n in range(rounds)],
              b: [b.plan_managed(f"Bea{n}", f"43000020{n}") for n in range(rounds)]}
    issued: list[str] = []
    failed: list[BaseException] = []
    for n in range(rounds):
        start = threading.Barrier(2)

        def issue(coach: Coach, pid: int, start=start) -> None:
            try:
                start.wait(timeout=30)
                issued.append(coach.services.invoices.issue(pid, *MARCH).value.number)
            except BaseException as err:  # reported below, in the test's thread
                failed.append(err)

        threads = [threading.Thread(target=issue, args=(c, people[c][n])) for c in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert failed == []
    assert sorted(issued) == [f"INV-{n:04d}" for n in range(1, 2 * rounds + 1)]
    assert sorted(a.numbers() + b.numbers()) == sorted(issued)


def test_an_ndis_number_another_coachs_participant_has_is_refused_naming_nobody(team):
    a, b = team.coach[team.a], team.coach[team.b]
    a.services.participants.create(ParticipantDraft(given_name="Ari", family_name="Secret",
                                                    ndis_number="430000031"))
    with pytest.raises(ValidationError) as caught:
        b.services.participants.create(ParticipantDraft(given_name="Bo", ndis_number="430000031"))
    assert caught.value.errors == {"ndis_number": NDIS_TAKEN}
    assert "Secret" not in str(caught.value) and "Ari" not in str(caught.value)
    # editing one's own participant to that number: the same words
    mine = b.services.participants.create(ParticipantDraft(given_name="Bo")).value
    draft = ParticipantDraft(given_name="Bo", ndis_number="430000031",
                             base_version=mine.version)
    with pytest.raises(ValidationError, match="already belongs to a participant in the practice"):
        b.services.participants.update(mine.id, draft)
    # keeping one's own number is no clash
    kept = b.services.participants.update(mine.id, ParticipantDraft(
        given_name="Bo", ndis_number="430000032", base_version=mine.version)).value
    again = ParticipantDraft(given_name="Robert", ndis_number="430000032",
                             base_version=kept.version)
    assert b.services.participants.update(mine.id, again).value.given_name == "Robert"


def test_two_coaches_adding_the_same_ndis_number_at_once_one_is_refused_in_words(team):
    a, b = team.coach[team.a], team.coach[team.b]
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def add(coach: Coach, given: str) -> None:
        try:
            start.wait(timeout=30)
            outcomes.append(coach.services.participants.create(
                ParticipantDraft(given_name=given, ndis_number="430000041")).value.id)
        except BaseException as err:  # reported below, in the test's thread
            outcomes.append(err)

    threads = [threading.Thread(target=add, args=(c, n)) for c, n in ((a, "Ari"), (b, "Bea"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(outcomes) == 2 and len(refused) == 1, outcomes
    assert isinstance(refused[0], ValidationError)
    assert refused[0].errors == {"ndis_number": NDIS_TAKEN}


def test_a_coach_may_ask_only_what_the_functions_answer(team):
    with team.sql_as(team.a) as conn:
        # yes or no, and the highest number: nothing else of another coach's
        assert conn.execute("SELECT recoverydesk_ndis_taken('430000099', NULL)").fetchone() \
            == (False,)
        assert conn.execute("SELECT recoverydesk_last_invoice_sequence()").fetchone() == (0,)
