"""Two writers on one practice (issue 15.4): a write waits its turn as a writer instead of
failing with "database is locked", and one that waited too long says so in plain words.

The other writer is a real process holding a write transaction, as a command-line run or a
second program would.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from recoverydesk.store import engine as engine_module
from recoverydesk.store.engine import connect_raw
from recoverydesk.store.errors import PracticeBusyError, is_busy
from recoverydesk.store.session import Store

HOLDER = r"""
import sys, time
from recoverydesk.store.engine import connect_raw
conn = connect_raw(sys.argv[1])
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO busy_probe VALUES ('other')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
conn.close()
"""


@pytest.fixture
def probe_practice(tmp_practice):
    conn = connect_raw(tmp_practice)
    conn.execute("CREATE TABLE busy_probe (who TEXT)")
    conn.close()
    return tmp_practice


def _hold_write(practice, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(practice), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def _rows(practice) -> list[str]:
    conn = connect_raw(practice)
    try:
        return sorted(r[0] for r in conn.execute("SELECT who FROM busy_probe"))
    finally:
        conn.close()


def test_a_save_that_reads_first_waits_for_the_other_writer(probe_practice):
    store = Store(probe_practice)
    holder = _hold_write(probe_practice, 1.0)
    try:
        with store.unit_of_work() as s:  # the way services save: look first, then write
            s.execute(text("SELECT count(*) FROM busy_probe")).scalar_one()
            s.execute(text("INSERT INTO busy_probe VALUES ('window')"))
    finally:
        assert holder.wait(timeout=30) == 0
        store.close()
    assert _rows(probe_practice) == ["other", "window"]


def test_reading_never_waits_for_a_writer(probe_practice):
    store = Store(probe_practice)
    holder = _hold_write(probe_practice, 3.0)
    try:
        with store.read() as s:
            assert s.execute(text("SELECT count(*) FROM busy_probe")).scalar_one() == 0
    finally:
        holder.kill()
        holder.wait()
        store.close()


def test_a_save_blocked_past_the_wait_says_so_and_keeps_what_was_saved(
    probe_practice, monkeypatch
):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT", 0.5)
    store = Store(probe_practice)
    with store.unit_of_work() as s:
        s.execute(text("INSERT INTO busy_probe VALUES ('earlier')"))
    holder = _hold_write(probe_practice, 2.0)
    try:
        with pytest.raises(PracticeBusyError, match="busy") as caught, \
                store.unit_of_work() as s:
            s.execute(text("SELECT count(*) FROM busy_probe")).scalar_one()
            s.execute(text("INSERT INTO busy_probe VALUES ('window')"))
        assert is_busy(caught.value)
    finally:
        assert holder.wait(timeout=30) == 0
    try:  # once the other writer is done, the same save goes through
        with store.unit_of_work() as s:
            s.execute(text("INSERT INTO busy_probe VALUES ('window')"))
    finally:
        store.close()
    assert _rows(probe_practice) == ["earlier", "other", "window"]
