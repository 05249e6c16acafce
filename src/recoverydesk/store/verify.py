"""Is this file a whole RecoveryDesk practice that this version can open? Asked of a backup
before it replaces anything, so a restore never puts in place a file that will not open.

Read-only: the file and its folder are left exactly as they were.
"""

from __future__ import annotations

from pathlib import Path

from recoverydesk.store.engine import APPLICATION_ID, DatabaseError, Secret, connect_raw
from recoverydesk.store.errors import NotABackupError
from recoverydesk.store.migrate import SQLITE_MAGIC, revision_chain, tables_at
from recoverydesk.store.scan import connection_problems, lenient_text
from recoverydesk.store.sidecars import tidy_sidecars

UNCHANGED = "Nothing was changed."


def verify_backup(path: Path, passphrase: Secret = None, *, whose: str = "") -> str:
    """Return the schema revision of the practice at ``path``, or raise NotABackupError with a
    sentence that says what the file is. ``passphrase`` opens an encrypted file; ``whose``
    names it in the message ("this practice's passphrase")."""
    path = Path(path)
    if not path.is_file():
        raise NotABackupError(f"{path.name} is not there any more. {UNCHANGED}")
    with tidy_sidecars(path, always=True):  # a backup being checked: nobody has it open
        return _verify(path, passphrase, whose or "this practice's passphrase")


def _refuse(path: Path, what: str) -> NotABackupError:
    return NotABackupError(f"{path.name} {what} {UNCHANGED}")


def _verify(path: Path, passphrase: Secret, whose: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head:
        raise _refuse(path, "is an empty file, not a RecoveryDesk backup.")
    plain = head == SQLITE_MAGIC
    try:
        conn = connect_raw(path, None if plain else passphrase, readonly=True)
    except DatabaseError as err:
        if plain:
            raise _refuse(path, f"is damaged: {err}.") from err
        if passphrase is None:
            raise _refuse(path, "cannot be used: it is not a RecoveryDesk backup, or it is "
                                "locked with a passphrase.") from err
        raise _refuse(path, f"cannot be used: it does not open with {whose}, or it is not a "
                            "RecoveryDesk backup.") from err
    conn.text_factory = lenient_text
    try:
        return _judge(path, conn)
    except DatabaseError as err:
        raise _refuse(path, f"is damaged: {err}.") from err
    finally:
        conn.close()


def _judge(path: Path, conn) -> str:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    ours = app_id == APPLICATION_ID
    if not tables:
        raise _refuse(path, "is an empty database, not a RecoveryDesk backup.")
    foreign = _refuse(path, "is a database of another program, not a RecoveryDesk backup.")
    if app_id not in (0, APPLICATION_ID):
        raise foreign
    if "alembic_version" not in tables:
        if ours:
            raise _refuse(path, "is damaged: it does not say which version made it.")
        raise foreign
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    if revision not in revision_chain():
        if not ours or revision is None:
            raise foreign  # another program that also uses Alembic, say
        raise _refuse(path, "was made by a newer RecoveryDesk. Update RecoveryDesk first, "
                            "then restore it.")
    missing = sorted(tables_at(revision) - tables)
    if missing:
        raise _refuse(path, f"is damaged: part of it is missing ({', '.join(missing[:5])}).")
    problems = connection_problems(conn)  # integrity, and every value readable
    if problems:
        raise _refuse(path, f"is damaged: {problems[0]}.")
    return revision
