"""Two programs open an older practice at once (a command-line run and the window, say): the
upgrade is a writer from its first statement, so one waits for the other, neither fails with
"database is locked" (which would restore the pre-upgrade copy over the other's work)."""

from __future__ import annotations

import subprocess
import sys
import time

from recoverydesk.store.engine import connect_raw
from recoverydesk.store.migrate import _alembic_upgrade, head_revision, revision_chain

OPENER = r"""
import sys, time
from pathlib import Path
from recoverydesk.store.migrate import prepare_practice
while not Path(sys.argv[2]).exists():
    time.sleep(0.002)
prepare_practice(Path(sys.argv[1]), None)
print("opened", flush=True)
"""


def test_two_openers_upgrade_an_older_practice_one_after_the_other(tmp_path):
    practice, go = tmp_path / "old.rdk", tmp_path / "go"
    _alembic_upgrade(practice, None, target=revision_chain()[0])
    conn = connect_raw(practice)
    conn.execute("PRAGMA application_id = 1380207409")  # 'RDK1': ours, as every practice is
    conn.close()
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, str(practice), str(go)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]
    time.sleep(1.5)
    go.touch()
    results = [p.communicate(timeout=120) for p in openers]
    for proc, (out, err) in zip(openers, results, strict=True):
        assert proc.returncode == 0, err[-800:]
        assert out.strip() == "opened"
    assert not list(tmp_path.glob("*.upgrade-lock"))  # nothing left beside the practice
    assert not list(tmp_path.glob("*.restoring"))
    conn = connect_raw(practice)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
            == head_revision()
    finally:
        conn.close()
