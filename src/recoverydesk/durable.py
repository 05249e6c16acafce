"""Making a write reach the disk, the same way on every platform.

- Windows: ``os.fsync`` (FlushFileBuffers) needs a handle opened for writing, and a folder
  cannot be opened at all; NTFS records a rename in its own journal, so ``fsync_dir`` does
  nothing there.
- macOS: plain ``fsync`` only hands the data to the drive, which may keep it in its cache
  through a power cut; ``fcntl(F_FULLFSYNC)`` asks the drive to write it. Some volumes (network,
  FAT sticks) refuse it: then plain ``fsync`` is the best there is.
- Linux and other POSIX systems: ``fsync``, on any descriptor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _sync(fd: int) -> None:
    if sys.platform == "darwin":
        import fcntl

        full = getattr(fcntl, "F_FULLFSYNC", None)
        if full is not None:
            try:
                fcntl.fcntl(fd, full)
                return
            except OSError:
                pass  # not supported on this volume: plain fsync below
    os.fsync(fd)


def fsync_file(target: Path | str | int) -> None:
    """Flush a file (a path, or a descriptor already open for writing) to the disk. A folder
    is passed on to :func:`fsync_dir`. Raises OSError when the file cannot be flushed."""
    if isinstance(target, int):
        _sync(target)
        return
    path = Path(target)
    if path.is_dir():
        fsync_dir(path)
        return
    # Windows cannot flush a read-only handle; elsewhere read-only is enough (and works for
    # a file whose permissions forbid writing).
    flags = (os.O_RDWR | getattr(os, "O_BINARY", 0)) if sys.platform == "win32" else os.O_RDONLY
    fd = os.open(path, flags)
    try:
        _sync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename or a new file in ``folder`` durable, as far as the platform allows. Never
    raises: a folder that cannot be opened or flushed leaves the data written all the same."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        _sync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
