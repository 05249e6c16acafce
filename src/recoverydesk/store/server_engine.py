"""The SQLAlchemy engine of a team practice (``server.ServerStore``): how its pooled psycopg
connections talk to the server, so that a read costs what it costs on a practice file: one round
trip per statement, no more (issue 20 item 7; docs/benchmarks.md, "Opening a participant").

- **Reads run outside a transaction block** (psycopg's autocommit: no ``BEGIN`` and no
  ``ROLLBACK`` around them), and every connection starts with ``default_transaction_read_only``
  on, so each statement of a read is a read-only transaction of its own. On PostgreSQL's READ
  COMMITTED every statement took its own snapshot inside the old ``BEGIN READ ONLY`` as well:
  what a read sees is unchanged. A read that does need a transaction gets one, begun just before
  its statement: one that asks for a snapshot (``SET TRANSACTION``, ``load_rules.snapshot``: an
  export reads every table as of one moment) or reads through a server-side cursor
  (``yield_per``). It ends with the read.
- **Writes say so**: a unit of work begins ``BEGIN READ WRITE`` (psycopg's ``read_only``
  False on every connection), so a connection's read-only default never reaches it.
- **No ping per checkout.** A connection the server closed while it sat in the pool (a restart,
  ``pg_terminate_backend``, an idle timeout) has the server's goodbye or its end waiting on the
  socket; the pool looks for that without a round trip and connects afresh instead of handing
  it out. (An idle pooled connection is never sent anything else: nothing of ours LISTENs on
  it.) ``pool_pre_ping`` paid one round trip at every checkout for the same answer.
- **Prepared statements that last.** psycopg prepares a statement on the server once it has
  run it ``PREPARE_THRESHOLD`` times on a connection (so at its second run here), and drops
  all of them at every ``ROLLBACK``: with reads outside transactions, the open's ~60
  statements are parsed and planned once per connection instead of once per open.
"""

from __future__ import annotations

import re
import select
from collections.abc import Callable

import psycopg
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError

from recoverydesk.store import read_ahead
from recoverydesk.store.server_address import ServerAddress
from recoverydesk.store.server_connect import libpq_params

# Every connection of the pool: a statement outside a transaction block only reads.
READ_ONLY_DEFAULT = "-c default_transaction_read_only=on"
# Execution options of a read (``ServerStore._reads``); the second marks it as a read session
# for the hook below and for reads sent ahead (``read_ahead.py``).
READS = {"isolation_level": "AUTOCOMMIT", read_ahead.READ_SESSION: True}
# Runs of a statement on one connection before psycopg prepares it: prepared at its second run
# (with 2, at its third: an app's first opens of a participant on new connections planned each
# read again; the team benchmark's every-tab open, six in a new process, 45.4 -> 40.2 ms).
PREPARE_THRESHOLD = 1
PREPARED_MAX = 256  # statements kept prepared per connection (psycopg: 100; ~26 kB each)
# What only lasts as long as a transaction block: a read that says it gets one.
_FOR_ITS_TRANSACTION = re.compile(r"\s*SET\s+(TRANSACTION|LOCAL)\b", re.IGNORECASE)


def make_server_engine(address: ServerAddress, password: Callable[[], str | None]) -> Engine:
    """An engine for ``address``; ``password`` is asked at every new connection (it raises
    PracticeLockedError while the store is locked, or returns None to let libpq look in
    ``PGPASSWORD`` / ``~/.pgpass``)."""
    params = libpq_params(address)
    params["options"] = f"{params['options']} {READ_ONLY_DEFAULT}"
    engine = create_engine(
        URL.create("postgresql+psycopg"),
        connect_args={**params, "prepare_threshold": PREPARE_THRESHOLD},
        pool_size=3,
        max_overflow=5,
        pool_use_lifo=True,  # the connection used last: its statements are prepared already
    )

    @event.listens_for(engine, "do_connect")
    def _connect(dialect, conn_rec, cargs, cparams):
        secret = password()
        if secret is not None:
            cparams["password"] = secret

    @event.listens_for(engine, "connect")
    def _new(dbapi_connection, _record):
        dbapi_connection.read_only = False  # a transaction writes: BEGIN READ WRITE
        dbapi_connection.prepared_max = PREPARED_MAX

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection, _record, _proxy):
        if not still_connected(dbapi_connection):
            # The pool discards it and connects afresh (SQLAlchemy's own rule for this error).
            raise DisconnectionError("the server closed this connection while it was idle")

    event.listen(engine, "before_cursor_execute", _transaction_when_needed)
    read_ahead.engine_hooks(engine)
    return engine


def still_connected(dbapi_connection) -> bool:
    """False when the connection is closed, or the server has said something on it since it
    went idle (its goodbye, or the end of the stream): without a round trip."""
    if dbapi_connection.closed or dbapi_connection.broken:
        return False
    try:
        fd = dbapi_connection.pgconn.socket
        readable, _, _ = select.select([fd], [], [], 0)
    except (OSError, ValueError, psycopg.Error):  # no socket any more
        return False
    return not readable


def _transaction_when_needed(conn, cursor, statement, parameters, context, executemany):
    """A read's statement that needs a transaction block (a snapshot for the whole read, a
    setting for its transaction, or a server-side cursor) begins one first; it ends with the read (the rollback SQLAlchemy sends
    at its end, as for any read)."""
    if not (isinstance(cursor, psycopg.ServerCursor) or _FOR_ITS_TRANSACTION.match(statement)):
        return
    if not conn.get_execution_options().get(read_ahead.READ_SESSION):
        return
    raw = cursor.connection
    if raw.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE:  # none open yet
        raw.execute("BEGIN READ ONLY")
