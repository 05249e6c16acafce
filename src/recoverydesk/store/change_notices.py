"""The notices a team practice's database sends when records change (PostgreSQL only).

Every participant-owned and practice-wide table has a trigger (revisions 0019 and 0021): after
each INSERT, UPDATE or DELETE statement it writes what changed to ``change_log.entries`` (the
table, the operation, the participant, their coach) and, when the transaction commits, sends
on ``CHANNEL`` only the number of that transaction::

    48213

PostgreSQL sends notices to anyone listening whatever the row-level security, so a notice says
nothing but "something changed". ``read`` turns the numbers heard into ``ChangeNotice`` s by
reading those transactions' entries on the listener's own connection, where row-level security
hands a coach only the entries about their own participants and the practice-wide ones (a lead
reads all): another coach's participant is never named to them, nor when they are worked on.
A practice file (SQLite) sends none: one coach, one window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CHANNEL = "recoverydesk_changes"
OPERATIONS = frozenset({"insert", "update", "delete"})

_ENTRIES = ("SELECT DISTINCT table_name, op, participant_id FROM change_log.entries "
            "WHERE tx = ANY(%s)")


@dataclass(frozen=True)
class ChangeNotice:
    table: str  # the table's name, for example "goals"
    op: str  # "insert", "update" or "delete"
    participant_id: int | None  # whose records changed; None: practice-wide (or unknown)


def transaction_of(payload: str) -> int | None:
    """The transaction a notice's payload names; None when it is not one of ours."""
    text = payload.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def read(connection, payloads: Iterable[str]) -> list[ChangeNotice] | None:
    """What the transactions named by ``payloads`` changed, as far as the coach signed in on
    ``connection`` (psycopg) may know; None when a payload is not one of ours (then anything
    may have changed)."""
    transactions = [transaction_of(p) for p in payloads]
    if None in transactions:
        return None
    if not transactions:
        return []
    rows = connection.execute(_ENTRIES, (transactions,)).fetchall()
    return [ChangeNotice(table, op, pid) for table, op, pid in rows if op in OPERATIONS]
