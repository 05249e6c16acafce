"""The server side of a team: PostgreSQL roles (the one place in this package with
PostgreSQL-only SQL; the service asks ``is_team`` before calling any of it).

Role names are checked by ``types.check_new_coach`` (and again by the server); a password never
travels as text: libpq turns it into a SCRAM verifier on this machine
(``PQencryptPasswordConn``), so the server's log and ``pg_stat_activity`` never show it.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from recoverydesk.services.team.types import LEAD_GROUP, TeamError

# The SQLSTATE revision 0020's functions refuse with (raise_exception), in plain words.
_IN_WORDS = "P0001"


def who_am_i(s: Session) -> tuple[str, bool]:
    """The role connected, and whether it leads the practice (a member of the lead group, or
    the server's superuser)."""
    row = s.execute(text(
        "SELECT current_user, pg_has_role(current_user, :lead, 'MEMBER') "
        "OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"),
        {"lead": LEAD_GROUP}).one()
    return str(row[0]), bool(row[1])


def login_exists(s: Session, role: str) -> bool:
    return s.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}) is not None


def add_login(s: Session, role: str, password: str | None, lead: bool) -> bool:
    """Make ``role`` a LOGIN role with ``password`` (or take the server's existing one) and put
    it in the coach group, and the lead group for a lead, through revision 0018's
    ``recoverydesk_add_login`` (only leads may call it; they need no CREATEROLE of their own).
    Returns whether the login existed already."""
    verifier = _scram_verifier(s, role, password) if password else None
    try:
        with s.begin_nested():
            return bool(s.scalar(text("SELECT recoverydesk_add_login(:role, :verifier, :lead)"),
                                 {"role": role, "verifier": verifier, "lead": lead}))
    except DBAPIError as err:  # the server's refusal, in the lead's words
        raise TeamError(_refusal(err)) from err


def set_active(s: Session, role: str, active: bool) -> None:
    """Deactivate the coach ``role`` (their row in ``coaches`` inactive, their login NOLOGIN and
    out of the coach and lead groups, so even a connection they hold reads nothing more) or take
    them back, through revision 0020's ``recoverydesk_set_coach_active`` (only leads may call
    it; it refuses the last lead, the database's owner and a superuser, in words)."""
    try:
        with s.begin_nested():
            s.execute(text("SELECT recoverydesk_set_coach_active(:role, :active)"),
                      {"role": role, "active": active})
    except DBAPIError as err:
        raise TeamError(_refusal(err, "change the team")) from err


def _refusal(err: DBAPIError, what: str = "add coaches") -> str:
    words = str(err.orig).splitlines()[0] if err.orig is not None else str(err)
    if "permission denied" in words:
        return f"Only the practice lead can {what}."
    if getattr(err.orig, "sqlstate", None) == _IN_WORDS:
        return words  # revision 0020's refusals are sentences already
    return f"The server refused: {words}"


def _scram_verifier(s: Session, role: str, password: str) -> str:
    raw = s.connection().connection.driver_connection
    try:
        return raw.pgconn.encrypt_password(password.encode(), role.encode(),
                                           b"scram-sha-256").decode()
    except Exception as err:  # an old server or libpq without SCRAM
        raise TeamError("The server could not keep the password safely (SCRAM-SHA-256 is "
                        f"needed): {err}") from err
