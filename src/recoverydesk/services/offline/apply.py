"""Applying the offline work to the server, inside the bring-back's one transaction (issue 21
item 3): records added offline go in with fresh server ids (their children's links mapped),
changes go over records the server has not changed since they were taken (the version counted
up as the ORM does), removals remove records nobody changed meanwhile; everything else becomes
an ``offline_conflicts`` row (the base, the coach's and the server's version), never lost.

A hold the practice lead broke: the participant may be someone else's work now, so nothing of
the coach's is applied over the server: every change and removal comes back as a conflict.
What was *added* offline still goes in (a note, a reading, a new goal overwrite nothing, and a
clinical note written at the cafe must not wait on a resolution to exist), unless the server
will not take it (the participant moved to another coach: row-level security refuses it, or a
record it hangs on was removed there): then it too is kept as a conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, UniqueConstraint, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from recoverydesk.models import OfflineConflictRecord
from recoverydesk.services.offline import scope
from recoverydesk.services.offline.changes import OfflineWork
from recoverydesk.services.offline.types import (
    DELETED_HERE,
    DELETED_THERE,
    EDITED_BOTH,
    HOLD_BROKEN,
    NOT_ALLOWED,
)
from recoverydesk.services.practice.load_rules import in_link_order
from recoverydesk.services.practice.transfer import PARTICIPANTS, _from_json

_SAME_ANYWAY = ("version",)  # not compared between the two versions of a record
_STAMPED = {"participants": "coach_role", "audit_events": "coach_role"}


@dataclass
class Outcome:
    id_map: dict[str, dict[Any, Any]] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    applied: int = 0
    conflicts: int = 0
    not_brought: int = 0  # changes to the lead's practice-wide lists


@dataclass
class Applier:
    s: Session
    work: OfflineWork
    coach: str
    device_name: str
    return_id: str
    broken: set[int]  # taken participants whose hold was broken (or is gone)
    visible: set[int]  # taken participants this coach still sees
    now: dt.datetime
    out: Outcome = field(default_factory=Outcome)
    unplaced: dict[str, set[Any]] = field(default_factory=dict)  # new rows not added

    def run(self) -> Outcome:
        tables = scope.returned_tables()
        for t in tables:
            self._add(t, self.work.tables[t.name].added)
        for t in tables:
            self._change(t, self.work.tables[t.name].changed)
        for t in reversed(tables):
            self._remove(t, self.work.tables[t.name].removed)
        return self.out

    # -- links ---------------------------------------------------------------------------------
    def _mapped(self, t: Table, row: dict) -> dict | None:
        """``row`` with links to records made offline turned into their server ids; None when
        it links to one the server did not take."""
        out = dict(row)
        for fk in t.foreign_keys:
            column, target = fk.parent.name, fk.column.table.name
            value = out.get(column)
            if value is None or fk.column.name != "id":
                continue
            if value in self.unplaced.get(target, ()):
                return None
            out[column] = self.out.id_map.get(target, {}).get(value, value)
        if t.name != PARTICIPANTS and "participant_id" in out and not any(
                fk.parent.name == "participant_id" for fk in t.foreign_keys):
            # the parent's participant kept on a child row (revision 0023), no link of its own
            value = out["participant_id"]
            if value in self.unplaced.get(PARTICIPANTS, ()):
                return None
            out["participant_id"] = self.out.id_map.get(PARTICIPANTS, {}).get(value, value)
        return out

    def _participant(self, t: Table, row: dict) -> Any:
        local = self.work.participant_of(t.name, row)
        return self.out.id_map.get(PARTICIPANTS, {}).get(local, local)

    def _taken_key(self, pid: Any) -> str:
        return json.dumps(pid)

    # -- added offline -------------------------------------------------------------------------
    def _add(self, t: Table, rows: list[dict]) -> None:
        """The table's new records in one statement (ids back in the rows' order); when the
        server refuses it, or a record links to another of the same table, one at a time in
        savepoints, so each refusal is kept as a conflict and the rest still go in."""
        ready: list[tuple[dict, Any, dict]] = []
        for row in rows:
            mapped = self._mapped(t, row)
            pid = self._participant(t, row)
            if mapped is None or (self._taken_key(pid) in self.work.taken.get(PARTICIPANTS, set())
                                  and pid not in self.visible):
                self._not_added(t, row, pid, NOT_ALLOWED)
                continue
            ready.append((row, pid, self._values(t, mapped)))
        if not ready:
            return
        single = scope.key_columns(t) == ["id"]
        if not any(fk.column.table is t for fk in t.foreign_keys):
            try:
                with self.s.begin_nested():
                    statement = insert(t)
                    if single:
                        statement = statement.returning(t.c.id, sort_by_parameter_order=True)
                    result = self.s.execute(statement, [v for _, _, v in ready])
                    if single:
                        ids = result.scalars().all()
                        self.out.id_map.setdefault(t.name, {}).update(
                            (row["id"], new) for (row, _, _), new in zip(ready, ids, strict=True))
            except DBAPIError:
                pass  # one of them refused: each on its own below
            else:
                self.out.added[t.name] = self.out.added.get(t.name, 0) + len(ready)
                return
        by_row = {id(row): (pid, values) for row, pid, values in ready}
        for row in in_link_order(t, [r for r, _, _ in ready]):
            pid, values = by_row[id(row)]
            if t.foreign_keys and any(fk.column.table is t for fk in t.foreign_keys):
                mapped = self._mapped(t, row)  # its own table's links, now mapped
                if mapped is None:
                    self._not_added(t, row, pid, NOT_ALLOWED)
                    continue
                values = self._values(t, mapped)
            self._add_one(t, row, pid, values, single)

    def _values(self, t: Table, mapped: dict) -> dict:
        single = scope.key_columns(t) == ["id"]
        values = {c.name: _from_json(c, mapped.get(c.name)) for c in t.columns
                  if c.name in mapped and not (single and c.name == "id")}
        stamp = _STAMPED.get(t.name)
        if stamp and not values.get(stamp):
            values[stamp] = self.coach
        if "version" in t.c:
            values["version"] = 1
        return values

    def _add_one(self, t: Table, row: dict, pid: Any, values: dict, single: bool) -> None:
        try:
            with self.s.begin_nested():
                statement = insert(t).values(**values)
                if single:
                    new_id = self.s.execute(statement.returning(t.c.id)).scalar_one()
                    self.out.id_map.setdefault(t.name, {})[row["id"]] = new_id
                else:
                    self.s.execute(statement)
        except IntegrityError:
            same = None if scope.changes_go_back(t.name) else _same_on_server(self.s, t, values)
            if same is None:  # a record it hangs on was removed there
                self._not_added(t, row, pid, DELETED_THERE)
                return
            self.out.id_map.setdefault(t.name, {})[row["id"]] = same  # made there too
            return
        except DBAPIError:  # refused: not this coach's participant any more
            self._not_added(t, row, pid, DELETED_THERE if pid in self.visible else NOT_ALLOWED)
            return
        self.out.added[t.name] = self.out.added.get(t.name, 0) + 1

    def _not_added(self, t: Table, row: dict, pid: Any, kind: str) -> None:
        if "id" in row:
            self.unplaced.setdefault(t.name, set()).add(row["id"])
        self._conflict(t, None, None, row, None, pid, kind)

    # -- changed offline -----------------------------------------------------------------------
    def _change(self, t: Table, pairs: list[tuple[dict, dict]]) -> None:
        if not pairs or not scope.changes_go_back(t.name):
            self.out.not_brought += len(pairs)
            return
        stored = scope.rows_by_key(self.s, t, [scope.key_of(t, w) for w, _ in pairs], lock=True)
        for was, now in pairs:
            key = scope.key_of(t, was)
            theirs = stored.get(key)
            mine = self._mapped(t, now)
            pid = self._participant(t, was)
            if mine is None:
                mine = now
            if pid in self.broken:
                self._conflict(t, key, was, mine, theirs, pid, HOLD_BROKEN)
            elif theirs is None:
                self._conflict(t, key, was, mine, None, pid, DELETED_THERE)
            elif _unchanged(t, was, theirs):
                self._write(t, was, mine, theirs)
            elif _differing(mine, theirs):
                self._conflict(t, key, was, mine, theirs, pid, EDITED_BOTH)

    def _write(self, t: Table, was: dict, mine: dict, theirs: dict) -> None:
        values = {c.name: _from_json(c, mine[c.name]) for c in t.columns
                  if c.name in mine and mine[c.name] != was.get(c.name)
                  and c.name not in scope.key_columns(t) and c.name != "version"}
        where = [t.c[k] == theirs[k] for k in scope.key_columns(t)]
        if "version" in t.c:
            values["version"] = theirs["version"] + 1
            where.append(t.c.version == theirs["version"])
        if values:
            self.s.execute(update(t).where(*where).values(**values))
            self.out.applied += 1

    # -- removed offline -----------------------------------------------------------------------
    def _remove(self, t: Table, rows: list[dict]) -> None:
        if not rows or not scope.changes_go_back(t.name):
            self.out.not_brought += len(rows)
            return
        stored = scope.rows_by_key(self.s, t, [scope.key_of(t, w) for w in rows], lock=True)
        for was in rows:
            key = scope.key_of(t, was)
            theirs = stored.get(key)
            pid = self._participant(t, was)
            if theirs is None:
                continue  # removed on both sides
            if pid in self.broken:
                self._conflict(t, key, was, None, theirs, pid, HOLD_BROKEN)
            elif _unchanged(t, was, theirs) and not self._grown_there(t, was):
                self.s.execute(delete(t).where(*[t.c[k] == theirs[k]
                                                 for k in scope.key_columns(t)]))
                self.out.applied += 1
            else:
                self._conflict(t, key, was, None, theirs, pid, DELETED_HERE)

    def _grown_there(self, t: Table, was: dict) -> bool:
        """Whether the server has records under this one that were not taken as they are (a
        note added there since): removing it would remove them too."""
        if "id" not in was:
            return False
        for child in scope.children_of(t.name):
            ct = next((x for x in scope.returned_tables() if x.name == child), None)
            if ct is None:
                continue
            column = scope.parent_link(child)[1]  # type: ignore[index]
            taken = self.work.taken.get(child, set())
            for r in self.s.execute(select(ct).where(ct.c[column] == was["id"])):
                row = {c.name: r._mapping[c] for c in ct.columns}
                if scope.key_of(ct, row) not in taken:
                    return True
        return False

    # -- kept beside the server's version ------------------------------------------------------
    def _conflict(self, t: Table, key: str | None, base: dict | None, mine: dict | None,
                  theirs: dict | None, pid: Any, kind: str) -> None:
        record = json.loads(key) if key is not None else None
        self.s.add(OfflineConflictRecord(
            participant_id=pid if isinstance(pid, int) and pid in self._known_people() else None,
            table_name=t.name, record_id=record if isinstance(record, int) else None,
            kind=kind, base=_text(base), mine=_text(mine), theirs=_text(theirs),
            fields=",".join(_differing(mine or {}, theirs or {}, mine or theirs or {})),
            return_id=self.return_id, device_name=self.device_name, coach_role=self.coach,
            created_at=self.now, resolution=""))
        self.out.conflicts += 1

    def _known_people(self) -> set[int]:
        return self.visible | self.broken | set(self.out.id_map.get(PARTICIPANTS, {}).values())


def _same_on_server(s: Session, t: Table, values: dict) -> Any:
    """The id of the server's record equal to ``values`` on one of the table's unique keys (a
    practice-wide record both sides made, such as a STAR template first used), or None."""
    keys = [tuple(c.name for c in u.columns) for u in t.constraints
            if isinstance(u, UniqueConstraint)]
    keys += [tuple(c.name for c in i.columns) for i in t.indexes if i.unique]
    for names in keys:
        if "id" not in t.c or not all(n in values for n in names):
            continue
        found = s.scalar(select(t.c.id).where(*[t.c[n] == values[n] for n in names]))
        if found is not None:
            return found
    return None


def _unchanged(t: Table, was: dict, theirs: dict) -> bool:
    if "version" in t.c:
        return theirs.get("version") == was.get("version")
    return theirs == was


def _differing(mine: dict, theirs: dict, shape: dict | None = None) -> tuple[str, ...]:
    names: Iterable[str] = (shape or mine).keys()
    return tuple(k for k in names if k not in _SAME_ANYWAY and k != "id"
                 and mine.get(k) != theirs.get(k))


def _text(row: dict | None) -> str | None:
    return None if row is None else json.dumps(row, sort_keys=True)
