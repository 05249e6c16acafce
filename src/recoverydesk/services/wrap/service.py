"""The Wellness Recovery Action Plan (WRAP): the participant's own plan for staying well and for
what others should do when they can't.

Every part of every section is an ordered list of items in the participant's own words. Crisis
plan supporters are picked from the support network (``contacts``) and linked by id, so a new
phone number shows through everywhere; a contact is on one list only, so someone marked "not
wanted" can never appear as a supporter. Marking the plan reviewed keeps an immutable snapshot.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.dates import short_date
from recoverydesk.models import Contact, Participant
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter, WrapVersion
from recoverydesk.paths import resource
from recoverydesk.services import audit
from recoverydesk.services.network.service import to_dto as contact_dto
from recoverydesk.services.participants.service import display_name
from recoverydesk.services.types import NotFoundError, OverviewLine, ValidationError
from recoverydesk.store import Store

SUPPORTERS = "crisis_supporters"
NOT_WANTED = "crisis_not_wanted"
REVIEW_EVERY_DAYS = 182  # when no next review date was agreed: about six months
MAX_ITEM = 1000


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


# -- DTOs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WrapItemDTO:
    id: int
    part: str
    position: int
    text: str


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


def review_due_on(last: dt.date | None, next_review: dt.date | None) -> dt.date | None:
    if next_review is not None:
        return next_review
    if last is not None:
        return last + dt.timedelta(days=REVIEW_EVERY_DAYS)
    return None


@cache
def ideas() -> dict[str, tuple[str, ...]]:
    """Common ideas per part (resources/wrap/ideas.json) the coach can offer, never forced."""
    path = resource("wrap", "ideas.json")
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.get("parts", {}).items() if k in PARTS}


# -- reading helpers (a session is passed in) -------------------------------------------------
def _plan(s: Session, participant_id: int) -> WrapPlan | None:
    return s.scalars(
        select(WrapPlan)
        .where(WrapPlan.participant_id == participant_id)
        .options(
            selectinload(WrapPlan.items),
            selectinload(WrapPlan.supporters).selectinload(WrapSupporter.contact),
        )
    ).one_or_none()


def _participant(s: Session, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    return p


def _supporter_dto(row: WrapSupporter, today: dt.date) -> SupporterDTO:
    c = row.contact
    if c is None:
        return SupporterDTO(row.id, None, row.wanted, row.name, "", "", row.note, row.position)
    cd = contact_dto(c, today)
    return SupporterDTO(
        id=row.id,
        contact_id=c.id,
        wanted=row.wanted,
        name=c.name,
        role=cd.role,
        phone=c.phone,
        note=row.note,
        position=row.position,
        consent_expired=cd.consent_expired,
        contact_archived=c.archived,
    )


def _build(s: Session, participant_id: int, today: dt.date) -> WrapDTO:
    p = _participant(s, participant_id)
    plan = _plan(s, participant_id)
    items: dict[str, list[WrapItemDTO]] = {}
    people: dict[bool, list[SupporterDTO]] = {True: [], False: []}
    versions = 0
    if plan is not None:
        for it in sorted(plan.items, key=lambda i: (i.part, i.position, i.id)):
            items.setdefault(it.part, []).append(WrapItemDTO(it.id, it.part, it.position, it.text))
        for row in sorted(plan.supporters, key=lambda r: (r.position, r.id)):
            people[bool(row.wanted)].append(_supporter_dto(row, today))
        versions = (
            s.scalar(
                select(func.count())
                .select_from(WrapVersion)
                .where(WrapVersion.participant_id == participant_id)
            )
            or 0
        )
    sections = []
    for sd in SECTIONS:
        parts = []
        for pd in sd.parts:
            if pd.key == SUPPORTERS:
                parts.append(PartDTO(pd.key, pd.title, pd.prompt, people=tuple(people[True])))
            elif pd.key == NOT_WANTED:
                parts.append(PartDTO(pd.key, pd.title, pd.prompt, people=tuple(people[False])))
            else:
                parts.append(PartDTO(pd.key, pd.title, pd.prompt, tuple(items.get(pd.key, ()))))
        sections.append(SectionDTO(sd.key, sd.title, sd.intro, tuple(parts)))
    return WrapDTO(
        participant_id=participant_id,
        preferred_name=p.preferred_name or p.given_name,
        sections=tuple(sections),
        last_reviewed=plan.last_reviewed if plan else None,
        next_review=plan.next_review if plan else None,
        version_count=versions,
    )


def _content(wrap: WrapDTO) -> dict:
    """The JSON-able content of a WRAP (supporters resolved to names and phones)."""
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


def summary(s: Session, participant_id: int) -> dict:
    """A short WRAP summary for every recovery plan snapshot (``PLAN_SNAPSHOT_PARTS``)."""
    wrap = _build(s, participant_id, dt.date.today())
    card = _card(wrap)
    return {
        "started_parts": wrap.started_parts,
        "total_parts": wrap.total_parts,
        "last_reviewed": wrap.last_reviewed.isoformat() if wrap.last_reviewed else None,
        "sections": {sec.title: sec.completeness for sec in wrap.sections},
        "wellness_tools": [i.text for i in wrap.part("toolbox").items],
        "supporters": [{"name": x.name, "role": x.role, "phone": x.phone} for x in card.supporters],
        "warning_signs": list(card.warning_signs),
    }


def _texts(wrap: WrapDTO, key: str) -> tuple[str, ...]:
    return tuple(i.text for i in wrap.part(key).items)


def _card(wrap: WrapDTO) -> CrisisCardDTO:
    # Belt and braces: nobody on the "not involved" list is ever shown as someone to call,
    # matched by contact or by name (a contact renamed to a typed "not wanted" name).
    unwanted = wrap.part(NOT_WANTED).people
    unwanted_ids = {x.contact_id for x in unwanted if x.contact_id}
    unwanted_names = {" ".join(x.name.split()).casefold() for x in unwanted}
    supporters = tuple(
        x
        for x in wrap.part(SUPPORTERS).people
        if x.wanted
        and x.contact_id not in unwanted_ids
        and " ".join(x.name.split()).casefold() not in unwanted_names
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


def _clean_text(text: str, field_name: str = "text") -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError.single(field_name, "Please write something first.")
    if len(text) > MAX_ITEM:
        raise ValidationError.single(
            field_name,
            f"That is a little long for one item (over {MAX_ITEM} characters); "
            "try splitting it into two.",
        )
    return text


def _check_part(part: str, allowed: frozenset[str] = ITEM_PARTS) -> None:
    if part not in allowed:
        raise ValidationError.single("part", "That is not a part of the WRAP.")


def _ensure_plan(s: Session, participant_id: int) -> WrapPlan:
    _participant(s, participant_id)
    plan = s.scalars(select(WrapPlan).where(WrapPlan.participant_id == participant_id)).first()
    if plan is None:
        plan = WrapPlan(participant_id=participant_id)
        s.add(plan)
        s.flush()
    return plan


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _contact_named(s: Session, participant_id: int, name: str) -> int | None:
    """The participant's (unarchived) contact with exactly this name, if there is one."""
    rows = s.execute(
        select(Contact.id, Contact.name).where(
            Contact.participant_id == participant_id, Contact.archived.is_(False)
        )
    ).all()
    return next((cid for cid, cname in rows if _same_name(cname, name)), None)


