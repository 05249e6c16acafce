"""The SQL statements a block of code runs, as the store's engine sends them: for tests that
hold a read to its number of statements (a participant switch's tabs, the Overview, funding)."""

from __future__ import annotations

import contextlib

from sqlalchemy import event

from recoverydesk.store import read_ahead


class Seen(list):
    """The statements whose rows were read, each once (on a team practice a read named ahead
    is counted when its rows are taken), and ``round_trips``: the statements sent on their own
    and the pipelines of reads named ahead (``store/read_ahead.py``), one each."""

    round_trips = 0


@contextlib.contextmanager
def statements_run(store, selects_only: bool = False):
    """Yields the list of statements run inside the block (only the SELECTs if asked: BEGIN
    and the like left out)."""
    seen = Seen()

    def note(_conn, _cursor, statement, *_args) -> None:
        if not read_ahead.handing():
            seen.round_trips += 1
        if not selects_only or statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    def pipeline(_statements: int) -> None:
        seen.round_trips += 1

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        with read_ahead.pipelines_watched(pipeline):
            yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
