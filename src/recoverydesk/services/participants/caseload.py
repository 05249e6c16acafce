"""The caseload: everyone's row for the list on the left, read without the models.

It is the first thing a coach sees, so at start-up the worker reads it as soon as the practice
file is open and the window shows it, while the models and the other services are still
loading (``services/practice/holding.py``; importing the models and building every service costs
about half a second on this project's machine, see docs/benchmarks.md). So this module names the
participants table's few columns itself (SQLAlchemy Core) rather than importing the mapped
class; ``ParticipantService.list`` reads through it too, so there is one caseload query.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, Integer, String, column, select, table

from recoverydesk.services.participants import name_match
from recoverydesk.services.participants.types import ParticipantRow, display_name
from recoverydesk.store import Store

# The columns of models/participant.py's ``participants`` the list shows (the status as
# stored: the value of ParticipantStatus). tests/unit/services/test_caseload.py checks that
# each matches the model's.
PARTICIPANTS = table(
    "participants",
    column("id", Integer),
    column("given_name", String),
    column("family_name", String),
    column("preferred_name", String),
    column("status", String),
    column("archived", Boolean),
    column("plan_end", Date),
    column("ndis_number", String),
)


def caseload(store: Store, text: str = "", status: str | None = None,
             include_archived: bool = False) -> list[ParticipantRow]:
    """The participants whose name or NDIS number matches ``text`` (everyone when empty), in
    ``status`` (any when None), sorted by the name they go by."""
    c = PARTICIPANTS.c
    stmt = select(c.id, c.given_name, c.family_name, c.preferred_name, c.status, c.archived,
                  c.plan_end, c.ndis_number)
    if not include_archived:
        stmt = stmt.where(c.archived.is_(False))
    if status:
        stmt = stmt.where(c.status == status)
    with store.read() as s:
        rows = s.execute(stmt).all()
    # The typed words are matched here, not in SQL: a caseload is tens of people, and
    # SQLite's LIKE can neither find the start of a name's parts nor ignore accents.
    if text.strip():
        rows = [
            r for r in rows
            if name_match.matches(
                text, (r.given_name, r.family_name, r.preferred_name), r.ndis_number or ""
            )
        ]
    out = [
        ParticipantRow(
            id=r.id,
            display_name=display_name(r.given_name, r.family_name, r.preferred_name),
            full_name=f"{r.given_name} {r.family_name}".strip(),
            status=r.status,
            archived=r.archived,
            plan_end=r.plan_end,
        )
        for r in rows
    ]
    out.sort(key=lambda r: r.display_name.casefold())
    return out