def _typed_not_wanted(s: Session, plan_id: int, name: str) -> bool:
    """Whether ``name`` was typed in (not picked) as someone not to involve."""
    typed = s.scalars(
        select(WrapSupporter.name).where(
            WrapSupporter.plan_id == plan_id,
            WrapSupporter.wanted.is_(False),
            WrapSupporter.contact_id.is_(None),
        )
    ).all()
    return any(_same_name(t, name) for t in typed)


def _renumber(rows: list) -> None:
    for index, row in enumerate(rows):
        if row.position != index:
            row.position = index


def _move(rows: list, row_id: int, index: int) -> None:
    ids = [r.id for r in rows]
    current = ids.index(row_id)
    index = max(0, min(index, len(rows) - 1))
    row = rows.pop(current)
    rows.insert(index, row)
    _renumber(rows)


# -- the service ------------------------------------------------------------------------------
class WrapService:
    def __init__(self, store: Store):
        self._store = store

    # reading
    def get(self, participant_id: int, today: dt.date | None = None) -> WrapDTO:
        with self._store.read() as s:
            return _build(s, participant_id, today or dt.date.today())

    def crisis_card(self, participant_id: int, today: dt.date | None = None) -> CrisisCardDTO:
        return _card(self.get(participant_id, today))

    def ideas(self, part: str) -> tuple[str, ...]:
        return ideas().get(part, ())

    def candidate_contacts(self, participant_id: int) -> list[tuple[int, str, str]]:
        """Network contacts not yet on either list: (id, name, role), by name."""
        with self._store.read() as s:
            used = set(s.scalars(  # the ids only, not the whole plan
                select(WrapSupporter.contact_id)
                .join(WrapPlan, WrapSupporter.plan_id == WrapPlan.id)
                .where(WrapPlan.participant_id == participant_id)
            ))
            rows = s.scalars(
                select(Contact)
                .where(Contact.participant_id == participant_id, Contact.archived.is_(False))
                .order_by(Contact.name)
            ).all()
            return [(c.id, c.name, contact_dto(c).role) for c in rows if c.id not in used]

    def versions(self, participant_id: int) -> list[WrapVersionDTO]:
        with self._store.read() as s:
            rows = s.scalars(
                select(WrapVersion)
                .where(WrapVersion.participant_id == participant_id)
                .order_by(WrapVersion.number.desc())
            ).all()
            return [_version_dto(v) for v in rows]

    def version(self, version_id: int) -> WrapVersionDTO:
        with self._store.read() as s:
            v = s.get(WrapVersion, version_id)
            if v is None:
                raise NotFoundError("That WRAP version no longer exists.")
            return _version_dto(v)

    def reviews_due(
        self, today: dt.date | None = None, within_days: int = 14
    ) -> list[WrapReviewDue]:
        """Practice-wide: WRAPs whose review date falls within ``within_days`` (or has passed)."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=within_days)
        with self._store.read() as s:
            rows = s.execute(
                select(
                    WrapPlan.participant_id,
                    WrapPlan.last_reviewed,
                    WrapPlan.next_review,
                    Participant.given_name,
                    Participant.family_name,
                    Participant.preferred_name,
                )
                .join(Participant, Participant.id == WrapPlan.participant_id)
                .where(Participant.archived.is_(False))
            ).all()
        out = []
        for r in rows:
            due = review_due_on(r.last_reviewed, r.next_review)
            if due is not None and due <= horizon:
                out.append(
                    WrapReviewDue(
                        r.participant_id,
                        display_name(r.given_name, r.family_name, r.preferred_name),
                        due,
                        r.last_reviewed,
                        due < today,
                    )
                )
        out.sort(key=lambda d: (d.due, d.display_name.casefold()))
        return out

    # items
    def add_item(
        self, participant_id: int, part: str, text: str, position: int | None = None
    ) -> WrapItemDTO:
        _check_part(part)
        text = _clean_text(text)
        with self._store.unit_of_work() as s:
            plan = _ensure_plan(s, participant_id)
            rows = list(
                s.scalars(
                    select(WrapItem)
                    .where(WrapItem.plan_id == plan.id, WrapItem.part == part)
                    .order_by(WrapItem.position, WrapItem.id)
                )
            )
            item = WrapItem(plan_id=plan.id, part=part, text=text, position=len(rows))
            s.add(item)
            s.flush()
            if position is not None and position < len(rows):
                rows.insert(max(0, position), item)
                _renumber(rows)
            audit.record(s, "wrap.item_added", "wrap_item", item.id, participant_id, part)
            s.flush()
            return WrapItemDTO(item.id, item.part, item.position, item.text)

    def copy_part(self, participant_id: int, from_part: str, to_part: str) -> int:
        """Append the items of one part to another, skipping any already there (for example
        "What I'm like when I'm well" from the Daily Maintenance Plan to the Crisis Plan).
        Returns how many were copied."""
        _check_part(from_part)
        _check_part(to_part)
        with self._store.unit_of_work() as s:
            plan = _ensure_plan(s, participant_id)
            rows = list(
                s.scalars(
                    select(WrapItem)
                    .where(WrapItem.plan_id == plan.id, WrapItem.part.in_([from_part, to_part]))
                    .order_by(WrapItem.position, WrapItem.id)
                )
            )
            have = {r.text.casefold() for r in rows if r.part == to_part}
            position = len(have)
            copied = 0
            for r in rows:
                if r.part == from_part and r.text.casefold() not in have:
                    s.add(WrapItem(plan_id=plan.id, part=to_part, text=r.text, position=position))
                    have.add(r.text.casefold())
                    position += 1
                    copied += 1
            audit.record(s, "wrap.part_copied", "wrap_plan", plan.id, participant_id, to_part)
            return copied

    def update_item(self, item_id: int, text: str) -> WrapItemDTO:
        text = _clean_text(text)
        with self._store.unit_of_work() as s:
            item = self._item(s, item_id)
            item.text = text
            audit.record(
                s, "wrap.item_changed", "wrap_item", item.id, item.plan.participant_id, item.part
            )
            return WrapItemDTO(item.id, item.part, item.position, item.text)

    def remove_item(self, item_id: int) -> WrapItemDTO:
        """Remove one item; the result has what the caller needs to put it back (undo)."""
        with self._store.unit_of_work() as s:
            item = self._item(s, item_id)
            dto = WrapItemDTO(item.id, item.part, item.position, item.text)
            plan, pid = item.plan, item.plan.participant_id
            s.delete(item)
            s.flush()
            rest = list(
                s.scalars(
                    select(WrapItem)
                    .where(WrapItem.plan_id == plan.id, WrapItem.part == dto.part)
                    .order_by(WrapItem.position, WrapItem.id)
                )
            )
            _renumber(rest)
            audit.record(s, "wrap.item_removed", "wrap_item", dto.id, pid, dto.part)
            return dto

    def move_item(self, item_id: int, index: int) -> None:
        """Move an item to ``index`` within its part (clamped to the ends)."""
        with self._store.unit_of_work() as s:
            item = self._item(s, item_id)
            rows = list(
                s.scalars(
                    select(WrapItem)
                    .where(WrapItem.plan_id == item.plan_id, WrapItem.part == item.part)
                    .order_by(WrapItem.position, WrapItem.id)
                )
            )
            _move(rows, item_id, index)

    def reorder(self, participant_id: int, part: str, ids: list[int]) -> None:
        """Put a part's items (or people) in the given order, for example after a drag."""
        _check_part(part, frozenset(PARTS))
        with self._store.unit_of_work() as s:
            plan = _ensure_plan(s, participant_id)
            if part in ITEM_PARTS:
                rows = list(
                    s.scalars(
                        select(WrapItem).where(WrapItem.plan_id == plan.id, WrapItem.part == part)
                    )
                )
            else:
                rows = list(
                    s.scalars(
                        select(WrapSupporter).where(
                            WrapSupporter.plan_id == plan.id,
                            WrapSupporter.wanted.is_(part == SUPPORTERS),
                        )
                    )
                )
            by_id = {r.id: r for r in rows}
            if set(ids) != set(by_id):
                raise ValidationError.single(
                    "order", "The list changed while you were reordering it; please try again."
                )
            _renumber([by_id[i] for i in ids])

    # people
    def add_supporter(self, participant_id: int, contact_id: int, note: str = "") -> SupporterDTO:
        return self._add_person(participant_id, contact_id, "", note, wanted=True)

    def add_not_wanted(
        self, participant_id: int, contact_id: int | None = None, name: str = "", note: str = ""
    ) -> SupporterDTO:
        return self._add_person(participant_id, contact_id, name, note, wanted=False)

    def _add_person(
        self, participant_id: int, contact_id: int | None, name: str, note: str, wanted: bool
    ) -> SupporterDTO:
        note = " ".join((note or "").split())
        name = " ".join((name or "").split())
        with self._store.unit_of_work() as s:
            plan = _ensure_plan(s, participant_id)
            if contact_id is None:
                if wanted:
                    raise ValidationError.single(
                        "contact", "Please pick a supporter from the support network."
                    )
                if not name:
                    raise ValidationError.single("name", "Please give a name.")
                # A typed name that is someone in the network means that contact, so the
                # one-list-per-contact rule below holds for them too.
                contact_id = _contact_named(s, participant_id, name)
            if contact_id is not None:
                contact = s.get(Contact, contact_id)
                if contact is None or contact.participant_id != participant_id:
                    raise ValidationError.single(
                        "contact", "That person is not in this participant's support network."
                    )
                existing = s.scalars(
                    select(WrapSupporter).where(
                        WrapSupporter.plan_id == plan.id, WrapSupporter.contact_id == contact_id
                    )
                ).first()
                if existing is not None:
                    if existing.wanted and not wanted:
                        msg = (
                            f"{contact.name} is listed as a supporter. Remove them from the "
                            "supporters first if they should not be involved."
                        )
                    elif not existing.wanted and wanted:
                        msg = (
                            f"{contact.name} is on the list of people not to involve, so "
                            "they can't also be a supporter. Remove them from that list "
                            "first if this has changed."
                        )
                    else:
                        msg = f"{contact.name} is already on this list."
                    raise ValidationError.single("contact", msg)
                if wanted and _typed_not_wanted(s, plan.id, contact.name):
                    raise ValidationError.single(
                        "contact",
                        f"{contact.name} is on the list of people not to involve, so they "
                        "can't also be a supporter. Remove them from that list first if "
                        "this has changed.",
                    )
                name = ""
            count = (
                s.scalar(
                    select(func.count())
                    .select_from(WrapSupporter)
                    .where(WrapSupporter.plan_id == plan.id, WrapSupporter.wanted.is_(wanted))
                )
                or 0
            )
            row = WrapSupporter(
                plan_id=plan.id,
                contact_id=contact_id,
                wanted=wanted,
                name=name,
                note=note,
                position=count,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                "wrap.supporter_added" if wanted else "wrap.not_wanted_added",
                "wrap_supporter",
                row.id,
                participant_id,
            )
            s.refresh(row)
            return _supporter_dto(row, dt.date.today())

    def update_person_note(self, supporter_id: int, note: str) -> None:
        with self._store.unit_of_work() as s:
            row = self._person(s, supporter_id)
            row.note = " ".join((note or "").split())

    def remove_person(self, supporter_id: int) -> SupporterDTO:
        with self._store.unit_of_work() as s:
            row = self._person(s, supporter_id)
            dto = _supporter_dto(row, dt.date.today())
            plan_id, wanted, pid = row.plan_id, row.wanted, row.plan.participant_id
            s.delete(row)
            s.flush()
            _renumber(
                list(
                    s.scalars(
                        select(WrapSupporter)
                        .where(WrapSupporter.plan_id == plan_id, WrapSupporter.wanted.is_(wanted))
                        .order_by(WrapSupporter.position, WrapSupporter.id)
                    )
                )
            )
            audit.record(s, "wrap.person_removed", "wrap_supporter", supporter_id, pid)
            return dto

    def move_person(self, supporter_id: int, index: int) -> None:
        with self._store.unit_of_work() as s:
            row = self._person(s, supporter_id)
            rows = list(
                s.scalars(
                    select(WrapSupporter)
                    .where(
                        WrapSupporter.plan_id == row.plan_id, WrapSupporter.wanted.is_(row.wanted)
                    )
                    .order_by(WrapSupporter.position, WrapSupporter.id)
                )
            )
            _move(rows, supporter_id, index)

    # review and versions
    def mark_reviewed(
        self,
        participant_id: int,
        on: dt.date | None = None,
        next_review: dt.date | None = None,
        note: str = "",
    ) -> WrapVersionDTO:
        """Record that the WRAP was reviewed together, and keep an immutable snapshot."""
        on = on or dt.date.today()
        if next_review is not None and next_review < on:
            raise ValidationError.single(
                "next_review", "The next review date is before the review date."
            )
        if on > dt.date.today() + dt.timedelta(days=1):
            raise ValidationError.single("reviewed_on", "The review date is in the future.")
        with self._store.unit_of_work() as s:
            plan = _ensure_plan(s, participant_id)
            plan.last_reviewed = on
            plan.next_review = next_review or on + dt.timedelta(days=REVIEW_EVERY_DAYS)
            s.flush()
            content = _content(_build(s, participant_id, on))
            number = (
                s.scalar(
                    select(func.max(WrapVersion.number)).where(
                        WrapVersion.participant_id == participant_id
                    )
                )
                or 0
            ) + 1
            version = WrapVersion(
                participant_id=participant_id,
                number=number,
                reviewed_on=on,
                next_review=plan.next_review,
                note=" ".join(note.split()),
                content=json.dumps(content, ensure_ascii=False),
            )
            s.add(version)
            s.flush()
            audit.record(
                s, "wrap.reviewed", "wrap_version", version.id, participant_id, f"version {number}"
            )
            return _version_dto(version)

    def clear(self, participant_id: int) -> None:
        """Remove every item and person (the versions stay). Used by the demo reset only."""
        with self._store.unit_of_work() as s:
            plan = _ensure_plan(s, participant_id)
            s.execute(delete(WrapItem).where(WrapItem.plan_id == plan.id))
            s.execute(delete(WrapSupporter).where(WrapSupporter.plan_id == plan.id))

    # helpers
    @staticmethod
    def _item(s: Session, item_id: int) -> WrapItem:
        item = s.get(WrapItem, item_id)
        if item is None:
            raise NotFoundError("That WRAP item no longer exists.")
        return item

    @staticmethod
    def _person(s: Session, supporter_id: int) -> WrapSupporter:
        row = s.get(WrapSupporter, supporter_id)
        if row is None:
            raise NotFoundError("That person is no longer on the crisis plan.")
        return row


