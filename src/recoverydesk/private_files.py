"""Everything RecoveryDesk writes holds people's names or notes, so only the coach's own account
may read it: files are 0600 and folders 0700.

``private_umask()`` runs once when the app or the command line starts, so every file made after
it is owner-only, the ones other code makes for us included (SQLite's -wal and -shm, which take
the mode of the database file anyway, Qt's settings, the log). The helpers make the practice, its
backups and exports private however they are reached (tests, scripts), tighten what an older
version left readable by others, and write output files whole or not at all.

Windows: ``os.chmod`` only toggles the read-only flag there, so the mode helpers do nothing. Files
made under the user's profile (AppData, Documents) inherit that folder's access list, which
already admits only the user (and the system and administrators). No helper ever fails over a
mode: a file system that keeps none (FAT on a memory stick) is left as it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from recoverydesk.durable import fsync_file  # F_FULLFSYNC on macOS

FILE_MODE, DIR_MODE, UMASK = 0o600, 0o700, 0o077
_POSIX = os.name != "nt"


def private_umask() -> None:
    """Files and folders made by this process from now on are readable by the owner only."""
    if _POSIX:
        os.umask(UMASK)


def _tighten(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    try:
        if stat.S_IMODE(os.stat(path).st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass  # gone already, or a file system without modes


def private_file(path: Path | str) -> Path:
    """Make an existing file owner-only (0600); a missing one is fine."""
    _tighten(Path(path), FILE_MODE)
    return Path(path)


def private_dir(path: Path | str) -> Path:
    """Make ``path`` an owner-only folder (0700), creating it and any missing parents (those
    owner-only too). Only for folders that are RecoveryDesk's own: never the coach's Documents."""
    from recoverydesk.paths import private_folder

    folder = private_folder(Path(path))
    _tighten(folder, DIR_MODE)
    return folder


def sidecars(path: Path | str) -> list[Path]:
    """A practice or backup file and SQLite's files beside it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def private_practice(path: Path | str) -> None:
    """Tighten a practice file, its -wal and -shm and its backups folder (on every open)."""
    from recoverydesk.paths import backups_dir_for

    for p in sidecars(path):
        private_file(p)
    backups = backups_dir_for(Path(path))
    if backups.is_dir():
        _tighten(backups, DIR_MODE)
        for p in backups.iterdir():
            private_file(p)


def private_settings(file_name: str) -> None:
    """Qt's settings file (recent practices, window places) and, where it is ours alone, its
    folder (Linux: ~/.config/RecoveryDesk; not macOS's shared Preferences folder). On Windows
    the settings live in the user's own registry hive."""
    from recoverydesk import APP_NAME

    path = Path(file_name)
    if path.parent.name == APP_NAME:
        private_dir(path.parent)
    private_file(path)


_FLAGS = {
    "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
    "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
    "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL,
}


def open_private(path: Path | str, mode: str = "w", **kwargs):
    """``open()`` for writing ("w", "a", "x", each with "b" or text), creating the file 0600;
    an existing file is made 0600 too."""
    flags = _FLAGS[mode.replace("b", "").replace("t", "")] | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        private_file(path)
        return open(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def write_atomic(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all: into an owner-only temporary file beside
    it, then renamed over it. On failure the temporary file is removed and the OSError names
    ``path`` (what the coach chose), never the temporary file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    if tmp.is_dir():  # a folder of that name is in the way: use a name of our own beside it
        tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        with open_private(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            fsync_file(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        _discard(tmp)
        raise type(err)(err.errno, err.strerror or str(err), str(path)) from err
    except BaseException:
        _discard(tmp)
        raise
    return path


def _discard(tmp: Path) -> None:
    """Remove a half-written temporary file. Never raises: when it cannot go (it is a folder
    that was in the way, say) the error about the file the coach chose is the one to tell."""
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass
