"""Reads sent ahead in one round trip on a team practice (issue 20 item 7).

Opening a participant runs about sixty small statements. On a practice file each costs what
SQLite takes to run it; on a server each also waits a round trip (~0.3 ms on this machine's
socket, more over a network). A read that knows its statements before it needs their
rows names them first (``read_ahead``); on PostgreSQL they go out together in psycopg's
pipeline mode, one round trip for all, and each ``core_rows`` that follows is handed its
statement's rows (``take``). On a practice file nothing changes: ``read_ahead`` does nothing
and every read runs when asked, as before.

How: each read's SQL and values are made as SQLAlchemy's own execution makes them (its compiled
statement, expanded for an IN's list, its types' bind processors applied: SQLAlchemy's compiled
``_bind_processors``, held to SQLAlchemy's own output by ``test_read_ahead.py``), without
executing it; they go out in one pipeline on the session's psycopg connection, each on a cursor
of its own (``streamed_pipeline.py``). The pipeline stays open while the read goes on: each
``take`` reads the server's results only as far as its own statement's rows, so the app works on
the first read's rows while the server runs the rest. Any other statement that wants the
connection (or the end of the read session, or the next reads sent ahead) ends the pipeline
first, every result read into its cursor. When the read runs, SQLAlchemy executes it as usual
but the connection's cursor factory hands it the cursor that holds the rows and a
``do_execute`` hook lets that execution stand (``engine_hooks``): the result is SQLAlchemy's
``CursorResult``, its types processed as usual.

On the team benchmark (docs/benchmarks.md) it takes an every-tab open of the busiest participant
from 59 round trips to 16; with the plans below the team took 1.45-1.6 times the file's time
in the last runs, against about twice before. Taking each read's rows as they come rather than
after the whole pipeline: 62.0 -> 52.7 ms for the every-tab open on the team (the same
process, alternating, 160 opens each). The rest of the team's extra time is the server's
own work on each statement (row-level security among it).

A read that was not named, or whose values differ, runs as it always did. A read sent ahead
that the server refused is dropped, with those sent after it: they run again when asked, and
the refused one fails there, in the place and words it always would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from weakref import WeakKeyDictionary

import psycopg
from sqlalchemy import CursorResult, Engine, Select, event
from sqlalchemy.engine import Compiled
from sqlalchemy.orm import Session

from recoverydesk.store.streamed_pipeline import StreamedPipeline

Read = tuple[Select, Mapping[str, object]]
# The execution option that marks a team practice's read sessions (``server_engine.READS``).
READ_SESSION = "recoverydesk_read"

_SENT = "recoverydesk_read_ahead"  # Session.info: (id(statement), parameters) -> _Sent
_STREAM = "recoverydesk_read_ahead_stream"  # Session.info: its pipeline still open, if any
# Each connection's pipeline still open: ended as soon as any other statement wants the
# connection (its cursor factory), so that only the reads sent ahead ever see pipeline mode.
_streams: WeakKeyDictionary[psycopg.Connection, StreamedPipeline] = WeakKeyDictionary()
# While SQLAlchemy executes a statement on this thread that was sent ahead: the cursor that
# already holds its rows.
_handing: ContextVar[psycopg.Cursor | None] = ContextVar("read_ahead", default=None)
# Each statement's compiled form for the team practice's dialect, by the statement's id (the
# statement kept with it, so that the id is not reused).
_compiled: dict[int, tuple[Select, Compiled]] = {}
# Whether this psycopg's libpq can pipeline (14 and later; the wheels bring their own). Without
# it every read simply runs when asked.
_PIPELINES = psycopg.Pipeline.is_supported()
# Reads sent ahead are planned once for any values (a generic plan), not at every open. They
# find rows by what they belong to (the participant, a plan, a goal), so one plan serves every
# participant; left to choose, PostgreSQL went on planning most of them at each run (~0.1 ms a
# statement: an open's 59 in one pipeline, from the fourth open of a connection, took 13.5 ms
# so and 9 ms with this). Only inside the pipeline: a practice-wide read over a period (the
# claim lines of a quarter) is better planned for its dates, and keeps the server's choice.
_GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan"
_AS_BEFORE = "RESET plan_cache_mode"
# Called with the number of statements of each pipeline sent (the tests count round trips).
_watchers: list[Callable[[int], None]] = []


class _Sent:
    __slots__ = ("statement", "cursor")

    def __init__(self, statement: Select, cursor: psycopg.Cursor):
        self.statement = statement  # kept, so that its id is not reused while this waits
        self.cursor = cursor


def engine_hooks(engine: Engine) -> None:
    """Let ``engine``'s (a team practice's) executions be handed a cursor that already holds a
    statement's rows."""
    event.listen(engine, "do_execute", _do_execute)
    event.listen(engine, "connect", _connected)


def _connected(dbapi_connection, _record) -> None:
    plain = dbapi_connection.cursor_factory

    def cursor(connection, *args, **kwargs):
        held = _handing.get()
        if held is not None:
            return held
        _end_stream(connection)  # another statement: the pipeline's rows are all read first
        return plain(connection, *args, **kwargs)

    dbapi_connection.cursor_factory = cursor


def _do_execute(cursor, statement, parameters, context) -> bool | None:
    if _handing.get() is None:
        return None  # executed as usual
    return True  # already run: its rows wait in the cursor handed over


