"""A throwaway PostgreSQL server for the tests and the benchmark (not part of the app).

``ThrowawayCluster`` runs ``initdb`` and ``pg_ctl`` into a temporary folder, listens only on a
Unix socket in that folder (plus 127.0.0.1 on a free port, for URLs with a host), and is torn
down with its folder. It is tuned for tests (no fsync): never point it at real data.

The server binaries come from PATH or Debian's ``/usr/lib/postgresql/<version>/bin``;
``scripts/setup-env.sh`` installs the ``postgresql`` package on a fresh machine. initdb refuses to
run as root, so as root the cluster runs as the ``postgres`` user in a folder that user owns.
"""

from __future__ import annotations

import getpass
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent if Path(found).is_symlink() else Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _memory_folder() -> str | None:
    """/dev/shm when it is a roomy memory file system (Linux; not Docker's default 64 MB), else
    None (the usual temporary folder). Every test copies a database: on a busy disk a copy took
    1-1.5 s, in memory 0.05-0.15 s (measured with the service suite running on both databases)."""
    folder = "/dev/shm"
    try:
        roomy = shutil.disk_usage(folder).free >= 1 << 30 and os.access(folder, os.W_OK)
    except OSError:
        return None
    return folder if roomy else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayCluster:
    """``with ThrowawayCluster() as pg:`` a running server; ``pg.new_database()`` a fresh one."""

    def __init__(self) -> None:
        binaries = server_binaries()
        if binaries is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self._bin = binaries
        self._as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        self.folder = Path(tempfile.mkdtemp(prefix="rd-pg-", dir=_memory_folder()))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.os_user = SUPERUSER if self._as_root else getpass.getuser()
        self._running = False

    # -- running it --------------------------------------------------------------------------
    def _run(self, *args: str) -> None:
        command = [str(self._bin / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> ThrowawayCluster:
        if self._as_root:
            shutil.chown(self.folder, SUPERUSER, SUPERUSER)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200 -c shared_buffers=256MB")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "start")
        self._running = True
        return self

    def stop(self) -> None:
        if self._running:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            finally:
                self._running = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ThrowawayCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- addresses ---------------------------------------------------------------------------
    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None,
            *, tcp: bool = False) -> str:
        """A SQLAlchemy URL (psycopg 3). Over the socket unless ``tcp`` (127.0.0.1:port)."""
        who = user if password is None else f"{user}:{password}"
        if tcp:
            return f"postgresql+psycopg://{who}@127.0.0.1:{self.port}/{database}"
        return f"postgresql+psycopg://{who}@/{database}?host={self.folder}&port={self.port}"

    def dsn(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq connection string for plain psycopg and psql."""
        return f"host={self.folder} port={self.port} dbname={database} user={user}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE, roles)."""
        import psycopg  # only the tests and the benchmark need it here

        with psycopg.connect(self.dsn(database), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None, prefix: str = "t") -> str:
        """Create an empty database (or a copy of ``template``) and return its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        copy = f" TEMPLATE {template}" if template else ""
        self.execute(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
