"""Another coach's change appears without a restart: a window on a team practice hears the
server's notices (LISTEN recoverydesk_changes) and publishes each burst once on the change bus,
so the pages showing that participant refresh; its own saves are not heard twice; a dropped
connection is made again; nothing is heard while locked, or once the practice is closed. A
coach's window hears another coach's change to their participant, and nothing of the changes to
participants that are not theirs."""

from __future__ import annotations

import itertools

import psycopg
import pytest
from team_server import (
    close_team_practice,
    new_team_practice,
    team_address,
    wait_until_connected,
)

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.team_opening import open_team_services
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.tasks import Op

WAIT_MS = 8000


@pytest.fixture
def team(request):
    pg_cluster, database = new_team_practice(request)
    return pg_cluster, database, team_address(pg_cluster, database)


@pytest.fixture
def team_window(qtbot, opener, team):
    """A window connected to the team practice (as the superuser, over the socket)."""
    window = MainWindow(opener)
    qtbot.addWidget(window)
    window.show()
    window.practice_files.connect_team(team[2])
    wait_until_connected(qtbot, window)
    assert window.services.practice.info().is_team
    feed = window.services.practice._feed
    assert feed is not None and feed.listening.wait(5), "the window is not listening"
    yield window
    close_team_practice(window)


@pytest.fixture
def other_coach(team):
    services = open_team_services(team[2])
    yield services
    services.close()


@pytest.fixture
def published():
    seen: list[ChangeSet] = []
    change_bus().changed.connect(seen.append)
    yield seen
    change_bus().changed.disconnect(seen.append)


_TRANSACTIONS = itertools.count(10**12)  # far past any real transaction's number


def _notify(pg_cluster, database, *notices: dict) -> None:
    """One transaction's entries in the change log and its notice, as the trigger writes them
    (as the superuser: only the trigger's owner may write the log)."""
    tx = next(_TRANSACTIONS)
    rows = ", ".join(
        f"({tx}, '{n['table']}', '{n['op']}', {n['participant_id'] or 'NULL'})" for n in notices)
    pg_cluster.execute(
        f"WITH logged AS (INSERT INTO change_log.entries (tx, table_name, op, participant_id) "
        f"VALUES {rows}) SELECT pg_notify('recoverydesk_changes', '{tx}')", database)


def _names(window) -> list[str]:
    model = window.list_panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_another_coachs_new_participant_appears_in_the_caseload(qtbot, team_window,
                                                               other_coach, published):
    other_coach.participants.create(ParticipantDraft(given_name="Aroha", family_name="Ngata"))
    qtbot.waitUntil(lambda: any("Aroha" in (n or "") for n in _names(team_window)),
                    timeout=WAIT_MS)
    assert published == [ChangeSet(frozenset({"participant"}), frozenset({1}))]


def test_a_page_showing_the_participant_refreshes_once(qtbot, team_window, other_coach,
                                                      published):
    pid = other_coach.participants.create(ParticipantDraft(given_name="Aroha",
                                                           family_name="Ngata")).value.id
    qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
    team_window.open_participant(pid, "story")
    header = team_window.workspace
    published.clear()
    p = other_coach.participants.get(pid)
    other_coach.participants.update(pid, ParticipantDraft(
        given_name="Aroha", family_name="Ngata", preferred_name="Ro", base_version=p.version))
    qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
    qtbot.wait(600)  # nothing more comes for the one change
    assert published == [ChangeSet(frozenset({"participant"}), frozenset({pid}))]
    qtbot.waitUntil(lambda: any("Ro" in (n or "") for n in _names(team_window)),
                    timeout=WAIT_MS)
    assert header.participant_id == pid


