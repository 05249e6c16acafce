"""Reads named ahead (``store/read_ahead.py``): on a team practice a participant switch's reads go
to the server together, a pipeline each, and what every tab shows is exactly what it shows when
each read runs on its own. On the real server: a demo team practice (14 participants, two years)
and, for the troubles, a fresh database."""

from __future__ import annotations

import psycopg
import pytest
from demo_practices import demo_on_server
from sqlalchemy import Select, bindparam, event, literal, select
from sqlalchemy.exc import DBAPIError
from test_tab_statements import TABS, TODAY

from recoverydesk.models import Participant
from recoverydesk.services.core_read import core_rows, read_ahead
from recoverydesk.store import read_ahead as ahead
from recoverydesk.store import streamed_pipeline
from statements_seen import statements_run

# Each read of a participant switch: the tabs' as test_tab_statements.py reads them, the
# Overview's lines and the Funding tab.
READERS = {**{tab: read for tab, (read, _most) in TABS.items()},
           "overview": lambda services, pid: services.overview.lines(pid, TODAY),
           "funding": lambda services, pid: services.claims.funding_tab(pid, TODAY)}
# The most round trips each may take on a team practice: a pipeline or two, and the reads
# that depend on rows read before them (the Overview's and the Story tab's items tagged, one
# per kind; whether any goal, with no plan agreed).
TRIPS = {"overview": 6, "star": 1, "goals": 1, "sessions": 1, "wrap": 1, "story": 4,
         "network": 1, "funding": 2}


@pytest.fixture(scope="module")
def team_demo(pg_cluster, pg_template):
    name = pg_cluster.new_database(template=pg_template, prefix="ahead")
    services = demo_on_server(pg_cluster.url(name), participants=14, years=2, seed=7)
    services.star.tab(_ids(services)[0])  # the bundled star templates made sure of, once
    yield services
    services.close()
    pg_cluster.drop_database(name)


def _ids(services) -> list[int]:
    with services._store.read() as s:
        return list(s.scalars(select(Participant.id).order_by(Participant.id)))


def _each_on_its_own(monkeypatch):
    monkeypatch.setattr(ahead, "read_ahead", lambda s, reads: None)


@pytest.mark.parametrize("read", sorted(READERS))
def test_what_a_tab_shows_is_the_same_with_its_reads_sent_ahead(team_demo, read, monkeypatch):
    reader = READERS[read]
    together = {pid: reader(team_demo, pid) for pid in _ids(team_demo)}
    _each_on_its_own(monkeypatch)
    alone = {pid: reader(team_demo, pid) for pid in _ids(team_demo)}
    assert together == alone


@pytest.mark.parametrize("read", sorted(READERS))
def test_a_tab_takes_few_round_trips_on_a_team_practice(team_demo, read, monkeypatch):
    reader, most = READERS[read], TRIPS[read]
    reader(team_demo, _ids(team_demo)[0])  # (a service's first read makes sure of its data)
    for pid in _ids(team_demo):
        with statements_run(team_demo._store) as sent:
            reader(team_demo, pid)
        assert sent.round_trips <= most, (pid, sent.round_trips, list(sent))
    _each_on_its_own(monkeypatch)  # the same reads, each on its own, take a trip each
    with statements_run(team_demo._store) as one_by_one:
        reader(team_demo, _ids(team_demo)[0])
    assert one_by_one.round_trips > most


