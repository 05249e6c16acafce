"""Export everything as one JSON document, and import it into a new practice: the coach owns
their data.

The document is built from the SQLAlchemy metadata, not from a hand-written list, so every
capability's tables are included as soon as their models are registered:

- each participant carries, under the table's name, every row of every table with a
  ``participant_id`` (strengths, contacts, goals, sessions, referrals, plan_versions, ...);
- a table without ``participant_id`` is nested under the row it belongs to (its first required
  foreign key): goal steps under their goal, WRAP items under their plan, and so on;
- practice-wide tables (resources, settings, star templates) sit at the top level;
- rows of a participant table that belong to no participant go under ``without_participant``;
- ``fts_*`` search indexes and ``alembic_version`` are left out (they are rebuilt).

Keys are column names; dates and times are ISO 8601 (times in UTC); rows keep their ids, so an
import reproduces the practice exactly and a second export equals the first.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    String,
    Table,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeDecorator

from recoverydesk.durable import fsync_file
from recoverydesk.models import Base  # the whole schema: every capability's tables
from recoverydesk.private_files import open_private
from recoverydesk.services.json_file import (
    JsonFileError,
    TakeTurns,
    big_document,
    free_in_pieces,
    printable,
)
from recoverydesk.services.practice import load_rules
from recoverydesk.services.practice.export_schema import ExportCheck, export_check, is_of
from recoverydesk.services.types import NO_PROGRESS, Progress, ServiceError, ValidationError
from recoverydesk.store.errors import is_disk_full
from recoverydesk.store.migrate import revision_chain
from recoverydesk.store.session import Store

FORMAT = "recoverydesk-export"
FORMAT_VERSION = 1
PARTICIPANTS = "participants"
ORPHANS = "without_participant"
MAX_IMPORT_BYTES = 512 * 1024 * 1024  # years of a busy practice come to tens of MB
MAX_IMPORT_DEPTH = 64  # an export nests about six deep
_META_KEYS = {"format", "format_version", "schema", "exported_at", PARTICIPANTS, ORPHANS}


@dataclass(frozen=True)
class Layout:
    tables: list[Table]  # in foreign-key order (parents first)
    parent: dict[str, tuple[str, str] | None]  # table -> (parent table, fk column) or None
    children: dict[str, list[str]]  # parent table -> child tables nested under its rows
    top_level: list[str]  # practice-wide tables (besides participants)


def layout() -> Layout:
    tables = [
        t
        for t in Base.metadata.sorted_tables
        if not t.name.startswith("fts_") and t.name != "alembic_version"
    ]
    parent: dict[str, tuple[str, str] | None] = {}
    for t in tables:
        parent[t.name] = None
        if t.name == PARTICIPANTS:
            continue
        col = t.columns.get("participant_id")
        if col is not None and any(fk.column.table.name == PARTICIPANTS for fk in col.foreign_keys):
            parent[t.name] = (PARTICIPANTS, "participant_id")
            continue
        for c in t.columns:  # the first required link to another table is the owner
            for fk in c.foreign_keys:
                if not c.nullable and fk.column.table.name != t.name:
                    parent[t.name] = (fk.column.table.name, c.name)
                    break
            if parent[t.name]:
                break
    children: dict[str, list[str]] = defaultdict(list)
    for name, link in parent.items():
        if link:
            children[link[0]].append(name)
    top = [t.name for t in tables if parent[t.name] is None and t.name != PARTICIPANTS]
    return Layout(tables, parent, dict(children), top)


# -- values -----------------------------------------------------------------------------------


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


# -- export -----------------------------------------------------------------------------------


class IOService:
    def __init__(self, store: Store):
        self.store = store

    def export_data(self, progress: Progress = NO_PROGRESS) -> dict:
        lay = layout()
        rows: dict[str, list[dict]] = {}
        with self.store.read() as s:
            load_rules.snapshot(s)  # every table as of one moment, while other coaches write
            schema = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
            for number, t in enumerate(lay.tables):
                progress.step(number, len(lay.tables), "Reading your records…")
                order = list(t.primary_key.columns) or list(t.columns)[:1]
                rows[t.name] = [_row_dict(t, r) for r in s.execute(select(t).order_by(*order))]
        # index children by (parent table, parent id)
        by_parent: dict[tuple[str, str], dict[Any, list[dict]]] = {}
        orphans: dict[str, list[dict]] = {}
        for name, link in lay.parent.items():
            if not link:
                continue
            groups: dict[Any, list[dict]] = defaultdict(list)
            for r in rows[name]:
                if r.get(link[1]) is None:
                    orphans.setdefault(name, []).append(r)
                else:
                    groups[r[link[1]]].append(r)
            by_parent[(link[0], name)] = groups

        def nest(table: str, row: dict) -> dict:
            out = dict(row)
            for child in lay.children.get(table, []):
                out[child] = [
                    nest(child, c) for c in by_parent[(table, child)].get(row.get("id"), [])
                ]
            return out

        doc: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema": schema,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            PARTICIPANTS: [nest(PARTICIPANTS, r) for r in rows[PARTICIPANTS]],
        }
        for name in lay.top_level:
            doc[name] = [nest(name, r) for r in rows[name]]
        doc[ORPHANS] = orphans
        return doc

    def export_to(self, path: Path, progress: Progress = NO_PROGRESS) -> dict[str, int]:
        """Write the export to ``path`` (atomically: stopped at any step, nothing is left).
        Returns row counts per table."""
        doc = self.export_data(progress)
        progress.step(1, 1, "Writing the file…")
        path = Path(path)
        tmp = path.with_name(path.name + ".partial")
        try:
            with open_private(tmp, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
                fh.flush()
                fsync_file(fh.fileno())
            os.replace(tmp, path)
        except OSError as err:
            tmp.unlink(missing_ok=True)  # never a half-written export left behind
            raise ExportError(_write_failure(path, err)) from err
        return {k: len(v) for k, v in flatten(doc).items()}

    # -- import -------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        lay = layout()
        with self.store.read() as s:
            for name in (PARTICIPANTS, *[n for n, p in lay.parent.items() if p]):
                table = Base.metadata.tables[name]
                if s.execute(select(func.count()).select_from(table)).scalar():
                    return False
        return True

    def import_data(self, doc: dict, progress: Progress = NO_PROGRESS) -> dict[str, int]:
        """Load an export into this practice, which must hold no participant records yet
        (practice-wide defaults are replaced). All or nothing."""
        check_document(doc)
        if not self.is_empty():
            raise ValidationError.single(
                "practice",
                "Import goes into a new, empty practice, and this one already has "
                "records. Choose a new practice file.",
            )
        flat = flatten(doc)
        counts = {k: len(v) for k, v in flat.items()}
        try:
            self.load_flat(flat, layout(), progress)
        except IntegrityError as err:  # a rule of the database the file breaks: nothing kept
            raise ValidationError.single("file", _broken_rule(err)) from err
        finally:
            free_in_pieces(flat, 500)  # plain rows, a few hundred at a time (see big_document)
        return counts

    def load_flat(self, flat: dict[str, list[dict]], lay: Layout, progress: Progress) -> None:
        """One transaction: stopped at any step (Cancel), nothing of it is kept."""
        total = sum(len(rows) for rows in flat.values())
        done = 0
        progress.step(done, total, "Importing records…")
        with self.store.unit_of_work() as s:
            load_rules.begin_load(s)
            for t in reversed(lay.tables):
                s.execute(delete(t))
            for t in lay.tables:
                data = flat.get(t.name)
                if not data:
                    continue
                cols = t.columns
                prepared = []
                for r in load_rules.in_link_order(t, data):
                    unknown = set(r) - set(cols.keys())
                    if unknown:
                        raise ValidationError.single(
                            "file",
                            f"{t.name} has fields this version does not know: "
                            f"{', '.join(sorted(unknown))}.",
                        )
                    prepared.append({k: _from_json(cols[k], v) for k, v in r.items()})
                # rows of an older export may leave out fields that have defaults: rows with
                # the same fields go in together, so each missing field gets its default
                by_fields: dict[tuple[str, ...], list[dict]] = defaultdict(list)
                for row in prepared:
                    by_fields[tuple(sorted(row))].append(row)
                for group in by_fields.values():
                    for chunk in range(0, len(group), 500):
                        load_rules.insert_rows(s, t, group[chunk : chunk + 500])
                        done += len(group[chunk : chunk + 500])
                        progress.step(done, total, "Importing records…")
                prepared.clear()  # its rows freed a chunk at a time, not in one call (big_document)
                free_in_pieces(by_fields, 500)
            if broken := load_rules.finish_load(s, lay.tables):
                raise ValidationError.single(
                    "file",
                    f"The file has {len(broken)} records that point at missing ones, "
                    "so nothing was imported.",
                )

    def import_from(self, path: Path, progress: Progress = NO_PROGRESS) -> dict[str, int]:
        try:
            with big_document(path, max_bytes=MAX_IMPORT_BYTES, max_depth=MAX_IMPORT_DEPTH) as doc:
                return self.import_data(doc, progress)
        except JsonFileError as err:
            raise ValidationError.single("file", f"{err} Nothing was imported.") from err


def check_document(doc: Any) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError.single("file", "This file is not a RecoveryDesk export.")
    schema = doc.get("schema")
    chain = revision_chain()
    if isinstance(schema, str) and schema not in chain:  # not text: the schema check says so
        raise ValidationError.single(
            "file",
            "This export was made by a newer version of RecoveryDesk. Update "
            "RecoveryDesk, then import it.",
        )
    # (older exports import too as long as every field is still known: checked row by row)
    known = set(layout().top_level) | _META_KEYS
    unknown = set(doc) - known
    if unknown:
        raise ValidationError.single(
            "file",
            "The export has parts this version does not know: "
            f"{', '.join(sorted(printable(str(k)) for k in unknown))}.",
        )
    # the whole file, before anything is written (a record at a time: see ExportCheck)
    problem = export_checker().first_problem(doc, TakeTurns())
    if problem:
        raise ValidationError.single("file", f"{problem} Nothing was imported.")


@cache
def export_checker() -> ExportCheck:
    return export_check(layout(), fmt=FORMAT, participants=PARTICIPANTS, orphans_key=ORPHANS)


def flatten(doc: dict) -> dict[str, list[dict]]:
    """Table name -> plain rows (nested lists removed, parent links filled in)."""
    lay = layout()
    out: dict[str, list[dict]] = defaultdict(list)

    def walk(table: str, row: dict, parent_id: Any = None) -> None:
        if not isinstance(row, dict):
            raise ValidationError.single("file", f"A record in {table} is not readable.")
        nested = set(lay.children.get(table, []))
        plain = {k: v for k, v in row.items() if k not in nested}
        link = lay.parent.get(table)
        if link and parent_id is not None and plain.get(link[1]) is None:
            plain[link[1]] = parent_id
        out[table].append(plain)
        for child in nested:
            for c in row.get(child) or []:
                walk(child, c, row.get("id"))

    for r in doc.get(PARTICIPANTS) or []:
        walk(PARTICIPANTS, r)
    for name in lay.top_level:
        for r in doc.get(name) or []:
            walk(name, r)
    for name, rows in (doc.get(ORPHANS) or {}).items():
        if name not in lay.parent:
            raise ValidationError.single("file", f"The export has an unknown part: {name}.")
        for r in rows:
            walk(name, r)
    return dict(out)


def _broken_rule(err: IntegrityError) -> str:
    """SQLite's constraint message ("UNIQUE constraint failed: participants.id") in words."""
    raw = load_rules.refusal_text(err)
    where = raw.rsplit(": ", 1)[-1] if ": " in raw else ""
    if raw.startswith("UNIQUE"):
        what = f"the same record ({where}) twice"
    elif raw.startswith("NOT NULL"):
        what = f"a record without {where}"
    elif raw.startswith("CHECK"):
        what = "a value outside what it may be (for example a score out of range)"
    else:
        what = "a value of the wrong kind"
    return f"The file has {what}, so nothing was imported."


class ExportError(ServiceError):
    """The export file could not be written; the practice itself is untouched."""


def _write_failure(path: Path, err: OSError) -> str:
    if is_disk_full(err):
        return (
            f"There is not enough free space in {path.parent} for the export. Nothing was "
            "written: free some space (or choose another place) and try again."
        )
    if isinstance(err, PermissionError):
        return f"RecoveryDesk may not write to {path.parent}. Choose another place."
    return f"The export could not be written to {path} ({err.strerror or err})."
