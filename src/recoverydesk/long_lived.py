"""Keep the cycle collector off what lives as long as the practice is open.

Once a practice is open, almost every Python object alive (modules, SQLAlchemy's mappers and
models, the services, Qt's wrappers for the window) lives until the practice closes. Python's
full collections walk all of them, holding the GIL for 110-190 ms on a large practice, and a
collection set off on the worker (by the reads after a save) then freezes the window for as long
(measured in benchmarks/stalls.py: "save a session note" 111-155 ms without this, 69-101 ms
with it, same load). ``gc.freeze`` moves what is alive now out of the collector's walk; what
is made afterwards is collected as usual. Before another practice opens, ``gc.unfreeze``
hands the old practice's objects back to the collector, so nothing frozen outlives its use.
"""

from __future__ import annotations

import gc


def practice_opened() -> None:
    """Call once a practice's services are built (on any thread)."""
    gc.freeze()


def practice_closing() -> None:
    """Call before another practice opens: the old one's objects become collectable again."""
    gc.unfreeze()
