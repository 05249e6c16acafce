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

This module writes and reads the document (``IOService``); its shape and whole-document check
are ``export_document``'s, one value's JSON form ``export_values``' (the names stay importable
from here).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError

from recoverydesk.durable import fsync_file
from recoverydesk.models import Base  # the whole schema: every capability's tables
from recoverydesk.private_files import open_private
from recoverydesk.services.json_file import JsonFileError, big_document, free_in_pieces
from recoverydesk.services.practice import load_rules
from recoverydesk.services.practice.export_document import (
    COPY_BOOKKEEPING,
    FORMAT,
    FORMAT_VERSION,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_DEPTH,
    ORPHANS,
    PARTICIPANTS,
    Layout,
    check_document,
    flatten,
    layout,
)
from recoverydesk.services.practice.export_document import export_checker as export_checker
from recoverydesk.services.practice.export_values import _from_json, _row_dict
from recoverydesk.services.types import NO_PROGRESS, Progress, ServiceError, ValidationError
from recoverydesk.store.errors import is_disk_full
from recoverydesk.store.session import Store

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
        for name in COPY_BOOKKEEPING:  # (see there: an imported copy is a practice of its own)
            flat.pop(name, None)
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
