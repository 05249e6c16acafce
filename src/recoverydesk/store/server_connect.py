"""Connecting to a team practice's server with psycopg alone (no SQLAlchemy): the libpq keywords
every connection uses, the CA file's check, and one plain connection with psycopg's errors in
the coach's words. ``server.py``'s engine and raw connections use these, and start-up reads the
caseload over one before SQLAlchemy is imported (``services/practice/team_holding.py``).
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from recoverydesk.store.server_address import ServerAddress
from recoverydesk.store.server_errors import ServerTlsError, explain_connect_error

CONNECT_TIMEOUT = 5  # seconds: an unreachable server is reported quickly, not after minutes
APPLICATION_NAME = "RecoveryDesk"  # how the server's activity lists name our connections
# Every session works in UTC, as SQLite does: CURRENT_TIMESTAMP and dates taken in SQL mean the
# same on every coach's computer whatever the server's own time zone.
SESSION_OPTIONS = "-c TimeZone=UTC"


def libpq_params(address: ServerAddress) -> dict[str, object]:
    """Everything psycopg needs to connect to ``address`` but the password."""
    return {**address.connect_params(), "connect_timeout": CONNECT_TIMEOUT,
            "application_name": APPLICATION_NAME, "options": SESSION_OPTIONS}


def connect_plain(address: ServerAddress, password: str | None,
                  **options) -> psycopg.Connection:
    """One psycopg connection to ``address`` as its coach (``password`` None: libpq's own
    sources, PGPASSWORD or ~/.pgpass); the caller closes it. A ServerError in words when it
    cannot connect."""
    params = libpq_params(address)
    if password is not None:
        params["password"] = password
    try:
        return psycopg.connect(**params, **options)
    except psycopg.Error as err:
        better = explain_connect_error(err, address.where, address.user)
        if better is None:
            raise
        raise better from None  # psycopg's text may name the host; ours says it plainly


def check_login(address: ServerAddress, password: str | None) -> None:
    """Connect once with ``password`` (None: libpq's own sources) and disconnect; raises a
    ServerError in words when that fails."""
    connect_plain(address, password).close()


def check_ca_file(address: ServerAddress) -> None:
    """A CA certificate named in the address must be there (libpq would say so only after
    reaching the server, in its own words)."""
    ca = address.sslrootcert
    if ca is not None and ca != "system" and not Path(ca).expanduser().is_file():
        raise ServerTlsError(
            f"The practice's CA certificate file {ca} (named in the address) was not found, so "
            "RecoveryDesk did not connect. Check the file's place and name.")