def _sql_and_values(dialect, statement: Select, params: Mapping[str, object]
                    ) -> tuple[str, dict]:
    """What SQLAlchemy's execution would send for ``statement`` with ``params``: the compiled
    string (an IN's list expanded) and the values as its types bind them (an enum as its
    value, say). ``test_read_ahead.py`` holds this to what SQLAlchemy sends for every read of a
    participant switch."""
    held = _compiled.get(id(statement))
    if held is None or held[0] is not statement or held[1].dialect is not dialect:
        held = (statement, statement.compile(dialect=dialect))
        _compiled[id(statement)] = held
    compiled = held[1]
    state = compiled.construct_expanded_state(dict(params))
    processors = {**compiled._bind_processors, **state.processors}
    unescaped = {v: k for k, v in (compiled.escaped_bind_names or {}).items()}
    values = {}
    for name, value in state.parameters.items():
        process = processors.get(unescaped.get(name, name))
        values[name] = process(value) if callable(process) else value
    return state.statement, values


def _key(statement: Select, params: Mapping[str, object]):
    """What names a read: its statement (built once, so the same object each time) and its
    values (a list, for an IN, as the set it stands for: the same rows whatever its order).
    None for a value that cannot name it."""
    try:
        return id(statement), frozenset(
            (name, frozenset(value) if isinstance(value, list) else value)
            for name, value in params.items())
    except TypeError:
        return None


def read_ahead(s: Session, reads: Iterable[Read]) -> None:
    """Send ``reads`` to the server together. Nothing is done on a practice file, nor in a unit
    of work: rows read ahead there could miss what the work adds before it asks for them (a
    read session writes nothing, so what it reads ahead cannot go stale)."""
    if s.get_bind().dialect.driver != "psycopg" or not _PIPELINES:
        return
    connection = s.connection()
    if not connection.get_execution_options().get(READ_SESSION):
        return
    wanted = []
    for statement, params in reads:
        key = _key(statement, params)
        if key is not None and key not in s.info.get(_SENT, {}):
            wanted.append((key, statement, params))
    if not wanted:
        return
    dialect = connection.dialect
    noted = [_sql_and_values(dialect, statement, params) for _, statement, params in wanted]
    raw = connection.connection.dbapi_connection
    _end_stream(raw)  # (a pipeline still open from the read before: its rows stay held)
    stream = StreamedPipeline(raw)
    cursors = []
    try:
        stream.command(_GENERIC_PLANS)
        for sql, params in noted:
            # Prepared at its first run (in the pipeline, so no round trip of its own): a
            # read sent ahead is read again at every switch, so it is planned once from the
            # first (the first open of a new app process after the warm-up: 66.7 -> 53.4 ms).
            cursors.append(stream.send(sql, params, prepare=True))
        # (a refused read stops the server running those after it up to the pipeline's
        # end, this too: the implicit transaction they shared, the SET with it, is undone)
        stream.command(_AS_BEFORE)
        stream.sent()
    except psycopg.Error:
        # Refused (or the connection went): each read runs again when asked, and a trouble
        # shows there as it always would.
        _finish(stream)
        for cursor in cursors:
            cursor.close()
        return
    if stream.open:
        _streams[raw] = stream
        s.info[_STREAM] = stream
    for watcher in _watchers:
        watcher(len(cursors))
    sent = s.info.setdefault(_SENT, {})
    for (key, statement, _params), cursor in zip(wanted, cursors, strict=True):
        sent[key] = _Sent(statement, cursor)


def _end_stream(connection: psycopg.Connection) -> None:
    """End the pipeline still open on ``connection``, if any: every result read into its
    cursor (a refused read's cursor holds none, and is read afresh when asked)."""
    stream = _streams.pop(connection, None)
    if stream is not None:
        _finish(stream)


def _finish(stream: StreamedPipeline) -> None:
    """End ``stream``; a refusal among its results is not raised here: the refused read's
    cursor holds no rows, so it is read afresh when asked and fails there."""
    with suppress(psycopg.Error):
        stream.finish()


def take(s: Session, statement: Select, params: Mapping[str, object]) -> CursorResult | None:
    """The result of ``statement`` with ``params`` if it was sent ahead (once: a second read of
    it reads afresh), else None."""
    sent = s.info.get(_SENT)
    if not sent:
        return None
    key = _key(statement, params)
    held = sent.pop(key, None) if key is not None else None
    if held is None:
        return None
    stream = s.info.get(_STREAM)
    if stream is not None and stream.open:
        try:
            stream.wait_for(held.cursor)  # this read's rows; the server goes on with the rest
        except psycopg.Error:
            # Refused, or after a refusal: the reads answered before it keep their rows, the
            # others are read afresh when asked (this one now), failing there as they would.
            _finish(stream)
    if held.cursor.pgresult is None:
        held.cursor.close()
        return None
    token = _handing.set(held.cursor)
    try:
        return s.connection().execute(statement, dict(params))
    finally:
        _handing.reset(token)


def handing() -> bool:
    """True while SQLAlchemy is handed rows already read: that execution sends nothing."""
    return _handing.get() is not None


@contextmanager
def pipelines_watched(watcher: Callable[[int], None]) -> Iterator[None]:
    """Inside the block, ``watcher`` is called with the number of statements of each pipeline
    sent (tests count round trips with it)."""
    _watchers.append(watcher)
    try:
        yield
    finally:
        _watchers.remove(watcher)


def forget(s: Session) -> None:
    """End the read session's pipeline if it is still open, and close what was sent ahead and
    never taken (the read ended without it)."""
    stream = s.info.pop(_STREAM, None)
    if stream is not None:
        _finish(stream)
    for held in s.info.pop(_SENT, {}).values():
        held.cursor.close()
