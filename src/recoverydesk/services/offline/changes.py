"""What was done offline: the copy's records against ``offline_base`` (every record as taken),
table by table: added (a key not taken, or a taken key given again to a new record after the
taken one was removed), changed (the row differs from the one taken), removed (a taken key
gone). Plain rows in the export's form; nothing here writes.

Only the records touched offline are read: the copy's triggers (``track_changes``, made when
it is taken) note each key inserted, updated or deleted in ``offline_base`` under "+<table>"
(touched) and "-<table>" (removed), so a bring-back reads a week's work, not the whole copy.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Table, select, text
from sqlalchemy.orm import Session

from recoverydesk.models import OfflineBase
from recoverydesk.services.offline import scope
from recoverydesk.services.offline.types import (
    RETURNED,
    RETURNED_MARK,
    RETURNING,
    RETURNING_MARK,
)
from recoverydesk.services.practice.transfer import PARTICIPANTS

TOUCHED, REMOVED = "+", "-"


@dataclass
class TableChanges:
    added: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)  # (as taken, now)
    removed: list[dict] = field(default_factory=list)  # as taken


@dataclass
class OfflineWork:
    tables: dict[str, TableChanges]
    taken: dict[str, set[str]]  # table -> keys of the records taken
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


def _key_sql(t: Table, side: str) -> str:
    """SQLite's text of a row's key, as ``scope.key_of`` writes it."""
    columns = [t.c[k] for k in scope.key_columns(t)]

    def one(c) -> str:
        if isinstance(c.type, Integer):
            return f"CAST({side}.{c.name} AS TEXT)"
        return f"json_quote({side}.{c.name})"

    if len(columns) == 1:
        return one(columns[0])
    return "'[' || " + " || ', ' || ".join(one(c) for c in columns) + " || ']'"


def track_changes(s: Session) -> None:
    """In the copy only: triggers noting every key touched or removed offline, and refusing any
    change once the copy is RETURNING (its work may be on the server already: an edit then
    would be in neither the bring-back nor the server) or RETURNED (it would go with the copy),
    with ``RETURNING_MARK`` / ``RETURNED_MARK``, said in words by ``practice/errors.py``."""
    refuse = "".join(f"SELECT RAISE(ABORT, '{mark}') WHERE (SELECT state FROM offline_copy "
                     f"LIMIT 1) = '{state}'; " for state, mark in ((RETURNING, RETURNING_MARK),
                                                                   (RETURNED, RETURNED_MARK)))
    for t in scope.returned_tables():
        for event, side, mark in (("INSERT", "NEW", TOUCHED), ("UPDATE", "NEW", TOUCHED),
                                  ("DELETE", "OLD", REMOVED)):
            s.execute(text(
                f"CREATE TRIGGER IF NOT EXISTS offline_{event.lower()}_{t.name} AFTER {event} "
                f"ON {t.name} BEGIN {refuse} INSERT OR IGNORE INTO offline_base (table_name, "
                f"record_key, version, row) VALUES ('{mark}{t.name}', {_key_sql(t, side)}, "
                "NULL, ''); END"))


def offline_work(s: Session) -> OfflineWork:
    taken: dict[str, set[str]] = defaultdict(set)
    marks: dict[str, dict[str, set[str]]] = {TOUCHED: defaultdict(set), REMOVED: defaultdict(set)}
    for name, key in s.execute(select(OfflineBase.table_name, OfflineBase.record_key)):
        if name[0] in marks:
            marks[name[0]][name[1:]].add(key)
        else:
            taken[name].add(key)
    work = OfflineWork({}, dict(taken))
    lookups: list[tuple[str, dict]] = []
    for t in scope.returned_tables():
        keys = marks[TOUCHED][t.name] | marks[REMOVED][t.name]
        changes = work.tables[t.name] = TableChanges()
        if not keys:
            continue
        now = scope.rows_by_key(s, t, sorted(keys))
        was = _taken_rows(s, t.name, sorted(keys & taken[t.name]))
        for key in sorted(keys):
            if key in now and (key not in was or key in marks[REMOVED][t.name]):
                changes.added.append(now[key])
                if key in was:
                    changes.removed.append(was[key])
            elif key in now and now[key] != was[key]:
                changes.changed.append((was[key], now[key]))
            elif key not in now and key in was:
                changes.removed.append(was[key])
        lookups += [(t.name, r) for r in (*changes.added, *changes.removed)]
        lookups += [(t.name, w) for w, _ in changes.changed]
    for table, row in lookups:
        _owner(s, work, table, row)
    return work


def _taken_rows(s: Session, table: str, keys: list[str]) -> dict[str, dict]:
    out = {}
    for start in range(0, len(keys), 5000):
        chunk = keys[start:start + 5000]
        for key, row in s.execute(select(OfflineBase.record_key, OfflineBase.row).where(
                OfflineBase.table_name == table, OfflineBase.record_key.in_(chunk))):
            out[key] = json.loads(row)
    return out


def _owner(s: Session, work: OfflineWork, table: str, row: dict) -> Any:
    """The participant of ``row`` (walking up its parents in the copy, or as taken), noted in
    ``work.owner`` for its children."""
    link = scope.parent_link(table)
    if table == PARTICIPANTS or link is None or link[0] == PARTICIPANTS:
        found = work.participant_of(table, row)
    else:
        parent, column = link
        parent_id = row.get(column)
        if (parent, parent_id) not in work.owner:
            above = _row_of(s, parent, parent_id)
            work.owner[(parent, parent_id)] = None if above is None else _owner(
                s, work, parent, above)
        found = work.owner[(parent, parent_id)]
    if "id" in row:
        work.owner.setdefault((table, row["id"]), found)
    return found


def _row_of(s: Session, table: str, record_id: Any) -> dict | None:
    t = next(x for x in scope.returned_tables() if x.name == table)
    key = json.dumps(record_id)
    row = scope.rows_by_key(s, t, [key]).get(key)
    if row is None:
        row = _taken_rows(s, table, [key]).get(key)
    return row
