"""Lines for a participant's Overview: each capability contributes what matters at a glance.

A provider is ``fn(session, participant_id, today) -> list[OverviewLine]``; capabilities append
theirs to ``PROVIDERS`` (see ``services/__init__.py``).

Once support has ended (exited) or the person is archived, nothing is theirs to act on: lines
asking for attention and prompts to start something are left out, and one calm line says why.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models import Participant, ParticipantStatus
from recoverydesk.store import Store


@dataclass(frozen=True)
class OverviewLine:
    heading: str  # for example "Recovery Star"
    text: str  # one plain sentence
    attention: bool = False  # shown with the accent colour: something to act on
    page: str = ""  # the tab to open when the line is clicked ("" = none)
    order: int = 50
    prompt: bool = False  # an invitation to start something ("No WRAP yet. Start with ...")


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
            ended = _support_ended(s, participant_id)
        if ended:
            out = [line for line in out if not (line.attention or line.prompt)]
            out.append(OverviewLine("Support", ended, order=0))
        return sorted(out, key=lambda line: line.order)


def _support_ended(s: Session, participant_id: int) -> str:
    """Why nothing needs acting on ("" while support goes on)."""
    row = s.execute(select(Participant.status, Participant.archived)
                    .where(Participant.id == participant_id)).first()
    if row is None:
        return ""
    if row.archived:
        return "Archived, so nothing here needs acting on. Restore them to pick up again."
    if row.status == ParticipantStatus.EXITED:
        return "Support has ended, so nothing here needs acting on."
    return ""
