"""A psycopg pipeline whose results are taken one at a time, as the server sends them, while the
server goes on with the statements after (``read_ahead.py``).

psycopg's own pipeline waits for every statement's rows when it ends, so the app then waited
for the server's work on all of a switch's reads before it could start on the first one's
rows. Here a flush request follows each statement, so the server sends each statement's rows
as soon as it has run it, and ``wait_for(cursor)`` reads only as far as that cursor's rows:
the app turns the first read's rows into what a tab shows while the server runs the rest.
A raw replay of an every-tab open's 64 statements with 0.15 ms of the app's own work per
read: 23.5 ms waiting for all, 18.4 ms taking each as it came.

Reading part of a pipeline's results is not in psycopg's public interface: ``wait_for`` uses
its pipeline's queue of pending results and the generator that fetches one statement's
results (``fetch_many``), as psycopg's own ``Pipeline`` does when it ends. ``STREAMS`` says
whether this psycopg has them; without them every pipeline is simply ended (synced, all its
results read) right after it is sent, as before. ``test_read_ahead.py`` exercises both.
"""

from __future__ import annotations

import psycopg

try:
    from psycopg.generators import fetch_many
except ImportError:  # (not in this psycopg: pipelines are ended at once instead)
    fetch_many = None

STREAMS = (fetch_many is not None and hasattr(psycopg.Pipeline, "_process_results")
           and hasattr(psycopg.Connection, "wait"))


class StreamedPipeline:
    """Statements sent in one pipeline on ``connection`` (a psycopg connection in autocommit),
    their rows taken as they come. The connection stays in pipeline mode until ``finish``."""

    def __init__(self, connection: psycopg.Connection, streams: bool | None = None):
        self._connection = connection
        self._manager = connection.pipeline()
        self._pipeline = self._manager.__enter__()
        streams = STREAMS if streams is None else streams
        self._streams = streams and hasattr(self._pipeline, "result_queue")
        self._commands: list[psycopg.Cursor] = []
        self.open = True

    def send(self, sql: str, params=None, prepare: bool | None = None) -> psycopg.Cursor:
        """``sql`` run in the pipeline on a cursor of its own: the cursor holds its rows once
        ``wait_for`` (or ``finish``) has read them. ``prepare``: as psycopg's ``execute``."""
        # (psycopg's own cursor class, not the connection's factory, which ends a pipeline
        # left open when any other statement wants the connection: read_ahead.py)
        cursor = psycopg.Cursor(self._connection)
        try:
            # (a refusal of one sent before can show here)
            cursor.execute(sql, params, prepare=prepare)
        except psycopg.Error:
            self._forget_prepared()
            raise
        if self._streams:
            # The server sends what it has so far when it reaches this: this statement's rows.
            self._connection.pgconn.send_flush_request()
        return cursor

    def command(self, sql: str) -> None:
        """``sql`` run in the pipeline for its effect only (its cursor closed with it)."""
        self._commands.append(self.send(sql))

    def sent(self) -> None:
        """Everything is sent: without streaming, the pipeline ends here and now."""
        if not self._streams:
            self.finish()

    def wait_for(self, cursor: psycopg.Cursor) -> None:
        """Read the pipeline's results as far as ``cursor``'s rows. A statement the server
        refused, on the way, raises its error here (psycopg.Error)."""
        if not self.open or cursor.pgresult is not None:
            return
        connection, pipeline = self._connection, self._pipeline
        try:
            with connection.lock:
                while cursor.pgresult is None and pipeline.result_queue:
                    results = connection.wait(fetch_many(connection.pgconn))
                    if not results:
                        break  # nothing more will come before a sync: finish() reads the rest
                    pipeline._process_results(pipeline.result_queue.popleft(), results)
        except psycopg.Error:
            self._forget_prepared()
            raise
        if cursor.pgresult is None:
            self.finish()

    def finish(self) -> None:
        """End the pipeline: sync, read every result not yet read and leave pipeline mode,
        so the connection serves plain statements again. Raises a refused statement's error
        (psycopg.Error) after the connection has left pipeline mode. Once only."""
        if not self.open:
            return
        self.open = False
        try:
            self._manager.__exit__(None, None, None)
        except psycopg.Error:
            self._forget_prepared()
            raise
        finally:
            for cursor in self._commands:
                cursor.close()

    def _forget_prepared(self) -> None:
        """After a refusal: psycopg notes a statement as prepared when it sends its Parse, and
        a statement it prepares in a pipeline after one it has counted is never checked
        again; the refusal made the server skip that Parse, so the connection would go on
        asking for a statement that does not exist. Its prepared statements are dropped
        (DEALLOCATE ALL at its next statement) and prepared afresh as they are used."""
        prepared = getattr(self._connection, "_prepared", None)
        if prepared is not None:
            prepared.clear()
