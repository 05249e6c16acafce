"""One value of a record in the export document and back: ``_to_json`` (dates and times as ISO
8601, times in UTC; choices as their values; bytes as hex), ``_from_json`` (checked against its
column: a value of the wrong kind, or a missing one a record needs, is refused in words) and
``_row_dict`` (a whole row, ids as they are). The offline copy and the move to a server use the
same three, so a value means the same wherever a row travels.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Table
from sqlalchemy.types import TypeDecorator

from recoverydesk.services.practice.export_schema import is_of
from recoverydesk.services.types import ValidationError


def _to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


# JSON kinds a column of each plain type accepts (dates, times and choices are parsed below).
_KINDS = ((Boolean, (bool,)), (Integer, (int,)), (Float, (int, float)), (String, (str,)))


def _from_json(column, value: Any) -> Any:
    where = f"{column.table.name}.{column.name}"
    if value is None:
        if not column.nullable and not column.primary_key:
            raise ValidationError.single("file", f"A record has no {where}, which it needs.")
        return None
    t = column.type
    for kind, accepted in _KINDS:
        wrong_bool = isinstance(value, bool) and kind is not Boolean
        if is_of(t, kind) and (wrong_bool or not isinstance(value, accepted)):
            raise ValidationError.single("file", f"The value {value!r} in {where} is not valid.")
    try:
        if is_of(t, DateTime):
            parsed = dt.datetime.fromisoformat(value)
            if isinstance(t, TypeDecorator) and parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=dt.UTC)
            return parsed
        if is_of(t, Date):
            return dt.date.fromisoformat(value)
        if isinstance(t, Enum) and t.enum_class is not None:
            return t.enum_class(value)
    except (TypeError, ValueError) as err:
        raise ValidationError.single("file", f"The value {value!r} in {where} is not valid.") from err
    return value


def _row_dict(table: Table, row) -> dict:
    return {c.name: _to_json(row._mapping[c]) for c in table.columns}