def test_the_sql_sent_ahead_is_what_sqlalchemy_itself_sends(team_demo, monkeypatch):
    """The pipeline sends each read as SQLAlchemy's own execution would: the same SQL and the
    same values, an IN's list expanded and enums bound as their values."""
    named = []
    real = ahead.read_ahead

    def noting(s, reads):
        reads = list(reads)
        named.extend(reads)
        real(s, reads)

    monkeypatch.setattr(ahead, "read_ahead", noting)
    for reader in READERS.values():
        for pid in _ids(team_demo):
            reader(team_demo, pid)
    assert len({id(stmt) for stmt, _params in named}) >= 30
    store = team_demo._store
    sent = []

    def note(_conn, _cursor, statement, parameters, *_args):
        sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        with store.read() as s:
            dialect = s.connection().dialect
            for stmt, params in named:
                sent.clear()
                s.connection().execute(stmt, dict(params)).all()
                assert sent == [ahead._sql_and_values(dialect, stmt, params)], stmt
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def _name_of() -> Select:
    return select(Participant.given_name).where(Participant.id == bindparam("pid"))


def test_a_read_the_server_refuses_fails_where_it_is_asked(server_store):
    with server_store.unit_of_work() as s:
        s.add(Participant(given_name="Tui", family_name="Marsden-Vale"))
    pid = _ids_of(server_store)[0]
    names = _name_of()
    refused = select(literal(1) / bindparam("zero"))
    with server_store.read() as s:
        read_ahead(s, [(names, {"pid": pid}), (refused, {"zero": 0})])
        with pytest.raises(DBAPIError, match="division by zero"):
            core_rows(s, refused, {"zero": 0}).all()
        # the others sent with it are read again when asked, on a connection still in use,
        # planned as the server chooses again
        assert core_rows(s, names, {"pid": pid}).scalars().all() == ["Tui"]
        assert _plan_choice(s) == "auto"
    with server_store.read() as s:
        assert core_rows(s, names, {"pid": pid}).scalars().all() == ["Tui"]


def test_reads_after_a_refused_one_are_read_afresh(server_store):
    """A refusal stops the server running what was sent after it: those reads run when asked
    and give their rows; the one answered before the refusal keeps its rows."""
    with server_store.unit_of_work() as s:
        s.add_all([Participant(given_name=n, family_name="Rangi-Holt") for n in ("Kea", "Moa")])
    first, second = _ids_of(server_store)
    names = _name_of()
    refused = select(literal(1) / bindparam("zero"))
    with server_store.read() as s:
        read_ahead(s, [(names, {"pid": first}), (refused, {"zero": 0}),
                       (names, {"pid": second})])
        assert core_rows(s, names, {"pid": first}).scalar_one() == "Kea"
        with pytest.raises(DBAPIError, match="division by zero"):
            core_rows(s, refused, {"zero": 0}).all()
        with statements_run(server_store) as afresh:
            assert core_rows(s, names, {"pid": second}).scalar_one() == "Moa"
        assert afresh.round_trips >= 1  # read when asked, not held
        assert _plan_choice(s) == "auto"
    # The second read was to be prepared in that pipeline, and the refusal made the server
    # skip it: the connection still reads it, prepared afresh, in the reads after.
    for _ in range(3):
        with server_store.read() as s:
            read_ahead(s, [(names, {"pid": second})])
            assert core_rows(s, names, {"pid": second}).scalar_one() == "Moa"
            assert core_rows(s, names, {"pid": first}).scalar_one() == "Kea"


def test_rows_are_taken_as_they_come_and_any_other_statement_ends_the_pipeline(server_store):
    """While reads sent ahead are being taken the pipeline stays open; a statement of the read
    that was not sent ahead (a plain one, an ORM one) ends it first and runs as usual, and the
    reads still to be taken keep their rows. At the read's end the connection is out of
    pipeline mode, even with reads never taken."""
    with server_store.unit_of_work() as s:
        s.add_all([Participant(given_name=n, family_name="Tane-Ellis") for n in ("Ata", "Hemi")])
    first, second = _ids_of(server_store)
    names = _name_of()
    off = psycopg.pq.PipelineStatus.OFF
    with server_store.read() as s:
        raw = s.connection().connection.dbapi_connection
        read_ahead(s, [(names, {"pid": first}), (names, {"pid": second})])
        assert core_rows(s, names, {"pid": first}).scalar_one() == "Ata"
        if streamed_pipeline.STREAMS:
            assert raw.pgconn.pipeline_status != off  # still open: the second is on its way
        assert s.get(Participant, second).given_name == "Hemi"  # an ORM read, not sent ahead
        assert raw.pgconn.pipeline_status == off
        with statements_run(server_store) as taken:
            assert core_rows(s, names, {"pid": second}).scalar_one() == "Hemi"
        assert taken.round_trips == 0  # its rows were held
        read_ahead(s, [(names, {"pid": first})])  # never taken
    assert raw.pgconn.pipeline_status == off
    with server_store.read() as s:
        assert s.connection().exec_driver_sql("SELECT 1").scalar() == 1


