"""The SQL statements a block of code runs, as the store's engine sends them: for tests that
hold a read to its number of statements (a participant switch's tabs, the Overview, funding)."""

from __future__ import annotations

import contextlib

from sqlalchemy import event


@contextlib.contextmanager
def statements_run(store, selects_only: bool = False):
    """Yields the list of statements run inside the block (only the SELECTs if asked: BEGIN
    and the like left out)."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        if not selects_only or statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
