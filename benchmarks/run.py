"""RecoveryDesk large-practice benchmark: prints one table and writes the figures as JSON.

    .venv/bin/python benchmarks/run.py                   # 300 participants, 7 years (~100k notes)
    .venv/bin/python benchmarks/run.py --participants 20 --years 1 --runs 2   # quick look

The practice is built by the demo generator in a process of its own, everyone coached weekly
for the whole period. Start-up is timed in real processes on a virtual screen (Xvfb) beside
two floors measured in the same run; the other figures come from one app process
(``inprocess.py``), whose peak memory is the app's with everything loaded. The worst
GUI-thread stall of each long operation (``stalls.py``) is measured in app processes of its
own, started as ``recoverydesk --db`` starts, and judged against 100 ms in every run.

Every figure is reported as the median of its runs with the spread (the fastest and the slowest
run), never the best run alone; a ratio to a floor is taken run by run (each app start beside
the floors started just before it) and its median reported. A target is met by the median,
except the stalls, which must stay under 100 ms in every run. Not a test: it never fails on a
slow machine, it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import startup  # noqa: E402

BUILD = """
import sys
from pathlib import Path
from recoverydesk.demo.practice import create_demo
create_demo(Path(sys.argv[1]), participants=int(sys.argv[2]), years=int(sys.argv[3]),
            seed=2026, whole_history=True).close()