def test_without_streaming_each_pipeline_ends_when_sent(server_store, monkeypatch):
    """Where psycopg lacks what streaming uses, every pipeline is ended as soon as it is sent,
    every result read: the same rows."""
    monkeypatch.setattr(streamed_pipeline, "STREAMS", False)
    with server_store.unit_of_work() as s:
        s.add(Participant(given_name="Wiremu", family_name="Lau-Baker"))
    [pid] = _ids_of(server_store)
    names = _name_of()
    with server_store.read() as s:
        raw = s.connection().connection.dbapi_connection
        read_ahead(s, [(names, {"pid": pid})])
        assert raw.pgconn.pipeline_status == psycopg.pq.PipelineStatus.OFF
        assert core_rows(s, names, {"pid": pid}).scalar_one() == "Wiremu"


def test_reads_go_ahead_in_a_read_session_only(server_store):
    """In a unit of work a read named ahead is read when asked, seeing what the work has added
    since: nothing is sent ahead there."""
    names = select(Participant.given_name).order_by(Participant.given_name)
    pipelines = []
    with ahead.pipelines_watched(pipelines.append):
        with server_store.unit_of_work() as s:
            read_ahead(s, [(names, {})])
            s.add(Participant(given_name="Ari", family_name="Whetu-Lange"))
            assert core_rows(s, names).scalars().all() == ["Ari"]
        assert pipelines == []
        with server_store.read() as s:
            read_ahead(s, [(names, {})])
            assert pipelines == [1]
            # planned once for any values inside the pipeline only
            assert _plan_choice(s) == "auto"
            assert core_rows(s, names).scalars().all() == ["Ari"]
            # taken once: asked again, it is read afresh
            with statements_run(server_store) as again:
                assert core_rows(s, names).scalars().all() == ["Ari"]
            assert again.round_trips == 1


def test_a_read_named_but_not_taken_is_let_go_with_the_read_session(server_store):
    names = select(Participant.given_name)
    with server_store.read() as s:
        read_ahead(s, [(names, {})])
        [held] = s.info[ahead._SENT].values()
    assert held.cursor.closed


def _ids_of(store) -> list[int]:
    with store.read() as s:
        return list(s.scalars(select(Participant.id)))


def _plan_choice(s) -> str:
    return s.connection().exec_driver_sql("SHOW plan_cache_mode").scalar()


def test_a_read_sent_ahead_is_planned_once_for_any_values(server_store):
    """Prepared on the connection at its first run, it is planned for any participant, not
    planned again for each: no plan made for the values of one run."""
    with server_store.unit_of_work() as s:
        s.add_all([Participant(given_name=n, family_name="Okoro-Lind") for n in ("Ama", "Ben")])
    ids = _ids_of(server_store)
    names = _name_of()
    plans = ("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
             "WHERE statement LIKE 'SELECT participants.given_name%%'")
    with server_store.read() as s:
        for run in range(6):
            pid = ids[run % 2]
            read_ahead(s, [(names, {"pid": pid})])
            assert core_rows(s, names, {"pid": pid}).scalar_one() in ("Ama", "Ben")
            if run == 0:
                assert s.connection().exec_driver_sql(plans).one() == (1, 0)
        generic, custom = s.connection().exec_driver_sql(plans).one()
    assert generic >= 1 and custom == 0
