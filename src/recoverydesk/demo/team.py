"""The demo as a team practice on a PostgreSQL server (``recoverydesk demo --db postgresql://…
--coaches 3``, issue 20 item 8): the fictional demo written into an empty team database, then
fictional coaches added (real LOGIN roles, through the team service as the lead adds them: the
first one leads the practice) and the participants spread across them, so each coach who signs
in sees their own caseload and the lead sees everyone.

The coaches' logins are ``demo_<name>`` (a server's logins are shared by all its databases, so
the prefix keeps them apart from real people's); a login the server already has is taken as it
is, its password unchanged. A new login's password is the one given, or a random one made here
and shown once by the command (never kept anywhere).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select, update

from recoverydesk.demo import generate_demo
from recoverydesk.models import Base, Participant
from recoverydesk.services.practice.load_rules import move_sequences
from recoverydesk.services.team.service import TeamService
from recoverydesk.services.team.types import NewCoach
from recoverydesk.services.types import ServiceError

# Fictional coaches, the first the practice lead.
COACHES = (("aroha", "Aroha Ngata"), ("sam", "Sam Whitford"), ("priya", "Priya Raman"),
           ("tom", "Tom Kowalski"), ("leilani", "Leilani Kealoha"), ("dev", "Dev Mehta"),
           ("hannah", "Hannah Brooks"), ("mateo", "Mateo Ruiz"), ("grace", "Grace Okafor"),
           ("finn", "Finn Gallagher"))
ROLE_PREFIX = "demo_"


@dataclass(frozen=True)
class DemoCoach:
    role: str
    name: str
    lead: bool
    participants: int
    password: str | None  # None: the login was on the server already (its password kept)


def new_password() -> str:
    """A random password for a demo login, shown once."""
    return secrets.token_urlsafe(12)


def fill_team(store, *, coaches: int, participants: int = 14, years: int = 2, seed: int = 7,
              password: str | None = None) -> list[DemoCoach]:
    """Write the demo into the empty team practice ``store`` (connected as its lead or the
    server's superuser), add ``coaches`` coaches and spread the participants across them.
    ``password``: every new login's (else a random one each)."""
    if not 1 <= coaches <= len(COACHES):
        raise ServiceError(f"The demo has between 1 and {len(COACHES)} coaches.")
    team = TeamService(store)
    view = team.view()
    if not view.i_lead:
        raise ServiceError(f"Only the practice lead can make the demo's coaches; you are "
                           f"connected as {view.me}.")
    with store.read() as s:
        if s.scalar(select(Participant.id).limit(1)) is not None:
            raise ServiceError("This team practice already holds participants: the demo is "
                               "written into an empty database only.")
    generate_demo(store, participants=participants, years=years, seed=seed)
    with store.unit_of_work() as s:  # the demo gives its rows their ids: the server's next
        move_sequences(s, list(Base.metadata.sorted_tables))
    made = [_add(team, role, name, n == 0, password) for n, (role, name)
            in enumerate(COACHES[:coaches])]
    with store.unit_of_work() as s:
        ids = list(s.scalars(select(Participant.id).order_by(Participant.id)))
        for n, coach in enumerate(made):
            mine = ids[n::coaches]
            s.execute(update(Participant).where(Participant.id.in_(mine))
                      .values(coach_role=coach.role))
            made[n] = DemoCoach(coach.role, coach.name, coach.lead, len(mine), coach.password)
    return made


def _add(team: TeamService, role: str, name: str, lead: bool,
         password: str | None) -> DemoCoach:
    password = password or new_password()
    added = team.add_coach(NewCoach(ROLE_PREFIX + role, name, lead), password).value
    return DemoCoach(added.coach.role, name, lead, 0, None if added.login_existed else password)
