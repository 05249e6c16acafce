"""Side files SQLite keeps beside a database (-wal, -shm), and tidying the ones a read-only
look made: refusing or checking a file must leave its folder exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def tidy_sidecars(path: Path) -> Iterator[None]:
    """A read-only look at a WAL-mode file leaves empty -wal/-shm files that SQLite may not
    remove. Remove the ones made during the block (never a log that holds data)."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    had_wal, had_shm = wal.exists(), shm.exists()
    try:
        yield
    finally:
        try:
            wal_empty = not wal.exists() or wal.stat().st_size == 0
            if not had_wal and wal_empty:
                wal.unlink(missing_ok=True)
            if not had_shm and not had_wal and wal_empty:
                shm.unlink(missing_ok=True)
        except OSError:
            pass  # held open elsewhere (Windows): harmless, SQLite reuses it
