"""A small team on the throwaway PostgreSQL server: a lead and coaches A and B, each connected
as their own role (over the cluster's socket, which trusts every login), and a participant each.

Roles belong to the whole server, not one database, so every team gets fresh role names."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import psycopg

from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.team.types import NewCoach
from recoverydesk.store.server import ServerStore

PASSWORD = "a-long-password"


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@dataclass
class Team:
    cluster: object
    database: str
    lead: str
    a: str
    b: str
    owner: Services  # the superuser the fixture connects as (the server's owner)
    _open: list[Services] = field(default_factory=list)

    def services_as(self, role: str) -> Services:
        services = Services(ServerStore(self.cluster.url(self.database, user=role)))
        self._open.append(services)
        return services

    def sql_as(self, role: str) -> psycopg.Connection:
        """A plain psycopg connection as ``role`` (autocommit), as a coach with psql would."""
        return psycopg.connect(self.cluster.dsn(self.database, role), autocommit=True)

    def close(self) -> None:
        for services in self._open:
            services.close()


def make_team(pg_cluster, server_store) -> Team:
    owner = Services(server_store)
    lead, a, b = unique("lead"), unique("coach_a"), unique("coach_b")
    owner.team.add_coach(NewCoach(lead, "Lee Lead", lead=True), PASSWORD)
    owner.team.add_coach(NewCoach(a, "Alex Ames"), PASSWORD)
    owner.team.add_coach(NewCoach(b, "Bea Brown"), PASSWORD)
    return Team(pg_cluster, server_store.address.database, lead, a, b, owner)


def participant(services: Services, given: str) -> int:
    return services.participants.create(ParticipantDraft(given_name=given,
                                                         family_name="Tester")).value.id
