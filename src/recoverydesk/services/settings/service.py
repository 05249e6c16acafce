"""Practice details (practice name, coach name, ABN, phone, email), kept in the practice file.

Printed reports use them: the PDF author is the practice name, the review report's letterhead
and signature carry the coach's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from sqlalchemy import select

from recoverydesk.models.settings import PracticeSetting
from recoverydesk.services import audit
from recoverydesk.services.settings.types import PracticeDetails, clean_details
from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.store.session import Store

PREFIX = "practice."
CHANGES = ChangeSet.of("practice_settings")


class SettingsService:
    def __init__(self, store: Store):
        self._store = store

    def get(self, key: str, default: str = "") -> str:
        with self._store.read() as s:
            row = s.get(PracticeSetting, key)
            return default if row is None else row.value

    def set(self, key: str, value: str) -> Changed[None]:
        with self._store.unit_of_work() as s:
            _put(s, key, value)
        return Changed(None, CHANGES)

    def get_or_make(self, key: str, make: Callable[[], str]) -> str:
        """The value of ``key``, made with ``make()`` and kept if it has none yet. Read again
        inside the write (which begins as a writer, so programs take turns): two programs asking
        at once agree on one value instead of the later overwriting the earlier.

        Returns the value itself, not ``Changed``: the keys made this way (the calendar's
        practice id) are the program's own and shown nowhere, so nothing needs telling."""
        value = self.get(key)
        if value:
            return value
        with self._store.unit_of_work() as s:
            row = s.get(PracticeSetting, key)
            if row is not None and row.value:
                return row.value
            value = make()
            _put(s, key, value)
        return value

    def details(self) -> PracticeDetails:
        with self._store.read() as s:
            rows = s.scalars(
                select(PracticeSetting).where(PracticeSetting.key.like(PREFIX + "%"))
            ).all()
            values = {r.key.removeprefix(PREFIX): r.value for r in rows}
        names = {f.name for f in fields(PracticeDetails)}
        return PracticeDetails(**{k: v for k, v in values.items() if k in names})

    def save_details(self, details: PracticeDetails) -> Changed[PracticeDetails]:
        cleaned = clean_details(details)
        with self._store.unit_of_work() as s:
            changed = []
            for f in fields(PracticeDetails):
                if _put(s, PREFIX + f.name, getattr(cleaned, f.name)):
                    changed.append(f.name)
            if changed:
                audit.record(
                    s, "practice.updated", "practice_settings", None, None, ",".join(changed)
                )
        return Changed(cleaned, CHANGES)


def _put(s, key: str, value: str) -> bool:
    row = s.get(PracticeSetting, key)
    if row is None:
        s.add(PracticeSetting(key=key, value=value))
        return True
    if row.value != value:
        row.value = value
        return True
    return False
