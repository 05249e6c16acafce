"""Keep the cycle collector off what lives as long as the practice is open.

Once a practice is open, almost every Python object alive (modules, SQLAlchemy's mappers and
models, the services, Qt's wrappers for the window) lives until the practice closes. Python's
full collections walk all of them, holding the GIL for 110-190 ms on a large practice, and a
collection set off on the worker (by the reads after a save) then freezes the window for as long
(measured in benchmarks/stalls.py: "save a session note" 111-155 ms without this, 69-101 ms
with it, same load). ``gc.freeze`` moves what is alive now out of the collector's walk; what
is made afterwards is collected as usual. Before another practice opens, ``gc.unfreeze``
hands the old practice's objects back to the collector, so nothing frozen outlives its use.
While a practice opens, and while long-lived modules load, the collector is paused
(``pause_collector``): its full collections found nothing to free there (0 objects) and, set off
by the many objects an import makes, walked the whole heap on the worker with the GIL held for
90-120 ms, the window's longest stall while a practice opened (benchmarks/stalls.py, 5-6 s in).
Modules that load later for the rest of the run (printing's matplotlib and reportlab, about
89k objects) are frozen too once loaded (``loaded_for_good``): otherwise every full collection
on the GUI thread walked them, 72-82 ms of CPU each (engineer D's probe, load 6-7).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# practice_closing (the worker) and loaded_for_good (a loader thread) may race: a freeze
# between another practice's closing and its opening would keep the old one's garbage.
_lock = threading.Lock()
_open = False
_pauses = 0  # callers inside pause_collector ... resume_collector, on any thread


def pause_collector() -> None:
    """No automatic collection until every pause is resumed (``resume_collector``): for
    work that makes many objects that live on or are freed by reference counting."""
    global _pauses
    with _lock:
        _pauses += 1
        gc.disable()


def resume_collector() -> None:
    global _pauses
    with _lock:
        _pauses = max(0, _pauses - 1)
        if _pauses == 0:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    pause_collector()
    try:
        yield
    finally:
        resume_collector()


def practice_opened() -> None:
    """Call once a practice's services are built (on any thread)."""
    global _open
    with _lock:
        gc.freeze()
        _open = True


def practice_closing() -> None:
    """Call before another practice opens: the old one's objects become collectable again."""
    global _open
    with _lock:
        _open = False
        gc.unfreeze()


def loaded_for_good() -> None:
    """Call (on any thread) once modules that live as long as the process have loaded: they
    leave the collector's walk now if a practice is open, else with the next practice_opened.
    Only the garbage that happens to be waiting at this instant is kept with them (until the
    practice closes)."""
    with _lock:
        if _open:
            gc.freeze()