def test_a_burst_of_notices_is_one_change_set(qtbot, team_window, team, published):
    pg_cluster, database, _address = team
    _notify(pg_cluster, database,
            {"table": "goals", "op": "update", "participant_id": 5},
            {"table": "action_steps", "op": "insert", "participant_id": 7},
            {"table": "goals", "op": "update", "participant_id": 7})
    qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
    qtbot.wait(600)
    assert published == [ChangeSet(frozenset({"goal", "action_step"}), frozenset({5, 7}))]


def test_a_practice_wide_change_names_nobody(qtbot, team_window, team, published):
    pg_cluster, database, _address = team
    _notify(pg_cluster, database, {"table": "resources", "op": "insert", "participant_id": None})
    qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
    assert published == [ChangeSet(frozenset({"resource"}), frozenset())]


def test_the_coachs_own_save_is_not_heard_twice(qtbot, team_window, published):
    # The window's own save, as a dialog's Op runs it
    Op(team_window, lambda: team_window.services.participants.create(
        ParticipantDraft(given_name="Own", family_name="Save"))).run()
    assert len(published) == 1  # the Op's own
    qtbot.wait(1200)  # the server's notice has come and gone by now
    assert len(published) == 1


def test_a_dropped_connection_is_made_again(qtbot, team_window, team, published):
    pg_cluster, database, _address = team
    feed = team_window.services.practice._feed
    feed._retry = 0.2  # (the real wait is 2 s)
    pg_cluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE query LIKE 'LISTEN%'", database)
    qtbot.waitUntil(lambda: ChangeSet.everything() in published, timeout=WAIT_MS)
    assert feed.listening.wait(5)
    published.clear()
    _notify(pg_cluster, database, {"table": "goals", "op": "update", "participant_id": 3})
    qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
    assert published == [ChangeSet(frozenset({"goal"}), frozenset({3}))]


def test_nothing_is_heard_while_locked_and_it_listens_again_after(qtbot, team_window, team,
                                                                 published):
    pg_cluster, database, _address = team
    feed = team_window.services.practice._feed
    lock = team_window.parts.lock
    lock.lock()
    qtbot.waitUntil(lambda: not feed.listening.is_set(), timeout=WAIT_MS)
    assert _listeners(pg_cluster, database) == 0  # no connection while locked
    _notify(pg_cluster, database, {"table": "goals", "op": "update", "participant_id": 3})
    qtbot.wait(600)
    assert published == []
    assert lock.unlock("")  # (a trusted socket: any password will do)
    assert feed.listening.wait(5)
    _notify(pg_cluster, database, {"table": "goals", "op": "update", "participant_id": 4})
    qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
    assert published[-1] == ChangeSet(frozenset({"goal"}), frozenset({4}))


def test_closing_the_practice_stops_listening(qtbot, team_window, team, opener, tmp_path):
    pg_cluster, database, _address = team
    services = team_window.services
    feed = services.practice._feed
    # Another practice shown in its place (a file, as File > Open does it)
    team_window.practice_files.show_opened(opener.open_on_worker(tmp_path / "other.rdk",
                                                                  create=True))
    assert not feed.running
    assert _listeners(pg_cluster, database) == 0
    # (the window's parts hear of the new practice a few turns after its caseload shows)
    qtbot.waitUntil(lambda: team_window.parts.server_changes.following is None,
                    timeout=WAIT_MS)
    assert not services.practice.is_open


def _listeners(pg_cluster, database) -> int:
    with psycopg.connect(pg_cluster.dsn(database)) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                            "query LIKE 'LISTEN%%' AND state = 'idle'",
                            (database,)).fetchone()[0]


def test_a_connection_lost_while_working_is_said_in_words(qtbot, team_window, team):
    """The server drops the window's connections: the next read says so in the store's words
    (a practice trouble, not an unexpected error), and the one after works again."""
    from recoverydesk.services.practice.types import PracticeTroubleError

    pg_cluster, database, _address = team
    services = team_window.services
    services.participants.list(include_archived=True)  # a pooled connection
    pg_cluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                       "datname = current_database() AND pid <> pg_backend_pid()", database)
    try:
        services.participants.list(include_archived=True)
    except PracticeTroubleError as err:  # (the pool's ping may mend it first: fine too)
        assert "connection" in str(err) and "lost" in str(err)
    assert services.participants.list(include_archived=True) == []


