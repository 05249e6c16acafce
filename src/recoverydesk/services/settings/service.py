"""Practice details (practice name, coach name, ABN, phone, email), kept in the practice file.

Printed reports use them: the PDF author is the practice name, the review report's letterhead
and signature carry the coach's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields

from sqlalchemy import select

from recoverydesk.models.settings import PracticeSetting
from recoverydesk.services import audit
from recoverydesk.services.types import Validator
from recoverydesk.store import Store

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PREFIX = "practice."


@dataclass(frozen=True)
class PracticeDetails:
    practice_name: str = ""
    coach_name: str = ""
    abn: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.practice_name or self.coach_name)


def clean_details(details: PracticeDetails) -> PracticeDetails:
    values = {
        f.name: " ".join(str(getattr(details, f.name)).split()) for f in fields(PracticeDetails)
    }
    v = Validator()
    for key in ("practice_name", "coach_name"):
        v.check(len(values[key]) <= 120, key, "Please keep names under 120 characters.")
    abn = re.sub(r"\s", "", values["abn"])
    if abn:
        v.check(
            abn.isdigit() and len(abn) == 11,
            "abn",
            "An ABN has 11 digits, for example 12 345 678 901.",
        )
        if abn.isdigit() and len(abn) == 11:
            values["abn"] = f"{abn[:2]} {abn[2:5]} {abn[5:8]} {abn[8:]}"
    v.check(len(values["phone"]) <= 40, "phone", "That phone number is too long.")
    if values["email"]:
        v.check(
            bool(_EMAIL.match(values["email"])),
            "email",
            "That email address does not look complete (like name@example.com).",
        )
    v.raise_if_any()
    return PracticeDetails(**values)


class SettingsService:
    def __init__(self, store: Store):
        self._store = store

    def get(self, key: str, default: str = "") -> str:
        with self._store.read() as s:
            row = s.get(PracticeSetting, key)
            return default if row is None else row.value

    def set(self, key: str, value: str) -> None:
        with self._store.unit_of_work() as s:
            _put(s, key, value)

    def get_or_make(self, key: str, make: Callable[[], str]) -> str:
        """The value of ``key``, made with ``make()`` and kept if it has none yet. Read again
        inside the write (which begins as a writer, so programs take turns): two programs asking
        at once agree on one value instead of the later overwriting the earlier."""
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

    def save_details(self, details: PracticeDetails) -> PracticeDetails:
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
        return cleaned


def _put(s, key: str, value: str) -> bool:
    row = s.get(PracticeSetting, key)
    if row is None:
        s.add(PracticeSetting(key=key, value=value))
        return True
    if row.value != value:
        row.value = value
        return True
    return False