def _version_dto(v: WrapVersion) -> WrapVersionDTO:
    return WrapVersionDTO(
        v.id,
        v.participant_id,
        v.number,
        v.created_at,
        v.reviewed_on,
        v.next_review,
        v.note,
        json.loads(v.content),
    )


# -- overview line ----------------------------------------------------------------------------
def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    plan = s.scalars(select(WrapPlan).where(WrapPlan.participant_id == participant_id)).first()
    if plan is None:
        return [
            OverviewLine(
                "WRAP",
                "No WRAP yet. Start with the Wellness Toolbox together.",
                page="wrap",
                order=40,
                prompt=True,
            )
        ]
    # Which parts hold something, asked of the database: the Overview needs the counts, not
    # every item of the plan.
    filled = set(s.scalars(select(WrapItem.part).where(WrapItem.plan_id == plan.id).distinct()))
    for wanted in s.scalars(
        select(WrapSupporter.wanted).where(WrapSupporter.plan_id == plan.id).distinct()
    ):
        filled.add(SUPPORTERS if wanted else NOT_WANTED)
    keys = [pd.key for sd in SECTIONS for pd in sd.parts]
    started = sum(1 for key in keys if key in filled)
    if started == 0:
        return [
            OverviewLine(
                "WRAP",
                "No WRAP yet. Start with the Wellness Toolbox together.",
                page="wrap",
                order=40,
                prompt=True,
            )
        ]
    percent = round(100 * started / len(keys))
    text = f"WRAP {percent}% complete ({started} of {len(keys)} parts)."
    due = review_due_on(plan.last_reviewed, plan.next_review)
    attention = False
    if plan.last_reviewed is None:
        text += " Not reviewed yet."
    elif due is not None and due < today:
        text += f" Review overdue since {short_date(due)}."
        attention = True
    elif due is not None and due <= today + dt.timedelta(days=14):
        text += f" Review due {short_date(due)}."
        attention = True
    else:
        text += f" Last reviewed {short_date(plan.last_reviewed)}."
    return [OverviewLine("WRAP", text, attention=attention, page="wrap", order=40)]
