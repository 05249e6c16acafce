"""The server side of a team: PostgreSQL roles (the one place in this package with
PostgreSQL-only SQL; the service asks ``is_team`` before calling any of it).

Role names are checked by ``types.check_new_coach`` and still quoted by the server's own
``format('%I')``; a password never travels as text: libpq turns it into a SCRAM verifier on
this machine (``PQencryptPasswordConn``), so the server's log and ``pg_stat_activity`` never
show it.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from recoverydesk.services.team.types import COACH_GROUP, LEAD_GROUP, TeamError


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


def create_login(s: Session, role: str, password: str) -> None:
    verifier = _scram_verifier(s, role, password)
    _run_formatted(s, "CREATE ROLE %I LOGIN PASSWORD %L", role, verifier)


def join_groups(s: Session, role: str, lead: bool) -> None:
    _run_formatted(s, f"GRANT {COACH_GROUP} TO %I", role)
    if lead:
        _run_formatted(s, f"GRANT {LEAD_GROUP} TO %I", role)


def leave_lead_group(s: Session, role: str) -> None:
    _run_formatted(s, f"REVOKE {LEAD_GROUP} FROM %I", role)


def _run_formatted(s: Session, template: str, *values: str) -> None:
    """Run DDL that takes no bind parameters: the server quotes each value (%I, %L)."""
    marks = ", ".join(f"CAST(:v{i} AS text)" for i in range(len(values)))
    statement = s.scalar(text(f"SELECT format(CAST(:template AS text), {marks})"),
                         {"template": template, **{f"v{i}": v for i, v in enumerate(values)}})
    try:
        with s.begin_nested():
            s.execute(text(statement.replace(":", r"\:")))
    except Exception as err:  # the server's refusal, in the lead's words
        raise TeamError(_refusal(err)) from err


def _refusal(err: Exception) -> str:
    words = str(getattr(err, "orig", err)).splitlines()[0] if str(err) else ""
    if "permission denied" in words or "must have" in words or "CREATEROLE" in words:
        return ("The server did not let your login add coaches (it needs the CREATEROLE "
                "right). Ask whoever runs the practice's server to give your login CREATEROLE, "
                "or to add the coach.")
    return f"The server refused: {words}"


def _scram_verifier(s: Session, role: str, password: str) -> str:
    raw = s.connection().connection.driver_connection
    try:
        return raw.pgconn.encrypt_password(password.encode(), role.encode(),
                                           b"scram-sha-256").decode()
    except Exception as err:  # an old server or libpq without SCRAM
        raise TeamError("The server could not keep the password safely (SCRAM-SHA-256 is "
                        f"needed): {err}") from err