"""
PREPARE = """
import shutil, sys
from pathlib import Path
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice import passphrase as practice_passphrase
practice, folder, passphrase = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
services = open_services(practice)
services.practice.export_to(folder / "export.json")
services.close()
shutil.copyfile(practice, folder / "locked.rdk")
practice_passphrase.encrypt_practice(folder / "locked.rdk", passphrase)
"""
PASSPHRASE = "harbour-lantern-quietly-47"  # the encrypted copy's (fictional) passphrase
COUNTED = ("participants", "sessions", "star_readings", "goals", "action_steps", "wrap_items",
           "referrals")


def _env() -> dict[str, str]:
    env = {**os.environ}
    env.pop("RECOVERYDESK_PASSPHRASE", None)  # the practice is a plain one
    return env


def build(path: Path, participants: int, years: int) -> dict:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", BUILD, str(path), str(participants), str(years)],
                   check=True, env=_env(), timeout=1800)
    seconds = time.perf_counter() - t0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    return {"seconds": seconds, "rows": rows, "bytes": path.stat().st_size}


def compile_app() -> None:
    """Write the app's bytecode, as installing it does (pip compiles at install time). In an
    editable checkout with PYTHONDONTWRITEBYTECODE set, every start would otherwise compile
    every module from source, which the floors (whose packages are compiled) never do."""
    import recoverydesk

    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(recoverydesk.__file__).parent)], check=True)


def in_process(practice: Path, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        env = {**_env(), "XDG_CONFIG_HOME": str(Path(tmp) / "config")}
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "inprocess.py"), "--db",
                        str(practice), "--runs", str(runs), "--json", str(out)],
                       check=True, env=env, timeout=1800, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text(encoding="utf-8"))


def stall_runs(practice: Path, runs: int) -> dict:
    """The worst GUI-thread stall per operation (``stalls.py``), one app process per run.
    A JSON export and an encrypted copy of the practice are made first (not timed)."""
    with tempfile.TemporaryDirectory(prefix="rdbench-stall-") as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, "-c", PREPARE, str(practice), str(folder), PASSPHRASE],
                       check=True, env=_env(), timeout=1800)
        out: dict = {"stall_ms": {}, "seconds": {}, "where": {}, "problems": []}
        for n in range(runs):
            result = folder / f"stalls-{n}.json"
            proc = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "stalls.py"), "--db", str(practice),
                 "--encrypted", str(folder / "locked.rdk"), "--passphrase", PASSPHRASE,
                 "--export", str(folder / "export.json"), "--json", str(result)],
                env=_env(), timeout=1800, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                text=True)
            if not result.exists():
                raise RuntimeError(f"stalls.py failed: {proc.stderr[-2000:]}")
            one = json.loads(result.read_text(encoding="utf-8"))
            for key in ("stall_ms", "seconds"):
                for name, value in one[key].items():
                    out[key].setdefault(name, []).append(value)
            out["problems"] += one["problems"]
            for name, places in one["where"].items():
                seen = out["where"].setdefault(name, {})
                for place, ms in places:
                    seen[place] = seen.get(place, 0) + ms
        return out


def print_where(stalls: dict) -> None:
    """Where the GUI thread was seen while it stalled, summed over the runs (sampled every
    20 ms; "app.py … run_gui" means inside Qt's own loop: painting, layout)."""
    print("\nWhere the GUI thread stalled (ms seen, all runs):")
    for name, seen in stalls["where"].items():
        top = sorted(seen.items(), key=lambda kv: -kv[1])[:3]
        if top:
            print(f"  {name}: " + "; ".join(f"{place} ({ms} ms)" for place, ms in top))
    for problem in stalls["problems"]:
        print(f"  problem: {problem}")


def stall_rows(st: dict) -> list[dict]:
    """One row per operation: the median stall and its spread, met when no run stalled 100 ms
    or more."""
    rows = []
    for name, values in st["stall_ms"].items():
        got = [v for v in values if v is not None]
        if not got:
            rows.append(row(f"GUI stall: {name}", None, "< 100 ms every run", False,
                            "not measured: see problems in the JSON"))
            continue
        took = [t for t in st["seconds"][name] if t is not None]
        rows.append(row(f"GUI stall: {name}", statistics.median(got), "< 100 ms every run",
                        len(got) == len(values) and max(got) < 100,
                        f"took {statistics.median(took):.1f} s "
                        f"({min(took):.1f}-{max(took):.1f})",
                        spread=spread(got, "ms")))
    return rows


def spread(values: list[float], unit: str = "ms") -> str:
    """The fastest and the slowest run, and how many runs."""
    if unit == "x":
        return f"{min(values):.2f}-{max(values):.2f} x ({len(values)} runs)"
    return f"{min(values):.1f}-{max(values):.1f} {unit} ({len(values)} runs)"


def row(name, value_ms, target, ok, note="", *, spread=""):  # noqa: A002 (a column's name)
    return {"figure": name, "ms": value_ms, "target": target, "met": ok, "note": note,
            "spread": spread}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=300)
    ap.add_argument("--years", type=int, default=7)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--stall-runs", type=int, default=3,
                    help="app processes for the GUI-stall figures (each imports an export)")
    ap.add_argument("--db", type=Path, help="reuse this practice instead of building one")
    ap.add_argument("--team", action="store_true",
                    help="then the team practice on PostgreSQL beside it (benchmarks/team.py: "
                    "a copy of the practice per coach on a throwaway server)")
    ap.add_argument("--team-coaches", type=int, default=10)
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
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

    compile_app()
    with startup.virtual_screen() as (screen_env, screen_name):
        print(f"Start-up on {screen_name}, {args.runs} runs each …", flush=True)
        st = startup.measure(practice, args.runs, screen_env)
    med = {k: statistics.median(v) for k, v in st.items() if v}
    bare, orm = med["floor-bare"], med["floor-orm"]
    ms = {k: [t * 1000 for t in v] for k, v in st.items() if k != "rss_kb"}
    # Ratios run by run: each app start beside the floors started just before it.
    window_x = [w / b for w, b in zip(st["window"], st["floor-bare"], strict=True)]
    caseload_x = [c / o for c, o in zip(st["caseload"], st["floor-orm"], strict=True)]
    ready_x = [r / o for r, o in zip(st["ready"], st["floor-orm"], strict=True)]
    print("In-process figures (offscreen) …", flush=True)
    f = in_process(practice, args.runs)
    print(f"GUI-thread stalls, {args.stall_runs} app processes …", flush=True)
    stalls = stall_runs(practice, args.stall_runs)

    results = [
        row("floor-bare (QApplication + QMainWindow)", bare * 1000, "baseline", True,
            spread=spread(ms["floor-bare"])),
        row("floor-orm (+ sqlalchemy.orm, alembic)", orm * 1000, "baseline", True,
            spread=spread(ms["floor-orm"])),
        row("first window visible", med["window"] * 1000, "<= 2.5 x floor-bare",
            statistics.median(window_x) <= 2.5,
            f"{statistics.median(window_x):.2f} x floor-bare ({spread(window_x, 'x')})",
            spread=spread(ms["window"])),
        row("caseload visible and usable", med["caseload"] * 1000, "<= 1.2 x floor-orm",
            statistics.median(caseload_x) <= 1.2,
            f"{statistics.median(caseload_x):.2f} x floor-orm ({spread(caseload_x, 'x')})",
            spread=spread(ms["caseload"])),
        row("practice ready (services built: a participant opens)", med["ready"] * 1000,
            "reported", True,
            f"{statistics.median(ready_x):.2f} x floor-orm ({spread(ready_x, 'x')})",
            spread=spread(ms["ready"])),
        row("open the busiest participant (every tab)", f["open_ms"], "< 50 ms",
            f["open_ms"] < 50, "; ".join(f"{k} {v:.0f}" for k, v in f["open_per_tab_ms"].items()),
            spread=spread(f["open_runs_ms"])),
        row("open the busiest participant (the tab showing)",
            max(f["open_shown_tab_ms"].values()), "reported", True,
            "worst tab; " + "; ".join(f"{k} {v:.0f}" for k, v in f["open_shown_tab_ms"].items())),
        row("full-text search over all notes", f["fts_ms"], "< 30 ms", f["fts_ms"] < 30,
            f"LIKE scan: {f['like_ms']:.1f} ms ({f['like_ms'] / f['fts_ms']:.0f} x slower)",
            spread=spread(f["fts_runs_ms"])),
        row("session timeline scrolled to the end: worst step", f["scroll_worst_ms"],
            "< 16 ms", f["scroll_worst_ms"] < 16,
            f"{f['scroll_steps']} page steps over {f['scroll_rows']} sessions, "
            f"median {f['scroll_median_ms']:.1f} ms"),
        row("radar chart (first vs latest) to PNG", f["radar_ms"], "< 150 ms",
            f["radar_ms"] < 150, spread=spread(f["radar_runs_ms"])),
        row("plan pack PDF", f["plan_pack_ms"], "< 1000 ms", f["plan_pack_ms"] < 1000,
            spread=spread(f["plan_pack_runs_ms"])),
        row("app memory when the caseload shows (MB)", None, "< 300 MB",
            med["rss_kb"] / 1024 < 300, f"{med['rss_kb'] / 1024:.0f} MB"),
        row("app peak memory, everything loaded (MB)", None, "< 300 MB",
            f["peak_rss_mb"] < 300, f"{f['peak_rss_mb']:.0f} MB"),
        *stall_rows(stalls),
    ]
    print_table(results)
    print_where(stalls)
    team_report = None
    if args.team:  # the same figures as a coach on the server, beside the file's again
        from benchmarks import team

        with startup.virtual_screen() as (screen_env, _name):
            team_report = team.run_team(practice, args.team_coaches, args.runs, 2, screen_env)
    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform()},
              "practice": {"participants": args.participants, "years": args.years,
                           "built": built}, "runs": args.runs, "results": results,
              "in_process": f, "stalls": stalls, "team": team_report}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nWrote {args.json}")
    return 0


def print_table(results) -> None:
    print()
    print(f"| {'figure':<50} | {'median':>9} | {'fastest-slowest':<27} | {'target':<19} "
          f"| {'met':<3} | note |")
    print(f"|{'-' * 52}|{'-' * 11}|{'-' * 29}|{'-' * 21}|{'-' * 5}|------|")
    for r in results:
        ms = "" if r["ms"] is None else f"{r['ms']:.1f} ms"
        met = "yes" if r["met"] else "NO"
        print(f"| {r['figure']:<50} | {ms:>9} | {r.get('spread', ''):<27} | {r['target']:<19} "
              f"| {met:<3} | {r['note']} |")


if __name__ == "__main__":
    sys.exit(main())
