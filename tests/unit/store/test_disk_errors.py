"""store.disk_errors: a full or failing disk in words, told apart from damage and from bugs."""

from __future__ import annotations

import errno
from pathlib import Path

import sqlcipher3.dbapi2 as sqlite
from sqlalchemy.exc import OperationalError

from recoverydesk.store import disk_errors
from recoverydesk.store.disk_errors import disk_trouble, is_out_of_space, plain_error


def wrapped(message: str) -> OperationalError:
    """A driver error as SQLAlchemy hands it on, raised and caught for a real cause chain."""
    try:
        try:
            raise sqlite.OperationalError(message)
        except sqlite.OperationalError as err:
            raise OperationalError("COMMIT", {}, err) from err
    except OperationalError as err:
        return err


def test_full_disk_and_full_quota_are_not_enough_space(tmp_path):
    for err in (OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "plan.pdf")),
                OSError(errno.EDQUOT, "Disk quota exceeded", str(tmp_path / "plan.pdf")),
                wrapped("database or disk is full")):
        assert is_out_of_space(err, tmp_path / "p.rdk")
        sentence = disk_trouble(err, tmp_path / "p.rdk")
        assert "not enough free space" in sentence
    # an OSError names the file it was writing, not the practice
    assert "plan.pdf" in disk_trouble(OSError(errno.ENOSPC, "full", str(tmp_path / "plan.pdf")),
                                      tmp_path / "p.rdk")


def test_an_io_error_is_a_full_disk_only_when_the_disk_is_nearly_full(tmp_path, monkeypatch):
    err = wrapped("disk I/O error")
    monkeypatch.setattr(disk_errors, "free_space", lambda where: 10 * 1024**3)
    assert not is_out_of_space(err, tmp_path / "p.rdk")
    assert "disk reported a problem" in disk_trouble(err, tmp_path / "p.rdk")
    monkeypatch.setattr(disk_errors, "free_space", lambda where: 8 * 1024)
    assert "not enough free space" in disk_trouble(err, tmp_path / "p.rdk")


def test_damage_and_bugs_are_not_disk_trouble(tmp_path):
    assert disk_trouble(wrapped("database disk image is malformed"), tmp_path) is None
    assert plain_error(KeyError("x")) is None  # a bug: let it show
    assert "is a folder" in plain_error(IsADirectoryError(21, "Is a directory", "/tmp/star.png"))
    denied = plain_error(PermissionError(13, "Permission denied", "/media/stick/plan.pdf"))
    assert "/media/stick/plan.pdf" in denied and "another program" in denied
    assert "could not find" in plain_error(FileNotFoundError(2, "No such file", str(Path("x"))))


class _Disk:
    """A connection whose every read fails the way SQLite reports it."""

    def __init__(self, message: str):
        self.message = message
        self.text_factory = str

    def execute(self, *args, **kwargs):
        raise sqlite.OperationalError(self.message) if "disk" in self.message \
            else sqlite.DatabaseError(self.message)


def test_the_full_scan_never_calls_a_disk_error_damage():
    import pytest

    from recoverydesk.store.scan import connection_problems

    with pytest.raises(sqlite.OperationalError):  # said as the disk by the caller
        connection_problems(_Disk("disk I/O error"))
    assert connection_problems(_Disk("database disk image is malformed")) == [
        "database disk image is malformed"]
