"""The caseload: everyone's row for the list on the left, read in plain SQL, without SQLAlchemy
(at start-up on either database; a team practice's service reads the same columns through
SQLAlchemy in server_caseload.py).

It is the first thing a coach sees, so at start-up the worker reads it over a raw connection
(``caseload_over``, ``engine.connect_raw``) as soon as the practice file is held, before
SQLAlchemy, the models or the services are imported (about half a second on this project's
machine, see docs/benchmarks.md); the window shows it while they load. ``ParticipantService.list``
reads the same query through its session (``caseload``), so there is one caseload query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from recoverydesk.services.participants import name_match
from recoverydesk.services.participants.types import ParticipantRow, display_name

if TYPE_CHECKING:
    from recoverydesk.store.session import Store

# The columns of models/participant.py's ``participants`` the list shows, as stored (the status
# as the value of ParticipantStatus, archived 0/1, plan_end an ISO date).
# tests/unit/services/test_caseload.py checks each against the model's.
TABLE = "participants"
COLUMNS = ("id", "given_name", "family_name", "preferred_name", "status", "archived",
           "plan_end", "ndis_number")


def caseload_query(status: str | None = None, include_archived: bool = False,
                   placeholder: str = "?") -> tuple[str, tuple]:
    """The SQL and its parameters for the participants in ``status``, in SQL both databases
    speak (FALSE is SQLite's 0); ``placeholder``: the driver's (sqlite3 ``?``, psycopg
    ``%s``)."""
    where, params = [], []
    if not include_archived:
        where.append("archived = FALSE")
    if status:
        where.append(f"status = {placeholder}")
        params.append(status)
    sql = f"SELECT {', '.join(COLUMNS)} FROM {TABLE}"
    return (f"{sql} WHERE {' AND '.join(where)}" if where else sql), tuple(params)


def caseload_over(conn, text: str = "", status: str | None = None,
                  include_archived: bool = False, placeholder: str = "?") -> list[ParticipantRow]:
    """``caseload`` over a DB-API connection: start-up's read, before SQLAlchemy is imported (a
    file's ``store.engine.connect_raw``; a team practice's psycopg connection, ``placeholder``
    ``%s``, where row-level security gives the coach their own)."""
    sql, params = caseload_query(status, include_archived, placeholder)
    return caseload_rows(conn.execute(sql, params).fetchall(), text)


def caseload(store: Store, text: str = "", status: str | None = None,
             include_archived: bool = False) -> list[ParticipantRow]:
    """The participants whose name or NDIS number matches ``text`` (everyone when empty), in
    ``status`` (any when None), sorted by the name they go by. A practice file reads the plain
    SQL above; a team practice's server the same columns through SQLAlchemy."""
    with store.read() as s:
        if store.is_server:
            # Imported here: this module is start-up's, imported before SQLAlchemy (app.py).
            from recoverydesk.services.participants.server_caseload import server_rows

            rows = server_rows(s, COLUMNS, status, include_archived)
        else:
            sql, params = caseload_query(status, include_archived)
            rows = s.connection().exec_driver_sql(sql, params).all()
    return caseload_rows(rows, text)


def caseload_rows(rows: Sequence[Sequence], text: str = "") -> list[ParticipantRow]:
    """The list's rows from the columns ``COLUMNS`` as stored, matched to ``text``, sorted."""
    # The typed words are matched here, not in SQL: a caseload is tens of people, and
    # SQLite's LIKE can neither find the start of a name's parts nor ignore accents.
    if text.strip():
        rows = [r for r in rows if name_match.matches(text, (r[1], r[2], r[3]), r[7] or "")]
    out = [
        ParticipantRow(
            id=pid,
            display_name=display_name(given, family, preferred),
            full_name=f"{given} {family}".strip(),
            status=status,
            archived=bool(archived),
            plan_end=_date(plan_end),
        )
        for pid, given, family, preferred, status, archived, plan_end, _ndis in rows
    ]
    # Two people who go by the same name keep one order on either database (by age).
    out.sort(key=lambda r: (r.display_name.casefold(), r.id))
    return out


def _date(stored) -> dt.date | None:
    if stored is None or isinstance(stored, dt.date):
        return stored
    return dt.date.fromisoformat(str(stored)[:10])
