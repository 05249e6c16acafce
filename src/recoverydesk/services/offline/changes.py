"""What was done offline: the copy's records against ``offline_base`` (every record as taken),
table by table: added (a key not taken, or a taken key given again to a new record after the
taken one was removed), changed (the row differs from the one taken), removed (a taken key
gone). Plain rows in the export's form; nothing here writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models import OfflineBase
from recoverydesk.services.offline import scope
from recoverydesk.services.practice.transfer import PARTICIPANTS, _row_dict


@dataclass
class TableChanges:
    added: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)  # (as taken, now)
    removed: list[dict] = field(default_factory=list)  # as taken


@dataclass
class OfflineWork:
    tables: dict[str, TableChanges]
    base: dict[str, dict[str, dict]]  # table -> key -> row as taken
    current: dict[str, dict[str, dict]]  # table -> key -> row now (the copy)
    owner: dict[tuple[str, Any], Any] = field(default_factory=dict)  # (table, id) -> participant

    def digest(self) -> str:
        """A fingerprint of the work (what was added, changed and removed): a retry that finds
        its return id on the server checks the copy holds the same work it brought."""
        def rows(listed: list[dict]) -> list[str]:
            return sorted(json.dumps(r, sort_keys=True) for r in listed)

        work = {name: [rows(c.added), rows([now for _, now in c.changed]), rows(c.removed)]
                for name, c in sorted(self.tables.items())}
        return hashlib.sha256(json.dumps(work).encode()).hexdigest()

    @property
    def count(self) -> int:
        return sum(len(c.added) + len(c.changed) + len(c.removed) for c in self.tables.values())

    def participant_of(self, table: str, row: dict) -> Any:
        """The participant a row belongs to (a copy's id: taken ones are the server's)."""
        if table == PARTICIPANTS:
            return row.get("id")
        link = scope.parent_link(table)
        if link is None:
            return None
        parent, column = link
        if parent == PARTICIPANTS:
            return row.get(column)
        return self.owner.get((parent, row.get(column)))


def offline_work(s: Session) -> OfflineWork:
    base: dict[str, dict[str, dict]] = {}
    gone: dict[str, set[str]] = {}
    for name, key, row in s.execute(select(OfflineBase.table_name, OfflineBase.record_key,
                                           OfflineBase.row)):
        if name.startswith("-"):
            gone.setdefault(name[1:], set()).add(key)
        else:
            base.setdefault(name, {})[key] = json.loads(row)
    current: dict[str, dict[str, dict]] = {}
    tables: dict[str, TableChanges] = {}
    work = OfflineWork(tables, base, current)
    for t in scope.returned_tables():
        taken = base.get(t.name, {})
        removed_then_reused = gone.get(t.name, set())
        now = {}
        for r in s.execute(select(t)):
            row = _row_dict(t, r)
            now[scope.key_of(t, row)] = row
        current[t.name] = now
        changes = TableChanges()
        for key, row in now.items():
            was = taken.get(key)
            if was is None or key in removed_then_reused:
                changes.added.append(row)
                if was is not None:
                    changes.removed.append(was)
            elif row != was:
                changes.changed.append((was, row))
        changes.removed.extend(was for key, was in taken.items() if key not in now)
        tables[t.name] = changes
        if "id" in t.c:  # who owns each row, for its children
            for rows in (taken.values(), now.values()):
                for row in rows:
                    work.owner[(t.name, row["id"])] = work.participant_of(t.name, row)
    return work
