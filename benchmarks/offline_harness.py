"""The kill harness of issue 21 item 5, many times over: seeded random interleavings of taking
participants offline, edits on both sides, a broken hold now and then, and a bring-back in a
child process killed at random points (after its N-th statement, at a random time, or its
connection cut with pg_terminate_backend) and run again (tests/offline_harness.py).

    .venv/bin/python benchmarks/offline_harness.py                 # 200 interleavings
    .venv/bin/python benchmarks/offline_harness.py --runs 20 --seed 7

Prints the interleavings run, the kills, the notes lost and the duplicates (both must be 0),
the conflicts expected and not surfaced (0), the holds left (0), with the time and the load
average. A fresh team every ``--per-team`` interleavings. Exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


def load() -> float:
    return os.getloadavg()[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1, help="the first seed (then +1 each)")
    ap.add_argument("--per-team", type=int, default=25)
    args = ap.parse_args(argv)

    from offline_harness import Figures, run_many
    from offline_world import make_world
    from pg_cluster import ThrowawayCluster
    from recoverydesk.store.server import ServerStore, open_server

    folder = Path(tempfile.mkdtemp(prefix="rd-offline-harness-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")  # this computer's device id, the copies
    figures, loads, started = Figures(), [load()], time.monotonic()
    with ThrowawayCluster() as cluster:
        template = cluster.new_database(prefix="template")
        open_server(cluster.url(template))[0].close()
        seeds = list(range(args.seed, args.seed + args.runs))
        for start in range(0, len(seeds), args.per_team):
            database = cluster.new_database(template=template)
            store = ServerStore(cluster.url(database))
            world, ids = make_world(cluster, store, folder, people=3)
            try:
                run_many(world, ids, seeds[start:start + args.per_team], figures)
            finally:
                world.close()
                store.close()
            loads.append(load())
            print(f"  {figures.line()} ({time.monotonic() - started:.0f} s)", flush=True)
    print(f"\nOffline kill harness: {figures.line()}")
    print(f"{time.monotonic() - started:.0f} s; load average {min(loads):.1f}-{max(loads):.1f} "
          f"({os.cpu_count()} CPUs)")
    for problem in figures.problems:
        print(f"  problem: {problem}")
    bad = figures.notes_lost or figures.duplicates or figures.conflicts_missing or \
        figures.holds_left or figures.problems
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
