"""Start-up moments for the benchmark, reported only when it asks.

With RECOVERYDESK_PROBE=FILE the app appends ``<moment> <unix time> <peak RSS kB>`` lines to FILE
when the first window is visible ("window"), when the caseload list is on screen ("caseload":
it scrolls, selects and takes a search, the services still loading on the worker) and when the
practice is ready to work in ("ready": the services are built, a participant opens).
With RECOVERYDESK_PROBE_QUIT=1 it also quits after the ready moment.
"""

from __future__ import annotations

import os
import time


def _peak_rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows has no resource module; the figure is only for the benchmark
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def enabled() -> bool:
    return bool(os.environ.get("RECOVERYDESK_PROBE"))


def report(moment: str) -> None:
    path = os.environ.get("RECOVERYDESK_PROBE")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"{moment} {time.time():.6f} {_peak_rss_kb()}\n")
    if moment == "ready" and os.environ.get("RECOVERYDESK_PROBE_QUIT") == "1":
        from PySide6.QtCore import QCoreApplication, QTimer

        QTimer.singleShot(0, QCoreApplication.quit)
