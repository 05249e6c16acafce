"""Where an import holds the interpreter: the import of a JSON export runs on a worker thread
(as the app runs it), while the main thread ticks every millisecond. A tick that comes late by
more than ``--gap`` ms is a time the window's thread could not have run; beside each, the
worker's own CPU time in that gap (a long one means the worker held the GIL, a short one that
the machine was busy elsewhere) and where the worker was just after it. Load-independent enough
to compare two trees on a shared machine, where ``stalls.py`` figures move with the load:

    .venv/bin/python benchmarks/gil_holds.py --export EXPORT.json
    PYTHONPATH=OTHER_TREE/src .venv/bin/python benchmarks/gil_holds.py --export EXPORT.json
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path


def measure(export: Path, gap_ms: float) -> tuple[float, list[tuple[float, float, float, str]]]:
    """(seconds taken, [(gap ms, worker CPU ms in it, seconds in, where the worker was)])."""
    from recoverydesk.services.practice.opening import create_filled
    from recoverydesk.services.practice.transfer import IOService

    with tempfile.TemporaryDirectory(prefix="rdgil-") as tmp:  # what the app has imported
        create_filled(Path(tmp) / "warm.rdk", lambda store: None).close()
    done: list[BaseException | None] = []

    def work() -> None:
        try:
            with tempfile.TemporaryDirectory(prefix="rdgil-") as tmp:
                services = create_filled(Path(tmp) / "imported.rdk",
                                         lambda store: IOService(store).import_from(export))
                services.close()
            done.append(None)
        except BaseException as err:  # noqa: BLE001 - reported by the caller
            done.append(err)

    worker = threading.Thread(target=work, name="import")
    t0 = time.perf_counter()
    worker.start()
    clock = time.pthread_getcpuclockid(worker.ident)
    gaps = []
    last, last_cpu = time.perf_counter(), time.clock_gettime(clock)
    while not done:
        time.sleep(0.001)
        now = time.perf_counter()
        try:
            cpu = time.clock_gettime(clock)
        except OSError:  # the worker has ended
            break
        if now - last > gap_ms / 1000:
            frame = sys._current_frames().get(worker.ident)
            where = traceback.format_stack(frame, limit=3) if frame else ["?"]
            gaps.append(((now - last) * 1000, (cpu - last_cpu) * 1000, now - t0,
                         "".join(where).rstrip()))
        last, last_cpu = now, cpu
    worker.join()
    if done and done[0] is not None:
        raise done[0]
    return time.perf_counter() - t0, gaps


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--export", type=Path, required=True, help="a JSON export to import")
    ap.add_argument("--gap", type=float, default=30, help="ms a tick may be late (30)")
    ap.add_argument("--top", type=int, default=8, help="gaps shown, most worker CPU first")
    args = ap.parse_args(argv)
    seconds, gaps = measure(args.export, args.gap)
    print(f"import took {seconds:.1f} s; {len(gaps)} gaps over {args.gap:.0f} ms, "
          f"{sum(g[0] > 50 for g in gaps)} over 50 ms")
    for gap, cpu, at, where in sorted(gaps, key=lambda g: -g[1])[: args.top]:
        print(f"\n{gap:.0f} ms gap {at:.2f} s in, worker CPU {cpu:.0f} ms in it; then at:\n{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
