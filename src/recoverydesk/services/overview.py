"""Lines for a participant's Overview: each capability contributes what matters at a glance.

Each capability's ``glance.overview_lines(session, participant_id, today)`` is called by name,
in the order of ``GLANCES``.

Once support has ended (exited) or the person is archived, nothing is theirs to act on: lines
asking for attention and prompts to start something are left out, and one calm line says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from recoverydesk.models import ParticipantStatus
from recoverydesk.services.chime import glance as chime_glance
from recoverydesk.services.claims import glance as claims_glance
from recoverydesk.services.core_read import Read, read_ahead
from recoverydesk.services.goals import glance as goals_glance
from recoverydesk.services.network import glance as network_glance
from recoverydesk.services.plans import glance as plans_glance
from recoverydesk.services.resources import glance as resources_glance
from recoverydesk.services.sessions import glance as sessions_glance
from recoverydesk.services.star import glance as star_glance
from recoverydesk.services.types import OverviewLine
from recoverydesk.services.wrap import glance as wrap_glance
from recoverydesk.store.session import Store

# Each capability's glance, by name and in reading order. A capability with an overview line
# adds its ``overview_lines(session, participant_id, today)`` here; nothing registers itself.
GLANCES: tuple[Callable[[Session, int, dt.date], list[OverviewLine]], ...] = (
    star_glance.overview_lines,
    goals_glance.overview_lines,
    plans_glance.overview_lines,
    sessions_glance.overview_lines,
    sessions_glance.rhythm_lines,
    wrap_glance.overview_lines,
    network_glance.overview_lines,
    resources_glance.overview_lines,
    claims_glance.overview_lines,
    chime_glance.overview_lines,
)

# What a glance reads first, named ahead so that a team practice sends the reads of all the
# glances in one round trip (core_read.read_ahead); a file reads each when asked. (The
# sessions glance names the rhythm line's reads with its own.)
READS: dict[Callable, Callable[[int, dt.date], list[Read]]] = {
    star_glance.overview_lines: star_glance.overview_reads,
    goals_glance.overview_lines: goals_glance.overview_reads,
    plans_glance.overview_lines: plans_glance.overview_reads,
    sessions_glance.overview_lines: sessions_glance.overview_reads,
    wrap_glance.overview_lines: wrap_glance.overview_reads,
    network_glance.overview_lines: network_glance.overview_reads,
    resources_glance.overview_lines: resources_glance.overview_reads,
    claims_glance.overview_lines: claims_glance.overview_reads,
    chime_glance.overview_lines: chime_glance.overview_reads,
}


class OverviewService:
    def __init__(self, store: Store):
        self._store = store

    def lines(self, participant_id: int, today: dt.date | None = None) -> list[OverviewLine]:
        today = today or dt.date.today()
        out: list[OverviewLine] = []
        with self._store.read() as s:
            read_ahead(s, [read for glance in GLANCES if glance in READS
                           for read in READS[glance](participant_id, today)])
            for glance in GLANCES:
                out.extend(glance(s, participant_id, today))
            ended = _support_ended(s, participant_id, today)
        if ended:
            out = [line for line in out if not (line.attention or line.prompt)]
            out.append(OverviewLine("Support", ended, order=0))
        return sorted(out, key=lambda line: line.order)


def _support_ended(s: Session, participant_id: int, today: dt.date) -> str:
    """Why nothing needs acting on ("" while support goes on). The participant's row is the one
    the sessions glance read for its lines (read once for the whole Overview)."""
    row = sessions_glance.person(s, participant_id, today)
    if row is None:
        return ""
    if row.archived:
        return "Archived, so nothing here needs acting on. Restore them to pick up again."
    if row.status == ParticipantStatus.EXITED:
        return "Support has ended, so nothing here needs acting on."
    return ""
