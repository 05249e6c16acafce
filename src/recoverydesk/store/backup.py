"""Consistent copies of a live practice file with the SQLite backup API (never a file copy),
rolling automatic backups with a retention plan, and restoring one.

Automatic backups live in ``paths.backups_dir_for(practice)`` as
``<stem>-YYYYMMDD-HHMMSS.rdk``, each encrypted with the practice's own key and verified
(opens, ``integrity_check`` and ``foreign_key_check`` clean) before it is given its name.
A new one is taken only when the practice changed since the last one: the change counter is the
size and modification time of the file and its write-ahead log (every commit appends to the log,
every checkpoint rewrites the file; reading changes neither).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.durable import fsync_file
from recoverydesk.paths import backups_dir_for
from recoverydesk.private_files import open_private, private_dir, private_file
from recoverydesk.store.engine import DatabaseError, Secret, connect_raw
from recoverydesk.store.keys import as_passphrase

STATE_FILE = "backup-state.json"
DEFAULT_INTERVAL = dt.timedelta(hours=3)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 10, 8, 12
RECENT = dt.timedelta(hours=24)
_STAMP = "%Y%m%d-%H%M%S"
# <stem>-YYYYMMDD-HHMMSS.rdk, then -1, -2 ... for more backups within the same second.
_NAME = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?\.rdk$")


def integrity_problems(conn) -> list[str]:
    """An empty list when ``PRAGMA integrity_check`` and ``foreign_key_check`` are clean."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    problems += [f"broken link in table {r[0]} (row {r[1]})" for r in fk]
    return problems


_fsync = fsync_file  # the portable flush (recoverydesk/durable.py); restore.py imports this name


