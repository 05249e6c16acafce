"""The shape of an export file, checked before anything is written (a record at a time).

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
from collections.abc import Callable
from dataclasses import dataclass
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


def is_of(col_type: Any, kind: type) -> bool:
    """Whether a column's type is ``kind`` (or a TypeDecorator over one)."""
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
        if is_of(t, kind):
            return annotation
    return Any


def _required(column: Column, link: str | None) -> bool:
    if column.name == link:  # filled in from the record it sits under
        return False
    if column.primary_key:
        return True  # rows keep their ids, and nested records point at them
    return not column.nullable and column.default is None and column.server_default is None


def document_model(lay: Any, *, fmt: str, participants: str, orphans_key: str) -> type[BaseModel]:
    """The model of a whole export laid out as ``lay`` (``services.io.Layout``), checked in one
    call (the reference ``ExportCheck`` is held to in the tests)."""
    return _document(lay, _record_models(lay), True, fmt, participants, orphans_key)


def export_check(lay: Any, *, fmt: str, participants: str, orphans_key: str) -> ExportCheck:
    """``document_model`` checked a record at a time (see ``ExportCheck``)."""
    records = _record_models(lay)
    shell = _document(lay, records, False, fmt, participants, orphans_key)
    linked = [name for name, link in lay.parent.items() if link]
    orphans = _Part(tuple(linked), {name: records[name] for name in linked}, {})
    order = ("format", "format_version", "schema", "exported_at", participants, orphans_key,
             *lay.top_level)
    lists = {name: records[name] for name in (participants, *lay.top_level)}
    return ExportCheck(shell, _Part(order, lists, {orphans_key: orphans}))


def _record_models(lay: Any) -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {}
    for table in reversed(lay.tables):  # children before the records they sit under
        models[table.name] = _record_model(table, lay.parent.get(table.name), lay.children, models)
    return models


def _document(lay: Any, records: dict[str, type[BaseModel]], whole: bool, fmt: str,
              participants: str, orphans_key: str) -> type[BaseModel]:
    """The export's model; ``whole`` False: every list of records is any list (the shell)."""

    def rows(name: str) -> Any:
        return list[records[name]] if whole else list[Any]

    orphans = create_model(
        "WithoutParticipant",
        __config__=_CONFIG,
        **{
            f"f{i}": (rows(name), Field(default_factory=list, alias=name))
            for i, name in enumerate(n for n, link in lay.parent.items() if link)
        },
    )
    tops = {
        f"t{i}": (rows(name), Field(default_factory=list, alias=name))
        for i, name in enumerate(lay.top_level)
    }
    return create_model(
        "Export",
        __config__=_CONFIG,
        m_format=(Literal[fmt], Field(alias="format")),
        m_format_version=(WholeNumber | None, Field(default=None, alias="format_version")),
        m_schema=(StrictStr, Field(alias="schema")),
        m_exported_at=(IsoDateTime | None, Field(default=None, alias="exported_at")),
        m_participants=(rows(participants), Field(default_factory=list, alias=participants)),
        m_orphans=(orphans, Field(default_factory=dict, alias=orphans_key)),
        **tops,
    )


@dataclass(frozen=True)
class _Part:
    """A record of the document: its fields in the model's order, those that hold lists of
    records (the model of one record each) and those that are records themselves."""

    order: tuple[str, ...]
    lists: dict[str, type[BaseModel]]
    parts: dict[str, _Part]


class ExportCheck:
    """The export's model checked in pieces, so no one call holds the interpreter long.

    In one call, a 171 MB export became millions of model objects that were freed in one go
    when the check returned: a quarter of a second with the GIL held, the window standing
    still. Here the document is checked with every list of records taken as any list (the
    shell), then each record on its own (a participant with all they carry: milliseconds,
    freed at once), with ``between()`` after each. The first problem is the one the whole
    model names first: pydantic checks a record's fields in the model's order and its unknown
    fields last, and the pieces are walked in that order.
    """

    def __init__(self, shell: type[BaseModel], root: _Part) -> None:
        self.shell, self.root = shell, root

    def first_problem(self, doc: Any, between: Callable[[], None] = lambda: None) -> str | None:
        """None when ``doc`` fits the export's model, else a sentence about its first
        problem (the same sentence as ``first_problem(document_model(...), doc)``)."""
        try:
            self.shell.model_validate(doc)
            errors: list = []
        except PydanticError as err:
            errors = err.errors(include_url=False)
        error = _first_error(self.root, doc, (), errors, between)
        return None if error is None else _sentence(error)


def _first_error(part: _Part, value: Any, where: tuple, errors: list,
                 between: Callable[[], None]) -> dict | None:
    """The first of the shell's ``errors`` (all under ``where``) and the records' own, in the
    order the whole model meets them."""
    for error in errors:
        if tuple(error["loc"]) == where:  # not a record at all: nothing inside is looked at
            return error
    record = value if isinstance(value, dict) else {}
    for name in part.order:
        here = (*where, name)
        mine = [e for e in errors if tuple(e["loc"][: len(here)]) == here]
        if name in part.parts:
            found = _first_error(part.parts[name], record.get(name), here, mine, between)
            if found is not None:
                return found
        elif mine:
            return mine[0]
        elif name in part.lists and isinstance(record.get(name), list):
            model = part.lists[name]
            for i, item in enumerate(record[name]):
                try:
                    model.model_validate(item)
                except PydanticError as err:
                    error = err.errors(include_url=False)[0]
                    return {**error, "loc": (*here, i, *error["loc"])}
                finally:
                    between()
    return errors[0] if errors else None  # what is left: fields this version does not know


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
