"""The Network tab at 200% (QT_SCALE_FACTOR=2, in a process of its own): the eco-map is drawn at
the screen's device pixels, so its names read as at 100% (they came out at half size), and the
icon key's pictures keep the text's height (they came out twice as big)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import datetime as dt, json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from recoverydesk.services.container import Services
from recoverydesk.demo import generate_demo
from recoverydesk.store.session import Store
from recoverydesk.store.migrate import create_practice
from recoverydesk.ui.pages.network import NetworkPage
from recoverydesk.ui.pages.network.ecomap import fit_dpi
path = sys.argv[1]
create_practice(path)
store = Store(path)
generate_demo(store, participants=2, years=1, today=dt.date(2026, 11, 2))
services = Services(store)
page = NetworkPage(services)
page.resize(1000, 640)
page.show()
pid = max(services.participants.list(), key=lambda p: len(services.network.contacts(p.id))).id
page.set_participant(pid)
import time
deadline = time.monotonic() + 60
while page.ecomap.figure is None and time.monotonic() < deadline:  # drawn on the chart thread
    app.processEvents()
    time.sleep(0.01)
for _ in range(20):
    app.processEvents()
canvas = page.ecomap.canvas
key = page.people.icon_key
key.show()
app.processEvents()
print(json.dumps({
    "ratio": canvas.devicePixelRatioF(),
    "dpi": canvas.figure.dpi,
    "fit": fit_dpi(canvas.width(), canvas.height()),
    "key_height": key.sizeHint().height(),
    "text_height": key.fontMetrics().height(),
}))
store.close()
"""


def test_the_network_tab_at_200_percent(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "p.rdk")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == 2
    assert abs(seen["dpi"] - 2 * seen["fit"]) < 0.01, seen
    assert seen["key_height"] < 1.6 * seen["text_height"], seen
