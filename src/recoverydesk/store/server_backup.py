"""A team practice's server backup with PostgreSQL's own ``pg_dump -Fc`` (issue 20 item 5).

``pg_dump`` is looked for on PATH, then where PostgreSQL's installers put it (Debian/Ubuntu's
``/usr/lib/postgresql/<version>/bin``, the EDB installer on Windows and macOS, Postgres.app,
Homebrew), the newest version first: an older pg_dump than the server refuses to dump it.

The password reaches pg_dump only through its own environment (``ServerStore.child_environment``:
``PGPASSWORD`` and the other libpq variables), never on its command line, where every user of
the computer could read it. The dump is written into an owner-only temporary file beside the
target, flushed, read back with ``pg_restore --list`` (when pg_restore is there), and only then
renamed into place: stopped at any point, no half-written dump is left under the final name.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from recoverydesk.durable import fsync_dir, fsync_file
from recoverydesk.private_files import open_private
from recoverydesk.store.errors import PracticeFileError

DUMP_SUFFIX = ".pgdump"
DUMP_TIMEOUT = 6 * 60 * 60  # seconds: a big practice over a slow line, but never for ever


class ServerBackupError(PracticeFileError):
    """pg_dump failed, in plain words; nothing was left under the target name."""


class NoPgDumpError(ServerBackupError):
    """pg_dump is not on this computer."""


def install_folders() -> list[str]:
    """Where PostgreSQL's installers put their programs on this system (glob patterns)."""
    if sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        return [str(Path(r) / "PostgreSQL" / "*" / "bin") for r in roots if r]
    if sys.platform == "darwin":
        return ["/Applications/Postgres.app/Contents/Versions/*/bin",
                "/Library/PostgreSQL/*/bin", "/opt/homebrew/opt/postgresql@*/bin",
                "/usr/local/opt/postgresql@*/bin", "/opt/homebrew/bin", "/usr/local/bin"]
    return ["/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/postgresql/*/bin"]


def find_program(name: str) -> Path | None:
    """``name`` (pg_dump, pg_restore) on PATH, else in the install folders, newest first."""
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    executable = f"{name}.exe" if sys.platform == "win32" else name
    found = [Path(p) for pattern in install_folders()
             for p in glob.glob(str(Path(pattern) / executable))]
    found = [p for p in found if os.access(p, os.X_OK)]
    return max(found, key=_version, default=None)


def _version(program: Path) -> tuple[int, ...]:
    numbers = [int(n) for n in re.findall(r"\d+", str(program.parent))]
    return tuple(numbers) or (0,)


def missing_sentence() -> str:
    return ("pg_dump (PostgreSQL's backup program) was not found on this computer, so no server "
            "backup was made. Install PostgreSQL's client programs (the version of the server or "
            "newer), or leave server backups to whoever runs the server.")


def dump(environment: dict[str, str], target: Path, *, whole: bool = True) -> Path:
    """Write ``pg_dump -Fc`` of the practice (libpq's ``environment``, from
    ``ServerStore.child_environment()``) to ``target``, checked with ``pg_restore --list``.
    ``whole``: the role may read every row (the lead): row-level security is applied (so the
    lead, who does not bypass it, can dump) and still lets every row through. Raises
    ServerBackupError in words; a failed dump leaves nothing behind."""
    program = find_program("pg_dump")
    if program is None:
        raise NoPgDumpError(missing_sentence())
    target = Path(target)
    tmp = target.with_name(f"{target.name}.partial")
    command = [str(program), "--format=custom", "--no-password"]
    if whole:
        command.append("--enable-row-security")
    child = {**os.environ, **environment}
    try:
        with open_private(tmp, "wb") as fh:
            done = _run(command, child, stdout=fh)
            fh.flush()
            fsync_file(fh.fileno())
        if done.returncode != 0:
            raise ServerBackupError(f"pg_dump could not back up the server: {_first_line(done)}")
        _check_dump(program, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target


def _check_dump(pg_dump: Path, dumped: Path) -> None:
    """Read the dump's table of contents back (pg_restore --list), when pg_restore is there."""
    name = "pg_restore.exe" if sys.platform == "win32" else "pg_restore"
    program = pg_dump.with_name(name) if pg_dump.with_name(name).exists() else None
    program = program or find_program("pg_restore")
    if program is None:
        return  # the dump's exit status is the check
    done = _run([str(program), "--list", str(dumped)], dict(os.environ),
                stdout=subprocess.PIPE)
    if done.returncode != 0 or b"TABLE DATA" not in (done.stdout or b""):
        raise ServerBackupError("The server backup did not read back whole (pg_restore "
                                f"--list: {_first_line(done) or 'no tables'}), so it was removed.")


def _run(command: list[str], environment: dict[str, str], *, stdout) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=environment,
                              stdin=subprocess.DEVNULL, timeout=DUMP_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as err:
        raise ServerBackupError(f"{Path(command[0]).name} took longer than "
                                f"{DUMP_TIMEOUT // 3600} hours and was stopped.") from err
    except OSError as err:
        raise ServerBackupError(f"{Path(command[0]).name} could not be started "
                                f"({err.strerror or err}).") from err


def _first_line(done: subprocess.CompletedProcess) -> str:
    text = (done.stderr or b"").decode("utf-8", "replace").strip()
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    return line.removeprefix("pg_dump: ").removeprefix("error: ").strip() or \
        f"exit status {done.returncode}"
