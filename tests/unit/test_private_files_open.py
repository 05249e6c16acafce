"""Owner-only files while a practice is open and after an older version left them readable
(issue 15 item 9): the practice with its -wal and -shm and its lock files while the window
holds it, the backups folder and every backup in it, and the log, each tightened on open.

Under the usual umask (022) and without ``private_umask()``, so the helpers, not the umask, are
what is tested.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from recoverydesk.demo.practice import create_demo
from recoverydesk.services.practice.opening import open_services

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (no-ops there)")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    before = os.umask(0o022)
    yield
    os.umask(before)


def modes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): oct(mode(p)) for p in sorted(folder.rglob("*"))}


def test_while_the_window_holds_the_practice_every_file_beside_it_is_owner_only(tmp_path):
    folder = tmp_path / "practice"
    folder.mkdir(mode=0o700)
    db = folder / "p.rdk"
    create_demo(db, participants=2, years=1, seed=4).close()
    services = open_services(db, lock=True)
    try:
        services.practice.backup_now()
        services.participants.list()  # the -wal and -shm are there while it is open
        names = {p.name for p in folder.iterdir()}
        assert {"p.rdk", "p.rdk-wal", "p.rdk-shm"} <= names, names
        assert any(n.endswith(".lock") for n in names), names
        seen = modes(folder)
        assert {k: v for k, v in seen.items()
                if v != (oct(0o700) if (folder / k).is_dir() else oct(0o600))} == {}, seen
    finally:
        services.close()


def test_files_an_older_version_left_readable_are_tightened_on_open(tmp_path):
    folder = tmp_path / "practice"
    folder.mkdir(mode=0o700)
    db = folder / "p.rdk"
    services = create_demo(db, participants=2, years=1, seed=4)
    try:
        services.practice.backup_now()
    finally:
        services.close()
    for leftover in ("p.rdk-wal", "p.rdk-shm"):  # as a crash leaves them
        (folder / leftover).touch()
    for p in folder.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    assert mode(folder / "p-backups") == 0o755
    open_services(db, lock=True).close()
    seen = modes(folder)
    assert {k: v for k, v in seen.items()
            if v != (oct(0o700) if (folder / k).is_dir() else oct(0o600))} == {}, seen
    assert any(k.startswith("p-backups/") and k.endswith(".rdk") for k in seen), seen


def test_a_log_an_older_version_left_readable_is_tightened(tmp_path, monkeypatch):
    from recoverydesk.ui import errors

    monkeypatch.setattr(errors.log, "handlers", [])
    log_dir = tmp_path / "state" / "RecoveryDesk" / "log"
    log_dir.mkdir(parents=True, mode=0o755)
    log_dir.chmod(0o755)
    old = log_dir / "recoverydesk.log"
    old.write_text("unexpected error: KeyError\n")
    old.chmod(0o644)
    errors.configure_logging(log_dir)
    try:
        errors.log.error("unexpected error: ValueError")
        assert mode(log_dir) == 0o700 and mode(old) == 0o600
        assert "KeyError" in old.read_text()  # kept, not replaced
    finally:
        for handler in errors.log.handlers:
            handler.close()
        errors.log.handlers = []
