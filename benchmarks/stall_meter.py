"""How long the GUI thread could not run its event loop: the stall meter and waiting helpers.

A precise QTimer ticks every ``interval_ms`` on the GUI thread. While the loop is free the ticks
come on time; while the GUI thread is busy (a query, a file copy, building a page) they wait.
The worst stall is the largest gap between two ticks beyond the interval: the longest time
the window could not repaint or answer a click. Ticks also run inside a modal dialog's own
``exec()`` loop, so work done under a dialog counts too.
"""

from __future__ import annotations

import faulthandler
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer

INTERVAL_MS = 5
SAMPLE_S = 0.02  # how often the sampler looks at a stalled GUI thread
STALLED_S = 0.05  # no tick for this long: the GUI thread counts as stalled


class StallMeter(QObject):
    """``sample=True``: a helper thread also notes where the GUI thread is while it stalls
    (the innermost frame of the app's own code), for ``hotspots()``."""

    def __init__(self, interval_ms: int = INTERVAL_MS, *, sample: bool = False) -> None:
        super().__init__()
        self.sample = sample
        self.where: Counter[str] = Counter()
        self._gui = threading.get_ident()
        self._sampler: threading.Thread | None = None
        self._running = False
        self.interval = interval_ms / 1000
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._started = 0.0
        self.worst = 0.0
        self.worst_at = 0.0  # seconds after start() when the worst stall ended
        self.ticks = 0

    def start(self) -> None:
        self.worst, self.worst_at, self.ticks = 0.0, 0.0, 0
        self.where = Counter()
        self._last = self._started = time.perf_counter()
        self._timer.start()
        if self.sample:
            self._running = True
            self._sampler = threading.Thread(target=self._watch, name="stall-sampler",
                                             daemon=True)
            self._sampler.start()

    def _watch(self) -> None:
        # faulthandler reads the GUI thread's stack without making frame objects: walking
        # sys._current_frames() of a running thread crashed Python 3.11 here (a segfault).
        with tempfile.TemporaryFile("w+") as dump:
            while self._running:
                time.sleep(SAMPLE_S)
                if time.perf_counter() - self._last > STALLED_S:
                    dump.seek(0)
                    dump.truncate()
                    faulthandler.dump_traceback(dump, all_threads=True)
                    dump.seek(0)
                    place = _app_frame(dump.read(), self._gui)
                    if place:
                        self.where[place] += 1

    def hotspots(self, n: int = 3) -> list[tuple[str, int]]:
        """The places the GUI thread was seen stalled most, with the milliseconds seen there."""
        return [(place, round(k * SAMPLE_S * 1000)) for place, k in self.where.most_common(n)]

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self._last - self.interval > self.worst:
            self.worst = now - self._last - self.interval
            self.worst_at = now - self._started
        self._last = now
        self.ticks += 1

    def stop(self) -> float:
        """Stop and return the worst stall in ms (the time since the last tick counts too)."""
        self._tick()
        self._timer.stop()
        if self._sampler is not None:
            self._running = False
            self._sampler.join()
            self._sampler = None
        return max(0.0, self.worst) * 1000


def _app_frame(dump: str, thread: int) -> str | None:
    """From a faulthandler dump: ``thread``'s innermost frame in RecoveryDesk's own code (else
    its innermost frame), as ``package/module.py:line function``."""
    lines = dump.splitlines()
    head = f"0x{thread:016x}"
    try:
        start = next(i for i, line in enumerate(lines) if head in line and "hread" in line)
    except StopIteration:
        return None
    frames = []
    for line in lines[start + 1:]:
        match = re.match(r'\s+File "(.+)", line (\d+) in (.+)', line)
        if not match:
            break
        frames.append(match.groups())
    for name, lineno, func in frames:  # most recent first
        name = name.replace("\\", "/")
        if "/recoverydesk/" in name and "/benchmarks/" not in name:
            return f"{name[name.rindex('/recoverydesk/') + 1:]}:{lineno} {func}"
    if frames:
        name, lineno, func = frames[0]
        return f"{name.rsplit('/', 1)[-1]}:{lineno} {func}"
    return None


def wait_until(condition: Callable[[], bool], timeout_s: float, poll_ms: int = 10) -> bool:
    """Run the event loop until ``condition()`` holds (True) or the time is up (False)."""
    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    poll = QTimer()
    result = [False]

    def check() -> None:
        if condition():
            result[0] = True
            loop.quit()
        elif time.perf_counter() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start(poll_ms)
    QTimer.singleShot(0, check)
    loop.exec()
    poll.stop()
    return result[0]


def settle(ms: int) -> None:
    """Let the event loop run for ``ms`` (refreshes queued by the operation land meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def answer_when_shown(class_name: str, act: Callable[[QObject], None],
                      timeout_s: float = 120) -> Callable[[], None]:
    """When a top-level widget of class ``class_name`` shows (a modal one runs its own loop),
    call ``act`` on it once, the way tests drive the app's dialogs. Returns a function that
    stops looking (so a dialog that never showed is not answered by mistake later)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout_s
    cancelled = [False]

    def poke() -> None:
        if cancelled[0]:
            return
        for w in QApplication.topLevelWidgets():
            if type(w).__name__ == class_name and w.isVisible():
                act(w)
                return
        if time.perf_counter() < deadline:
            QTimer.singleShot(20, poke)

    QTimer.singleShot(0, poke)
    return lambda: cancelled.__setitem__(0, True)
