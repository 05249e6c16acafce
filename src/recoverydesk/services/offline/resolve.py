"""Offline conflicts on the server: listing them, and the coach's answer (issue 21 item 3).

A conflict is resolved the way the conflict window resolves two coaches' edits
(services/conflicts): KEEP_MINE writes the coach's offline version over the server's current
one, TAKE_THEIRS leaves the server's, MERGED writes the fields picked or typed. The record must
still be as the conflict showed it (same version): if it moved again, a fresh EditConflict is
raised with the record as stored now. The offline versions stay in the row (resolved_at and
resolution set): nothing of the coach's is ever removed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from recoverydesk.models import OfflineConflictRecord
from recoverydesk.services import audit
from recoverydesk.services.conflicts.types import KEEP_MINE, MERGED, TAKE_THEIRS, EditConflict
from recoverydesk.services.offline import scope
from recoverydesk.services.offline.labels import in_form_order, labels_of
from recoverydesk.services.offline.types import (
    OfflineConflict,
    OfflineError,
    row_draft,
)
from recoverydesk.services.practice.transfer import _from_json
from recoverydesk.services.types import NotFoundError

_NOT_EDITED = ("id", "version", "created_at", "updated_at")


def to_dto(r: OfflineConflictRecord) -> OfflineConflict:
    return OfflineConflict(
        r.id, r.participant_id, r.table_name, r.record_id, r.kind, _json(r.base), _json(r.mine),
        _json(r.theirs), tuple(f for f in r.fields.split(",") if f), r.coach_role,
        r.device_name, r.created_at, r.resolved_at, r.resolution)


def listed(s: Session, participant_id: int | None, open_only: bool) -> list[OfflineConflict]:
    query = select(OfflineConflictRecord).order_by(OfflineConflictRecord.id)
    if participant_id is not None:
        query = query.where(OfflineConflictRecord.participant_id == participant_id)
    if open_only:
        query = query.where(OfflineConflictRecord.resolved_at.is_(None))
    return [to_dto(r) for r in s.scalars(query)]


def _table(name: str) -> Table:
    table = next((t for t in scope.returned_tables() if t.name == name), None)
    if table is None:
        raise OfflineError(f"Records of the kind {name!r} are not brought back.")
    return table


def _editable(row: dict | None) -> dict[str, Any]:
    return {k: v for k, v in (row or {}).items() if k not in _NOT_EDITED}


def current(s: Session, c: OfflineConflict, *, lock: bool = False) -> dict | None:
    if c.record_id is None:
        return None
    t = _table(c.table)
    return scope.rows_by_key(s, t, [json.dumps(c.record_id)], lock=lock).get(
        json.dumps(c.record_id))


def edit_conflict(c: OfflineConflict, now_row: dict | None, save_again) -> EditConflict:
    """The conflict as the conflict window shows it: the offline version against the server's
    version now, each as a plain draft of the record's editable fields."""
    shape = in_form_order(c.table, list(_editable(c.mine or c.theirs or now_row)))
    mine = row_draft(c.table, {k: (c.mine or {}).get(k) for k in shape}, None)
    version = (now_row or {}).get("version") or 0
    theirs = row_draft(c.table, {k: (now_row or {}).get(k) for k in shape}, version)
    fields = tuple(k for k in shape if getattr(mine, k) != getattr(theirs, k))
    labels, choices = labels_of(c.table)  # the record as its form shows it (labels.py)
    return EditConflict(mine, theirs, fields, labels={k: labels[k] for k in shape if k in labels},
                        version=version, what=c.what, value_labels=choices,
                        save_again=save_again)


def resolve(s: Session, conflict_id: int, how: str, merged: Any, seen_version: int | None,
            now: dt.datetime) -> OfflineConflict:
    record = s.get(OfflineConflictRecord, conflict_id, with_for_update=True)
    if record is None:
        raise NotFoundError("That offline conflict is no longer there.")
    c = to_dto(record)
    if how not in (KEEP_MINE, TAKE_THEIRS, MERGED):
        raise ValueError(f"not a way to resolve a conflict: {how!r}")
    if how != TAKE_THEIRS:
        values = c.mine if how == KEEP_MINE else _merged_values(merged)
        _write(s, c, values, seen_version)
    record.resolved_at, record.resolution = now, how
    audit.record(s, f"offline.conflict_{how}", "offline_conflict", record.id,
                 record.participant_id, record.table_name)
    s.flush()
    return to_dto(record)


def _merged_values(merged: Any) -> dict[str, Any]:
    if isinstance(merged, dict):
        return merged
    return {k: v for k, v in vars(merged).items() if k != "base_version"}


def _write(s: Session, c: OfflineConflict, values: dict | None, seen: int | None) -> None:
    t = _table(c.table)
    stored = current(s, c, lock=True)
    if stored is not None and seen is not None and stored.get("version", seen) != seen:
        raise OfflineError("The record changed again on the server since you looked: look "
                           "again and choose.")
    if values is None:  # the coach removed it offline and keeps that
        if stored is not None:
            s.execute(delete(t).where(t.c.id == c.record_id))
        return
    fields = _editable(values)
    typed = {k: _from_json(t.c[k], v) for k, v in fields.items() if k in t.c}
    if stored is None:  # removed on the server (or never reached it): the coach's comes back
        new = dict(typed)
        if "version" in t.c:
            new["version"] = 1
        s.execute(insert(t).values(**new))
        return
    if "version" in t.c:
        typed["version"] = stored["version"] + 1
    s.execute(update(t).where(t.c.id == c.record_id).values(**typed))


def _json(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
