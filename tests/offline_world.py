"""A small team for the offline tests and the kill harness (issue 21): a lead and coaches A and
B on a throwaway PostgreSQL database, each connected as their own role, and helpers to take
participants offline, work in the copy and on the server, and count what the server holds.

A plain module (never ``from conftest import``): tests/unit/services/offline and
tests/offline_harness.py import it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from recoverydesk.services.container import Services
from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.offline.types import TakeRequest
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.team.types import NewCoach
from recoverydesk.store.server import ServerStore

PASSWORD = "a-long-password"
PASSPHRASE = "cafe-by-the-beach"
# The records a coach writes that must never be lost or doubled.
APPEND_ONLY_COUNTED = ("progress_notes", "measure_readings", "goal_status_changes",
                       "star_readings")


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@dataclass
class World:
    cluster: object
    database: str
    lead: str
    a: str
    b: str
    folder: Path
    _open: list[Services] = field(default_factory=list)

    # -- connections -----------------------------------------------------------------------
    def url(self, role: str) -> str:
        return self.cluster.url(self.database, user=role)

    def as_(self, role: str) -> Services:
        services = Services(ServerStore(self.url(role)))
        self._open.append(services)
        return services

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        """As the superuser (no row-level security): what the server really holds."""
        with psycopg.connect(self.cluster.dsn(self.database, "postgres"), autocommit=True) as c:
            cur = c.execute(query, params)
            return cur.fetchall() if cur.description else []

    def copy(self, path: Path) -> Services:
        services = open_services(path, passphrase=PASSPHRASE)
        self._open.append(services)
        return services

    def close(self) -> None:
        for services in self._open:
            try:
                services.close()
            except Exception:  # noqa: BLE001 (a store closed by the test already)
                pass
        self._open.clear()

    # -- doing things ----------------------------------------------------------------------
    def take(self, role: str, ids: list[int], name: str = "laptop") -> Path:
        path = self.folder / f"{unique(role)}.rdk"
        self.as_(role).offline.take(TakeRequest(tuple(ids), PASSPHRASE, name, path))
        return path

    def counts(self, table: str) -> int:
        return self.sql(f"SELECT count(*) FROM {table}")[0][0]


def make_world(pg_cluster, server_store, folder: Path, people: int = 2) -> tuple[World, dict]:
    """The team, and ``people`` participants for A and one for B: {"a": [ids], "b": [id]}."""
    owner = Services(server_store)
    lead, a, b = unique("lead"), unique("coach_a"), unique("coach_b")
    owner.team.add_coach(NewCoach(lead, "Lee Lead", lead=True), PASSWORD)
    owner.team.add_coach(NewCoach(a, "Alex Ames"), PASSWORD)
    owner.team.add_coach(NewCoach(b, "Bea Brown"), PASSWORD)
    world = World(pg_cluster, server_store.address.database, lead, a, b, folder)
    ids: dict[str, list[int]] = {"a": [], "b": []}
    for key, role, count in (("a", a, people), ("b", b, 1)):
        services = world.as_(role)
        for n in range(count):
            pid = services.participants.create(ParticipantDraft(
                given_name=f"Zephyrine{key}{n}", family_name="Quillfeather")).value.id
            ids[key].append(pid)
    return world, ids


def a_goal(services: Services, pid: int, title: str = "Walk to the beach") -> int:
    return services.goals.create(pid, GoalDraft(title=title)).value.id


def a_note(services: Services, goal_id: int, text: str) -> int:
    return services.goals.add_progress_note(goal_id, text, on=dt.date(2026, 12, 1)).value.id
