"""Shared by the Team dialog's tests (a plain module, not a conftest): a team practice on the
throwaway PostgreSQL server with a lead and a coach (fresh role names: roles belong to the whole
server), a participant each, and Services connected as either of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from team_server import new_team_practice, team_address

from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.team_opening import open_team_services
from recoverydesk.services.team.types import NewCoach
from recoverydesk.store.server import ServerStore

PASSWORD = "a-long-password"


@dataclass
class Coaches:
    cluster: object
    database: str
    lead: str
    coach: str
    lead_person: int  # a participant assigned to the lead
    coach_person: int  # one assigned to the coach

    def services_as(self, role: str) -> Services:
        """The services as the app builds them for a team practice, connected as ``role``."""
        return open_team_services(team_address(self.cluster, self.database, role))


def team_of_two(request) -> Coaches:
    pg_cluster, database = new_team_practice(request)
    owner = Services(ServerStore(pg_cluster.url(database)))
    try:
        lead, coach = f"lead_{uuid.uuid4().hex[:8]}", f"kim_{uuid.uuid4().hex[:8]}"
        owner.team.add_coach(NewCoach(lead, "Lee Lead", lead=True), PASSWORD)
        owner.team.add_coach(NewCoach(coach, "Kim Lee"), PASSWORD)
        people = [owner.participants.create(ParticipantDraft(given_name=given,
                                                             family_name="Walker")).value.id
                  for given in ("Aroha", "Mere")]
        owner.team.assign(people[0], lead)
        owner.team.assign(people[1], coach)
    finally:
        owner.close()
    return Coaches(pg_cluster, database, lead, coach, people[0], people[1])
