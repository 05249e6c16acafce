"""A turn of the event loop of its own, after Qt has laid out and painted the current one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer


def in_a_turn_of_its_own(work: Callable[[], None]) -> None:
    """Call ``work`` in a pass of the event loop of its own, after Qt has laid out and painted
    what the current one changed.

    A plain ``QTimer.singleShot(0, work)`` runs it in the next pass over the posted events, in
    the same pass as the layout requests and the repaint the current turn posted (and as any
    other turn queued meanwhile), with no timer or click between: for the coach the two turns
    and Qt's layout and paint of the first are one stall. The first hop here runs in that pass
    (it does nothing else); the posted ``work`` waits for the pass after it (Qt leaves events
    posted during a pass for the next one)."""
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, work))
