"""The store's open, lock, backup, restore and encrypt paths as Windows and macOS would run
them (issue 18.1), on this machine.

"Windows" here: ``sys.platform`` says win32, ``os.pwrite``/``os.pread`` are gone, ``import
fcntl`` fails, ``os.kill`` must never be called (``os.kill(pid, 0)`` there ends the process
instead of testing it), and ``os.fsync`` refuses what Windows refuses: a handle opened
read-only, or a folder (Windows cannot open one). "macOS": ``F_FULLFSYNC`` is asked for, and a
volume that refuses it still gets a plain fsync.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import sys
import types

import pytest

from recoverydesk import durable
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice import passphrase as practice_passphrase
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import PracticeOpenError
from recoverydesk.store.lockfile import PracticeLock, is_locked

PASSPHRASE = "harbour lights at low tide"


@pytest.fixture
def windows_like(monkeypatch):
    """Returns the list of descriptors flushed, each checked as Windows would."""
    real_fsync, flushed = os.fsync, []

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise AssertionError("a folder was flushed: Windows cannot even open one")
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise AssertionError("a read-only handle was flushed: Windows refuses that")
        flushed.append(fd)
        real_fsync(fd)

    def kill(pid, sig):
        raise AssertionError("os.kill(pid, 0) does not test a process on Windows, it ends it")

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "kill", kill)
    for name in ("pwrite", "pread"):
        monkeypatch.delattr(os, name, raising=False)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # a fresh `import fcntl` fails
    monkeypatch.setattr(sys, "platform", "win32")
    return flushed


def _add(services, given: str) -> None:
    services.participants.create(ParticipantDraft(given_name=given, family_name="Hohaia"))


def _names(path, passphrase=None) -> list[str]:
    services = open_services(path, passphrase=passphrase)
    try:
        return sorted(p.display_name for p in services.participants.list(include_archived=True))
    finally:
        services.close()


def test_open_and_lock_work_the_windows_way(tmp_path, windows_like):
    practice = tmp_path / "practice.rdk"
    first = open_services(practice, create=True, lock=True)
    try:
        _add(first, "Aroha")
        assert is_locked(practice)
        with pytest.raises(PracticeOpenError, match="already open in another RecoveryDesk"):
            open_services(practice, lock=True)
    finally:
        first.close()
    with PracticeLock(practice) as lock:
        assert lock.held
    assert _names(practice) == ["Aroha Hohaia"]


def test_backup_restore_and_encrypt_work_the_windows_way(tmp_path, windows_like):
    practice = tmp_path / "practice.rdk"
    services = open_services(practice, create=True)
    try:
        _add(services, "Aroha")
        row = services.practice.backup_now()
        _add(services, "Wiremu")
    finally:
        services.close()
    assert windows_like, "the backup was flushed to disk"

    windows_like.clear()
    backups.restore(practice, row.path, None)
    assert windows_like, "the restored file was flushed to disk"
    assert _names(practice) == ["Aroha Hohaia"]

    windows_like.clear()
    practice_passphrase.encrypt_practice(practice, PASSPHRASE)
    assert windows_like, "the encrypted copy was flushed to disk"
    assert backups.is_encrypted(practice)
    assert _names(practice, PASSPHRASE) == ["Aroha Hohaia"]


def test_macos_asks_the_drive_to_write_and_falls_back_where_refused(tmp_path, monkeypatch):
    asked, flushed = [], []
    fake = types.SimpleNamespace(F_FULLFSYNC=51)

    def full_fsync(fd, cmd):
        asked.append(cmd)
        if refuse:
            raise OSError(errno.ENOTSUP, "not supported on this volume")
        return 0

    fake.fcntl = full_fsync
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(os, "fsync", flushed.append)
    target = tmp_path / "copy.rdk"
    target.write_bytes(b"data")

    refuse = False
    durable.fsync_file(target)
    assert asked == [51] and flushed == []  # F_FULLFSYNC did it: no second flush

    refuse = True
    durable.fsync_file(target)
    assert asked == [51, 51] and len(flushed) == 1  # refused: plain fsync instead

    durable.fsync_dir(tmp_path)  # a folder too, and never an error
    assert len(asked) == 3


def test_a_folder_is_never_opened_on_windows_and_a_read_only_file_is_flushed(
    tmp_path, windows_like
):
    durable.fsync_dir(tmp_path)
    durable.fsync_file(tmp_path)  # a folder given as a file: passed on, nothing opened
    assert windows_like == []
    target = tmp_path / "backup.rdk"
    target.write_bytes(b"data")
    durable.fsync_file(target)
    assert len(windows_like) == 1


def test_files_written_whole_ask_the_drive_to_write_on_macos(tmp_path, monkeypatch):
    from recoverydesk.private_files import write_atomic

    asked = []
    fake = types.SimpleNamespace(F_FULLFSYNC=51, fcntl=lambda fd, cmd: asked.append(cmd))
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    monkeypatch.setattr(sys, "platform", "darwin")
    write_atomic(tmp_path / "plan.pdf", b"%PDF-1.4")
    assert asked == [51]
    assert (tmp_path / "plan.pdf").read_bytes() == b"%PDF-1.4"


def test_an_older_practice_is_upgraded_the_windows_way(tmp_path, windows_like):
    """Opening an older practice takes the upgrade lock, makes the pre-upgrade copy and
    upgrades, all the Windows way; the upgrade lock is gone afterwards (Windows cannot delete a
    held file, so it goes once let go)."""
    from recoverydesk.store.engine import connect_raw
    from recoverydesk.store.migrate import _alembic_upgrade, head_revision, revision_chain

    practice = tmp_path / "older.rdk"
    _alembic_upgrade(practice, None, revision_chain()[-2])
    conn = connect_raw(practice)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    windows_like.clear()
    services = open_services(practice, lock=True)
    try:
        _add(services, "Aroha")
    finally:
        services.close()
    assert windows_like, "the pre-upgrade copy was flushed to disk"
    assert _names(practice) == ["Aroha Hohaia"]
    conn = connect_raw(practice)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision())
    finally:
        conn.close()
    left = sorted(p.name for p in tmp_path.iterdir())
    assert not [name for name in left if "upgrade" in name and name.endswith(".lock")], left
    assert [name for name in left if name.startswith("older.before-upgrade-")], left


def test_a_plain_backup_goes_back_protected_the_windows_way(tmp_path, windows_like):
    practice = tmp_path / "practice.rdk"
    services = open_services(practice, create=True)
    try:
        _add(services, "Aroha")
        row = services.practice.backup_now()
    finally:
        services.close()
    practice_passphrase.encrypt_practice(practice, PASSPHRASE)
    windows_like.clear()
    backups.restore(practice, row.path, PASSPHRASE)
    assert windows_like, "the restored file was flushed to disk"
    assert backups.is_encrypted(practice)
    assert _names(practice, PASSPHRASE) == ["Aroha Hohaia"]
