"""Taking participants offline (issue 21 item 1): hold them on the server, and write their
records into a new encrypted practice file on this computer (the local copy).

One server transaction (a REPEATABLE READ snapshot, so every table is read as of one moment)
places the holds and reads the records; the copy is written (as ``practice/opening.create_filled``
writes a new practice, with the coach's passphrase: SQLCipher) and loaded with the import's own rules
(``load_rules``, as ``transfer.IOService.load_flat`` loads an import) while that transaction is still open, and the transaction
commits only once the copy is whole. A failure anywhere leaves neither a hold nor a file.

The copy keeps every record's server id. Records made offline get the copy's next ids, which
may be any number; a bring-back tells them by their key missing from ``offline_base`` (every
record as taken) and gives each a fresh server id, so no offline id ever reaches the server.
(SQLite hands out ``max(id) + 1``: the tables have no AUTOINCREMENT, so a high starting range
would need a placeholder row in every table.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from recoverydesk.paths import backups_dir_for, private_folder, user_data_dir
from recoverydesk.services.offline import holds, scope
from recoverydesk.services.offline.changes import track_changes
from recoverydesk.services.offline.types import (
    TAKEN,
    OfflineError,
    TakenCopy,
    TakeRequest,
    take_problems,
)
from recoverydesk.services.practice import load_rules
from recoverydesk.services.practice.holding import hold
from recoverydesk.services.practice.load_rules import snapshot
from recoverydesk.services.practice.transfer import layout
from recoverydesk.services.types import NO_PROGRESS, Progress, ValidationError
from recoverydesk.store.lockfile import discard as discard_lock
from recoverydesk.store.session import Store

COPIES = "offline"  # the folder in the user data folder
SUFFIX = ".rdk"


def device_id() -> str:
    """This computer's id (a UUID kept in the user data folder), minted on first use."""
    where = private_folder(user_data_dir()) / "device-id"
    try:
        known = where.read_text(encoding="ascii").strip()
        uuid.UUID(known)
        return known
    except (OSError, ValueError):
        fresh = str(uuid.uuid4())
        where.write_text(fresh + "\n", encoding="ascii")
        return fresh


def device_name() -> str:
    return (socket.gethostname() or "this computer")[:200]


