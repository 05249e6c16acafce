"""A demo practice file: a new practice made through the practice capability and filled with
the fictional demo (for the window's "Open the demo practice", ``recoverydesk demo`` and the
tests and benchmarks)."""

from __future__ import annotations

from pathlib import Path

from recoverydesk import demo
from recoverydesk.services.container import Services
from recoverydesk.services.practice.opening import create_filled
from recoverydesk.services.types import NO_PROGRESS, Progress


def create_demo(
    path: Path,
    participants: int = 14,
    years: int = 2,
    seed: int = 7,
    passphrase: str | None = None,
    *,
    whole_history: bool = False,
    lock: bool = False,
    progress: Progress = NO_PROGRESS,
) -> Services:
    """Write a fresh fictional demo practice at ``path`` (refusing to overwrite real work) and
    open it. If writing it fails, the half-made file is removed, so trying again just works."""
    return create_filled(
        path, lambda store: demo.generate_demo(store, participants=participants, years=years,
                                          seed=seed, whole_history=whole_history,
                                          progress=progress),
        what="demo practice", passphrase=passphrase, lock=lock)
