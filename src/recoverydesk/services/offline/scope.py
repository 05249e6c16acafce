"""What a local copy holds, told from the export's table layout (``practice/transfer.layout``):
the chosen participants' records (every table whose owner chain reaches ``participants``), and
the practice-wide tables whole (templates, resources, price lists, holidays, settings, the
team), which the app needs to work offline. The offline tables themselves are never copied.

Rows are read as they are (``read_rows``: Python values, ids as they are) and loaded with the
import's own rules (``load_rules``); a row kept or compared (``offline_base``, the bring-back) is
in the export's JSON form (``as_json``: dates, times and choices as text, as ``transfer`` writes
them), converted back with the import's ``transfer._from_json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, Table, Text, select, tuple_
from sqlalchemy.orm import Session

from recoverydesk.services.practice.export_values import _to_json
from recoverydesk.services.practice.transfer import PARTICIPANTS, Layout, layout

OFFLINE_TABLES = ("offline_holds", "offline_returns", "offline_conflicts", "offline_copy",
                  "offline_base")
# Practice-wide tables whose changes and removals a bring-back takes back (coaches may change
# them). Of the others (the lead's lists) only records added offline go back (a STAR template
# first used offline, which a reading points at), or are matched to the server's same one.
SHARED_CHANGED = ("resources",)
_CHUNK = 5000


@cache
def _layout() -> Layout:
    return layout()


def tables() -> list[Table]:
    """Every table a copy holds, parents first."""
    return [t for t in _layout().tables if t.name not in OFFLINE_TABLES]


@cache
def owned_by_participant() -> frozenset[str]:
    lay = _layout()
    owned = set()
    for t in lay.tables:
        name = t.name
        while lay.parent.get(name):
            name = lay.parent[name][0]
        if name == PARTICIPANTS and t.name not in OFFLINE_TABLES:
            owned.add(t.name)
    return frozenset(owned)


def returned_tables() -> list[Table]:
    """The tables a bring-back compares, parents first: every table of the copy."""
    return tables()


def changes_go_back(table: str) -> bool:
    """Whether changes and removals made offline in ``table`` are applied (additions always
    are)."""
    return table in owned_by_participant() or table in SHARED_CHANGED


def parent_link(table: str) -> tuple[str, str] | None:
    return _layout().parent.get(table)


def children_of(table: str) -> list[str]:
    return [c for c in _layout().children.get(table, []) if c not in OFFLINE_TABLES]


def key_columns(t: Table) -> list[str]:
    return [c.name for c in t.primary_key.columns]


def key_of(t: Table, row: dict[str, Any]) -> str:
    """A row's key as text (``offline_base.record_key``): "12", or "[3, 4]" for two columns."""
    keys = key_columns(t)
    if len(keys) == 1:
        return json.dumps(row[keys[0]])
    return json.dumps([row[k] for k in keys])


_PLAIN_TYPES = (Integer, String, Text, Boolean, Float)  # their values are JSON as they come


@cache
def _special(t: Table) -> tuple[str, ...]:
    """The columns whose values need turning into JSON (dates, times, choices, bytes)."""
    def plain(c) -> bool:
        kind = getattr(c.type, "impl", c.type)
        return isinstance(kind, _PLAIN_TYPES) and not hasattr(c.type, "enum_class")

    return tuple(c.name for c in t.columns if not plain(c))


def as_json(t: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row (column name -> value) in the export's JSON form."""
    out = dict(row)
    for name in _special(t):
        value = out.get(name)
        if value is not None:
            out[name] = _to_json(value)
    return out


def read_rows(s: Session, participant_ids: Iterable[int]) -> dict[str, list[dict]]:
    """Every row a copy of these participants holds, by table (column name -> Python value)."""
    ids = sorted(set(participant_ids))
    out: dict[str, list[dict]] = {}
    owned = owned_by_participant()
    for t in tables():
        if t.name == PARTICIPANTS:
            out[t.name] = _rows_where(s, t, "id", ids)
        elif t.name in owned:
            parent, column = parent_link(t.name)  # type: ignore[misc]
            keys = ids if parent == PARTICIPANTS else [r["id"] for r in out.get(parent, [])]
            out[t.name] = _rows_where(s, t, column, keys)
        else:
            order = [t.c[k] for k in key_columns(t)]
            out[t.name] = [dict(r._mapping) for r in s.execute(select(t).order_by(*order))]
    return out


def _rows_where(s: Session, t: Table, column: str, values: list[Any]) -> list[dict]:
    rows: list[dict] = []
    order = [t.c[k] for k in key_columns(t)]
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        query = select(t).where(t.c[column].in_(chunk)).order_by(*order)
        rows.extend(dict(r._mapping) for r in s.execute(query))
    return rows


def rows_by_key(s: Session, t: Table, keys: list[str], *, lock: bool = False
                ) -> dict[str, dict]:
    """The rows of ``t`` with these keys (``key_of`` form) as stored now (missing: absent);
    ``lock``: locked until the transaction ends (FOR UPDATE), so nobody changes them between
    this read and the write that follows."""
    names = key_columns(t)
    values = [json.loads(k) for k in keys]
    out: dict[str, dict] = {}
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        if len(names) == 1:
            where = t.c[names[0]].in_(chunk)
        else:
            where = tuple_(*[t.c[n] for n in names]).in_([tuple(v) for v in chunk])
        query = select(t).where(where)
        for r in s.execute(query.with_for_update() if lock else query):
            row = as_json(t, dict(r._mapping))
            out[key_of(t, row)] = row
    return out
