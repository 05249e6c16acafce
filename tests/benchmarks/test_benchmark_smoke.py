"""The benchmark and the demo generator run end to end on a tiny practice (no timing asserts)."""

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
         "--years", "1", "--runs", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(out.read_text())
    figures = {r["figure"]: r for r in report["results"]}
    assert report["practice"]["built"]["rows"]["participants"] == 6
    for name in ("floor-bare (QApplication + QMainWindow)", "first window visible",
                 "caseload visible and usable", "open the busiest participant (all tabs)"):
        assert figures[name]["ms"] > 0
    assert "| figure" in proc.stdout
