"""What start-up does in what order, in a real app process: the window first, then the
caseload before the models, then the services (ready), without the charting and PDF libraries,
which load in the background afterwards; and the database layer is loaded on the worker, never
on the GUI thread.

A fresh process, because what is measured is what gets imported, when and where: in the test
session all of it is imported long before."""

from __future__ import annotations

import json
import subprocess
import sys

DRIVER = """
import json, sys, threading

DATABASE = ("sqlalchemy", "alembic", "recoverydesk.models", "recoverydesk.store",
            "recoverydesk.services.practice.opening")
loaded_on_gui = []

class WhereLoaded:
    # Notes each database-layer module the GUI thread loads; finds nothing itself.
    def find_spec(self, name, path=None, target=None):
        if (name.split(".")[0] in DATABASE or name.startswith(DATABASE)) \
                and threading.current_thread() is threading.main_thread():
            loaded_on_gui.append(name)
        return None

sys.meta_path.insert(0, WhereLoaded())

from PySide6.QtCore import QCoreApplication, QTimer
from recoverydesk import app
from recoverydesk.ui import startup_probe

seen = {}

def later(waited=0.0):
    # Loading them takes a few seconds on a busy machine: look again until they are there.
    seen["later"] = all(m in sys.modules for m in ("matplotlib.figure", "reportlab.platypus"))
    if not seen["later"] and waited < 60:
        QTimer.singleShot(250, lambda: later(waited + 0.25))
        return
    print(json.dumps(seen), flush=True)
    QCoreApplication.quit()

def report(moment):
    seen.setdefault("order", []).append(moment)
    seen[moment] = "matplotlib" in sys.modules or "reportlab" in sys.modules
    if moment == "caseload":
        seen["models_at_caseload"] = "recoverydesk.models" in sys.modules
        seen["sqlalchemy_at_caseload"] = "sqlalchemy" in sys.modules
    if moment == "ready":
        seen["loaded_on_gui"] = sorted(set(loaded_on_gui))
        seen["opened"] = "recoverydesk.models.wrap" in sys.modules
        QTimer.singleShot(1000, later)

startup_probe.report = report
sys.exit(app.run_gui(sys.argv[1]))
"""


def test_caseload_comes_before_the_printing_libraries_which_load_soon_after(tmp_path):
    from recoverydesk.demo.practice import create_demo

    practice = tmp_path / "demo.rdk"
    create_demo(practice, participants=3, years=1).close()
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(practice)], capture_output=True,
                          text=True, timeout=120,
                          env={**_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["order"] == ["window", "caseload", "ready"]
    assert seen["window"] is False and seen["caseload"] is False  # start-up stays lean
    assert seen["ready"] is False
    assert seen["later"] is True  # and the first print need not wait for them
    assert seen["models_at_caseload"] is False  # the caseload shows before the models load
    assert seen["sqlalchemy_at_caseload"] is False  # read over a raw connection (caseload_over)
    assert seen["opened"] is True  # every model (wrap's too) was loaded once ready...
    assert seen["loaded_on_gui"] == []  # ...by the worker: none of it on the GUI thread


def _env(tmp_path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "RECOVERYDESK_PASSPHRASE"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env
