"""The team practice's benchmark (benchmarks/team.py) runs end to end at a tiny size: a practice
file of 4 participants, copied for 2 coaches onto a throwaway PostgreSQL server, every figure
measured as the second coach (no timing asserts; the figures only have to exist)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_team_benchmark_runs_end_to_end(tmp_path):
    out = tmp_path / "team.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "team.py"), "--participants", "4",
         "--years", "1", "--coaches", "2", "--runs", "1", "--rounds", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    # Built on the server: a copy of the file per coach, the first coach the lead.
    assert report["coaches"] == ["coach_01", "coach_02"]
    assert report["measured_coach"] == "coach_02"
    assert report["build"]["rows"]["participants"] == 8
    assert report["build"]["rows"]["sessions"] > 2 * 4 * 40  # weekly for a year, per copy
    assert report["build"]["seconds"]["total"] > 0
    # Measured as a coach: row-level security shows them their own copy, no more, and the
    # search finds in it what it finds in the file.
    team, file = report["in_process"]["team"], report["in_process"]["file"]
    assert team["participants_seen"] == file["participants_seen"] == 4
    assert team["hits"] == file["hits"] > 0
    rows = {(r["figure"], r["practice"]): r for r in report["rows"]}
    for figure in ("caseload visible and usable", "open the busiest participant (every tab)",
                   "search (per query)"):
        for practice in ("file", "team"):
            row = rows[(figure, practice)]
            assert row["ms"]["median"] > 0, (figure, practice)
            assert "runs)" in row["ms"]["spread"], (figure, practice)
    assert rows[("caseload visible and usable", "team")]["x_floor_orm"]["median"] > 0
    assert {"goals", "sessions"} <= {tab.split()[-1] for tab in team["per_tab_ms"]}
    assert "| figure" in proc.stdout and "Load average" in proc.stdout
