"""What loading a whole practice (an import, a move to a team practice) must do differently on
a practice file (SQLite) and on a team practice's server (PostgreSQL): the one place of the
practice package that asks which database it talks to.

- Links between records: SQLite checks them once at the end (``defer_foreign_keys``, then
  ``foreign_key_check``); PostgreSQL checks each one as it goes (its foreign keys are not
  deferrable), so a record pointing at another of its own table (a goal reframed into a later
  goal) goes in after the one it points at (:func:`in_link_order`).
- Ids: rows keep theirs; on PostgreSQL each table's sequence is moved past the highest id
  afterwards, or the next record added would collide with a copied one.
- Rows go in a page at a time as one statement on PostgreSQL (:func:`insert_rows`).
- Reading a whole practice while other coaches write: one snapshot (REPEATABLE READ), so every
  table is read as of the same moment (a practice file's read transaction is one already).
- The database's refusals in one wording (SQLite's), so the import says them the same way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Table, insert, text
from sqlalchemy.orm import Session

_POSTGRESQL = "postgresql"


def on_server(s: Session) -> bool:
    return s.get_bind().dialect.name == _POSTGRESQL


def begin_load(s: Session) -> None:
    """Before the first row: links are checked when the load is done (SQLite only)."""
    if not on_server(s):
        s.execute(text("PRAGMA defer_foreign_keys = ON"))


def insert_rows(s: Session, table: Table, rows: list[dict]) -> None:
    """Add ``rows`` to ``table``. On PostgreSQL as ONE statement per page of rows (asking for
    the ids back makes SQLAlchemy batch them, "insertmanyvalues"), not one per row: the
    server's statement triggers (change notices) then fire once per page, and it is about a
    third faster."""
    statement = insert(table)
    if on_server(s):
        statement = statement.returning(*table.primary_key.columns)
    s.execute(statement, rows)


def finish_load(s: Session, tables: list[Table]) -> list[Any]:
    """After the last row: the records whose links point at nothing (SQLite; PostgreSQL refused
    them as they came), and on PostgreSQL every sequence moved past the ids loaded."""
    if not on_server(s):
        return s.execute(text("PRAGMA foreign_key_check")).fetchall()
    move_sequences(s, tables)
    return []


def move_sequences(s: Session, tables: list[Table]) -> None:
    """Each table's id sequence set to its highest id (the next id is one more), or back to
    the start when it is empty. Tables without a sequence are left alone."""
    for t in tables:
        keys = list(t.primary_key.columns)
        if len(keys) != 1 or not keys[0].autoincrement or not isinstance(keys[0].type, Integer):
            continue
        column = keys[0].name
        s.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:table, :column), "  # names: the models'
            f"coalesce(max({column}), 1), max({column}) IS NOT NULL) FROM {t.name}"),
            {"table": t.name, "column": column})


def snapshot(s: Session) -> None:
    """Make this (just begun) read transaction see every table as of one moment."""
    if on_server(s):
        s.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))


def in_link_order(table: Table, rows: list[dict]) -> list[dict]:
    """``rows`` ordered so a row pointing at another row of the same table comes after it
    (rows of other tables are loaded in the models' order already). Unchanged for a table
    without such links; a loop of links keeps its rows in their order (SQLite takes them,
    PostgreSQL refuses them: nothing is loaded)."""
    links = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not links or len(rows) < 2:
        return rows
    by_id = {r.get("id"): r for r in rows}
    placed: set[int] = set()
    ordered: list[dict] = []
    for row in rows:
        chain, seen = [], set()
        step = row
        while step is not None and id(step) not in placed and id(step) not in seen:
            seen.add(id(step))
            chain.append(step)
            targets = [by_id.get(step.get(c)) for c in links if step.get(c) is not None]
            step = next((t for t in targets if t is not None and id(t) not in placed), None)
        for r in reversed(chain):  # the row pointed at first
            placed.add(id(r))
            ordered.append(r)
    return ordered


# psycopg's SQLSTATE for each refusal, in SQLite's words (transfer._broken_rule reads those).
_RULES = {"23505": "UNIQUE", "23502": "NOT NULL", "23514": "CHECK"}


def refusal_text(err: BaseException) -> str:
    """The database's refusal as SQLite words it (``UNIQUE constraint failed: table.column``),
    whichever database refused."""
    orig = getattr(err, "orig", err)
    rule = _RULES.get(getattr(orig, "sqlstate", None) or "")
    diag = getattr(orig, "diag", None)
    if rule is None or diag is None:
        return str(orig)
    where = ".".join(p for p in (diag.table_name, diag.column_name) if p)
    return f"{rule} constraint failed: {where or diag.constraint_name or ''}"
