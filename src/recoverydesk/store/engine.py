"""Raw connections to a practice file (no SQLAlchemy: start-up reads the caseload through one
before SQLAlchemy is imported; the engine and sessions over these connections are ``session.py``).

Every connection goes through :func:`connect_raw`, so the pragmas (WAL, foreign keys,
synchronous FULL) and the encryption key are applied in exactly one place. We use the
``sqlcipher3`` DB-API module throughout: without a key it is plain SQLite (with FTS5), with a
key the file is encrypted with SQLCipher 4. A passphrase is turned into the file's key once per
file (see ``keys``), not at every connection.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3.dbapi2 as sqlite

from recoverydesk.store.keys import Passphrase, as_passphrase

# "RDK1": stamped into the SQLite header of every practice file so we can tell ours apart.
APPLICATION_ID = 0x52444B31
# How long a transaction waits for another writer (the window, a command) before giving up.
BUSY_TIMEOUT = 10.0

DatabaseError = sqlite.DatabaseError
# A passphrase as typed, or one carrying the keys it has derived (shared by one operation).
Secret = str | Passphrase | None


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect_raw(
    path: Path | str,
    passphrase: Secret = None,
    *,
    foreign_keys: bool = True,
    check_same_thread: bool = False,
    readonly: bool = False,
) -> sqlite.Connection:
    """Open one DB-API connection with our pragmas. Raises DatabaseError for a wrong key or a file
    that is not a database. ``readonly`` opens without changing a byte (for inspection)."""
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite.connect(uri, uri=True, check_same_thread=check_same_thread,
                              timeout=BUSY_TIMEOUT)
    else:
        conn = sqlite.connect(str(path), check_same_thread=check_same_thread,
                              timeout=BUSY_TIMEOUT)
    # Transactions are begun explicitly (see _begin below), so DDL is transactional too.
    conn.isolation_level = None
    key = as_passphrase(passphrase)
    try:
        if key is not None:
            # SQLCipher would log each failed page check (a wrong key) to stderr: we say it in
            # words.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = {_quote(key.key_for(path))}")
        # The first real read: fails here for a wrong key or a non-database file.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except UnicodeDecodeError as err:  # SQLite's message quoted a garbled name in the schema
        conn.close()
        raise sqlite.DatabaseError(
            "database disk image is malformed (a name in its schema is not valid text)"
        ) from err
    except BaseException:
        conn.close()
        raise
    # Sorting and temporary tables stay in memory: never a plaintext temp file on disk.
    conn.execute("PRAGMA temp_store = MEMORY")
    if readonly:
        return conn
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return conn
