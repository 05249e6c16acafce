"""The benchmark and the demo generator run end to end on a tiny practice (no timing asserts),
the GUI-stall meter included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_end_to_end(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--participants", "6",
         "--years", "1", "--runs", "1", "--stall-runs", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(out.read_text())
    figures = {r["figure"]: r for r in report["results"]}
    assert report["practice"]["built"]["rows"]["participants"] == 6
    assert report["practice"]["built"]["rows"]["sessions"] > 6 * 40  # weekly for a year
    for name in ("floor-bare (QApplication + QMainWindow)", "floor-orm (+ sqlalchemy.orm, alembic)",
                 "first window visible", "caseload visible and usable",
                 "open the busiest participant (every tab)", "full-text search over all notes",
                 "session timeline scrolled to the end: worst step",
                 "radar chart (first vs latest) to PNG", "plan pack PDF"):
        assert figures[name]["ms"] > 0, name
    assert report["in_process"]["peak_rss_mb"] > 50
    assert set(report["in_process"]["open_per_tab_ms"]) >= {"star", "goals", "sessions"}
    assert "| figure" in proc.stdout
    # The GUI-stall meter drove every operation through the window in a real app process.
    stalls = report["stalls"]
    assert stalls["problems"] == []
    for name in ("open the practice", "open the busiest participant", "save a session note",
                 "run a backup", "print a plan pack", "import a JSON export",
                 "change the passphrase"):
        values = stalls["stall_ms"][name]
        assert len(values) == 1 and values[0] is not None and values[0] >= 0, name
        assert figures[f"GUI stall: {name}"]["ms"] is not None, name
    # Each timed figure carries its spread over the runs (fastest-slowest), not one best run.
    for name in ("caseload visible and usable", "open the busiest participant (every tab)",
                 "GUI stall: open the practice", "GUI stall: import a JSON export"):
        assert "runs)" in figures[name]["spread"], name
    assert "x floor-orm" in figures["caseload visible and usable"]["note"]
