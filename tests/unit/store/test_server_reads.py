"""How a team practice's store talks to its server (``store/server_engine.py``, issue 20 item 7):
a read costs one round trip per statement (no ping, no BEGIN, no ROLLBACK), yet only reads; a
read that asks for a snapshot or a server-side cursor gets a transaction of its own; statements
stay prepared between reads; a connection the server dropped is never handed out."""

from __future__ import annotations

import os
import sys
import tempfile
import threading

import psycopg
import pytest
from sqlalchemy import column, event, select, table, text
from sqlalchemy.exc import DBAPIError


@pytest.fixture
def scratch(server_store):
    with server_store.unit_of_work() as session:
        session.execute(text("CREATE TABLE scratch (n int PRIMARY KEY)"))
        session.execute(text("INSERT INTO scratch SELECT generate_series(1, 10)"))
    return server_store


needs_trace = pytest.mark.skipif(sys.platform != "linux",
                                 reason="psycopg traces a connection on Linux only")


class RoundTrips:
    """Every message exchange of the store's connections with the server (libpq's trace of
    each connection the pool hands out): ``count`` the server's ReadyForQuery answers, one per
    round trip."""

    def __init__(self, store) -> None:
        self._files: list = []
        event.listen(store.engine, "checkout", self._checked_out)
        event.listen(store.engine, "checkin", self._checked_in)

    def _checked_out(self, dbapi_connection, _record, _proxy) -> None:
        trace = tempfile.TemporaryFile()  # noqa: SIM115 (read in lines(), closed with the test)
        self._files.append(trace)
        dbapi_connection.pgconn.trace(os.dup(trace.fileno()))  # libpq writes through its own
        dbapi_connection.pgconn.set_trace_flags(
            psycopg.pq.Trace.SUPPRESS_TIMESTAMPS | psycopg.pq.Trace.REGRESS_MODE)

    def _checked_in(self, dbapi_connection, _record) -> None:
        if dbapi_connection is not None:
            dbapi_connection.pgconn.untrace()  # written out

    def lines(self) -> list[str]:
        out = []
        for trace in self._files:
            trace.seek(0)
            out.extend(trace.read().decode("utf-8", "replace").splitlines())
        return out

    def count(self) -> int:
        return sum("ReadyForQuery" in line for line in self.lines())


def _in_transaction_block(session) -> bool:
    """True inside BEGIN … (after a statement, the connection is not idle)."""
    session.execute(text("SELECT 1"))
    status = session.connection().connection.dbapi_connection.pgconn.transaction_status
    return status != psycopg.pq.TransactionStatus.IDLE


@needs_trace
def test_a_read_costs_one_round_trip_per_statement(scratch):
    with scratch.read() as session:  # the pool's connection made, SQLAlchemy's first look taken
        session.execute(text("SELECT 1"))
    trips = RoundTrips(scratch)
    with scratch.read() as session:
        assert session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 10
        assert session.execute(text("SELECT max(n) FROM scratch")).scalar_one() == 10
    assert trips.count() == 2, trips.lines()
    assert not any("BEGIN" in line or "ROLLBACK" in line for line in trips.lines())


def test_each_statement_of_a_read_is_read_only_outside_a_transaction_block(scratch):
    with scratch.read() as session:
        assert not _in_transaction_block(session)
        assert session.execute(text("SHOW transaction_read_only")).scalar_one() == "on"
    with pytest.raises(DBAPIError, match="read-only transaction"), scratch.read() as session:
        session.execute(text("DELETE FROM scratch"))
    with pytest.raises(DBAPIError, match="read-only transaction"), scratch.read() as session:
        session.execute(text("SELECT set_config('TimeZone', 'UTC', false)"))
        session.execute(text("CREATE TEMPORARY TABLE mine (n int)"))
    with scratch.unit_of_work() as session:  # a unit of work on the same connection writes
        assert session.execute(text("SHOW transaction_read_only")).scalar_one() == "off"
        session.execute(text("DELETE FROM scratch WHERE n > 5"))
    with scratch.read() as session:
        assert session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 5


