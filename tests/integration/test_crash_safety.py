"""Crash safety, for real: a writer killed with SIGKILL mid-save, a full disk, damaged files."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import event

from recoverydesk.cli import main
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import DamagedPracticeError
from recoverydesk.store.backup import integrity_problems
from recoverydesk.store.engine import connect_raw
from recoverydesk.store.errors import is_disk_full

WRITER = r"""
import datetime as dt
import sys
from pathlib import Path
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.sessions.types import SessionInput
from sqlalchemy.orm import configure_mappers

services = open_services(Path(sys.argv[1]))
pid = int(sys.argv[2])
start = int(sys.argv[3])
services.sessions, services.participants  # loaded before "ready": the kills land among writes
configure_mappers()
print("ready", flush=True)
i = start
when = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
while True:
    note = f"saved note {i}"
    if i % 2:  # a session note (sessions, goals worked on, the search index)
        services.sessions.create(pid, SessionInput(
            starts_at=when + dt.timedelta(hours=i % 5000), talked_about=note,
            location_text="Library café"))
    else:  # a strength (a smaller write)
        services.participants.add_strength(pid, "skills", note)
    print(i, flush=True)  # only after the save returned
    i += 1
"""


def saved_notes(path) -> tuple[set[str], list[str]]:
    conn = connect_raw(path)
    try:
        problems = integrity_problems(conn)
        for fts in ("fts_sessions", "fts_participants"):  # the search index agrees too
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES('integrity-check')")
        texts = {r[0] for r in conn.execute("SELECT text FROM strengths")}
        texts |= {r[0] for r in conn.execute("SELECT talked_about FROM sessions")}
    finally:
        conn.close()
    return texts, problems


def test_writer_killed_at_random_moments_loses_no_saved_note(tmp_practice):
    services = open_services(tmp_practice)
    pid = services.participants.create(ParticipantDraft(given_name="Kai", family_name="Writer")).value.id
    services.close()
    rng = random.Random(20261123)
    confirmed: set[str] = set()
    next_start = 1
    deadline = time.monotonic() + 120  # ten rounds at least, even on a loaded machine
    rounds = 0
    while rounds < 20 and time.monotonic() < deadline:
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_practice), str(pid), str(next_start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        numbers = [int(x) for x in out.split() if x.isdigit()]
        confirmed |= {f"saved note {n}" for n in numbers}
        next_start += 100_000
        rounds += 1
        texts, problems = saved_notes(tmp_practice)
        assert problems == []
        assert confirmed <= texts, f"lost after round {rounds}"
    assert rounds >= 10 and len(confirmed) > rounds
    # and the app opens it as usual afterwards (no damage found at start)
    services = open_services(tmp_practice)
    assert services.participants.get(pid).full_name == "Kai Writer"
    services.close()


def test_disk_full_keeps_everything_saved_before(tmp_practice):
    services = open_services(tmp_practice)
    pid = services.participants.create(ParticipantDraft(given_name="Full", family_name="Disk")).value.id
    engine = services._store.engine

    @event.listens_for(engine, "connect")
    def no_room(dbapi_conn, _record):  # SQLite may not grow the file: SQLITE_FULL
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    saved = []
    with pytest.raises(Exception) as info:
        for i in range(2000):
            services.participants.add_strength(pid, "skills", f"{'x' * 400} {i}")
            saved.append(f"{'x' * 400} {i}")
    assert is_disk_full(info.value)
    services.close()
    texts, problems = saved_notes(tmp_practice)
    assert problems == [] and set(saved) <= texts and len(saved) > 0


def test_disk_full_message_is_plain(qapp):
    from recoverydesk.services.practice.errors import translated
    from recoverydesk.services.practice.types import DiskFullError

    def ui_is_disk_full(exc):  # what the window checks: the service layer's type
        return isinstance(translated(exc), DiskFullError)

    assert ui_is_disk_full(OSError(28, "No space left on device"))

    class Orig(Exception):
        sqlite_errorcode = 13

    wrapped = RuntimeError("wrapped")
    wrapped.orig = Orig()
    assert ui_is_disk_full(wrapped)
    assert not ui_is_disk_full(ValueError("other"))


def _damage(path, how: str, passphrase: str | None = None) -> None:
    conn = connect_raw(path, passphrase)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    if how == "truncate":
        data = data[: len(data) // 2]
    else:  # flip the b-tree page headers of every third page
        for page in range(1, len(data) // 4096, 3):
            for i in range(page * 4096, page * 4096 + 24):
                data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncate", "flip"])
def test_damaged_file_is_refused_and_newest_good_backup_offered(tmp_practice, how, capsys):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Rua", family_name="Backup"))
    row = services.practice.backup_now()
    services.close()
    _damage(tmp_practice, how)
    damaged = tmp_practice.read_bytes()
    with pytest.raises(DamagedPracticeError) as info:
        open_services(tmp_practice)
    assert info.value.backup is not None and info.value.backup.path == row.path
    assert row.path.name in str(info.value)
    assert tmp_practice.read_bytes() == damaged  # never written over
    # the command line names the backup too, and restoring it works
    assert main(["export", "--db", str(tmp_practice), "--out", str(tmp_practice) + ".json"]) == 1
    assert row.path.name in capsys.readouterr().err
    assert main(["restore", str(row.path), "--db", str(tmp_practice)]) == 0
    restored = open_services(tmp_practice)
    assert [r.full_name for r in restored.participants.list()] == ["Rua Backup"]
    restored.close()
    # the damaged file was set aside, not deleted
    assert any(p.read_bytes() == damaged for p in tmp_practice.parent.glob("*.damaged-*"))


def test_a_full_disk_during_a_save_is_said_in_plain_words(qtbot, monkeypatch, services):
    """The window's way: a save that fails for a full disk shows one plain sentence (the
    service layer says what it was, in a unit of work of the practice)."""
    import sqlcipher3.dbapi2 as sqlite
    from PySide6.QtWidgets import QMessageBox

    message_boxes_shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: message_boxes_shown.append(box.text()))

    from recoverydesk.ui import tasks
    from recoverydesk.ui.tasks import Op

    def full():
        with services._store.unit_of_work():
            conn = sqlite.connect(":memory:")
            conn.execute("CREATE TABLE t (x)")
            conn.execute("PRAGMA max_page_count = 2")
            while True:
                conn.execute("INSERT INTO t VALUES (randomblob(4000))")

    tasks.use_synchronous_runner()
    try:
        Op(None, full).run()
    finally:
        tasks.use_thread_runner()
    assert any("disk is full" in text and "saved before it is safe" in text
               for text in message_boxes_shown)


@pytest.mark.parametrize("how", ["truncate", "flip", "first page"])
def test_damaged_encrypted_file_is_refused_and_its_backup_offered(tmp_practice, how):
    from recoverydesk.services.practice.types import PassphraseNeededError
    from recoverydesk.store import crypto

    crypto.encrypt_in_place(tmp_practice, "harbour lights at dusk")
    services = open_services(tmp_practice, passphrase="harbour lights at dusk")
    services.participants.create(ParticipantDraft(given_name="Rua", family_name="Locked"))
    row = services.practice.backup_now()
    services.close()
    if how == "first page":  # where the key check happens: it looks like a wrong passphrase
        data = bytearray(tmp_practice.read_bytes())
        data[200:240] = bytes(40)
        tmp_practice.write_bytes(bytes(data))
    else:
        _damage(tmp_practice, how, "harbour lights at dusk")
    damaged = tmp_practice.read_bytes()
    crypto.retry_gate(tmp_practice).succeeded()
    with pytest.raises(DamagedPracticeError) as info:
        open_services(tmp_practice, passphrase="harbour lights at dusk")
    assert info.value.backup is not None and info.value.backup.path == row.path
    # a wrong passphrase is still only that (the backup does not open with it either)
    crypto.retry_gate(tmp_practice).succeeded()
    with pytest.raises(PassphraseNeededError):
        open_services(tmp_practice, passphrase="some other words")
    assert tmp_practice.read_bytes() == damaged
    backups.restore(tmp_practice, row.path, "harbour lights at dusk")
    restored = open_services(tmp_practice, passphrase="harbour lights at dusk")
    assert [r.full_name for r in restored.participants.list()] == ["Rua Locked"]
    restored.close()


def test_damage_seen_while_in_use_is_checked_at_the_next_start(tmp_practice):
    """Bit rot does not change a file's size or time: once a read meets damage, the next start
    checks the whole file anyway and offers the newest good backup."""
    from recoverydesk.services.practice.types import PracticeDamagedError

    services = open_services(tmp_practice)
    for i in range(60):
        p = services.participants.create(ParticipantDraft(given_name=f"Ana{i}", family_name="Rot")).value
        services.participants.add_strength(p.id, "skills", "Mends fishing nets " * 8)
    services.close()
    good = backups.backup_practice_if_due(tmp_practice, None, closing=True)
    stat = tmp_practice.stat()
    data = bytearray(tmp_practice.read_bytes())
    for page in range(len(data) // 4096 - 6, len(data) // 4096):  # the last pages: strengths
        data[page * 4096 : page * 4096 + 16] = b"\xee" * 16
    tmp_practice.write_bytes(bytes(data))
    os.utime(tmp_practice, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as bit rot would
    services = open_services(tmp_practice)  # looks unchanged: not checked in full
    with pytest.raises(Exception) as info:
        for p in services.participants.list():
            services.participants.get(p.id)
    assert isinstance(info.value, PracticeDamagedError)  # told apart by type in the window
    services.close()
    with pytest.raises(DamagedPracticeError) as damaged:
        open_services(tmp_practice)
    assert damaged.value.backup is not None and damaged.value.backup.path == good.path


def test_damage_met_in_use_is_said_in_plain_words(qtbot, monkeypatch, services):
    import sqlcipher3.dbapi2 as sqlite
    from PySide6.QtWidgets import QMessageBox

    from recoverydesk.ui import tasks
    from recoverydesk.ui.tasks import Op

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))

    def damaged():
        with services._store.read():  # met while reading the practice
            raise sqlite.DatabaseError("database disk image is malformed")

    tasks.use_synchronous_runner()
    try:
        Op(None, damaged).run()
    finally:
        tasks.use_thread_runner()
    assert any("seems to be damaged" in t and "newest good backup" in t for t in shown)