def _remove_with_sidecars(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup_database(source: Path, dest: Path, passphrase: Secret = None) -> Path:
    """Copy ``source`` to ``dest`` (encrypted with the same passphrase), verify the copy, and only
    then move it into place. Raises OSError or DatabaseError; ``dest`` is never half-written."""
    dest = Path(dest)
    passphrase = as_passphrase(passphrase)  # the copy takes the source's key: no new derivation
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    _remove_with_sidecars(partial)
    src = connect_raw(source, passphrase, readonly=True)
    try:
        target = connect_raw(partial, passphrase)
        private_file(partial)  # the copy holds every name: the coach's eyes only
        try:
            src.backup(target)
            problems = integrity_problems(target)
            if problems:
                raise DatabaseError("the backup copy failed its check: " + "; ".join(problems[:3]))
            # A backup is one self-contained file: fold the WAL in and leave rollback journaling.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        _fsync(partial)
    except BaseException:
        _remove_with_sidecars(partial)
        raise
    finally:
        src.close()
    os.replace(partial, dest)
    return dest


def verify_file(path: Path, passphrase: Secret = None) -> list[str]:
    """Problems found in the database at ``path`` (empty: it opens and checks clean)."""
    try:
        conn = connect_raw(path, passphrase, readonly=True)
    except DatabaseError as err:
        return [f"cannot be opened ({type(err).__name__})"]
    try:
        return integrity_problems(conn)
    except DatabaseError as err:
        return [f"damaged ({err})"]
    finally:
        conn.close()


# -- rolling backups ------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time, from the file name
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def backup_name(practice: Path, when: dt.datetime) -> str:
    return f"{Path(practice).stem}-{when.strftime(_STAMP)}.rdk"


def list_backups(practice: Path, folder: Path | None = None) -> list[BackupInfo]:
    """Automatic backups of ``practice``, newest first."""
    folder = folder or backups_dir_for(Path(practice))
    found: list[tuple[dt.datetime, int, BackupInfo]] = []
    if not folder.is_dir():
        return []
    for path in folder.glob("*.rdk"):
        match = _NAME.search(path.name)
        if not match:
            continue
        try:
            when = dt.datetime.strptime(match.group(1), _STAMP)
            found.append((when, int(match.group(2) or 0),
                          BackupInfo(path, when, path.stat().st_size)))
        except (ValueError, OSError):
            continue
    found.sort(key=lambda f: f[:2], reverse=True)  # the later of one second's backups first
    return [info for *_, info in found]


def to_keep(
    times: Iterable[dt.datetime],
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    recent: dt.timedelta = RECENT,
) -> set[dt.datetime]:
    """The retention plan, like borg's prune: every backup of the last day (counted back from
    the newest), then the newest backup of each of the last ``daily`` days that have one, of the
    last ``weekly`` weeks and of the last ``monthly`` months."""
    ordered = sorted(set(times), reverse=True)
    keep: set[dt.datetime] = {t for t in ordered if ordered[0] - t < recent}
    rules = [
        (daily, lambda t: t.date()),
        (weekly, lambda t: tuple(t.isocalendar())[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ]
    for count, period in rules:
        seen: list = []
        for t in ordered:
            key = period(t)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(t)
    return keep


LEFTOVER_AGE = dt.timedelta(hours=1)
# Copies being made sit beside their target under these endings until verified and renamed.
TEMP_SUFFIXES = (".partial", ".rekey", ".restoring", ".creating")


def remove_leftovers(
    folder: Path, prefix: str, older_than: dt.timedelta = LEFTOVER_AGE
) -> list[Path]:
    """Half-made copies of ours (names starting with ``prefix``) left by a crash or power cut;
    never a practice, a finished backup or anybody else's file."""
    cutoff = dt.datetime.now().timestamp() - older_than.total_seconds()
    removed = []
    for path in Path(folder).glob("*"):
        base = re.sub(r"-(wal|shm|journal)$", "", path.name)
        if not base.startswith(prefix) or not base.endswith(TEMP_SUFFIXES):
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def rotate(practice: Path, folder: Path | None = None, protect: Path | None = None) -> list[Path]:
    """Delete automatic backups the retention plan no longer needs (and half-made copies left
    by a crash); returns what was removed."""
    remove_leftovers(folder or backups_dir_for(Path(practice)), f"{Path(practice).stem}-")
    backups = list_backups(practice, folder)
    keep = to_keep(b.taken_at for b in backups)
    removed = []
    for b in backups:
        if b.taken_at not in keep and b.path != protect:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def change_token(practice: Path) -> list[int]:
    """Changes whenever a commit or checkpoint touched the practice (not when it was read)."""
    token = []
    for p in (Path(practice), Path(f"{practice}-wal")):
        try:
            st = p.stat()
        except FileNotFoundError:
            token += [0, 0]
            continue
        # An empty log (just opened, or truncated) holds no change.
        token += [st.st_size, st.st_mtime_ns] if st.st_size else [0, 0]
    return token


def _read_state(folder: Path) -> dict:
    try:
        return json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_state(folder: Path, state: dict) -> None:
    tmp = folder / (STATE_FILE + ".tmp")
    with open_private(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(state))
    os.replace(tmp, folder / STATE_FILE)


def distrust(practice: Path) -> None:
    """Damage was seen while the practice was in use: forget that it was checked, so the next
    start checks it in full (and offers the newest good backup)."""
    folder = backups_dir_for(Path(practice))
    state = _read_state(folder)
    if state.pop("token", None) is not None:
        try:
            _write_state(folder, state)
        except OSError:
            pass


def changed_since_last_backup(practice: Path) -> bool:
    state = _read_state(backups_dir_for(Path(practice)))
    return state.get("token") != change_token(practice) or not list_backups(practice)


def take_backup(
    practice: Path,
    passphrase: Secret = None,
    now: dt.datetime | None = None,
    *,
    protect: Path | None = None,
) -> BackupInfo:
    """An automatic backup now (verified, encrypted like the practice), then rotation."""
    practice = Path(practice)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    folder = backups_dir_for(practice)
    private_dir(folder)
    token = change_token(practice)
    base = Path(backup_name(practice, now))
    dest, n = folder / base, 1
    while dest.exists():  # another backup within the same second: -1, -2 ... (all listed)
        dest = folder / f"{base.stem}-{n}{base.suffix}"
        n += 1
    backup_database(practice, dest, passphrase)
    _write_state(folder, {"token": token, "last": now.isoformat(timespec="seconds")})
    rotate(practice, folder, protect)
    return BackupInfo(dest, now, dest.stat().st_size)


def auto_backup(
    practice: Path,
    passphrase: Secret = None,
    *,
    now: dt.datetime | None = None,
    interval: dt.timedelta = DEFAULT_INTERVAL,
    closing: bool = False,
) -> BackupInfo | None:
    """Back up when something changed and (unless the app is closing) the last automatic
    backup is older than ``interval``. Returns the new backup, or None when none was needed."""
    practice = Path(practice)
    if not practice.exists() or not changed_since_last_backup(practice):
        return None
    now = now or dt.datetime.now()
    if not closing:
        latest = list_backups(practice)
        if latest and now - latest[0].taken_at < interval:
            return None
    return take_backup(practice, passphrase, now)


def backup_opens_with(practice: Path, passphrase: Secret) -> bool:
    """True when the newest automatic backup opens with ``passphrase`` (one key derivation)."""
    newest = list_backups(practice)[:1]
    if not newest or not passphrase:
        return False
    try:
        connect_raw(newest[0].path, passphrase, readonly=True).close()
    except DatabaseError:
        return False
    return True


def newest_good_backup(practice: Path, passphrase: Secret = None) -> BackupInfo | None:
    """The newest automatic backup that opens and checks clean, or None."""
    passphrase = as_passphrase(passphrase)  # backups of one practice share its key
    for b in list_backups(practice):
        if not verify_file(b.path, passphrase):
            return b
    return None
