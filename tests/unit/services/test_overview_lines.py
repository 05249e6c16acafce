"""The Overview hears from every capability, even in a process that has used none of them."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys
from pathlib import Path
from recoverydesk.services import Services
from recoverydesk.services.participants import ParticipantDraft
from recoverydesk.store import Store
from recoverydesk.store.migrate import create_practice

path = Path(sys.argv[1])
create_practice(path)
store = Store(path)
services = Services(store)
pid = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Lane")).id
print(json.dumps(sorted({line.heading for line in services.overview.lines(pid)})))
store.close()
"""


def test_a_fresh_process_shows_every_capability_s_overview_line(tmp_path):
    # A subprocess: in this test session the capability modules are long since imported.
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "p.rdk")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    headings = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert {"Goals", "WRAP", "Recovery Star"} <= headings


PLAN_SCRIPT = """
import json, sys
from pathlib import Path
from recoverydesk.services import Services
from recoverydesk.services.participants import ParticipantDraft
from recoverydesk.store import Store
from recoverydesk.store.migrate import create_practice

path = Path(sys.argv[1])
create_practice(path)
store = Store(path)
services = Services(store)
pid = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Lane")).id
version = services.plans.agree(pid, None)
print(json.dumps(sorted(version.content["parts"])))
store.close()
"""


def test_a_plan_agreed_in_a_fresh_process_holds_every_part(tmp_path):
    proc = subprocess.run([sys.executable, "-c", PLAN_SCRIPT, str(tmp_path / "p.rdk")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "wrap" in json.loads(proc.stdout.strip().splitlines()[-1])
