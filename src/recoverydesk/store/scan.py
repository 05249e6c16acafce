"""A full look for damage, beyond what SQLite's own checks see.

``PRAGMA quick_check`` (at start-up) skips the indexes; ``integrity_check`` checks the structure
but not the values: a flipped bit in a stored date or name, or in a table's name in the schema,
passes it and then breaks the first command that reads it. :func:`damage_report` runs the full
integrity check and also reads every stored value the way the app will (text as UTF-8, dates and
times in ISO form). Read-only; bad bytes are reported, never raised.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recoverydesk.store.backup import integrity_problems
from recoverydesk.store.disk_errors import is_io_error
from recoverydesk.store.engine import DatabaseError, Secret, connect_raw
from recoverydesk.store.errors import is_disk_full
from recoverydesk.store.sidecars import tidy_sidecars

MAX_PROBLEMS = 10


def lenient_text(raw: bytes) -> str:
    """A text factory that never fails: bytes that are not UTF-8 (bit rot) show as U+FFFD, so
    a check can report the damage instead of crashing on it."""
    return raw.decode("utf-8", "replace")


def _readable(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def schema_problems(conn) -> list[str]:
    """Names in the schema that are not text (bit rot in the file's table of contents)."""
    conn.text_factory = bytes
    try:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.text_factory = str
    problems = []
    for kind, name, table, sql in rows:
        if not all(_readable(v) for v in (kind, name, table, sql or b"")):
            shown = name.decode("utf-8", "replace")
            problems.append(f"the name of a {kind.decode('utf-8', 'replace')} is garbled "
                            f"({shown!r})")
    return problems


def _column_check(declared: str):
    """A function telling whether a stored text value reads as its column's type."""
    declared = declared.upper()
    if declared == "DATE":
        return dt.date.fromisoformat
    if declared in ("DATETIME", "TIMESTAMP"):
        return dt.datetime.fromisoformat
    return None


def value_problems(conn, limit: int = MAX_PROBLEMS) -> list[str]:
    """Stored values the app could not read: text that is not UTF-8, dates that are not dates.
    Full-text index tables are skipped (they are rebuilt from the tables)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'fts_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    problems: list[str] = []
    conn.text_factory = bytes
    try:
        for table in tables:
            cols = [(r[1].decode(), r[2].decode()) for r in
                    conn.execute(f'PRAGMA table_info("{table}")')]
            checks = [(name, _column_check(declared), "BLOB" in declared.upper())
                      for name, declared in cols]
            key = [name for name, _ in cols].index("id") if ("id", "INTEGER") in cols else None
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for (name, parse, blob), value in zip(checks, row, strict=True):
                    if blob or not isinstance(value, bytes):
                        continue
                    bad = not _readable(value)
                    if not bad and parse is not None:
                        try:
                            parse(value.decode("utf-8"))
                        except ValueError:
                            bad = True
                    if bad:
                        where = f" (id {row[key]})" if key is not None else ""
                        problems.append(f"a value in {table}.{name}{where} cannot be read")
                        if len(problems) >= limit:
                            return problems
    finally:
        conn.text_factory = str
    return problems


def damage_report(path: Path, passphrase: Secret = None) -> list[str]:
    """Everything found wrong with the practice at ``path`` (empty: whole). The caller has made
    sure the passphrase opens it. Raises DatabaseError when it cannot be read at all (or the
    disk is full); damage met while reading is reported."""
    path = Path(path)
    with tidy_sidecars(path) as refuse:
        conn = connect_raw(path, passphrase, readonly=True)
        try:
            problems = connection_problems(conn)
        finally:
            conn.close()
        if problems:
            refuse()
        return problems


def connection_problems(conn) -> list[str]:
    """:func:`damage_report` on an open connection (raises DatabaseError only for a full
    disk)."""
    try:
        problems = schema_problems(conn)
        if problems:
            return problems  # reading tables by garbled names would only add noise
        problems = integrity_problems(conn)
        if problems:
            return problems[:MAX_PROBLEMS]
        return value_problems(conn)
    except DatabaseError as err:
        if is_disk_full(err) or is_io_error(err):  # the disk, not the file: never "damaged"
            raise
        return [str(err)]
