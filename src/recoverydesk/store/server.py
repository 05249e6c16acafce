"""The store for a team practice on a PostgreSQL server: the same interface as
``session.Store`` (``unit_of_work()``, ``read()``, ``suspend()``, ``resume(password)``,
``close()``, ``engine``, ``translate``, ``is_open``), over psycopg 3 instead of a file.

The password comes from the caller (a prompt) or, when none is given, from libpq itself
(``PGPASSWORD`` or ``~/.pgpass``/``PGPASSFILE``); never from settings. The store keeps it only
while open: ``suspend()`` forgets it and closes every connection, and the engine asks the store
for it at each new connection, so a locked store cannot connect. ``open_server`` creates or
upgrades the practice's schema with the one Alembic chain (``migrate.upgrade_connection``) in a
single transaction, so a failed upgrade leaves the server as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from recoverydesk.store.errors import (
    NewerSchemaError,
    PracticeBusyError,
    PracticeLockedError,
    UpgradeFailedError,
)
from recoverydesk.store.migrate import (
    OpenResult,
    current_revision,
    revision_chain,
    upgrade_connection,
)
from recoverydesk.store.server_address import (
    ServerAddress,
    is_server_address,
    parse_with_password,
)
from recoverydesk.store.server_connect import (
    check_ca_file,
    check_login,
    connect_plain,
    libpq_params,
)
from recoverydesk.store.server_engine import READS, make_server_engine
from recoverydesk.store.server_errors import (
    NotAPracticeDatabaseError,
    ServerError,
    ServerLoginError,
    ServerNeedsUpgradeError,
    connection_lost,
    explain_connect_error,
)
from recoverydesk.store.session_scopes import SessionScopes

__all__ = ["OpenResult", "ServerAddress", "ServerStore", "check_login", "is_server_address",
           "libpq_params", "open_server"]

# libpq's keywords and the environment variables a child program (pg_dump, psql) reads instead.
_ENVIRONMENT = {"host": "PGHOST", "port": "PGPORT", "dbname": "PGDATABASE", "user": "PGUSER",
                "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT",
                "application_name": "PGAPPNAME", "options": "PGOPTIONS",
                "password": "PGPASSWORD"}
# Another coach's transaction and ours waited on each other, or a serializable retry: nothing
# was saved and trying again works.
_RETRYABLE = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure,
              psycopg.errors.LockNotAvailable)


class ServerStore(SessionScopes):
    """An open team practice. ``with store.unit_of_work() as s:`` commits on success and rolls
    back on error; ``with store.read() as s:`` only reads: each statement a read-only
    transaction of its own, or one READ ONLY transaction for a read that asks for a snapshot
    (server_engine.py). ``coach`` is the PostgreSQL role connected (``current_user``), read
    once."""

    is_server = True
    path = None  # no file: what only makes sense for a file asks ``is_server`` first

    def __init__(self, address: ServerAddress | str, password: str | None = None):
        if isinstance(address, str):
            address, in_url = parse_with_password(address)
            password = password if password is not None else in_url
        self.address: ServerAddress = address
        # Set by the service layer: the store's troubles in its words (None: raised as they are).
        self.translate: Callable[[BaseException], BaseException | None] | None = None
        self._password = password
        self._open = True
        self._coach: str | None = None
        self.engine: Engine = make_server_engine(address, self._secret)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Same pool: each statement a read-only transaction of its own (server_engine.py).
        reader = self.engine.execution_options(**READS)
        self._reads = sessionmaker(reader, expire_on_commit=False)
        event.listen(self.engine, "handle_error", self._on_error)

    def __repr__(self) -> str:
        return f"ServerStore({self.address.display!r})"

    def _secret(self) -> str | None:
        if not self._open:
            raise PracticeLockedError("The practice is locked. Unlock it to carry on.")
        return self._password

    def _on_error(self, context) -> BaseException | None:
        """psycopg's connection troubles in words (as Store does for a busy file)."""
        original = context.original_exception
        if isinstance(original, _RETRYABLE):
            return PracticeBusyError(
                "Another coach was changing the same records at that moment, so this change "
                "was not saved. Try again.")
        if not isinstance(original, psycopg.OperationalError):
            return None
        if context.connection is None:  # it never connected: say why
            return explain_connect_error(original, self.address.where, self.address.user)
        if context.is_disconnect:
            return connection_lost(self.address.where)
        return None

    # -- the Store interface -----------------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        return False  # the server guards the data (TLS on the wire, its own disk encryption)

    @property
    def passphrase(self) -> None:
        return None

    @property
    def key(self) -> None:
        return None

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def coach(self) -> str:
        """The PostgreSQL role this store connects as (``current_user``)."""
        if self._coach is None:
            with self.read() as session:
                self._coach = session.connection().exec_driver_sql(
                    "SELECT current_user").scalar_one()
        return self._coach


    def suspend(self) -> None:
        """Close every connection and forget the password (the window is locked)."""
        self._open = False
        self._password = None
        self.engine.dispose()

    def resume(self, password: str | None) -> None:
        """Take the password again after ``suspend()``, checked by connecting once. Raises
        ServerLoginError (``needs_password``) when it does not let this coach in."""
        if self._open:
            return
        check_login(self.address, password)
        self._password = password
        self._open = True

    def close(self) -> None:
        self.suspend()

    # -- for what must not go through SQLAlchemy ------------------------------------------------
    def connect_raw(self, *, autocommit: bool = True) -> psycopg.Connection:
        """A plain psycopg connection of its own to the practice, as this coach (for LISTEN, or
        a long copy); the caller closes it. PracticeLockedError while locked; a ServerError in
        words when it cannot connect."""
        return connect_plain(self.address, self._secret(), autocommit=autocommit)

    def child_environment(self) -> dict[str, str]:
        """libpq's environment variables for a child program (pg_dump, psql) to reach the
        practice as this coach: merge into a copy of ``os.environ`` for that child only, never
        this process's (the password is in it when the store has one)."""
        params = libpq_params(self.address)
        secret = self._secret()
        if secret is not None:
            params["password"] = secret
        return {_ENVIRONMENT[name]: str(value) for name, value in params.items()}


