"""Offline with a team practice, timed (issue 21 item 6): take 30 participants offline and bring
a week of work back, each under 5 s, on the large team practice.

    .venv/bin/python benchmarks/offline.py --db LARGE.rdk            # 10 coaches, 3 runs
    .venv/bin/python benchmarks/offline.py --db LARGE.rdk --coaches 3 --runs 5

A throwaway PostgreSQL server is started and the team practice built on it from the SQLite
large practice (``team_build.py``: one copy per coach, 300 participants each). Every run, as a
coach who is not the lead (row-level security applies):

- *take*: ``services.offline.take`` of 30 of their participants (those with a planned session
  within 7 days first, as the dialog suggests): the holds, the read of every record of theirs,
  the encrypted copy written;
- a week of work in the copy (not timed): per participant two completed sessions with notes,
  three progress notes, a STAR reading and a strength edited;
- *bring back*: ``services.offline.bring_back`` from the copy, then the copy removed.

Medians with the fastest and slowest run, and the load average beside them. Not a test: it
reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src"), str(ROOT / "tests")]

TAKEN = 30
TARGET_SECONDS = 5.0
PASSPHRASE = "benchmark-cafe-passphrase"


def load() -> float:
    return os.getloadavg()[0]


def a_week_of_work(local, ids: list[int], today: dt.date) -> int:
    """What a coach does in a week with these participants, in the copy. Returns records."""
    from recoverydesk.services.sessions.types import SessionInput
    from recoverydesk.services.star.types import ReadingDraft

    made = 0
    for n, pid in enumerate(ids):
        for day in (1, 4):
            start = dt.datetime.combine(today - dt.timedelta(days=day), dt.time(10), dt.UTC)
            local.sessions.create(pid, SessionInput(
                starts_at=start, talked_about=f"Week's session {day} with participant {n}"))
            made += 1
        goals = local.goals.goals(pid)
        for k in range(3 if goals else 0):
            local.goals.add_progress_note(goals[k % len(goals)].id, f"Progress {k} at the cafe",
                                          on=today)
            made += 1
        local.star.add_reading(pid, ReadingDraft(today, {}, note="Reading at the cafe"),
                               today=today)
        made += 1
        strengths = local.participants.get(pid).strengths
        if strengths:
            s = strengths[0]
            local.participants.update_strength(s.id, s.category, s.text + " (noticed again)")
            made += 1
    return made


class _Profile:
    """``--profile``: where the time of each timed step goes (cProfile, cumulative)."""

    on = False

    def __init__(self, what: str):
        self.what = what

    def __enter__(self):
        if self.on:
            import cProfile

            self.profile = cProfile.Profile()
            self.profile.enable()
        return self

    def __exit__(self, *exc):
        if self.on:
            import pstats

            self.profile.disable()
            print(f"--- {self.what}")
            pstats.Stats(self.profile).sort_stats("cumulative").print_stats(30)


def one_run(address: str, folder: Path, today: dt.date, say=print) -> dict:
    from recoverydesk.services.container import Services
    from recoverydesk.services.offline.types import TakeRequest
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.store.server import ServerStore

    server = Services(ServerStore(address))
    try:
        chosen = [c.participant_id for c in server.offline.candidates(today=today)
                  if c.held is None][:TAKEN]
        path = folder / f"copy-{time.monotonic_ns()}.rdk"
        before = load()
        t0 = time.perf_counter()
        with _Profile("take"):
            taken = server.offline.take(TakeRequest(tuple(chosen), PASSPHRASE, "bench",
                                                    path)).value
        take_s = time.perf_counter() - t0
    finally:
        server.close()
    local = open_services(path, passphrase=PASSPHRASE)
    try:
        work = a_week_of_work(local, chosen, today)
        t1 = time.perf_counter()
        with _Profile("bring back"):
            report = local.offline.bring_back().value
        back_s = time.perf_counter() - t1
        local.offline.discard_copy()
    finally:
        local.close()
    say(f"    take {take_s:.2f} s ({taken.records} records), bring back {back_s:.2f} s "
        f"({work} records of work: {sum(report.added.values())} added, {report.applied} "
        f"applied, {report.conflicts} conflicts); load {before:.1f}-{load():.1f}", flush=True)
    return {"take": take_s, "bring_back": back_s, "records": taken.records, "work": work,
            "load": [before, load()]}


def figure(values: list[float]) -> str:
    return (f"median {statistics.median(values):.2f} s (fastest {min(values):.2f}, slowest "
            f"{max(values):.2f}, {len(values)} runs)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True,
                    help="the SQLite large practice (copied first: never another's file)")
    ap.add_argument("--coaches", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="where the time goes (cProfile)")
    args = ap.parse_args(argv)
    _Profile.on = args.profile

    from benchmarks.team_build import build_team
    from pg_cluster import ThrowawayCluster

    folder = Path(tempfile.mkdtemp(prefix="rd-offline-bench-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    practice = folder / "large.rdk"
    shutil.copyfile(args.db, practice)
    from recoverydesk.services.practice.opening import open_services

    open_services(practice).close()  # upgraded to this schema first (the offline tables)
    runs = []
    with ThrowawayCluster() as cluster:
        print(f"Building the team practice: {args.coaches} copies of {args.db.name} …",
              flush=True)
        team = build_team(cluster, practice, args.coaches, say=print)
        print(f"  built in {team.seconds['total']:.0f} s; {team.rows}", flush=True)
        address = cluster.url(team.database, team.measured_coach)
        today = dt.date.today()
        print(f"  as {team.measured_coach}: take {TAKEN} participants, a week of work, bring "
              "back …", flush=True)
        for _ in range(args.runs):
            runs.append(one_run(address, folder, today))
    shutil.rmtree(folder, ignore_errors=True)
    loads = [x for r in runs for x in r["load"]]
    takes, backs = [r["take"] for r in runs], [r["bring_back"] for r in runs]
    print(f"\nTake {TAKEN} participants offline: {figure(takes)}; target {TARGET_SECONDS:.0f} s")
    print(f"Bring back a week of work: {figure(backs)}; target {TARGET_SECONDS:.0f} s")
    print(f"Load average {min(loads):.1f}-{max(loads):.1f} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
