"""Restoring a backup in place of the practice file.

The backup is verified as a practice this version can open before anything is replaced; the
current file is backed up first (or, when it cannot be read, set aside, never deleted); and the
practice never comes back less protected than it was: a plain backup restored into a protected
practice is locked with the practice's passphrase on the way in.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from recoverydesk.store.backup import (
    _STAMP,
    _fsync,
    backup_database,
    backup_opens_with,
    take_backup,
    verify_file,
)
from recoverydesk.store.crypto import copy_with_key, is_encrypted
from recoverydesk.store.engine import APPLICATION_ID, Secret, connect_raw
from recoverydesk.store.keys import as_passphrase
from recoverydesk.store.verify import verify_backup


class RestoreError(Exception):
    pass


def set_aside(practice: Path, label: str) -> Path:
    """Move a file that cannot be read out of the way (never deleted), with its side files."""
    stamp = dt.datetime.now().strftime(_STAMP)
    aside = practice.with_name(f"{practice.stem}.{label}-{stamp}{practice.suffix}")
    os.replace(practice, aside)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{practice}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))
    return aside


def _practice_is_readable(practice: Path, passphrase, backup: Path, backup_key) -> bool:
    """True when the current practice opens and checks clean. An encrypted practice that does
    not open is damaged only when the passphrase is shown to be right (it opens the backup
    being restored, or the newest automatic one); otherwise it is a wrong passphrase, and
    restoring under it would lock the coach out: refuse."""
    if not verify_file(practice, passphrase):
        return True
    if not is_encrypted(practice):
        return False
    if passphrase is None:
        raise RestoreError(
            f"{practice.name} is protected with a passphrase, and restoring needs it. "
            "Nothing was changed."
        )
    right = (backup_key is passphrase and is_encrypted(backup)) or backup_opens_with(
        practice, passphrase)
    if not right:
        raise RestoreError(
            f"That passphrase does not open {practice.name}, so nothing was changed."
        )
    return False


def _stamp_as_ours(copy: Path, passphrase) -> None:
    """A verified practice without our application id (a copy made by hand, say) gets it, so it
    opens after the restore."""
    conn = connect_raw(copy, passphrase)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file again
    finally:
        conn.close()


def restore_backup(
    backup: Path,
    practice: Path,
    passphrase: Secret = None,
    now: dt.datetime | None = None,
    *,
    backup_passphrase: Secret = None,
) -> Path | None:
    """Put ``backup`` in place of ``practice``. The current file is first backed up (or, if it
    cannot be read, set aside untouched). Returns where the current file went (or None).

    ``backup_passphrase``: the one the backup was made under, when that is not the practice's
    (made before the passphrase was changed); the backup is then restored re-locked with
    ``passphrase``. A plain backup (made before the practice was protected) needs none.
    Raises NotABackupError (nothing changed) when ``backup`` is not a practice to restore."""
    backup, practice = Path(backup), Path(practice)
    passphrase = as_passphrase(passphrase)
    if not backup.is_file():
        raise RestoreError(f"{backup.name} is not there any more. Nothing was changed.")
    backup_key = passphrase
    if not is_encrypted(backup):
        backup_key = None
    elif backup_passphrase is not None:
        backup_key = as_passphrase(backup_passphrase)
    whose = "that passphrase" if backup_passphrase else "this practice's passphrase"
    verify_backup(backup, backup_key, whose=whose)
    kept: Path | None = None
    if practice.exists() and practice.stat().st_size > 0:
        # A plain practice is read without a key (and may come back protected, never less).
        current = passphrase if is_encrypted(practice) else None
        if not _practice_is_readable(practice, current, backup, backup_key):
            kept = set_aside(practice, "damaged")
        else:
            kept = take_backup(practice, current, now, protect=backup).path
            conn = connect_raw(practice, current)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
    restoring = practice.with_name(practice.name + ".restoring")
    if backup_key is passphrase:
        backup_database(backup, restoring, passphrase)
    else:  # under the practice's own passphrase now (a verified copy)
        copy_with_key(backup, restoring, backup_key, passphrase)
    _stamp_as_ours(restoring, passphrase)
    for suffix in ("-wal", "-shm"):
        Path(f"{practice}{suffix}").unlink(missing_ok=True)
    os.replace(restoring, practice)
    try:
        _fsync(practice.parent)
    except OSError:
        pass
    return kept