def test_a_read_that_asks_for_a_snapshot_reads_every_statement_as_of_one_moment(scratch):
    """``load_rules.snapshot``: an export reads every table as of one moment."""
    with scratch.read() as session:
        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        before = session.execute(text("SELECT count(*) FROM scratch")).scalar_one()
        with scratch.unit_of_work() as other:  # another coach's change, committed meanwhile
            other.execute(text("INSERT INTO scratch VALUES (11)"))
        assert session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == before
        assert _in_transaction_block(session)
        assert session.execute(text("SHOW transaction_isolation")).scalar_one() == (
            "repeatable read")
        with pytest.raises(DBAPIError, match="read-only transaction"):
            session.execute(text("INSERT INTO scratch VALUES (12)"))
    for _ in range(4):  # no connection went back to the pool inside that transaction
        with scratch.read() as session:
            assert not _in_transaction_block(session)
            assert session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 11


def test_a_read_that_sets_something_for_its_transaction_gets_one(scratch):
    with scratch.read() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        assert session.execute(text("SHOW enable_seqscan")).scalar_one() == "off"
        assert session.execute(text("SHOW transaction_read_only")).scalar_one() == "on"
    for _ in range(4):
        with scratch.read() as session:
            assert session.execute(text("SHOW enable_seqscan")).scalar_one() == "on"
            assert not _in_transaction_block(session)


def test_a_read_through_a_server_side_cursor_gets_its_transaction(scratch):
    n = column("n")
    query = select(n).select_from(table("scratch")).order_by(n).execution_options(yield_per=3)
    with scratch.read() as session:
        assert list(session.scalars(query)) == list(range(1, 11))
    with scratch.read() as session:
        assert not _in_transaction_block(session)


def test_statements_stay_prepared_from_one_read_to_the_next(scratch):
    query = text("SELECT n FROM scratch WHERE n = :n")
    for n in range(1, 5):
        with scratch.read() as session:
            assert session.execute(query, {"n": n}).scalar_one() == n
    prepared = _prepared(scratch)
    assert any("FROM scratch WHERE n = $1" in s for s in prepared), prepared


def test_a_statement_is_prepared_at_its_second_run(scratch):
    query = text("SELECT n FROM scratch WHERE n = :n AND n > 0")
    for n in (1, 2):
        with scratch.read() as session:
            assert session.execute(query, {"n": n}).scalar_one() == n
    prepared = _prepared(scratch)
    assert any("WHERE n = $1 AND n > 0" in s for s in prepared), prepared


def _prepared(store) -> list[str]:
    """The statements prepared on the connection a read of ``store`` is given."""
    with store.read() as session:
        return session.execute(text("SELECT statement FROM pg_prepared_statements")
                               ).scalars().all()


@needs_trace
def test_a_connection_the_server_dropped_is_replaced_without_a_ping(pg_cluster, scratch):
    for _ in range(2):  # (prepared at its second run, which takes a trip of its own)
        with scratch.read() as session:
            session.execute(text("SELECT 1"))
    trips = RoundTrips(scratch)
    with scratch.read() as session:  # no ping before the statement
        session.execute(text("SELECT 1"))
    assert trips.count() == 1, trips.lines()
    pg_cluster.execute(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = "
        f"'{scratch.address.database}' AND application_name = 'RecoveryDesk'")
    with scratch.read() as session:  # the dropped one is not handed out: a new one is made
        assert session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 10


def test_reads_on_several_threads_at_once_each_have_their_own_connection(scratch):
    seen: list[int] = []
    failures: list[BaseException] = []
    ready = threading.Barrier(3)

    def read() -> None:
        try:
            with scratch.read() as session:
                ready.wait(timeout=10)
                seen.append(session.execute(text("SELECT pg_backend_pid()")).scalar_one())
                ready.wait(timeout=10)
        except BaseException as err:  # noqa: BLE001 (reported below)
            failures.append(err)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not failures and len(set(seen)) == 3
