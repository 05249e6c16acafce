"""Lines for a participant's Overview: each capability contributes what matters at a glance.

A provider is ``fn(session, participant_id, today) -> list[OverviewLine]``; capabilities append
theirs to ``PROVIDERS`` (see ``services/__init__.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from recoverydesk.store import Store


@dataclass(frozen=True)
class OverviewLine:
    heading: str  # for example "Recovery Star"
    text: str  # one plain sentence
    attention: bool = False  # shown with the accent colour: something to act on
    page: str = ""  # the tab to open when the line is clicked ("" = none)
    order: int = 50


OverviewProvider = Callable[[Session, int, dt.date], list[OverviewLine]]
PROVIDERS: list[OverviewProvider] = []


class OverviewService:
    def __init__(self, store: Store):
        self._store = store

    def lines(self, participant_id: int, today: dt.date | None = None) -> list[OverviewLine]:
        today = today or dt.date.today()
        out: list[OverviewLine] = []
        with self._store.read() as s:
            for provider in PROVIDERS:
                out.extend(provider(s, participant_id, today))
        return sorted(out, key=lambda line: line.order)
