"""Revision 0020's functions as the README sets a practice up: the database owned by the lead's
own login (CREATEROLE, not a superuser, so row-level security applies to the owner too, FORCEd;
the other team tests' databases belong to the server's superuser). The functions run as that
owner: they must still count every coach's invoices and participants, and the lead must still
be able to shut a coach's login and open it again."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from team_claims import DETAILS, MARCH, Coach
from team_world import PASSWORD

from recoverydesk.services.participants.service import NDIS_TAKEN
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.team.types import NewCoach
from recoverydesk.services.types import ValidationError
from recoverydesk.store.server import open_server


@pytest.fixture
def practice(pg_cluster):
    """(database, lead, coach a, coach b): a new practice the lead owns and set up."""
    lead = f"lead_{uuid.uuid4().hex[:8]}"
    a, b = f"coach_a_{uuid.uuid4().hex[:8]}", f"coach_b_{uuid.uuid4().hex[:8]}"
    pg_cluster.execute(f"CREATE ROLE {lead} LOGIN CREATEROLE")  # createuser --createrole lead
    database = pg_cluster.new_database()
    pg_cluster.execute(f"ALTER DATABASE {database} OWNER TO {lead}")  # createdb --owner lead
    store, _ = open_server(pg_cluster.url(database, user=lead))  # sets the practice up
    opened = [Coach(pg_cluster, database, lead)]
    store.close()
    team = opened[0].services.team
    team.add_coach(NewCoach(lead, "Lee Lead", lead=True), PASSWORD)
    team.add_coach(NewCoach(a, "Alex Ames"), PASSWORD)
    team.add_coach(NewCoach(b, "Bea Brown"), PASSWORD)
    opened[0].services.claims.save_details(DETAILS)
    opened += [Coach(pg_cluster, database, role) for role in (a, b)]
    yield opened
    for coach in opened:
        coach.close()
    pg_cluster.drop_database(database)


def test_the_owner_lead_counts_every_coachs_invoices_and_ndis_numbers(pg_cluster, practice):
    lead, a, b = practice
    with lead.store.read() as s:
        assert s.connection().exec_driver_sql(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar_one() is False
    pa = a.plan_managed("Ari", "430000051")
    pb = b.plan_managed("Bodhi", "430000052")
    first = a.services.invoices.issue(pa, *MARCH).value
    a.services.invoices.void(first.id, "Wrong period")
    lead.services.claims.save_details(DETAILS)  # the next number put back to 1 by hand
    assert b.services.invoices.issue(pb, *MARCH).value.number == "INV-0002"
    with pytest.raises(ValidationError) as caught:
        b.services.participants.create(ParticipantDraft(given_name="Bo",
                                                        ndis_number="430000051"))
    assert caught.value.errors == {"ndis_number": NDIS_TAKEN}


def test_the_owner_lead_deactivates_and_reactivates_a_coach(pg_cluster, practice):
    lead, a, _ = practice
    database = a.store.address.database
    lead.services.team.deactivate(a.role)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(pg_cluster.dsn(database, a.role)).close()
    with pytest.raises(ValidationError, match="cannot deactivate yourself"):
        lead.services.team.deactivate(lead.role)
    lead.services.team.reactivate(a.role)
    with psycopg.connect(pg_cluster.dsn(database, a.role)) as conn:
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (0,)
