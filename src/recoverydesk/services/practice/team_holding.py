"""Start-up's first half for a team practice (a PostgreSQL server), as ``holding.py`` is for a
file: sign in over one plain psycopg connection, check the schema's revision, read the caseload
(``participants/caseload.py``'s SQL, row-level security giving the coach their own), all before
SQLAlchemy, Alembic, the models or the services are imported (about a second on this project's
machine, see docs/benchmarks.md). The window shows the caseload while ``team_opening.py``
builds the store and the services with the same password.

Anything this cannot settle alone goes the whole way instead (``team_opening``, with Alembic):
a schema not at this version's head (new, older: an upgrade, or the lead's message; newer: its
message), or a coach the server does not let read the practice. A server that cannot be reached,
or wants the password, is said here in the same words as there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg

from recoverydesk.services.practice.types import (
    PasswordNeededError,
    PracticeOpenError,
    without_password,
)
from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.migrate import head_revision
from recoverydesk.store.server_address import ServerAddress, parse_with_password
from recoverydesk.store.server_connect import check_ca_file, connect_plain
from recoverydesk.store.server_errors import ServerLoginError


@dataclass
class HeldTeam:
    """A team practice signed in to and at this version's schema, with its connection still
    open for start-up's caseload (``raw_read`` closes it). ``password`` is the one that let the
    coach in (None: libpq's own, ~/.pgpass or PGPASSWORD), for the store built after."""

    address: ServerAddress
    password: str | None
    coach: str
    conn: psycopg.Connection | None

    @contextmanager
    def raw_read(self) -> Iterator[psycopg.Connection]:
        """The sign-in's connection (a DB-API one, no SQLAlchemy), closed after."""
        conn, self.conn = self.conn, None
        if conn is None:
            raise PracticeOpenError("The team practice's first connection was already used.")
        try:
            yield conn
        finally:
            conn.close()

    def close(self) -> None:
        """Let go of it unused."""
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()


def in_practice_words(err: PracticeFileError, address: str) -> PracticeOpenError:
    """The store's connection troubles as the window asks them: the password (again), or the
    reason in plain words."""
    if isinstance(err, ServerLoginError) and err.needs_password:
        return PasswordNeededError(str(err), without_password(address), err)
    return PracticeOpenError(str(err), err)


def hold_team(text: str, password: str | None = None) -> HeldTeam | None:
    """Sign in to the team practice at ``text`` (a password in the URL is used when none is
    given) and check its schema. None when this is not for the fast path (see the module's
    note): the caller opens it the whole way. Raises PasswordNeededError or PracticeOpenError."""
    try:
        address, in_url = parse_with_password(text)
        password = password if password is not None else in_url
        check_ca_file(address)
        conn = connect_plain(address, password, autocommit=True)
    except PracticeFileError as err:  # unreachable, TLS, the password, no such database
        raise in_practice_words(err, text) from err
    try:
        coach, revision = _coach_and_revision(conn)
    except psycopg.Error:  # no alembic_version (a new database), or not this coach's to read
        conn.close()
        return None
    except BaseException:
        conn.close()
        raise
    if revision != head_revision():  # (read from migrations/versions: no Alembic)
        conn.close()
        return None
    return HeldTeam(address, password, coach, conn)


def _coach_and_revision(conn: psycopg.Connection) -> tuple[str, str | None]:
    coach = conn.execute("SELECT current_user").fetchone()[0]
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return coach, (row[0] if row else None)
