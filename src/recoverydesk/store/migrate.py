"""Start-up order for a practice file: look, refuse, back up, upgrade, verify.

Reading the file's revision needs only SQLite; Alembic is imported only when a file must be
created or upgraded, which keeps ordinary start-up fast.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from recoverydesk.paths import migrations_dir
from recoverydesk.store.backup import backup_database, integrity_problems
from recoverydesk.store.disk_errors import raise_if_disk_trouble
from recoverydesk.store.engine import APPLICATION_ID, DatabaseError, Secret, connect_raw
from recoverydesk.store.engine import sqlite as sqlite_module
from recoverydesk.store.errors import (
    DamagedFileError,
    LockedOrForeignFileError,
    NewerSchemaError,
    NotAPracticeFileError,
    UpgradeFailedError,
    WrongPassphraseError,
)
from recoverydesk.store.keys import as_passphrase
from recoverydesk.store.lockfile import one_upgrade_at_a_time
from recoverydesk.store.scan import lenient_text
from recoverydesk.store.sidecars import tidy_sidecars

_REV = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(None|['\"]([^'\"]*)['\"])", re.M)
SQLITE_MAGIC = b"SQLite format 3\x00"


@cache
def revision_chain() -> tuple[str, ...]:
    """Revisions from first to head, read from the version files without importing Alembic."""
    parents: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        rev, down = _REV.search(text), _DOWN.search(text)
        if rev and down:
            parents[rev.group(1)] = down.group(2) or None
    children = {p: r for r, p in parents.items()}
    chain, current = [], children.get(None)
    while current:
        chain.append(current)
        current = children.get(current)
    return tuple(chain)


def head_revision() -> str:
    return revision_chain()[-1]


_CREATE = re.compile(r"op\.create_table\(\s*['\"](\w+)['\"]")


def tables_at(revision: str) -> set[str]:
    """The tables a practice at ``revision`` has (those its upgrades created), read from the
    version files without importing Alembic."""
    files: dict[str, str] = {}
    for path in (migrations_dir() / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = _REV.search(text)
        if rev:
            files[rev.group(1)] = text.split("def downgrade", 1)[0]
    tables: set[str] = set()
    for rev in revision_chain():
        tables |= set(_CREATE.findall(files.get(rev, "")))
        if rev == revision:
            break
    return tables


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None = None


def _looks_encrypted(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) != SQLITE_MAGIC


def inspect_file(path: Path, passphrase: Secret = None) -> FileState:
    """What is at ``path``: nothing, or one of our files at some revision. Raises a
    PracticeFileError for anything else, without writing to the file (and without leaving the
    side files a read-only look at a WAL-mode file makes)."""
    path = Path(path)
    with tidy_sidecars(path) as refuse:
        state = _inspect(path, passphrase)
        if state.exists and (state.revision is None or state.revision not in revision_chain()):
            refuse()  # no RecoveryDesk opens it (a newer or empty one): nobody uses its sides
        return state


def _inspect(path: Path, passphrase: Secret) -> FileState:
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=path.exists())
    if not path.is_file():
        raise NotAPracticeFileError(f"{path.name} is a folder, not a practice file.")
    try:
        conn = connect_raw(path, passphrase, readonly=True)
    except DatabaseError as err:
        raise_if_disk_trouble(err, path)  # a full disk is neither damage nor a wrong passphrase
        if "malformed" in str(err):  # it opened, then its schema could not be read
            raise DamagedFileError(
                f"{path.name} is damaged and cannot be read. It was left untouched.") from err
        if passphrase is None and _looks_encrypted(path):
            raise LockedOrForeignFileError(
                f"{path.name} is not a RecoveryDesk practice file, or it is locked with a "
                "passphrase. It was left untouched."
            ) from err
        if passphrase is not None:
            raise WrongPassphraseError(
                "That passphrase does not open this practice. Check it and try again."
            ) from err
        raise NotAPracticeFileError(
            f"{path.name} is not a RecoveryDesk practice file, so it was left untouched."
        ) from err
    conn.text_factory = lenient_text  # a garbled name is damage to report, not a crash
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID or "alembic_version" not in tables:
            if not tables and app_id == 0:
                return FileState(exists=True)
            if app_id == APPLICATION_ID:  # ours, but its version table is gone: damage
                raise DamagedFileError(
                    f"{path.name} is damaged and cannot be read. It was left untouched.")
            raise NotAPracticeFileError(
                f"{path.name} is a database, but not a RecoveryDesk practice file, "
                "so it was left untouched."
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except DatabaseError as err:
        raise_if_disk_trouble(err, path)
        raise DamagedFileError(
            f"{path.name} is damaged and cannot be read. It was left untouched."
        ) from err
    finally:
        conn.close()
    return FileState(exists=True, revision=row[0] if row else None)


# Any fixed number: the key of the PostgreSQL advisory lock one upgrading opener holds.
_UPGRADE_LOCK = 7_020_001


def upgrade_connection(connection, target: str = "head") -> None:
    """Create or upgrade the schema to ``target`` over an open SQLAlchemy ``Connection`` (a
    team practice's PostgreSQL database: no file, no SQLCipher, no backup here). It runs in the
    connection's transaction (one is begun and committed when none is open), so a failed
    upgrade leaves nothing half done. On PostgreSQL a second opener waits on an advisory lock
    until the first has finished, as BEGIN IMMEDIATE makes it wait on SQLite."""
    if connection.in_transaction():
        _upgrade_in_transaction(connection, target)
    else:
        with connection.begin():
            _upgrade_in_transaction(connection, target)


def _upgrade_in_transaction(connection, target: str) -> None:
    from alembic import command  # Alembic only when a schema must change (see the docstring)
    from alembic.config import Config

    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK})")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, target)


def current_revision(connection) -> str | None:
    """The revision the database behind an open SQLAlchemy ``Connection`` is at, or None when
    it has no schema of ours yet (an empty database)."""
    from alembic.migration import MigrationContext  # Alembic only when asked (see docstring)

    return MigrationContext.configure(connection).get_current_revision()


def _alembic_upgrade(path: Path, passphrase: Secret, target: str = "head") -> None:
    from sqlalchemy import create_engine, event

    engine = create_engine(
        "sqlite://",
        creator=lambda: connect_raw(path, passphrase, foreign_keys=False),
        module=sqlite_module,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn):  # a writer from the start: a second opener waits, never half-upgrades
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as conn:
            _upgrade_in_transaction(conn, target)
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise UpgradeFailedError(f"the upgrade left {len(broken)} broken links")
    finally:
        engine.dispose()


def create_practice(path: Path, passphrase: Secret = None) -> None:
    """Build a new practice file at head; it appears at ``path`` only once complete."""
    path = Path(path)
    passphrase = as_passphrase(passphrase)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".creating")
    for p in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        p.unlink(missing_ok=True)
    try:
        _alembic_upgrade(partial, passphrase)
        conn = connect_raw(partial, passphrase)
        conn.execute("PRAGMA journal_mode = DELETE")  # fold the WAL in before the rename
        conn.close()
        os.replace(partial, path)
    except BaseException:
        for p in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            p.unlink(missing_ok=True)
        raise


def pre_upgrade_backup_path(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")


def _keep_one_copy(copy: Path, path: Path, revision: str) -> Path:
    """After a failed upgrade the practice is exactly ``copy`` again, so one copy per revision
    is enough: it takes a fixed name, replacing the one an earlier failed try left (retrying
    must not fill the disk with identical copies)."""
    kept = path.with_name(f"{path.stem}.before-upgrade-{revision}{path.suffix}")
    try:
        os.replace(copy, kept)
    except OSError:
        return copy  # the copy is still there under its first name
    return kept


def upgrade_practice(path: Path, passphrase: Secret, from_revision: str) -> Path:
    """Back up, upgrade in one transaction, verify; on failure put the backup back. Returns the
    backup's path (kept, so the coach can always go back)."""
    passphrase = as_passphrase(passphrase)
    try:
        backup = backup_database(path, pre_upgrade_backup_path(path, from_revision), passphrase)
    except (OSError, DatabaseError) as err:  # no room for the copy: nothing was changed
        raise_if_disk_trouble(err, path)
        raise
    try:
        _alembic_upgrade(path, passphrase)
        conn = connect_raw(path, passphrase)
        try:
            problems = integrity_problems(conn)
        finally:
            conn.close()
        if problems:
            raise UpgradeFailedError("; ".join(problems[:3]))
    except Exception as err:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(backup_database(backup, path.with_name(path.name + ".restoring"), passphrase),
                   path)
        backup = _keep_one_copy(backup, path, from_revision)
        raise UpgradeFailedError(
            "RecoveryDesk could not update this practice file to the new version, so it put "
            f"the file back exactly as it was. A copy is also kept at {backup.name}."
        ) from err
    return backup


@dataclass(frozen=True)
class OpenResult:
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def prepare_practice(path: Path, passphrase: Secret = None, *, create: bool = True) -> OpenResult:
    """Make ``path`` ready to open at the current head, or raise a PracticeFileError."""
    path = Path(path)
    passphrase = as_passphrase(passphrase)
    state = inspect_file(path, passphrase)
    if state.revision is None:
        if state.exists and path.stat().st_size > 0:
            raise NotAPracticeFileError(f"{path.name} is not a RecoveryDesk practice file.")
        if not create:
            raise NotAPracticeFileError(f"There is no practice file at {path}.")
        if path.exists():
            path.unlink()  # an empty file: nothing to lose
        create_practice(path, passphrase)
        return OpenResult(created=True)
    chain = revision_chain()
    if state.revision == chain[-1]:
        return OpenResult()
    if state.revision not in chain:
        raise NewerSchemaError(
            f"{path.name} was saved by a newer version of RecoveryDesk. Please update "
            "RecoveryDesk to open it; the file was left untouched."
        )
    with one_upgrade_at_a_time(path):  # another program may have upgraded it meanwhile
        if inspect_file(path, passphrase).revision == chain[-1]:
            return OpenResult()
        backup = upgrade_practice(path, passphrase, state.revision)
    return OpenResult(upgraded_from=state.revision, backup=backup)
