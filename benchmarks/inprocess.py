"""Figures measured inside one process on the large practice (offscreen Qt).

Each capability is measured only when it exists, so the benchmark runs at every stage of the
product; a missing capability is reported as "n/a" rather than failing.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, text


def _timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def busiest_participant(services) -> int:
    """The participant with the most rows across every table that has a participant_id."""
    from recoverydesk.models import Base

    totals: dict[int, int] = {}
    with services.store.read() as s:
        for table in Base.metadata.sorted_tables:
            if "participant_id" not in table.c:
                continue
            rows = s.execute(select(table.c.participant_id, func.count())
                             .group_by(table.c.participant_id)).all()
            for pid, n in rows:
                if pid is not None:
                    totals[pid] = totals.get(pid, 0) + n
    return max(totals, key=totals.get)


def open_participant(window, pid: int, runs: int) -> list[float]:
    """Select the participant and load every tab's data (not only the visible tab)."""
    workspace = window.workspace
    other = next(r.id for r in window.services.participants.list() if r.id != pid)

    def go():
        window.open_participant(pid)
        for page in workspace.pages:
            page.set_participant(pid)

    def reset():
        window.open_participant(other)

    out = []
    go()
    for _ in range(runs):
        reset()
        t0 = time.perf_counter()
        go()
        out.append(time.perf_counter() - t0)
    return out


def search(services, runs: int) -> tuple[list[float], list[float]] | None:
    svc = getattr(services, "search", None)
    if svc is None:
        return None
    word = "confidence"
    fts = _timed(lambda: svc.search(word), runs)
    from recoverydesk.models import Base

    table = Base.metadata.tables.get("sessions")
    if table is None:
        return fts, []
    cols = [c.name for c in table.c if str(c.type).startswith(("TEXT", "VARCHAR"))]
    where = " OR ".join(f"{c} LIKE :w" for c in cols)
    sql = text(f"SELECT id FROM sessions WHERE {where} LIMIT 50")

    def like():
        with services.store.read() as s:
            s.execute(sql, {"w": f"%{word}%"}).all()

    return fts, _timed(like, runs)


def scroll_sessions(window, pid: int) -> list[float] | None:
    """Scroll the longest list on the Sessions tab to the end: the time of each fetch step."""
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    page = window.workspace.page("sessions")
    if page is None:
        return None
    window.open_participant(pid)
    window.workspace.show_page("sessions")
    page.set_participant(pid)
    views = page.findChildren(QAbstractItemView)
    if not views:
        return None
    view = max(views, key=lambda v: v.model().rowCount() if v.model() else 0)
    model = view.model()
    steps = []
    while True:
        t0 = time.perf_counter()
        if hasattr(model, "canFetchMore") and model.canFetchMore(view.rootIndex()):
            model.fetchMore(view.rootIndex())
            view.scrollToBottom()
            QApplication.processEvents()
            steps.append(time.perf_counter() - t0)
        else:
            view.scrollToBottom()
            QApplication.processEvents()
            steps.append(time.perf_counter() - t0)
            break
    return steps


def radar(services, pid: int, runs: int) -> list[float] | None:
    star = getattr(services, "star", None)
    try:
        from recoverydesk.charts import star as charts
    except ImportError:
        return None
    if star is None or not hasattr(charts, "radar_figure"):
        return None
    template, readings = star.chart_data(pid)
    if not readings:
        return None
    return _timed(lambda: charts.figure_to_png(charts.radar_figure(template, readings[-2:])),
                  runs)


def plan_pack(practice: Path, pid: int, runs: int) -> list[float] | None:
    from recoverydesk import cli

    parser = cli.build_parser()
    if "print-plan" not in parser._subparsers._group_actions[0].choices:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan.pdf"
        argv = ["print-plan", str(pid), "--db", str(practice), "--out", str(out)]
        return _timed(lambda: cli.run_command(parser.parse_args(argv)), runs)


def median_ms(values) -> float | None:
    return None if not values else statistics.median(values) * 1000
