"""Side files SQLite keeps beside a database (-wal, -shm), and tidying the ones a read-only
look made at a file that is then refused: refusing a file must leave its folder as it was.

Only a refused file is tidied. Another program may open a working practice during our look,
and its connection would then be using the -wal and -shm we saw appear: deleting them under it
splits the practice's write-ahead log in two, and its next commits are invisible to everyone
else (and can be overwritten). A refused file (damaged, newer, another program's) is one no
RecoveryDesk opens, so nobody else is using its side files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def tidy_sidecars(path: Path, *, always: bool = False) -> Iterator[Callable[[], None]]:
    """Remove the empty -wal/-shm made during the block when the file is refused: the block
    raised, or called the function it is given. ``always``: also when the file was accepted
    (for a file no program has open, such as a backup being checked)."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    had_wal, had_shm = wal.exists(), shm.exists()
    refused = [always]

    def refuse() -> None:
        refused[0] = True

    try:
        yield refuse
    except BaseException:
        refused[0] = True
        raise
    finally:
        if refused[0]:
            _remove_new(wal, shm, had_wal, had_shm)


def _remove_new(wal: Path, shm: Path, had_wal: bool, had_shm: bool) -> None:
    try:
        wal_empty = not wal.exists() or wal.stat().st_size == 0
        if not had_wal and wal_empty:
            wal.unlink(missing_ok=True)
        if not had_shm and not had_wal and wal_empty:
            shm.unlink(missing_ok=True)
    except OSError:
        pass  # held open elsewhere (Windows): harmless, SQLite reuses it