def test_the_servers_troubles_reach_the_window_as_practice_troubles():
    from recoverydesk.services.practice.team_opening import _in_words
    from recoverydesk.services.practice.types import PracticeBusyError, PracticeTroubleError
    from recoverydesk.store.errors import PracticeBusyError as StoreBusy
    from recoverydesk.store.server_errors import connection_lost

    translate = _in_words(lambda exc: None)
    lost = translate(connection_lost("db.example.org/practice"))
    assert isinstance(lost, PracticeTroubleError)
    assert str(lost).startswith("The connection to the team practice at db.example.org/practice")
    busy = translate(StoreBusy("Another coach was changing the same records at that moment."))
    assert isinstance(busy, PracticeBusyError) and "Another coach" in str(busy)
    assert translate(ValueError("a bug")) is None


def test_every_table_the_server_announces_has_its_kind_of_change():
    """Each table revision 0019 sends notices for is known to the feed (else a change to it
    would reload every page showing that participant, "*")."""
    import importlib.util
    from pathlib import Path

    from recoverydesk.services.practice.live import ENTITY_OF_TABLE

    path = Path(__file__).resolve().parents[3] / "migrations/versions/0019_record_versions.py"
    spec = importlib.util.spec_from_file_location("revision_0019", path)
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    assert sorted(set(revision.NOTIFIED) - set(ENTITY_OF_TABLE)) == []


def test_a_coachs_window_hears_their_participant_and_nothing_of_anothers(
        qtbot, opener, team, other_coach, published):
    """Signed in as coach Sam: the lead's change to Sam's participant refreshes Sam's window;
    coach Kim's change to Kim's own participant reaches it as nothing at all (revision 0021)."""
    import uuid

    from recoverydesk.services.team.types import NewCoach

    pg_cluster, database, _address = team
    sam, kim = (f"{name}_{uuid.uuid4().hex[:8]}" for name in ("sam", "kim"))
    lead = other_coach  # (the superuser, who leads)
    for role, name in ((sam, "Sam Tupou"), (kim, "Kim Lee")):
        lead.team.add_coach(NewCoach(role, name), "a-long-password")
    aroha, mere = (lead.participants.create(ParticipantDraft(given_name=given,
                                                             family_name="Ngata")).value.id
                   for given in ("Aroha", "Mere"))
    lead.team.assign(aroha, sam)
    lead.team.assign(mere, kim)
    window = MainWindow(opener)
    qtbot.addWidget(window)
    window.show()
    window.practice_files.connect_team(team_address(pg_cluster, database, sam))
    kims = open_team_services(team_address(pg_cluster, database, kim))
    try:  # (a coach's caseload shows first; the rest of the practice opens after it)
        qtbot.waitUntil(lambda: window.services is not None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.services.practice._feed is not None, timeout=WAIT_MS)
        assert window.services.practice._feed.listening.wait(5)
        published.clear()
        p = kims.participants.get(mere)
        kims.participants.update(mere, ParticipantDraft(
            given_name="Mere", family_name="Ngata", preferred_name="Em", base_version=p.version))
        p = lead.participants.get(aroha)
        lead.participants.update(aroha, ParticipantDraft(
            given_name="Aroha", family_name="Ngata", preferred_name="Ro", base_version=p.version))
        qtbot.waitUntil(lambda: bool(published), timeout=WAIT_MS)
        qtbot.wait(600)  # Kim's change, heard first, brought nothing
        assert published == [ChangeSet(frozenset({"participant"}), frozenset({aroha}))]
        qtbot.waitUntil(lambda: any("Ro" in (n or "") for n in _names(window)),
                        timeout=WAIT_MS)
    finally:
        kims.close()
        close_team_practice(window)
