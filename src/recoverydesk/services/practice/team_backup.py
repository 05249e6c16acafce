"""Backing up a team practice from a coach's computer (issue 20 item 5): the verified JSON export,
always, and beside it the server's own dump (``pg_dump -Fc``) when pg_dump is on this computer
and the one connected is the practice lead.

The JSON export is every record RecoveryDesk holds, readable by any later version (``recoverydesk
import``); it is read back after writing with the import's own checks and must hold what was
written. The dump is PostgreSQL's: it restores the database as it was (its policies and indexes
too) with ``pg_restore``, but it holds no server roles (the coaches' logins; see the README).

A coach who is not the lead sees only their own participants (row-level security): their export
holds only those, and no dump is made (a dump of part of a practice restores as if it were all
of it). Neither replaces the server's own backups, which the README asks the practice to run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.paths import private_folder, user_data_dir
from recoverydesk.services.json_file import JsonFileError, big_document
from recoverydesk.services.practice.transfer import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_DEPTH,
    IOService,
    check_document,
    flatten,
)
from recoverydesk.services.team.roles import who_am_i
from recoverydesk.services.types import NO_PROGRESS, Progress, ServiceError, ValidationError
from recoverydesk.store import server_backup
from recoverydesk.store.server_backup import DUMP_SUFFIX, NoPgDumpError, ServerBackupError

EXPORT_SUFFIX = ".json"


@dataclass(frozen=True)
class TeamBackup:
    export: Path
    counts: dict[str, int]
    dump: Path | None  # None: see ``no_dump``
    no_dump: str = ""  # why there is no dump, in plain words
    dump_failed: bool = False  # pg_dump ran and failed (not: missing, or not the lead's)
    whole: bool = True  # False: a coach's export holds their own participants only

    @property
    def participants(self) -> int:
        return self.counts.get("participants", 0)

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def default_folder(database: str) -> Path:
    """Where a team practice's backups go when no place is given: the data folder's
    ``Team backups/<database>``, owner-only."""
    return user_data_dir() / "Team backups" / database


def back_up_team(store, target: Path | None = None, *, now: dt.datetime | None = None,
                 progress: Progress = NO_PROGRESS) -> TeamBackup:
    """The export (verified) and, for the lead, the dump, into ``target`` (a folder; None: the
    default folder), named after the database and the time."""
    folder = Path(target) if target is not None else default_folder(store.address.database)
    private_folder(folder)
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    base = folder / f"{store.address.database}-{stamp}"
    with store.read() as s:
        me, lead = who_am_i(s)
    export = base.with_name(base.name + EXPORT_SUFFIX)
    counts = IOService(store).export_to(export, progress)
    progress.step(0, 0, "Reading the export back…")
    verify_export(export, counts)
    if not lead:
        return TeamBackup(export, counts, None, (
            f"No server backup was made: {me} is not the practice lead, and this export holds "
            "only the participants assigned to you. The lead backs up the whole practice."),
            whole=False)
    progress.step(0, 0, "Backing up the server (pg_dump)…")
    try:
        dump = server_backup.dump(store.child_environment(), base.with_name(base.name + DUMP_SUFFIX))
    except ServerBackupError as err:
        return TeamBackup(export, counts, None, str(err),
                          dump_failed=not isinstance(err, NoPgDumpError))
    return TeamBackup(export, counts, dump)


def verify_export(path: Path, counts: dict[str, int]) -> None:
    """Read the export back as an import would (the whole file, every check) and compare what
    it holds with what was written; a file that fails is removed and the failure raised."""
    try:
        with big_document(path, max_bytes=MAX_IMPORT_BYTES, max_depth=MAX_IMPORT_DEPTH) as doc:
            check_document(doc)
            held = {k: len(v) for k, v in flatten(doc).items()}
    except (JsonFileError, ValidationError) as err:
        path.unlink(missing_ok=True)
        raise ServiceError(f"The export did not read back whole ({err}), so it was removed.") \
            from err
    if {k: v for k, v in held.items() if v} != {k: v for k, v in counts.items() if v}:
        path.unlink(missing_ok=True)
        raise ServiceError("The export read back with other records than were written, so it "
                           "was removed. Try again; if it happens again, the disk may be failing.")
