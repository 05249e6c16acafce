"""The Overview hears from every capability, even in a process that has used none of them."""

from __future__ import annotations

import json
import subprocess
import sys

# A fresh practice with one participant, in a fresh process; each test adds what it prints.
FRESH = """
import json, sys
from pathlib import Path
from recoverydesk.services.container import Services
from recoverydesk.services.participants.service import ParticipantDraft
from recoverydesk.store.session import Store
from recoverydesk.store.migrate import create_practice

path = Path(sys.argv[1])
create_practice(path)
store = Store(path)
services = Services(store)
pid = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Lane")).value.id
"""


def run_fresh(tmp_path, code: str):
    # A subprocess: in this test session the capability modules are long since imported.
    proc = subprocess.run([sys.executable, "-c", FRESH + code, str(tmp_path / "p.rdk")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_fresh_process_shows_every_capability_s_overview_line(tmp_path):
    headings = set(run_fresh(tmp_path, "print(json.dumps(sorted({line.heading for line in "
                                       "services.overview.lines(pid)})))"))
    assert {"Goals", "WRAP", "Recovery Star"} <= headings


def test_a_plan_agreed_in_a_fresh_process_holds_every_part(tmp_path):
    parts = run_fresh(tmp_path, "print(json.dumps(sorted(services.plans.agree(pid, None).value"
                                ".content['parts'])))")
    assert "wrap" in parts
