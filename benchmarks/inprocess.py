"""Figures measured inside one app process on the large practice (offscreen Qt).

Run by ``benchmarks/run.py`` in a process of its own, so that its peak memory is the app's with
everything loaded (every tab of the busiest participant, a search, a chart and a PDF), not the
benchmark's or the practice generator's:

    .venv/bin/python benchmarks/inprocess.py --db PRACTICE --runs 5 --json OUT.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEARCH_WORDS = ("confidence", "beach walk", "rent")


def _timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median_ms(values) -> float | None:
    return None if not values else statistics.median(values) * 1000


def busiest_participant(services) -> int:
    """The participant with the most rows across every table that has a participant_id."""
    from sqlalchemy import func, select

    from recoverydesk.models import Base

    totals: dict[int, int] = {}
    with services._store.read() as s:
        for table in Base.metadata.sorted_tables:
            if "participant_id" not in table.c:
                continue
            rows = s.execute(select(table.c.participant_id, func.count())
                             .group_by(table.c.participant_id)).all()
            for pid, n in rows:
                if pid is not None:
                    totals[pid] = totals.get(pid, 0) + n
    return max(totals, key=totals.get)


def open_participant(window, pid: int, runs: int) -> tuple[list[float], dict[str, float]]:
    """Select the participant as the coach does (header and the visible tab), then load every
    other tab's data too: the worst case of a participant switch. Returns the totals and the
    median per tab."""
    workspace = window.workspace
    other = next(r.id for r in window.services.participants.list() if r.id != pid)
    totals, per_tab = [], {}
    for run in range(runs + 1):  # the first is a warm-up
        window.open_participant(other)
        t0 = time.perf_counter()
        window.open_participant(pid)
        shown = workspace.tabs.currentWidget()
        t_tab = time.perf_counter()
        per_tab.setdefault("header and " + shown.key, []).append(t_tab - t0)
        for page in workspace.pages:
            if page is not shown:
                t = time.perf_counter()
                page.set_participant(pid)
                per_tab.setdefault(page.key, []).append(time.perf_counter() - t)
        if run:
            totals.append(time.perf_counter() - t0)
    return totals, {k: statistics.median(v[1:]) * 1000 for k, v in per_tab.items()}


def open_on_each_tab(window, pid: int, runs: int) -> dict[str, float]:
    """What the coach waits for when a participant opens: the app reads the header and the one
    tab showing, and each other tab when it is first shown (``ui/workspace.py``). For each tab,
    the median time to open ``pid`` from another participant with that tab showing. The worst
    of them is the longest a coach waits on opening; ``open_participant`` above adds every tab
    up instead, a stricter figure than any one click."""
    workspace = window.workspace
    other = next(r.id for r in window.services.participants.list() if r.id != pid)
    out = {}
    for page in workspace.pages:
        times = []
        for run in range(runs + 1):  # the first is a warm-up
            window.open_participant(other, page.key)
            t0 = time.perf_counter()
            window.open_participant(pid)
            elapsed = time.perf_counter() - t0
            assert workspace.tabs.currentWidget() is page, page.key
            if run:
                times.append(elapsed)
        out[page.key] = statistics.median(times) * 1000
    return out


def search(services, runs: int) -> tuple[list[float], list[float]]:
    """The search box (FTS5, ranked) against a plain LIKE scan that finds the same notes."""
    from sqlalchemy import text

    from recoverydesk.models import Base

    table = Base.metadata.tables["sessions"]
    cols = [c.name for c in table.c if str(c.type).startswith(("TEXT", "VARCHAR"))]

    def fts():
        for words in SEARCH_WORDS:
            services.search.search(words)

    def like():
        with services._store.read() as s:
            for words in SEARCH_WORDS:
                where = " AND ".join(
                    "(" + " OR ".join(f"{c} LIKE :w{i}" for c in cols) + ")"
                    for i in range(len(words.split())))
                params = {f"w{i}": f"%{w}%" for i, w in enumerate(words.split())}
                s.execute(text(f"SELECT id FROM sessions WHERE {where}"), params).all()

    per_query = len(SEARCH_WORDS)
    return ([t / per_query for t in _timed(fts, runs)],
            [t / per_query for t in _timed(like, runs)])


def scroll_sessions(window, pid: int) -> tuple[list[float], int]:
    """Scroll the participant's session timeline to its end a page at a time, as a coach
    dragging the scroll bar would: each step's time, fetching included."""
    from PySide6.QtWidgets import QApplication, QListView

    window.open_participant(pid)
    window.workspace.show_page("sessions")
    page = window.workspace.page("sessions")
    view = max(page.findChildren(QListView), key=lambda v: v.model().rowCount())
    model, bar = view.model(), view.verticalScrollBar()
    QApplication.processEvents()
    steps = []
    while True:
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        QApplication.processEvents()
        steps.append(time.perf_counter() - t0)
        if bar.value() >= bar.maximum() and not model.canFetchMore(view.rootIndex()):
            break
    return steps, model.rowCount()


def radar(services, pid: int, runs: int) -> list[float]:
    from recoverydesk.charts import star as charts

    template, readings = services.star.chart_data(pid)
    chosen = [readings[0], readings[-1]] if len(readings) > 1 else readings
    return _timed(lambda: charts.figure_to_png(charts.radar_figure(template, chosen)), runs)


def plan_pack(services, pid: int, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan.pdf"
        return _timed(lambda: services.printing.print_plan(pid, out), runs)


def measure(practice: Path, runs: int) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("RecoveryDeskBenchmark")
    from recoverydesk.app import Opener
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.ui import tasks
    from recoverydesk.ui.main_window import MainWindow

    tasks.use_synchronous_runner()
    services = open_services(practice)
    pid = busiest_participant(services)
    window = MainWindow(Opener(), services)
    window.resize(1280, 800)
    window.show()
    opened, per_tab = open_participant(window, pid, runs * 2)
    shown_tab = open_on_each_tab(window, pid, runs * 2)
    fts, like = search(services, runs * 2)
    steps, rows = scroll_sessions(window, pid)
    radar_runs = radar(services, pid, runs * 2)
    pack_runs = plan_pack(services, pid, runs)
    figures = {
        "busiest": pid,
        "open_ms": median_ms(opened),
        "open_runs_ms": [t * 1000 for t in opened],
        "open_per_tab_ms": per_tab,
        "open_shown_tab_ms": shown_tab,
        "fts_ms": median_ms(fts),
        "like_ms": median_ms(like),
        "scroll_worst_ms": max(steps) * 1000,
        "scroll_median_ms": median_ms(steps),
        "scroll_steps": len(steps),
        "scroll_rows": rows,
        "radar_ms": median_ms(radar_runs),
        "plan_pack_ms": median_ms(pack_runs),
        # every run, for the spread (fastest and slowest) beside the median
        "fts_runs_ms": [t * 1000 for t in fts],
        "radar_runs_ms": [t * 1000 for t in radar_runs],
        "plan_pack_runs_ms": [t * 1000 for t in pack_runs],
    }
    window.close()
    services.close()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path, required=True)
    args = ap.parse_args(argv)
    args.json.write_text(json.dumps(measure(args.db, args.runs), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
