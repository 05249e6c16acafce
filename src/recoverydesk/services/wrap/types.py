"""What the window may know of the WRAP: its sections and parts with their wording (from
``resources/wrap``), the DTOs, and the pure rules a form checks before saving.

Standard library, ``recoverydesk.paths`` (where the wording files are) and
``recoverydesk.services.types`` only: no database here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache

from recoverydesk.paths import resource

SUPPORTERS = "crisis_supporters"
NOT_WANTED = "crisis_not_wanted"
REVIEW_EVERY_DAYS = 182  # when no next review date was agreed: about six months
MAX_ITEM = 1000

# One label per field, for the forms, the validation messages and anything printed.
FIELD_LABELS: dict[str, str] = {
    "text": "Item",
    "part": "Part of the WRAP",
    "contact": "Supporter",
    "name": "Name",
    "note": "Note",
    "order": "Order",
    "reviewed_on": "Reviewed on",
    "next_review": "Next review",
}


@dataclass(frozen=True)
class PartDef:
    key: str
    title: str
    prompt: str  # a question to ask together, in the participant's voice
    outline: str = ""  # the short name in the tab's outline (the title when not given)


@dataclass(frozen=True)
class SectionDef:
    key: str
    title: str
    intro: str
    parts: tuple[PartDef, ...]
    outline: str = ""  # the short name in the tab's outline (the title when not given)


def _load_sections() -> tuple[SectionDef, ...]:
    """The sections and parts, in order, from resources/wrap/sections.json."""
    data = json.loads(resource("wrap", "sections.json").read_text(encoding="utf-8"))
    return tuple(
        SectionDef(
            s["key"],
            s["title"],
            s["intro"],
            tuple(
                PartDef(p["key"], p["title"], p["prompt"], p.get("outline") or p["title"])
                for p in s["parts"]
            ),
            s.get("outline") or s["title"],
        )
        for s in data["sections"]
    )


SECTIONS: tuple[SectionDef, ...] = _load_sections()

PARTS: dict[str, PartDef] = {p.key: p for s in SECTIONS for p in s.parts}
SECTION_OF: dict[str, str] = {p.key: s.key for s in SECTIONS for p in s.parts}
ITEM_PARTS = frozenset(k for k in PARTS if k not in (SUPPORTERS, NOT_WANTED))
PART_KEYS: tuple[str, ...] = tuple(pd.key for sd in SECTIONS for pd in sd.parts)


@cache
def ideas() -> dict[str, tuple[str, ...]]:
    """Common ideas per part (resources/wrap/ideas.json) the coach can offer, never forced."""
    path = resource("wrap", "ideas.json")
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.get("parts", {}).items() if k in PARTS}


# -- DTOs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WrapItemDTO:
    id: int
    part: str
    position: int
    text: str
    version: int = 1  # the stored version: what an edit of it starts from

    def to_draft(self) -> WrapItemDraft:
        return WrapItemDraft(self.text, self.version)


@dataclass(frozen=True)
class WrapItemDraft:
    """An item's words as typed, and the version the coach started from (services/conflicts)."""

    text: str = ""
    base_version: int | None = None


@dataclass(frozen=True)
class SupporterDTO:
    id: int
    contact_id: int | None
    wanted: bool
    name: str  # the contact's current name (or the typed name for someone not wanted)
    role: str
    phone: str
    note: str  # what I'd like them to do, or why not
    position: int
    consent_expired: bool = False
    contact_archived: bool = False


@dataclass(frozen=True)
class PartDTO:
    key: str
    title: str
    prompt: str
    items: tuple[WrapItemDTO, ...] = ()
    people: tuple[SupporterDTO, ...] = ()

    @property
    def outline(self) -> str:
        """The short name for the tab's outline."""
        part = PARTS.get(self.key)
        return part.outline if part is not None else self.title

    @property
    def is_people(self) -> bool:
        return self.key in (SUPPORTERS, NOT_WANTED)

    @property
    def count(self) -> int:
        return len(self.people) if self.is_people else len(self.items)

    @property
    def started(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class SectionDTO:
    key: str
    title: str
    intro: str
    parts: tuple[PartDTO, ...]

    @property
    def outline(self) -> str:
        """The short name for the tab's outline."""
        return next((s.outline for s in SECTIONS if s.key == self.key), self.title)

    @property
    def started_parts(self) -> int:
        return sum(1 for p in self.parts if p.started)

    @property
    def total_parts(self) -> int:
        return len(self.parts)

    @property
    def completeness(self) -> str:
        if self.total_parts == 1:
            return "Started" if self.started_parts else "Not started"
        return f"{self.started_parts} of {self.total_parts} parts started"


@dataclass(frozen=True)
class WrapDTO:
    participant_id: int
    preferred_name: str
    sections: tuple[SectionDTO, ...]
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = None
    version_count: int = 0

    def part(self, key: str) -> PartDTO:
        for s in self.sections:
            for p in s.parts:
                if p.key == key:
                    return p
        raise KeyError(key)

    @property
    def started_parts(self) -> int:
        return sum(s.started_parts for s in self.sections)

    @property
    def total_parts(self) -> int:
        return sum(s.total_parts for s in self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.started_parts / self.total_parts) if self.total_parts else 0

    @property
    def review_due(self) -> dt.date | None:
        return review_due_on(self.last_reviewed, self.next_review)


@dataclass(frozen=True)
class WrapTabDTO:
    """What the WRAP tab reads at once: the plan, and the network contacts on neither list of
    people as (id, name, role), by name."""

    wrap: WrapDTO
    candidates: list[tuple[int, str, str]]


@dataclass(frozen=True)
class CrisisCardDTO:
    """One page a supporter can act on: everything from the participant's crisis plan."""

    participant_id: int
    preferred_name: str
    supporters: tuple[SupporterDTO, ...]
    not_involved: tuple[str, ...]
    warning_signs: tuple[str, ...]  # signs that others need to take over
    what_helps: tuple[str, ...]
    what_to_avoid: tuple[str, ...]  # what doesn't help, and treatments to avoid
    medications: tuple[str, ...]  # medications and allergies
    preferred_facilities: tuple[str, ...]
    unwanted_facilities: tuple[str, ...]
    treatments_help: tuple[str, ...] = ()
    home_care: tuple[str, ...] = ()
    when_well: tuple[str, ...] = ()
    plan_no_longer_needed: tuple[str, ...] = ()
    last_reviewed: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.supporters
            or self.warning_signs
            or self.what_helps
            or self.what_to_avoid
            or self.medications
        )


