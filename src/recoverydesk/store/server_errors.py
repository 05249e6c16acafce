"""Problems reaching or using a team practice on a PostgreSQL server, each in words a coach can
act on (as ``errors.py`` does for practice files). ``explain_connect_error`` turns psycopg's
connection errors into these; it reads their text because libpq gives no error code for a
connection that never started. No message ever holds a password: psycopg's never do, and
these are built from the address's ``where``/``display`` only.
"""

from __future__ import annotations

from recoverydesk.store.errors import PracticeFileError


class ServerError(PracticeFileError):
    """Base class: ``str(err)`` is one or two plain sentences for the coach."""


class ServerAddressError(ServerError):
    """The address cannot be used as typed (not a URL of ours, or TLS weaker than required).
    Nothing was sent anywhere."""


class ServerUnreachableError(ServerError):
    """No server answered at that host and port (or the name is unknown, or it timed out)."""


class ServerLoginError(ServerError):
    """The server did not let this coach in. ``needs_password`` is True when typing the
    password (again) may help: none was given, or it was wrong; the UI then asks for it."""

    def __init__(self, message: str, *, needs_password: bool = False):
        super().__init__(message)
        self.needs_password = needs_password


class ServerDatabaseMissingError(ServerError):
    """The server has no database of that name."""


class ServerTlsError(ServerError):
    """The encrypted connection could not be made: the server offers no TLS, or its
    certificate is not trusted by the practice's CA certificate, or not for that host name."""


class ServerConnectionLostError(ServerError):
    """The connection dropped in the middle of work; what was being saved was not saved."""


class ServerNeedsUpgradeError(ServerError):
    """The practice on the server is older than this RecoveryDesk (or not set up yet) and this
    coach's role may not change its tables: the practice lead must open it first."""


def explain_connect_error(exc: BaseException, where: str, user: str | None) -> ServerError | None:
    """A ServerError for a psycopg error raised while connecting (possibly wrapped by
    SQLAlchemy), or None when it is not a connection problem we know."""
    err = getattr(exc, "orig", None) or exc
    text = str(err)
    low = text.lower()
    who = f"“{user}”" if user else "this computer's user name"
    if "no password supplied" in low or "password authentication failed" in low:
        if "no password supplied" in low:
            message = f"The team practice at {where} needs the password for {who}."
        else:
            message = (f"That password does not let {who} into the team practice at {where}. "
                       "Check it and try again.")
        return ServerLoginError(message, needs_password=True)
    if "role" in low and "does not exist" in low:
        return ServerLoginError(
            f"The server at {where} has no coach called {who}. Check the name in the address, "
            "or ask the practice lead to add you.")
    if "not permitted to log in" in low:  # NOLOGIN: a lead deactivated the coach (team)
        return ServerLoginError(
            f"{who} may no longer sign in to the team practice at {where}: the login has been "
            "deactivated. Ask the practice lead if that is a mistake.")
    if "database" in low and "does not exist" in low:
        return ServerDatabaseMissingError(
            f"The server has no practice database called “{where.rsplit('/', 1)[-1]}”. Check the "
            "name in the address.")
    if "pg_hba.conf" in low:
        return ServerLoginError(
            f"The server at {where} does not let {who} connect from this computer. Ask the "
            "practice lead to allow it (pg_hba.conf).")
    if "ssl" in low or "certificate" in low or "tls" in low:
        if "does not support ssl" in low:
            why = "the server does not offer an encrypted (TLS) connection"
        elif "root certificate file" in low or "could not read" in low:
            why = "the CA certificate file named in the address could not be read"
        elif "does not match host name" in low or "verify failed" in low or "certificate" in low:
            why = ("its certificate is not one the practice's CA certificate vouches for, or "
                   "not for that host name")
        else:
            why = "the encrypted (TLS) connection failed"
        return ServerTlsError(
            f"RecoveryDesk did not connect to {where}: {why}. Nothing was sent. Ask the "
            "practice lead to check the server's TLS setup.")
    if any(words in low for words in ("starting up", "shutting down", "in recovery mode")):
        return ServerUnreachableError(
            f"The server at {where} is starting up or shutting down. Try again in a minute.")
    if "too many clients" in low or "connection slots are reserved" in low:
        return ServerUnreachableError(
            f"The server at {where} has no room for another connection just now. Try again "
            "shortly; if it keeps happening, tell the practice lead.")
    unreachable = ("connection refused", "could not translate host name", "failed to resolve",
                   "timeout expired", "no such file or directory", "no route to host",
                   "network is unreachable", "could not connect", "connection timed out",
                   "name or service not known")
    if any(words in low for words in unreachable):
        return ServerUnreachableError(
            f"The server at {where} did not answer. Check the server's name and port, that this "
            "computer is online, and that the server is running.")
    return None


def connection_lost(where: str) -> ServerConnectionLostError:
    return ServerConnectionLostError(
        f"The connection to the team practice at {where} was lost, so what you were doing was "
        "not saved. Check this computer is online, then try again.")


class NotAPracticeDatabaseError(ServerError):
    """The database has tables of its own but no RecoveryDesk practice; it was left untouched."""
