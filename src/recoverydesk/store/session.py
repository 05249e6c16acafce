"""The Store: an open practice file, and one short-lived session per unit of work (SQLAlchemy's
engine over ``engine.connect_raw``'s connections). The rest of the store package needs no
SQLAlchemy, so start-up holds the file and reads the caseload before this module is imported
(``services/practice/holding.py``, docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from recoverydesk.store.engine import Secret, connect_raw, sqlite
from recoverydesk.store.errors import PracticeBusyError, PracticeLockedError, is_busy, is_damage
from recoverydesk.store.keys import Passphrase, as_passphrase
from recoverydesk.store.migrate import OpenResult, prepare_practice
from recoverydesk.store.session_scopes import SessionScopes

# An execution option: a transaction that only reads begins deferred, never as a writer.
READ_ONLY = "recoverydesk_read_only"


def make_engine(path: Path, passphrase: Secret | Callable[[], Secret] = None) -> Engine:
    """``passphrase`` may be a function, asked at every new connection (so a locked store can
    refuse to connect and keeps no copy of its key)."""
    key = passphrase if callable(passphrase) else lambda: passphrase
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect_raw(path, key()),
        module=sqlite,  # so SQLAlchemy recognises (and wraps) sqlcipher3's exceptions
        # Connections are reused across threads (GUI reads, the single writer): opening one
        # costs a key derivation on an encrypted file, so keep a few warm.
        poolclass=QueuePool,
        pool_size=3,
        max_overflow=3,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # pysqlite's own transaction handling is bypassed: begin explicitly (SQLAlchemy's
        # pysqlite recipe). Every transaction that may write begins as a writer (IMMEDIATE): it
        # waits its turn (busy timeout) before reading anything. A deferred one that read first
        # fails at its first write with "database is locked" as soon as another process wrote
        # meanwhile (a stale snapshot, which no waiting can mend). Reads begin deferred.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def open_store(
    path: Path, passphrase: str | Passphrase | None = None, *, create: bool = True
) -> tuple[Store, OpenResult]:
    """Prepare (create or upgrade) and open the practice at ``path`` (one key derivation)."""
    passphrase = as_passphrase(passphrase)
    result = prepare_practice(Path(path), passphrase, create=create)
    return Store(Path(path), passphrase), result


class Store(SessionScopes):
    """An open practice. ``with store.unit_of_work() as s:`` commits on success and rolls back
    on error. Nothing outside ``services`` should hold a session.

    ``suspend()`` closes every connection and forgets the passphrase and the key derived from it
    (the window is locked); until ``resume(passphrase)`` any use raises PracticeLockedError. The
    engine asks the store for the key at each new connection, so no copy of it outlives a
    suspend, and the key is derived once, not for every connection.
    """

    is_server = False  # a practice file (a team practice on a server: server.ServerStore)

    def __init__(self, path: Path, passphrase: Secret = None):
        self.path = Path(path)
        # Set by the service layer: the store's troubles in its words (None: raised as they are).
        self.translate: Callable[[BaseException], BaseException | None] | None = None
        self._passphrase = as_passphrase(passphrase)
        self._encrypted = self._passphrase is not None
        self._open = True
        self.engine: Engine = make_engine(self.path, self._key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        reader = self.engine.execution_options(**{READ_ONLY: True})  # same pool, begins deferred
        self._reads = sessionmaker(reader, expire_on_commit=False)
        event.listen(self.engine, "handle_error", self._on_error)

    def _on_error(self, context) -> BaseException | None:
        if is_damage(context.original_exception):
            from recoverydesk.store.backup import distrust

            distrust(self.path)  # the next start checks the whole file
        if is_busy(context.original_exception):
            # Another program kept the practice busy past the wait: say so in words.
            return PracticeBusyError()
        return None

    def _key(self) -> Passphrase | None:
        if not self._open:
            raise PracticeLockedError("The practice is locked. Unlock it to carry on.")
        return self._passphrase

    @property
    def encrypted(self) -> bool:
        return self._encrypted

    @property
    def passphrase(self) -> str | None:
        """The passphrase as typed (None when not encrypted, or while locked)."""
        return self._passphrase.text if self._passphrase is not None else None

    @property
    def key(self) -> Passphrase | None:
        """The passphrase with the keys it derived, for copies of this practice (backups), so
        they need no derivation of their own."""
        return self._passphrase

    @property
    def is_open(self) -> bool:
        return self._open


    def suspend(self) -> None:
        """Close every connection and drop the key (the practice file itself stays as it is)."""
        self._open = False
        if self._passphrase is not None:
            self._passphrase.forget()
        self._passphrase = None
        self.engine.dispose()

    def resume(self, passphrase: str | None) -> None:
        """Take the key again after ``suspend()``. Raises DatabaseError when it does not open
        the file (checked read-only, so a wrong passphrase changes nothing)."""
        if self._open:
            return
        key = as_passphrase(passphrase) if self._encrypted else None
        connect_raw(self.path, key, readonly=True).close()
        self._passphrase = key
        self._open = True

    def close(self) -> None:
        self.suspend()
