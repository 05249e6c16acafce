"""The version conflict on a team practice (PostgreSQL): two coaches' ServerStores over one
database, including the race the version counter guards (the other coach's commit landing
between a save's read and its write), and the change notices of revision 0019."""

from __future__ import annotations

import dataclasses
import json

import psycopg
import pytest

from recoverydesk.services.conflicts.types import KEEP_MINE, MERGED, TAKE_THEIRS, EditConflict
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


def _conflict(a: Services, b: Services, pid: int) -> EditConflict:
    opened = a.participants.get(pid)
    b.participants.update(pid, dataclasses.replace(
        b.participants.get(pid).to_draft(), phone="0400 999 999", about="Likes the beach."))
    mine = dataclasses.replace(opened.to_draft(), phone="0411 111 111", pronouns="they/them")
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    return caught.value


def test_a_stale_save_is_refused_with_both_versions(two):
    a, b = two
    pid = _participant(a)
    conflict = _conflict(a, b, pid)
    assert conflict.version == 2
    assert (conflict.mine.phone, conflict.theirs.phone) == ("0411 111 111", "0400 999 999")
    assert conflict.fields == ("pronouns", "phone", "about")
    assert b.participants.get(pid).phone == "0400 999 999"


@pytest.mark.parametrize("how", [KEEP_MINE, TAKE_THEIRS, MERGED])
def test_each_answer_ends_with_the_right_stored_values_and_version(two, how):
    a, b = two
    pid = _participant(a)
    conflict = _conflict(a, b, pid)
    merged = conflict.merge({"phone": TAKE_THEIRS}, {"about": "Beach, bush."})
    conflict.save_again(conflict.resolved(how, merged), how)
    stored = b.participants.get(pid)
    expected = {
        KEEP_MINE: ("0411 111 111", "they/them", "", 3),
        TAKE_THEIRS: ("0400 999 999", "", "Likes the beach.", 2),
        MERGED: ("0400 999 999", "they/them", "Beach, bush.", 3),
    }[how]
    assert (stored.phone, stored.pronouns, stored.about, stored.version) == expected
    assert a.participants.audit_trail(pid)[0].action == f"participant.conflict_{how}"


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
