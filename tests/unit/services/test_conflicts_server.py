"""What only a team practice (PostgreSQL) has: the race the version counter guards (another
coach's commit landing between a save's read and its write; on a practice file every save
begins as the one writer, so it cannot happen), and the change notices of revision 0019. The
conflict itself runs on both databases in test_conflicts.py and test_conflicts_records.py."""

from __future__ import annotations

import dataclasses
import json

import psycopg
import pytest

from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.container import Services
from recoverydesk.services.participants import service as participants_service
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store.change_notices import CHANNEL, ChangeNotice, parse


@pytest.fixture
def two(server_store, pg_cluster):
    """Two coaches' services over the same team database."""
    from recoverydesk.store.server import ServerStore

    other = ServerStore(pg_cluster.url(server_store.address.database))
    yield Services(server_store), Services(other)
    other.close()


def _participant(services: Services) -> int:
    return services.participants.create(
        ParticipantDraft(given_name="Robin", family_name="Tester", phone="0400 000 001")
    ).value.id


def test_the_version_counter_guards_the_race_inside_one_save(two, monkeypatch):
    """B commits after A's save has read the participant (and found its version current) and
    before A writes: A's UPDATE ... WHERE version = 1 touches nothing, and A gets the conflict."""
    a, b = two
    pid = _participant(a)
    mine = dataclasses.replace(a.participants.get(pid).to_draft(), phone="0411 111 111")
    load, fired = participants_service._load, []

    def load_then_b_saves(s, participant_id):
        row = load(s, participant_id)
        if not fired:  # A's save has read version 1 (and will find it current): B saves now
            fired.append(True)
            b.participants.update(pid, dataclasses.replace(
                b.participants.get(pid).to_draft(), phone="0400 999 999"))
        return row

    monkeypatch.setattr(participants_service, "_load", load_then_b_saves)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    assert caught.value.version == 2 and caught.value.fields == ("phone",)
    assert b.participants.get(pid).phone == "0400 999 999"


def test_a_change_is_announced_without_names_or_health_text(server_store, pg_cluster):
    services = Services(server_store)
    with psycopg.connect(pg_cluster.dsn(server_store.address.database), autocommit=True) as conn:
        conn.execute(f"LISTEN {CHANNEL}")
        pid = _participant(services)
        services.participants.update(pid, dataclasses.replace(
            services.participants.get(pid).to_draft(), about="Private words."))
        payloads = [n.payload for n in conn.notifies(timeout=1, stop_after=4)]
    notices = {parse(p) for p in payloads}
    assert ChangeNotice("participants", "insert", pid) in notices
    assert ChangeNotice("participants", "update", pid) in notices
    for p in payloads:
        assert set(json.loads(p)) == {"table", "op", "participant_id"}
        assert "Robin" not in p and "Private" not in p


def test_a_child_record_names_its_participant_and_a_shared_one_none(server_store, pg_cluster):
    """An action step (no participant column: found through its goal) and a resource (the
    practice's directory: no participant) are announced too, once per statement."""
    from recoverydesk.services.goals.types import GoalDraft, StepDraft
    from recoverydesk.services.resources.types import ResourceDraft

    services = Services(server_store)
    pid = _participant(services)
    goal = services.goals.create(pid, GoalDraft(title="Walk to the beach")).value
    with psycopg.connect(pg_cluster.dsn(server_store.address.database), autocommit=True) as conn:
        conn.execute(f"LISTEN {CHANNEL}")
        services.goals.add_step(goal.id, StepDraft(text="Ring the surf club"))
        services.resources.create(ResourceDraft(name="Harbour Choir", category="recreation"))
        notices = {parse(n.payload) for n in conn.notifies(timeout=1, stop_after=8)}
    assert ChangeNotice("action_steps", "insert", pid) in notices
    assert ChangeNotice("resources", "insert", None) in notices
