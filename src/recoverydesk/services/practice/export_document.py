"""The export document's shape (``transfer`` writes and reads it): its format and parts, the
``Layout`` of the schema's tables (which table nests under which row: see ``transfer``), the
check of a whole document before anything is written (``check_document``) and a document
turned back into plain rows per table (``flatten``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Table

from recoverydesk.models import Base  # the whole schema: every capability's tables
from recoverydesk.services.json_file import TakeTurns, printable
from recoverydesk.services.practice.export_schema import ExportCheck, export_check
from recoverydesk.services.types import ValidationError
from recoverydesk.store.migrate import revision_chain

FORMAT = "recoverydesk-export"
FORMAT_VERSION = 1
PARTICIPANTS = "participants"
ORPHANS = "without_participant"
# An offline copy's own bookkeeping (issue 21): what it was taken as and which keys changed since,
# which its change triggers keep. An export carries it (an export is every row), but an import
# makes a practice of its own: brought in as a copy, without those triggers, the edits made in
# it afterwards would be missed by a bring-back and lost when the copy is removed.
COPY_BOOKKEEPING = ("offline_copy", "offline_base")
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
