"""RecoveryDesk large-practice benchmark: prints one table and writes the figures as JSON.

    .venv/bin/python benchmarks/run.py                   # 300 participants, 7 years
    .venv/bin/python benchmarks/run.py --participants 20 --years 1 --runs 2   # quick look

Timings are medians of several runs, each beside baselines measured in the same run; targets
are ratios to those baselines or absolute budgets from the issue. Not a test: it never fails
on a slow machine, it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import inprocess, startup  # noqa: E402


def build(path: Path, participants: int, years: int) -> dict:
    from recoverydesk.bootstrap import create_demo

    t0 = time.perf_counter()
    services = create_demo(path, participants=participants, years=years, seed=2026)
    seconds = time.perf_counter() - t0
    from sqlalchemy import func, select

    from recoverydesk.models import Base

    counts = {}
    with services.store.read() as s:
        for name in ("participants", "sessions", "star_readings", "goals", "action_steps"):
            table = Base.metadata.tables.get(name)
            if table is not None:
                counts[name] = s.scalar(select(func.count()).select_from(table))
    services.close()
    return {"seconds": seconds, "rows": counts, "bytes": path.stat().st_size}


def row(name, value_ms, target, ok, note=""):
    return {"figure": name, "ms": value_ms, "target": target, "met": ok, "note": note}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=300)
    ap.add_argument("--years", type=int, default=7)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", type=Path, help="reuse this practice instead of building one")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/results/latest.json"))
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="rdbench-"))
    practice = args.db or tmp / "large.rdk"
    built = None
    if args.db is None:
        print(f"Building a fictional practice: {args.participants} participants, "
              f"{args.years} years …", flush=True)
        built = build(practice, args.participants, args.years)
        print(f"  built in {built['seconds']:.1f} s, {built['bytes'] / 1e6:.1f} MB, "
              f"rows {built['rows']}", flush=True)

    results = []
    with startup.virtual_screen() as (screen_env, screen_name):
        print(f"Start-up on {screen_name}, {args.runs} runs each …", flush=True)
        st = startup.measure(practice, args.runs, screen_env)
    med = {k: statistics.median(v) for k, v in st.items() if v}
    bare, orm = med["floor-bare"], med["floor-orm"]
    results.append(row("floor-bare (QApplication + QMainWindow)", bare * 1000, "baseline", True))
    results.append(row("floor-orm (+ sqlalchemy.orm, alembic)", orm * 1000, "baseline", True))
    results.append(row("first window visible", med["window"] * 1000, "<= 2.5 x floor-bare",
                       med["window"] <= 2.5 * bare, f"{med['window'] / bare:.2f} x floor-bare"))
    results.append(row("caseload visible and usable", med["caseload"] * 1000,
                       "<= 1.2 x floor-orm", med["caseload"] <= 1.2 * orm,
                       f"{med['caseload'] / orm:.2f} x floor-orm"))
    rss_mb = med["rss_kb"] / 1024
    results.append(row("app peak memory at caseload (MB)", None, "< 300 MB", rss_mb < 300,
                       f"{rss_mb:.0f} MB"))

    print("In-process figures (offscreen) …", flush=True)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("RecoveryDeskBenchmark")
    from recoverydesk.app import Opener
    from recoverydesk.bootstrap import open_services
    from recoverydesk.ui import tasks
    from recoverydesk.ui.main_window import MainWindow

    tasks.use_synchronous_runner()
    services = open_services(practice)
    pid = inprocess.busiest_participant(services)
    window = MainWindow(Opener(), services)
    window.resize(1280, 800)
    window.show()
    opened = inprocess.median_ms(inprocess.open_participant(window, pid, args.runs * 2))
    results.append(row("open the busiest participant (all tabs)", opened, "< 50 ms",
                       opened < 50))
    found = inprocess.search(services, args.runs * 4)
    if found:
        fts, like = (inprocess.median_ms(x) for x in found)
        results.append(row("full-text search over all notes", fts, "< 30 ms", fts < 30,
                           f"LIKE scan: {like:.1f} ms" if like else ""))
    else:
        results.append(row("full-text search over all notes", None, "< 30 ms", None, "n/a"))
    steps = inprocess.scroll_sessions(window, pid)
    if steps:
        worst = max(steps) * 1000
        results.append(row("session list scrolled to the end: worst step", worst, "< 16 ms",
                           worst < 16, f"{len(steps)} steps"))
    else:
        results.append(row("session list scrolled to the end: worst step", None, "< 16 ms",
                           None, "n/a"))
    rad = inprocess.median_ms(inprocess.radar(services, pid, args.runs * 2))
    results.append(row("radar chart to PNG", rad, "< 150 ms", None if rad is None else rad < 150,
                       "" if rad is not None else "n/a"))
    services.close()
    pdf = inprocess.median_ms(inprocess.plan_pack(practice, pid, args.runs))
    results.append(row("plan pack PDF", pdf, "< 1000 ms", None if pdf is None else pdf < 1000,
                       "" if pdf is not None else "n/a"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append(row("benchmark process peak memory, everything loaded (MB)", None,
                       "< 300 MB", peak < 300, f"{peak:.0f} MB"))
    window.close()

    print_table(results)
    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform()},
              "practice": {"participants": args.participants, "years": args.years,
                           "built": built}, "runs": args.runs, "results": results}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nWrote {args.json}")
    return 0


def print_table(results) -> None:
    print()
    print(f"| {'figure':<52} | {'median':>9} | {'target':<20} | {'met':<4} | note")
    print(f"|{'-' * 54}|{'-' * 11}|{'-' * 22}|{'-' * 6}|------")
    for r in results:
        ms = "" if r["ms"] is None else f"{r['ms']:.1f} ms"
        met = {True: "yes", False: "NO", None: "n/a"}[r["met"]]
        print(f"| {r['figure']:<52} | {ms:>9} | {r['target']:<20} | {met:<4} | {r['note']}")


if __name__ == "__main__":
    sys.exit(main())
