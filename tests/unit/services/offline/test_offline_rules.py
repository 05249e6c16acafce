"""Issue 21: the rules around taking and bringing back, one at a time (real PostgreSQL, real
encrypted files): row-level security on the new tables, suggested participants, removals,
participants made offline, retries, an unreachable server."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import text

from offline_world import PASSPHRASE, a_goal, a_note, make_world
from recoverydesk.models import OfflineCopy
from recoverydesk.paths import backups_dir_for
from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.offline.types import (
    DELETED_HERE,
    RETURNED,
    RETURNING,
    TAKEN,
    CopyReturningError,
    OfflineError,
)
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.settings.types import PracticeDetails
from recoverydesk.services.types import Progress
from recoverydesk.store.engine import connect_raw
from recoverydesk.store.lockfile import lock_path_for
from recoverydesk.store.migrate import create_practice


@pytest.fixture
def world(pg_cluster, server_store, tmp_path):
    w, ids = make_world(pg_cluster, server_store, tmp_path)
    yield w, ids
    w.close()


def test_holds_and_conflicts_are_kept_to_the_coachs_own_participants(world):
    w, ids = world
    w.take(w.a, ids["a"][:1])
    assert w.as_(w.b).offline.holds() == {}  # B cannot see A's participant, nor its hold
    assert set(w.as_(w.lead).offline.holds()) == {ids["a"][0]}
    with psycopg.connect(w.cluster.dsn(w.database, w.b), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM offline_holds").fetchone() == (1 - 1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security
            conn.execute("INSERT INTO offline_holds (participant_id, coach_role, device_id, "
                         "device_name, taken_at) VALUES (%s, current_user, 'x', 'x', now())",
                         (ids["a"][1],))
        assert conn.execute("SELECT count(*) FROM offline_returns").fetchone() == (0,)


def test_participants_with_a_session_within_the_days_asked_are_suggested_first(world):
    w, ids = world
    coach = w.as_(w.a)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    coach.sessions.create(ids["a"][1], SessionInput(starts_at=soon, status="planned"))
    candidates = coach.offline.candidates(days=7)
    assert [c.participant_id for c in candidates][0] == ids["a"][1]
    assert [c.suggested for c in candidates] == [True, False]
    assert candidates[0].next_session == soon.date()


def test_removals_come_back_unless_the_server_changed_the_record(world):
    w, ids = world
    coach, lead = w.as_(w.a), w.as_(w.lead)
    pid = ids["a"][0]
    gone = coach.participants.add_strength(pid, "skills", "Juggles").value
    kept = coach.participants.add_strength(pid, "skills", "Sings").value
    gid = a_goal(coach, pid, "Learn the ukulele")
    local = w.copy(w.take(w.a, [pid]))
    local.participants.remove_strength(gone.id)
    local.participants.remove_strength(kept.id)
    lead.participants.update_strength(kept.id, "skills", "Sings in a choir")
    a_note(lead, gid, "Bought a ukulele")
    report = local.offline.bring_back().value
    texts = {r[0] for r in w.sql("SELECT text FROM strengths")}
    assert texts == {"Sings in a choir"}
    kinds = {(c.table, c.kind) for c in coach.offline.conflicts(pid)}
    assert ("strengths", DELETED_HERE) in kinds
    assert w.sql("SELECT text FROM progress_notes") == [("Bought a ukulele",)]
    assert report.applied >= 1


def test_a_participant_made_offline_comes_back_as_the_coachs_with_their_records(world):
    w, ids = world
    local = w.copy(w.take(w.a, ids["a"][:1]))
    new = local.participants.create(ParticipantDraft(given_name="Marlowe",
                                                     family_name="Offline")).value.id
    gid = a_goal(local, new, "Find a flat")
    a_note(local, gid, "Saw two flats")
    local.offline.bring_back()
    rows = w.sql("SELECT p.coach_role, g.title, n.text FROM participants p JOIN goals g ON "
                 "g.participant_id = p.id JOIN progress_notes n ON n.goal_id = g.id "
                 "WHERE p.given_name = 'Marlowe'")
    assert rows == [(w.a, "Find a flat", "Saw two flats")]
    assert [p.full_name for p in w.as_(w.a).participants.list()
            if p.full_name.startswith("Marlowe")] == ["Marlowe Offline"]


def test_a_retry_after_the_server_committed_only_finishes_in_the_copy(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    gid = a_goal(coach, pid)
    path = w.take(w.a, [pid])
    local = w.copy(path)
    a_note(local, gid, "Only once")
    local.offline.bring_back()
    with local._store.unit_of_work() as s:  # as if killed before the copy was marked
        s.get(OfflineCopy, 1).state = RETURNING
    again = local.offline.bring_back().value
    assert again.already_done and again.added.get("progress_notes") == 1
    assert w.sql("SELECT count(*) FROM progress_notes") == [(1,)]
    assert local.offline.state().state == RETURNED


def test_an_unreachable_server_leaves_the_copy_as_it_was_and_a_later_try_works(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    gid = a_goal(coach, pid)
    local = w.copy(w.take(w.a, [pid]))
    a_note(local, gid, "Written on the train")
    with local._store.unit_of_work() as s:
        copy = s.get(OfflineCopy, 1)
        real, copy.address = copy.address, f"postgresql://{w.a}@127.0.0.1:1/{w.database}"
    with pytest.raises(OfflineError, match="copy is as it was|Nothing was brought back"):
        local.offline.bring_back()
    assert w.sql("SELECT count(*) FROM progress_notes") == [(0,)]
    assert local.offline.state().state == TAKEN  # the coach goes on working offline
    a_note(local, gid, "Written while waiting")
    with pytest.raises(OfflineError, match="bring it back first"):
        local.offline.discard_copy()
    with local._store.unit_of_work() as s:
        s.get(OfflineCopy, 1).address = real
    assert local.offline.bring_back().value.added["progress_notes"] == 2
    assert sorted(w.sql("SELECT text FROM progress_notes")) == [
        ("Written on the train",), ("Written while waiting",)]


def test_offline_is_for_a_team_practice(services):
    if services._store.is_server:  # (the service suite runs on both databases)
        assert services.offline.available() and services.offline.state() is None
        return
    assert not services.offline.available()
    assert services.offline.state() is None
    with pytest.raises(OfflineError, match="team practice"):
        services.offline.candidates()
    with pytest.raises(OfflineError, match="not an offline copy"):
        services.offline.bring_back()
    with services._store.read() as s:
        assert s.execute(text("SELECT count(*) FROM offline_holds")).scalar() == 0


class _LaptopClosed(Exception):
    pass


class _CloseAfterTheServer(Progress):
    """The laptop closes right after the server committed, before the copy is marked."""

    def step(self, done: int, total: int, text: str = "") -> None:
        if done == 2:
            raise _LaptopClosed


def test_a_copy_whose_work_may_be_on_the_server_takes_no_edits_until_it_is_brought_back(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    gid = a_goal(coach, pid)
    path = w.take(w.a, [pid])
    local = w.copy(path)
    a_note(local, gid, "First")
    with pytest.raises(_LaptopClosed):
        local.offline.bring_back(progress=_CloseAfterTheServer())
    assert w.sql("SELECT text FROM progress_notes") == [("First",)]
    assert local.offline.state().state == RETURNING
    assert "on its way back" in local.offline.state().banner
    # The coach goes on working in it: refused in words, nothing written (the copy, the server)
    with pytest.raises(CopyReturningError, match="on its way back to the team practice; "
                                                 "finish bringing it back first"):
        a_note(local, gid, "Written after")
    with pytest.raises(CopyReturningError):
        local.participants.create(ParticipantDraft(given_name="Later", family_name="Person"))
    with local._store.read() as s:
        assert s.execute(text("SELECT text FROM progress_notes")).all() == [("First",)]
        assert s.execute(text("SELECT count(*) FROM participants")).scalar() == 1
    with pytest.raises(OfflineError, match="bring it back first"):
        local.offline.discard_copy()
    again = local.offline.bring_back().value  # finishes in the copy only
    assert again.already_done and local.offline.state().state == RETURNED
    with pytest.raises(CopyReturningError, match="back on the team practice"):  # it would go
        a_note(local, gid, "Written once it was back")                      # with the copy
    assert w.sql("SELECT text FROM progress_notes") == [("First",)]
    local.offline.discard_copy()
    assert not path.exists()


def test_offline_conflicts_are_the_coachs_and_the_leads_and_taking_theirs_keeps_the_server(world):
    w, ids = world
    coach, lead = w.as_(w.a), w.as_(w.lead)
    pid = ids["a"][0]
    strength = coach.participants.add_strength(pid, "skills", "Paints").value
    local = w.copy(w.take(w.a, [pid]))
    local.participants.update_strength(strength.id, "skills", "Paints murals")
    lead.participants.update_strength(strength.id, "skills", "Paints signs")
    local.offline.bring_back()
    [conflict] = coach.offline.conflicts()
    assert w.as_(w.b).offline.conflicts() == []
    assert [c.id for c in lead.offline.conflicts()] == [conflict.id]
    done = coach.offline.resolve(conflict.id, "theirs").value
    assert done.resolution == "theirs" and done.resolved_at is not None
    assert w.sql("SELECT text FROM strengths") == [("Paints signs",)]
    assert coach.offline.conflicts() == []
    kept = coach.offline.conflicts(open_only=False)
    assert kept[0].mine["text"] == "Paints murals"  # the offline version is never removed


@pytest.mark.parametrize("closed_first", [False, True])
def test_removing_a_returned_copy_leaves_nothing_of_it_whatever_closed_first(world, closed_first):
    w, ids = world
    pid = ids["a"][0]
    gid = a_goal(w.as_(w.a), pid)
    path = w.take(w.a, [pid])
    local = open_services(path, passphrase=PASSPHRASE, lock=True)  # as the window holds it
    try:
        a_note(local, gid, "At the cafe")
        local.offline.bring_back()
        assert lock_path_for(path).exists()
        if closed_first:  # the window let go of the copy before removing it
            local.close()
        assert local.offline.discard_copy() == path
    finally:
        local.close()
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.stem)) == []
    assert not backups_dir_for(path).exists()
    assert w.sql("SELECT text FROM progress_notes") == [("At the cafe",)]


def test_a_copy_not_brought_back_is_never_removed_even_once_closed(world):
    w, ids = world
    path = w.take(w.a, ids["a"][:1])
    local = open_services(path, passphrase=PASSPHRASE, lock=True)
    local.close()
    with pytest.raises(OfflineError, match="bring it back first"):
        local.offline.discard_copy()
    assert path.exists()


def test_the_copy_is_named_after_the_team_practice_and_says_whether_its_server_answers(world):
    w, ids = world
    w.as_(w.lead).settings.save_details(PracticeDetails(practice_name="Harbour Lights Coaching"))
    path = w.take(w.a, ids["a"][:1])
    local = w.copy(path)
    state = local.offline.state()
    assert state.name == "Harbour Lights Coaching"
    assert state.banner.startswith("Offline copy of Harbour Lights Coaching: 1 participant, "
                                   "taken ")
    assert state.title == f"Offline copy of Harbour Lights Coaching, as {w.a}"
    assert local.offline.reachable()
    with local._store.unit_of_work() as s:  # the server moved away
        s.get(OfflineCopy, 1).address = f"postgresql://{w.a}@127.0.0.1:1/{w.database}"
    local.close()
    assert not w.copy(path).offline.reachable(timeout=0.5)
    assert not w.as_(w.a).offline.reachable()  # the team practice itself is no copy


def test_a_copy_of_a_practice_without_a_name_is_named_after_its_database(world):
    w, ids = world
    local = w.copy(w.take(w.a, ids["a"][:1]))
    assert local.offline.state().name == w.database
    assert local.offline.state().banner.startswith(f"Offline copy of {w.database}: ")


def test_the_copy_has_exactly_the_schema_the_migrations_make_and_a_whole_search_index(
        world, tmp_path):
    w, ids = world
    pid = ids["a"][0]
    gid = a_goal(w.as_(w.a), pid, title="Swim past the lighthouse")
    path = w.take(w.a, [pid])
    fresh = tmp_path / "fresh.rdk"
    create_practice(fresh, None)

    def schema(conn) -> set:
        """Every table, index, trigger and search index by its text (a table's lines as a
        set: the migrations' batch copies write its constraints in no fixed order)."""
        found = set()
        for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE "
                "'offline\\_%' ESCAPE '\\'"):
            if kind == "table" and sql and sql.startswith("CREATE TABLE"):
                sql = frozenset(line.strip().rstrip(",") for line in sql.splitlines())
            found.add((kind, name, table, sql))
        return found

    local = w.copy(path)
    with local._store.read() as s:
        mine = schema(s.connection().connection.driver_connection)
    plain = connect_raw(fresh, None)
    try:
        assert mine == schema(plain)
    finally:
        plain.close()
    with local._store.read() as s:  # the index was built from the records, and is whole
        for index in ("fts_goals", "fts_participants"):
            s.execute(text(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"))
    assert [(r.kind, r.ref) for r in local.search.search("lighthouse")] == [("goal", gid)]
    assert [r.participant_id for r in local.search.search("Zephyrinea0")] == [pid]
    # and kept by the triggers from then on
    local.goals.update(gid, GoalDraft(title="Swim round the breakwater"))
    assert local.search.search("lighthouse") == []
    assert [r.ref for r in local.search.search("breakwater")] == [gid]