@dataclass(frozen=True)
class WrapVersionDTO:
    id: int
    participant_id: int
    number: int
    created_at: dt.datetime
    reviewed_on: dt.date
    next_review: dt.date | None
    note: str
    content: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class WrapReviewDue:
    participant_id: int
    display_name: str
    due: dt.date
    last_reviewed: dt.date | None
    overdue: bool


# -- pure rules -------------------------------------------------------------------------------
def review_due_on(last: dt.date | None, next_review: dt.date | None) -> dt.date | None:
    if next_review is not None:
        return next_review
    if last is not None:
        return last + dt.timedelta(days=REVIEW_EVERY_DAYS)
    return None


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_item_text(text: str, field_name: str = "text") -> dict[str, str]:
    """What is wrong with one item's words ({} when nothing)."""
    text = " ".join((text or "").split())
    if not text:
        return {field_name: "Please write something first."}
    if len(text) > MAX_ITEM:
        return {
            field_name: f"That is a little long for one item (over {MAX_ITEM} characters); "
            "try splitting it into two."
        }
    return {}


def check_part(part: str, allowed: frozenset[str] = ITEM_PARTS) -> dict[str, str]:
    return {} if part in allowed else {"part": "That is not a part of the WRAP."}


def check_review(on: dt.date, next_review: dt.date | None, today: dt.date) -> dict[str, str]:
    """What is wrong with a review's dates ({} when nothing)."""
    problems: dict[str, str] = {}
    if next_review is not None and next_review < on:
        problems["next_review"] = "The next review date is before the review date."
    if on > today + dt.timedelta(days=1):
        problems["reviewed_on"] = "The review date is in the future."
    return problems


def _texts(wrap: WrapDTO, key: str) -> tuple[str, ...]:
    return tuple(i.text for i in wrap.part(key).items)


def crisis_card_of(wrap: WrapDTO) -> CrisisCardDTO:
    """The crisis plan of a WRAP as one page for supporters."""
    # Belt and braces: nobody on the "not involved" list is ever shown as someone to call,
    # matched by contact or by name (a contact renamed to a typed "not wanted" name).
    unwanted = wrap.part(NOT_WANTED).people
    unwanted_ids = {x.contact_id for x in unwanted if x.contact_id}
    supporters = tuple(
        x
        for x in wrap.part(SUPPORTERS).people
        if x.wanted
        and x.contact_id not in unwanted_ids
        and not any(same_name(x.name, u.name) for u in unwanted)
        and not x.contact_archived
    )
    return CrisisCardDTO(
        participant_id=wrap.participant_id,
        preferred_name=wrap.preferred_name,
        supporters=supporters,
        not_involved=tuple(x.name for x in wrap.part(NOT_WANTED).people),
        warning_signs=_texts(wrap, "crisis_signs"),
        what_helps=_texts(wrap, "crisis_helps"),
        what_to_avoid=_texts(wrap, "crisis_not_helpful") + _texts(wrap, "crisis_treatments_avoid"),
        medications=_texts(wrap, "crisis_medications"),
        preferred_facilities=_texts(wrap, "crisis_facilities_preferred"),
        unwanted_facilities=_texts(wrap, "crisis_facilities_avoid"),
        treatments_help=_texts(wrap, "crisis_treatments_help"),
        home_care=_texts(wrap, "crisis_home_care"),
        when_well=_texts(wrap, "crisis_well"),
        plan_no_longer_needed=_texts(wrap, "crisis_inactive"),
        last_reviewed=wrap.last_reviewed,
    )


def content_of(wrap: WrapDTO) -> dict:
    """The JSON-able content of a WRAP (supporters resolved to names and phones), as kept in
    each reviewed version."""
    out: dict = {
        "last_reviewed": wrap.last_reviewed.isoformat() if wrap.last_reviewed else None,
        "sections": [],
    }
    for s in wrap.sections:
        parts = []
        for p in s.parts:
            entry: dict = {"key": p.key, "title": p.title}
            if p.is_people:
                entry["people"] = [
                    {"name": x.name, "role": x.role, "phone": x.phone, "note": x.note}
                    for x in p.people
                ]
            else:
                entry["items"] = [i.text for i in p.items]
            parts.append(entry)
        out["sections"].append({"key": s.key, "title": s.title, "parts": parts})
    return out
