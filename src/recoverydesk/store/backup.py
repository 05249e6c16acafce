"""Consistent copies of a live practice file with the SQLite backup API (never a file copy)."""

from __future__ import annotations

import os
from pathlib import Path

from recoverydesk.store.engine import DatabaseError, connect_raw


def integrity_problems(conn) -> list[str]:
    """An empty list when ``PRAGMA integrity_check`` and ``foreign_key_check`` are clean."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    problems += [f"broken link in table {r[0]} (row {r[1]})" for r in fk]
    return problems


def backup_database(source: Path, dest: Path, passphrase: str | None = None) -> Path:
    """Copy ``source`` to ``dest`` (encrypted with the same passphrase), verify the copy, and only
    then move it into place. Raises OSError or DatabaseError; ``dest`` is never half-written."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    src = connect_raw(source, passphrase)
    try:
        target = connect_raw(partial, passphrase)
        try:
            src.backup(target)
            problems = integrity_problems(target)
            if problems:
                raise DatabaseError("the backup copy failed its check: " + "; ".join(problems[:3]))
            # A backup is one self-contained file: fold the WAL in and leave rollback journaling.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, dest)
    return dest
