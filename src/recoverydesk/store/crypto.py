"""Encryption at rest (SQLCipher 4): encrypt a plain practice in place, change or remove the
passphrase, and slow down repeated wrong guesses (a passphrase's strength is judged in
``ui/passphrase_strength.py``).

Every change of key goes through a *verified copy*: ``sqlcipher_export`` writes the whole
database into a new file in the same folder (so the final rename is atomic), the copy is opened
with its new key and checked, flushed to disk, and only then renamed over the original. A crash
at any moment leaves either the old file or the new one, never half of each, and the old
plaintext is gone from the practice file's bytes (its WAL is folded in and removed first).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from recoverydesk.durable import fsync_dir, fsync_file
from recoverydesk.store.engine import APPLICATION_ID, DatabaseError, Secret, connect_raw
from recoverydesk.store.errors import PracticeFileError, WrongPassphraseError
from recoverydesk.store.keys import as_passphrase

SIDECARS = ("-wal", "-shm", "-journal")


class RekeyError(PracticeFileError):
    """The copy with the new key did not verify; the practice file was left as it was."""


def remove_sidecars(path: Path) -> None:
    for suffix in SIDECARS:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def check_key(path: Path, passphrase: Secret) -> None:
    """Raise WrongPassphraseError unless ``passphrase`` opens ``path`` (read-only, no writes)."""
    try:
        conn = connect_raw(path, passphrase, readonly=True)
    except DatabaseError as err:
        raise WrongPassphraseError(
            "That passphrase does not open this practice. Check it and try again."
        ) from err
    conn.close()


def rewrite_with_key(path: Path, old: Secret, new: Secret) -> None:
    """Re-write the practice at ``path`` under passphrase ``new`` (None: no encryption), via a
    verified copy in the same folder. No other connection may be open on the file."""
    path = Path(path)
    old, new = as_passphrase(old), as_passphrase(new)
    check_key(path, old)
    temp = path.with_name(path.name + ".rekey")
    _discard(temp)
    src = connect_raw(path, old, foreign_keys=False)
    try:
        # Fold the WAL into the main file so the copy sees everything, and so no plaintext is
        # left behind in a side file once the original is replaced.
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _export(src, temp, new)
    finally:
        src.close()
    _verify_and_flush(temp, new, counts)
    remove_sidecars(path)  # empty after the TRUNCATE checkpoint; stale once the file changes
    os.replace(temp, path)
    fsync_dir(path.parent)


def copy_with_key(source: Path, dest: Path, old: Secret, new: Secret) -> None:
    """Write a verified copy of the database at ``source`` (made under passphrase ``old``) to
    ``dest`` under passphrase ``new``. ``source`` is only read, so a backup on a stick stays
    exactly as it was; ``dest`` exists afterwards only if the copy verified."""
    source, dest = Path(source), Path(dest)
    old, new = as_passphrase(old), as_passphrase(new)
    _discard(dest)
    try:
        src = connect_raw(source, old, readonly=True)
    except DatabaseError as err:
        raise WrongPassphraseError(
            f"That passphrase does not open {source.name}. Check it and try again."
        ) from err
    try:
        counts = _export(src, dest, new)
    finally:
        src.close()
    _verify_and_flush(dest, new, counts)


def _discard(copy: Path) -> None:
    copy.unlink(missing_ok=True)
    remove_sidecars(copy)


def _export(src, dest: Path, new: Secret) -> dict[str, int]:
    """Export everything ``src`` holds into a new file at ``dest`` keyed with ``new``; returns
    the row count of each table, to check the copy by. ``dest`` is removed if this fails."""
    try:
        app_id = src.execute("PRAGMA application_id").fetchone()[0]
        user_version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute("ATTACH DATABASE ? AS rekeyed KEY ?",
                    (str(dest), new.key_for(dest) if new else ""))
        # The export commits once per table and index: syncing each to disk made a 1.5 MB
        # practice take 2.5 s. The copy is worthless until verified and flushed after (a crash
        # leaves only a leftover to remove), so it need not be synced along the way.
        src.execute("PRAGMA rekeyed.synchronous = OFF")
        try:
            src.execute("SELECT sqlcipher_export('rekeyed')")
            src.execute(f"PRAGMA rekeyed.application_id = {int(app_id or APPLICATION_ID)}")
            src.execute(f"PRAGMA rekeyed.user_version = {int(user_version)}")
        finally:
            src.execute("DETACH DATABASE rekeyed")
        tables = sorted(
            r[0]
            for r in src.execute(
                "SELECT name FROM main.sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        )
        return {
            t: src.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0]
            for t in tables
            if not t.startswith("fts_")
        }
    except BaseException:
        _discard(dest)
        raise


def _verify_and_flush(copy: Path, passphrase: Secret, counts: dict[str, int]) -> None:
    try:
        _verify_copy(copy, passphrase, counts)
        fsync_file(copy)
    except BaseException:
        _discard(copy)
        raise


def _verify_copy(temp: Path, passphrase: Secret, counts: dict[str, int]) -> None:
    from recoverydesk.store.backup import integrity_problems

    try:
        conn = connect_raw(temp, passphrase)
    except DatabaseError as err:
        raise RekeyError("The re-locked copy could not be opened, so nothing was changed.") from err
    try:
        problems = integrity_problems(conn)
        for table, expected in counts.items():
            if conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] != expected:
                problems.append(f"{table} lost rows")
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        conn.close()
    if problems:
        raise RekeyError("The re-locked copy did not pass its check, so nothing was changed.")


def encrypt_in_place(path: Path, passphrase: str) -> None:
    """Encrypt a plain practice file with ``passphrase`` (a verified copy, never half-done)."""
    if not passphrase:
        raise ValueError("a passphrase is needed to encrypt")
    rewrite_with_key(path, None, passphrase)


def change_passphrase(path: Path, old: Secret, new: Secret) -> None:
    """Change (or, with ``new=None``, remove) the passphrase of the practice at ``path``."""
    rewrite_with_key(path, old, new)


def is_encrypted(path: Path) -> bool:
    """True when the file does not start with the plain SQLite header (SQLCipher files don't)."""
    from recoverydesk.store.migrate import SQLITE_MAGIC

    with open(path, "rb") as fh:
        head = fh.read(16)
    return bool(head) and head != SQLITE_MAGIC


# -- slowing down wrong guesses ---------------------------------------------------------------


class RetryGate:
    """After each wrong passphrase the next try must wait longer (1 s, 2 s, 4 s ... up to 30 s),
    counted from the moment of the failure, so guessing is slow while a coach who mistypes once
    barely notices. A window shows ``remaining()`` as a countdown instead of freezing."""

    def __init__(
        self,
        base: float = 1.0,
        cap: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.failures = 0
        self.base = base
        self.cap = cap
        self._sleep = sleep
        self._clock = clock
        self._failed_at = 0.0

    def delay(self) -> float:
        """The pause that follows the latest failure."""
        if self.failures == 0:
            return 0.0
        return min(self.cap, self.base * 2 ** (self.failures - 1))

    def remaining(self) -> float:
        """Seconds still to wait before the next try is allowed."""
        if self.failures == 0:
            return 0.0
        return max(0.0, self._failed_at + self.delay() - self._clock())

    def wait(self) -> float:
        seconds = self.remaining()
        if seconds:
            self._sleep(seconds)
        return seconds

    def failed(self) -> None:
        self.failures += 1
        self._failed_at = self._clock()

    def succeeded(self) -> None:
        self.failures = 0


_gates: dict[str, RetryGate] = {}


def retry_gate(path: Path) -> RetryGate:
    """One gate per practice file for the life of the process."""
    key = str(Path(path).resolve())
    return _gates.setdefault(key, RetryGate())