def open_server(text: str | ServerAddress, password: str | None = None
                ) -> tuple[ServerStore, OpenResult]:
    """Connect to the team practice at ``text`` (a URL, or a parsed address), creating or
    upgrading its schema first; raises a ServerError or PracticeFileError in plain words."""
    if isinstance(text, ServerAddress):
        address, in_url = text, None
    else:
        address, in_url = parse_with_password(text)
    check_ca_file(address)
    store = ServerStore(address, password if password is not None else in_url)
    try:
        result = _prepare(store)
    except BaseException:
        store.close()
        raise
    return store, result


def _prepare(store: ServerStore) -> OpenResult:
    where, chain = store.address.where, revision_chain()
    with store.engine.begin() as conn:  # one transaction: an upgrade is whole or not at all
        store._coach = conn.exec_driver_sql("SELECT current_user").scalar_one()
        try:
            revision = current_revision(conn)
        except DBAPIError as err:
            if isinstance(err.orig, psycopg.errors.InsufficientPrivilege):
                raise ServerLoginError(
                    f"“{store._coach}” may not use the team practice at {where}. Ask the "
                    "practice lead to add you as a coach.") from err
            raise
        if revision == chain[-1]:
            return OpenResult()
        if revision is not None and revision not in chain:
            raise NewerSchemaError(
                f"The team practice at {where} was set up by a newer version of RecoveryDesk. "
                "Please update RecoveryDesk to open it; nothing on the server was changed.")
        if revision is None and inspect(conn).get_table_names():
            raise NotAPracticeDatabaseError(
                f"The database at {where} holds tables, but it is not a RecoveryDesk practice, "
                "so it was left untouched. Check the database name in the address.")
        try:
            upgrade_connection(conn)
        except DBAPIError as err:
            if isinstance(err.orig, psycopg.errors.InsufficientPrivilege):
                raise _needs_the_lead(where, revision) from err
            raise UpgradeFailedError(
                f"RecoveryDesk could not update the team practice at {where} to this version, "
                "so the server was left exactly as it was.") from err
        if current_revision(conn) != chain[-1]:
            raise UpgradeFailedError(
                f"The team practice at {where} did not reach this version's schema, so "
                "nothing was changed.")
    return OpenResult(created=revision is None, upgraded_from=revision)


def _needs_the_lead(where: str, revision: str | None) -> ServerError:
    if revision is None:
        return ServerNeedsUpgradeError(
            f"The database at {where} has no practice in it yet, and your coach account may "
            "not set one up. The practice lead (who owns the database) must open it first.")
    return ServerNeedsUpgradeError(
        f"The team practice at {where} was set up by an older version of RecoveryDesk. The "
        "practice lead (who owns the database) must open it once with this version to "
        "update it; then everyone can.")
