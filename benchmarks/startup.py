"""Start-up timing in real processes on a virtual screen (Xvfb), beside two floors.

floor-bare: a bare QApplication + QMainWindow shown.
floor-orm:  the same after importing sqlalchemy.orm and alembic.
app:        RecoveryDesk on the practice, reporting its "window", "caseload" (the list on screen,
            the services still loading on the worker) and "ready" (the services built: a
            participant opens) moments itself (ui/startup_probe.py).
Each figure is the wall time from just before the process is spawned to the moment it reports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

FLOOR = r"""
import sys, time, os
{imports}
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 800); w.setWindowTitle("floor"); w.show()
def done():
    with open(os.environ["RECOVERYDESK_PROBE"], "a") as fh:
        fh.write(f"window {{time.time():.6f}} 0\n")
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


@contextmanager
def virtual_screen():
    """Yield environment variables for a running Xvfb (or offscreen when Xvfb is missing)."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        yield {"QT_QPA_PLATFORM": "offscreen"}, "offscreen (no Xvfb)"
        return
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1440x900x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        display = fh.readline().strip()
    try:
        yield {"DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}, f"Xvfb :{display}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _run_once(argv: list[str], env: dict[str, str]) -> dict[str, tuple[float, int]]:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.txt"
        env = {**env, "RECOVERYDESK_PROBE": str(probe), "RECOVERYDESK_PROBE_QUIT": "1"}
        t0 = time.time()
        proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=120, text=True)
        if proc.returncode != 0 or not probe.exists():
            raise RuntimeError(f"{argv[-1]} failed: {proc.stderr[-800:]}")
        moments = {}
        for line in probe.read_text().splitlines():
            name, stamp, rss = line.split()
            moments.setdefault(name, (float(stamp) - t0, int(rss)))
        return moments


def measure(practice: Path, runs: int, screen_env: dict[str, str]) -> dict[str, list]:
    """Return per-figure lists of seconds (and the app's peak RSS in kB)."""
    env = {**os.environ, **screen_env}
    env.pop("RECOVERYDESK_PASSPHRASE", None)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="rdbench-cfg-")
    py = sys.executable
    bare = [py, "-c", FLOOR.format(imports="")]
    orm = [py, "-c", FLOOR.format(imports="import sqlalchemy.orm, alembic.command")]
    app = [py, "-m", "recoverydesk", "--db", str(practice)]
    out: dict[str, list] = {"floor-bare": [], "floor-orm": [], "window": [], "caseload": [],
                            "ready": [], "rss_kb": []}
    _run_once(bare, env)  # warm the OS file cache once, unmeasured
    _run_once(app, env)
    for _ in range(runs):  # interleaved, so background noise hits all alike
        out["floor-bare"].append(_run_once(bare, env)["window"][0])
        out["floor-orm"].append(_run_once(orm, env)["window"][0])
        moments = _run_once(app, env)
        out["window"].append(moments["window"][0])
        out["caseload"].append(moments["caseload"][0])
        out["ready"].append(moments["ready"][0])
        out["rss_kb"].append(moments["caseload"][1])
    return out
