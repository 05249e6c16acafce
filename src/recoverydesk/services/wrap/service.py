"""The Wellness Recovery Action Plan (WRAP): the participant's own plan for staying well and for
what others should do when they can't.

Every part of every section is an ordered list of items in the participant's own words
(``items.py``); the crisis plan's people are picked from the support network (``people.py``);
marking the plan reviewed keeps an immutable snapshot (``versions.py``). The sections, parts,
DTOs and rules are in ``types.py``; the Overview line and the plan-snapshot summary in
``glance.py``. Every write returns ``Changed`` (the value and what it changed).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from recoverydesk.models.wrap import WrapItem, WrapSupporter
from recoverydesk.services.core_read import read_ahead
from recoverydesk.services.types import Changed
from recoverydesk.services.wrap.items import WrapItems
from recoverydesk.services.wrap.people import WrapPeople
from recoverydesk.services.wrap.plan import build, changes, ensure_plan, read_wrap, wrap_reads
from recoverydesk.services.wrap.types import (
    CrisisCardDTO,
    WrapDTO,
    WrapTabDTO,
    crisis_card_of,
    ideas,
)
from recoverydesk.services.wrap.versions import WrapVersions
from recoverydesk.store.session import Store


class WrapService(WrapItems, WrapPeople, WrapVersions):
    def __init__(self, store: Store):
        self._store = store

    def get(self, participant_id: int, today: dt.date | None = None) -> WrapDTO:
        with self._store.read() as s:
            return build(s, participant_id, today or dt.date.today())

    def tab(self, participant_id: int, today: dt.date | None = None) -> WrapTabDTO:
        """The WRAP and ``candidate_contacts`` in one read (the people's contacts read once)."""
        with self._store.read() as s:
            read_ahead(s, wrap_reads(participant_id))
            return WrapTabDTO(*read_wrap(s, participant_id, today or dt.date.today()))

    def crisis_card(self, participant_id: int, today: dt.date | None = None) -> CrisisCardDTO:
        return crisis_card_of(self.get(participant_id, today))

    def ideas(self, part: str) -> tuple[str, ...]:
        return ideas().get(part, ())

    def clear(self, participant_id: int) -> Changed[None]:
        """Remove every item and person (the versions stay). Used by the demo reset only."""
        with self._store.unit_of_work() as s:
            plan = ensure_plan(s, participant_id)
            s.execute(delete(WrapItem).where(WrapItem.plan_id == plan.id))
            s.execute(delete(WrapSupporter).where(WrapSupporter.plan_id == plan.id))
            return Changed(None, changes(participant_id))
