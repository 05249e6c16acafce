"""The shape of an export file, checked as a whole before anything is written.

The models are built from the same SQLAlchemy metadata the export is written from
(``services.io.layout``), one pydantic model per exported record shape, so a capability's new
table is covered the moment it exists. Types are strict: whole numbers that SQLite can hold
(64-bit), finite numbers, true/false, text, ISO dates and times, a choice from the column's
values; a field the table does not have is refused, a required one must be there. The first
problem is told as one plain sentence that names its place in the file, for example
``participants[3].strengths should be a list, not a number.``
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    create_model,
)
from pydantic import ValidationError as PydanticError
from sqlalchemy import Boolean, Column, Date, DateTime, Enum, Float, Integer, String, Table
from sqlalchemy.types import TypeDecorator

from recoverydesk.services.json_file import printable

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_CONFIG = ConfigDict(extra="forbid", strict=True)


def _date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"should be a date like 2025-03-14, not “{value[:40]}”") from None
    return value


def _datetime(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment.astimezone(dt.UTC)  # stored in UTC: overflows next to year 1 or 9999
    except (ValueError, OverflowError):
        raise ValueError(
            f"should be a date and time like 2025-03-14T09:30:00+00:00, not “{value[:40]}”"
        ) from None
    return value


def _storable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("has a broken character (a lone “\\ud800”-style code)") from None
    return value


Text = Annotated[StrictStr, AfterValidator(_storable)]
WholeNumber = Annotated[StrictInt, Field(ge=INT64_MIN, le=INT64_MAX)]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
IsoDate = Annotated[StrictStr, AfterValidator(_date)]
IsoDateTime = Annotated[StrictStr, AfterValidator(_datetime)]


def _is(col_type: Any, kind: type) -> bool:
    if isinstance(col_type, TypeDecorator):
        return isinstance(col_type.impl_instance, kind)
    return isinstance(col_type, kind)


def _value_type(column: Column) -> Any:
    t = column.type
    if isinstance(t, Enum):
        values = [e.value for e in t.enum_class] if t.enum_class is not None else list(t.enums)
        return Literal[tuple(values)]
    for kind, annotation in (
        (Boolean, StrictBool),
        (Integer, WholeNumber),
        (Float, Number),
        (DateTime, IsoDateTime),
        (Date, IsoDate),
        (String, Text),
    ):
        if _is(t, kind):
            return annotation
    return Any


def _required(column: Column, link: str | None) -> bool:
    if column.name == link:  # filled in from the record it sits under
        return False
    if column.primary_key:
        return True  # rows keep their ids, and nested records point at them
    return not column.nullable and column.default is None and column.server_default is None


def document_model(lay: Any, *, fmt: str, participants: str, orphans_key: str) -> type[BaseModel]:
    """The model of a whole export laid out as ``lay`` (``services.io.Layout``)."""
    models: dict[str, type[BaseModel]] = {}
    for table in reversed(lay.tables):  # children before the records they sit under
        models[table.name] = _record_model(table, lay.parent.get(table.name), lay.children, models)
    orphans = create_model(
        "WithoutParticipant",
        __config__=_CONFIG,
        **{
            f"f{i}": (list[models[name]], Field(default_factory=list, alias=name))
            for i, name in enumerate(n for n, link in lay.parent.items() if link)
        },
    )
    tops = {
        f"t{i}": (list[models[name]], Field(default_factory=list, alias=name))
        for i, name in enumerate(lay.top_level)
    }
    return create_model(
        "Export",
        __config__=_CONFIG,
        m_format=(Literal[fmt], Field(alias="format")),
        m_format_version=(WholeNumber | None, Field(default=None, alias="format_version")),
        m_schema=(StrictStr, Field(alias="schema")),
        m_exported_at=(IsoDateTime | None, Field(default=None, alias="exported_at")),
        m_participants=(list[models[participants]], Field(default_factory=list, alias=participants)),
        m_orphans=(orphans, Field(default_factory=dict, alias=orphans_key)),
        **tops,
    )


def _record_model(
    table: Table,
    link: tuple[str, str] | None,
    children: dict[str, list[str]],
    models: dict[str, type[BaseModel]],
) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for i, column in enumerate(table.columns):
        value = _value_type(column)
        if column.nullable or column.primary_key:
            value = value | None
        if _required(column, link[1] if link else None):
            fields[f"c{i}"] = (value, Field(alias=column.name))
        else:
            fields[f"c{i}"] = (value | None, Field(default=None, alias=column.name))
    for i, child in enumerate(children.get(table.name, [])):
        fields[f"n{i}"] = (list[models[child]], Field(default_factory=list, alias=child))
    return create_model(f"Record_{table.name}", __config__=_CONFIG, **fields)


def first_problem(model: type[BaseModel], doc: Any) -> str | None:
    """None when ``doc`` fits ``model``, else a sentence about its first problem."""
    try:
        model.model_validate(doc)
    except PydanticError as err:
        return _sentence(err.errors(include_url=False)[0])
    return None


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + printable(str(part))
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a record in curly brackets"
    return "something else"


def _sentence(error: dict) -> str:
    where = _path(tuple(error.get("loc", ())))
    kind, value = error.get("type", ""), error.get("input")
    if not where:
        return f"The file should hold one record in curly brackets, not {_kind(value)}."
    said = {
        "missing": "is missing, and every record of this kind needs it",
        "extra_forbidden": "is not something this version of RecoveryDesk knows",
        "list_type": f"should be a list, not {_kind(value)}",
        "model_type": f"should be a record in curly brackets, not {_kind(value)}",
        "dict_type": f"should be a record in curly brackets, not {_kind(value)}",
        "int_type": f"should be a whole number, not {_kind(value)}",
        "bool_type": f"should be true or false, not {_kind(value)}",
        "string_type": f"should be text, not {_kind(value)}",
        "float_type": f"should be a number, not {_kind(value)}",
        "finite_number": "should be an ordinary number",
        "greater_than_equal": "is a number too large to store",
        "less_than_equal": "is a number too large to store",
    }.get(kind)
    if kind == "literal_error":
        expected = (error.get("ctx") or {}).get("expected", "")
        shown = value if isinstance(value, str) else _kind(value)
        said = f"should be one of {expected}, not “{str(shown)[:40]}”"
    elif kind == "value_error":
        said = str((error.get("ctx") or {}).get("error", "is not valid"))
    elif said is None:
        said = "is not valid"
    return f"{where} {said}."
