"""The notices a team practice's database sends when records change (PostgreSQL only).

Revision 0019 puts a trigger on every participant-owned and practice-wide table: after each
INSERT, UPDATE or DELETE statement it sends, when the transaction commits, on ``CHANNEL``, one
notice per participant the statement touched (or one without a participant for a practice-wide
table). The payload is JSON, with no names and no health text::

    {"table": "goals", "op": "update", "participant_id": 12}
    {"table": "resources", "op": "insert", "participant_id": null}

A window that LISTENs on ``CHANNEL`` (``LISTEN recoverydesk_changes``) hears every coach's
changes, its own included; ``parse`` reads one payload. PostgreSQL sends notices to anyone
listening whatever the row-level security, which is why the payload names only a table and an id.
A practice file (SQLite) sends none: one coach, one window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

CHANNEL = "recoverydesk_changes"
OPERATIONS = frozenset({"insert", "update", "delete"})


@dataclass(frozen=True)
class ChangeNotice:
    table: str  # the table's name, for example "goals"
    op: str  # "insert", "update" or "delete"
    participant_id: int | None  # whose records changed; None: practice-wide (or unknown)


def parse(payload: str) -> ChangeNotice | None:
    """One notice's payload as sent by the trigger; None when it is not one of ours."""
    try:
        data = json.loads(payload)
        table, op, pid = data["table"], data["op"], data.get("participant_id")
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(table, str) or op not in OPERATIONS:
        return None
    if pid is not None and (isinstance(pid, bool) or not isinstance(pid, int)):
        return None
    return ChangeNotice(table, op, pid)
