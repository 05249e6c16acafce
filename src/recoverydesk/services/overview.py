"""Lines for a participant's Overview: each capability contributes what matters at a glance.

A provider is ``fn(session, participant_id, today) -> list[OverviewLine]``; capabilities append
theirs to ``PROVIDERS`` (see ``services/__init__.py``).
"""

from __future__ import annotations

import datetime as dt
import importlib
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
# The modules that append a provider when imported. Services are built on first use, so the
# Overview imports these itself rather than showing only the capabilities used so far.
PROVIDER_MODULES = [
    "recoverydesk.services.star_glance",
    "recoverydesk.services.goals",
    "recoverydesk.services.sessions",
    "recoverydesk.services.rhythm",
    "recoverydesk.services.wrap",
    "recoverydesk.services.network",
    "recoverydesk.services.resources",
]


def _load_providers() -> None:
    for name in PROVIDER_MODULES:
        importlib.import_module(name)


class OverviewService:
    def __init__(self, store: Store):
        self._store = store

    def lines(self, participant_id: int, today: dt.date | None = None) -> list[OverviewLine]:
        today = today or dt.date.today()
        _load_providers()
        out: list[OverviewLine] = []
        with self._store.read() as s:
            for provider in PROVIDERS:
                out.extend(provider(s, participant_id, today))
        return sorted(out, key=lambda line: line.order)
