"""Many processes race for one practice lock: never two holders at once (issue 15.3).

Each worker loops: take the lock, append "enter" to a shared log, hold it briefly, append
"exit", let go. The appends happen inside the critical section (O_APPEND, one write each), so
the log must read enter/exit pairs of one worker after another; two holders at once show as
two "enter" lines in a row. No clocks are compared.
"""

from __future__ import annotations

import subprocess
import sys
import time

WORKER = r"""
import os, sys, time
from pathlib import Path
from recoverydesk.store.errors import PracticeInUseError
from recoverydesk.store.lockfile import PracticeLock

practice, log, me, rounds, go, discarding = sys.argv[1:7]
if discarding == "yes":
    from recoverydesk.store.lockfile import discard
while not Path(go).exists():
    time.sleep(0.005)
fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
for n in range(int(rounds)):
    while True:
        lock = PracticeLock(practice)
        try:
            lock.acquire()
            break
        except PracticeInUseError:
            time.sleep(0.001)
    os.write(fd, f"enter {me} {n}\n".encode())
    time.sleep(0.02)
    os.write(fd, f"exit {me} {n}\n".encode())
    lock.release()
    if discarding == "yes" and int(me) % 2:
        discard(practice)  # deletes the lock file when free: must stay race-free
os.close(fd)
"""

WORKERS, ROUNDS = 16, 4


def test_no_two_processes_hold_the_lock_at_once(tmp_path):
    _race(tmp_path, discarding=False)


def test_removing_a_free_lock_file_lets_no_two_hold_it_either(tmp_path):
    _race(tmp_path, discarding=True)


def _race(tmp_path, *, discarding: bool) -> None:
    practice, log, go = tmp_path / "p.rdk", tmp_path / "log", tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(practice), str(log), str(i),
                          str(ROUNDS), str(go), "yes" if discarding else "no"])
        for i in range(WORKERS)
    ]
    time.sleep(1.0)  # let them all start and wait at the line
    go.touch()
    try:
        for proc in procs:
            assert proc.wait(timeout=240) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    lines = log.read_text().splitlines()
    assert len(lines) == 2 * WORKERS * ROUNDS
    overlaps = []
    for enter, leave in zip(lines[::2], lines[1::2], strict=True):
        e, x = enter.split(), leave.split()
        if e[0] != "enter" or x[0] != "exit" or e[1:] != x[1:]:
            overlaps.append((enter, leave))
    assert overlaps == [], f"{len(overlaps)} overlapping critical sections, e.g. {overlaps[:3]}"