def default_copy_path(where: str, coach: str) -> Path:
    """One copy per team practice and coach, in the user data folder."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{where}-{coach}").strip("_")[:120]
    return user_data_dir() / COPIES / f"{safe}{SUFFIX}"


def take(server, request: TakeRequest, progress: Progress = NO_PROGRESS,
         now: dt.datetime | None = None) -> TakenCopy:
    problems = take_problems(request)
    path = Path(request.path) if request.path else default_copy_path(
        server.address.where, server.coach)
    if path.exists() and path.stat().st_size > 0:
        problems["path"] = (f"{path.name} exists already: bring back the copy there first, "
                            "or choose another place.")
    if problems:
        raise ValidationError(problems)
    now = now or dt.datetime.now(dt.UTC)
    ids = sorted(set(request.participant_ids))
    device, name = device_id(), (request.device_name.strip() or device_name())
    made = False
    try:
        with server.unit_of_work() as s:
            snapshot(s)
            coach = str(s.scalar(text("SELECT current_user")))
            missing = set(ids) - set(holds.names_of(s, ids))
            if missing:
                raise ValidationError.single(
                    "participants", "Some chosen participants are not in your caseload any "
                    "more, so nothing was taken. Choose again.")
            progress.step(0, 3, "Marking the participants as taken offline…")
            holds.place(s, ids, coach, device, name, now)
            progress.step(1, 3, "Reading their records…")
            flat = _copy_rows(s, ids)
            flat["offline_copy"] = [{
                "id": 1, "address": server.address.display, "database": server.address.database,
                "coach_role": coach, "device_id": device, "device_name": name,
                "taken_at": now, "return_id": str(uuid.uuid4()), "state": TAKEN,
                "participants": json.dumps(ids)}]
            progress.step(2, 3, "Writing the encrypted copy…")
            try:
                private_folder(path.parent)
                made = True
                _write_copy(path, flat, request.passphrase)
            except OSError as err:  # a folder that cannot be written, a full disk
                raise ValidationError.single("path", (
                    f"The copy could not be written in {path.parent} "
                    f"({err.strerror or err}). Nothing was taken: choose another place."
                )) from err
            records = sum(len(v) for k, v in flat.items() if k not in scope.OFFLINE_TABLES)
    except BaseException:
        if made:
            remove_copy(path)
        raise
    return TakenCopy(path, len(ids), records, now, server.address.where, coach)


def _write_copy(path: Path, rows: dict[str, list[dict]], passphrase: str) -> None:
    """A new encrypted practice file holding ``rows``: made as ``practice/opening.create_filled``
    makes one (``holding.hold`` creates, migrates and keys it), without building the Services
    around it (they hold this capability: opening it from here would be an import circle), and
    loaded as the import loads a practice (``load_rules``), from the values as read (the import
    reads text: a round trip through JSON would be most of the time taken)."""
    held = hold(path, create=True, passphrase=passphrase)
    try:
        store = Store(held.path, held.key)
        try:
            with store.unit_of_work() as s:
                load_rules.begin_load(s)
                tables = layout().tables
                with _search_index_built_once(s):
                    for t in reversed(tables):  # the new file's defaults: the server's instead
                        s.execute(delete(t))
                    for t in tables:
                        listed = load_rules.in_link_order(t, rows.get(t.name, []))
                        for start in range(0, len(listed), 500):
                            load_rules.insert_rows(s, t, listed[start:start + 500])
                if load_rules.finish_load(s, tables):
                    raise OfflineError("The participants' records point at records the copy "
                                       "does not hold, so nothing was taken.")
                track_changes(s)
        finally:
            store.close()
    finally:
        held.close()


_FTS = re.compile(r"CREATE VIRTUAL TABLE \"?(\w+)\"? USING fts5\(.*content='\w+'", re.I | re.S)


@contextmanager
def _search_index_built_once(s: Session) -> Iterator[None]:
    """The copy's search index (FTS5 tables over their records, kept by triggers a row at a
    time) built once after the load instead of row by row: the index's triggers are dropped,
    the rows loaded, each index rebuilt from its records ('rebuild': the index the triggers
    make, as they copy the same columns), and the triggers made again from their own text,
    all in the load's transaction, so the schema ends exactly as the migrations made it."""
    indexes = [m.group(1) for (sql,) in s.execute(text(
        "SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid"))
        if (m := _FTS.match(sql or ""))]
    feeds = re.compile(r"INSERT INTO \"?(" + "|".join(map(re.escape, indexes)) + r")\b")
    triggers = [(name, sql) for name, sql in s.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid"))
        if indexes and feeds.search(sql or "")]
    for name, _sql in triggers:
        s.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for index in indexes:
        s.execute(text(f"INSERT INTO \"{index}\"(\"{index}\") VALUES ('rebuild')"))
    for _name, sql in triggers:
        s.connection().exec_driver_sql(sql)  # (as written: no bound parameters read into it)


def _copy_rows(s: Session, ids: list[int]) -> dict[str, list[dict]]:
    """The copy's rows by table, and ``offline_base``: every record it may bring back."""
    rows = scope.read_rows(s, ids)
    base = []
    for t in scope.returned_tables():
        for row in rows.get(t.name, []):
            base.append({"table_name": t.name, "record_key": scope.key_of(t, row),
                         "version": row.get("version"),
                         "row": json.dumps(scope.as_json(t, row), sort_keys=True)})
    rows["offline_base"] = base
    return rows


def remove_copy(path: Path) -> None:
    """The copy's file and its companions (-wal, -shm, the lock) and its automatic backups
    (copies of the copy): only once everything in it is on the server."""
    path = Path(path)
    if not path.parent.is_dir():  # (a place that could not be made: nothing was written)
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    discard_lock(path)
    backups = backups_dir_for(path)
    if backups.is_dir():
        shutil.rmtree(backups)
