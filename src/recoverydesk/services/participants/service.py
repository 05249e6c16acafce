"""Participants and their strengths: create, edit, archive and restore, with validation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models import Participant, ParticipantStatus, Strength, StrengthCategory
from recoverydesk.services import audit
from recoverydesk.services.goals import ndis_goals
from recoverydesk.services.participants import name_match
from recoverydesk.services.types import AmbiguousError, NotFoundError, ValidationError, Validator
from recoverydesk.store import Store

STATUS_LABELS = {"active": "Active", "paused": "Paused", "exited": "Exited"}
STRENGTH_CATEGORY_LABELS = {
    "personal": "Personal qualities",
    "skills": "Skills and talents",
    "interests": "Interests and passions",
    "relationships": "Relationships",
    "environment": "Places and resources",
    "values": "Values and hopes",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ParticipantDraft:
    """What the coach typed in the participant form (the service cleans and checks it)."""

    given_name: str = ""
    family_name: str = ""
    preferred_name: str = ""
    pronouns: str = ""
    date_of_birth: dt.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    ndis_number: str = ""
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    status: str = "active"
    about: str = ""


@dataclass(frozen=True)
class StrengthDTO:
    id: int
    category: str
    text: str

    @property
    def category_label(self) -> str:
        return STRENGTH_CATEGORY_LABELS.get(self.category, self.category)


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the caseload list."""

    id: int
    display_name: str
    full_name: str
    status: str
    archived: bool
    plan_end: dt.date | None


@dataclass(frozen=True)
class ParticipantDTO:
    id: int
    given_name: str
    family_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: dt.date | None
    phone: str
    email: str
    address: str
    ndis_number: str
    plan_start: dt.date | None
    plan_end: dt.date | None
    status: str
    about: str
    archived: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    strengths: tuple[StrengthDTO, ...] = field(default_factory=tuple)

    @property
    def display_name(self) -> str:
        return display_name(self.given_name, self.family_name, self.preferred_name)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def to_draft(self) -> ParticipantDraft:
        names = {f.name for f in fields(ParticipantDraft)}
        return ParticipantDraft(**{n: getattr(self, n) for n in names})


def display_name(given: str, family: str, preferred: str = "") -> str:
    """The name the participant goes by, with the family name for telling people apart."""
    first = preferred.strip() or given.strip()
    return f"{first} {family.strip()}".strip()


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _to_dto(p: Participant) -> ParticipantDTO:
    return ParticipantDTO(
        id=p.id,
        given_name=p.given_name,
        family_name=p.family_name,
        preferred_name=p.preferred_name,
        pronouns=p.pronouns,
        date_of_birth=p.date_of_birth,
        phone=p.phone,
        email=p.email,
        address=p.address,
        ndis_number=p.ndis_number or "",
        plan_start=p.plan_start,
        plan_end=p.plan_end,
        status=p.status.value,
        about=p.about,
        archived=p.archived,
        created_at=p.created_at,
        updated_at=p.updated_at,
        strengths=tuple(StrengthDTO(s.id, s.category.value, s.text) for s in p.strengths),
    )


def clean_draft(draft: ParticipantDraft, today: dt.date | None = None) -> dict:
    """Trim and check every field; raise ValidationError listing every problem in plain words."""
    today = today or dt.date.today()
    v = Validator()
    values = {f.name: getattr(draft, f.name) for f in fields(ParticipantDraft)}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    v.check(bool(values["given_name"]), "given_name", "Please enter the participant's first name.")
    for key, limit in (("given_name", 100), ("family_name", 100), ("preferred_name", 100)):
        v.check(len(values[key]) <= limit, key, f"That name is too long (over {limit} characters).")
    ndis = re.sub(r"[\s-]", "", values["ndis_number"])
    if ndis and not (ndis.isdigit() and len(ndis) == 9):
        v.add("ndis_number", "An NDIS number has exactly 9 digits, for example 431 234 567.")
    values["ndis_number"] = ndis or None
    born = values["date_of_birth"]
    if born is not None:
        v.check(born <= today, "date_of_birth", "The date of birth is in the future.")
        v.check(born.year >= 1900, "date_of_birth", "Please check the year of birth.")
    start, end = values["plan_start"], values["plan_end"]
    if start and end and end < start:
        v.add("plan_end", "The plan end date is before the plan start date.")
    if values["email"] and not _EMAIL.match(values["email"]):
        v.add("email", "That email address does not look complete (like name@example.com).")
    if values["status"] not in STATUS_LABELS:
        v.add("status", "Please choose active, paused or exited.")
    v.raise_if_any()
    values["status"] = ParticipantStatus(values["status"])
    return values


class ParticipantService:
    def __init__(self, store: Store):
        self._store = store

    # -- reading ------------------------------------------------------------------------
    def list(
        self, text: str = "", status: str | None = None, include_archived: bool = False
    ) -> list[ParticipantRow]:
        # The table's columns rather than the mapped class: the caseload is the first thing
        # shown at start, and a plain query does not wait for every model to be configured.
        c = Participant.__table__.c
        stmt = select(
            c.id, c.given_name, c.family_name, c.preferred_name, c.status, c.archived,
            c.plan_end, c.ndis_number,
        )
        if not include_archived:
            stmt = stmt.where(c.archived.is_(False))
        if status:
            stmt = stmt.where(c.status == ParticipantStatus(status))
        with self._store.read() as s:
            rows = s.execute(stmt).all()
        # The typed words are matched here, not in SQL: a caseload is tens of people, and
        # SQLite's LIKE can neither find the start of a name's parts nor ignore accents.
        if text.strip():
            rows = [
                r for r in rows
                if name_match.matches(
                    text, (r.given_name, r.family_name, r.preferred_name), r.ndis_number or ""
                )
            ]
        out = [
            ParticipantRow(
                id=r.id,
                display_name=display_name(r.given_name, r.family_name, r.preferred_name),
                full_name=f"{r.given_name} {r.family_name}".strip(),
                status=r.status.value,
                archived=r.archived,
                plan_end=r.plan_end,
            )
            for r in rows
        ]
        out.sort(key=lambda r: r.display_name.casefold())
        return out

    def get(self, participant_id: int) -> ParticipantDTO:
        with self._store.read() as s:
            return _to_dto(_load(s, participant_id))

    def resolve(self, ref: str) -> ParticipantDTO:
        """Find a participant by id or by an unambiguous (part of a) name, for the CLI."""
        ref = ref.strip()
        if ref.isdigit():
            return self.get(int(ref))
        matches = self.list(ref, include_archived=True)
        wanted = name_match.fold(" ".join(ref.split()))
        exact = [m for m in matches
                 if wanted in (name_match.fold(m.display_name), name_match.fold(m.full_name))]
        if len(exact) == 1 or len(matches) == 1:
            return self.get((exact or matches)[0].id)
        if not matches:
            raise NotFoundError(f"No participant matches “{ref}”.")
        names = ", ".join(m.display_name for m in matches[:5])
        raise AmbiguousError(f"“{ref}” matches more than one participant ({names}); use the id.")

    def count(self) -> dict[str, int]:
        with self._store.read() as s:
            rows = s.execute(
                select(Participant.status, func.count())
                .where(Participant.archived.is_(False))
                .group_by(Participant.status)
            ).all()
        counts = {k: 0 for k in STATUS_LABELS}
        counts.update({status.value: n for status, n in rows})
        return counts

    # -- writing ------------------------------------------------------------------------
    def create(self, draft: ParticipantDraft) -> ParticipantDTO:
        values = clean_draft(draft)
        with self._store.unit_of_work() as s:
            self._check_unique_ndis(s, values["ndis_number"], None)
            p = Participant(**values)
            s.add(p)
            s.flush()
            audit.record(s, "participant.created", "participant", p.id, p.id)
            s.flush()
            s.refresh(p)
            return _to_dto(p)

    def update(self, participant_id: int, draft: ParticipantDraft) -> ParticipantDTO:
        values = clean_draft(draft)
        with self._store.unit_of_work() as s:
            p = _load(s, participant_id)
            self._check_unique_ndis(s, values["ndis_number"], participant_id)
            changed = [k for k, v in values.items() if getattr(p, k) != v]
            for key in changed:
                setattr(p, key, values[key])
            if changed:
                audit.record(s, "participant.updated", "participant", p.id, p.id, ",".join(changed))
            s.flush()
            return _to_dto(p)

    def set_archived(self, participant_id: int, archived: bool) -> ParticipantDTO:
        """Archive (hide from the caseload, keep every record) or restore a participant."""
        with self._store.unit_of_work() as s:
            p = _load(s, participant_id)
            if p.archived != archived:
                p.archived = archived
                action = "participant.archived" if archived else "participant.restored"
                audit.record(s, action, "participant", p.id, p.id)
            s.flush()
            return _to_dto(p)

    def archive(self, participant_id: int) -> ParticipantDTO:
        return self.set_archived(participant_id, True)

    def restore(self, participant_id: int) -> ParticipantDTO:
        return self.set_archived(participant_id, False)

    # -- strengths ----------------------------------------------------------------------
    def add_strength(self, participant_id: int, category: str, text: str) -> StrengthDTO:
        category, text = clean_strength(category, text)
        with self._store.unit_of_work() as s:
            p = _load(s, participant_id)
            position = max((x.position for x in p.strengths), default=-1) + 1
            strength = Strength(category=category, text=text, position=position)
            p.strengths.append(strength)
            s.flush()
            audit.record(s, "strength.added", "strength", strength.id, participant_id)
            return StrengthDTO(strength.id, strength.category.value, strength.text)

    def update_strength(self, strength_id: int, category: str, text: str) -> StrengthDTO:
        category, text = clean_strength(category, text)
        with self._store.unit_of_work() as s:
            strength = s.get(Strength, strength_id)
            if strength is None:
                raise NotFoundError("That strength no longer exists.")
            strength.category, strength.text = category, text
            audit.record(s, "strength.updated", "strength", strength.id, strength.participant_id)
            return StrengthDTO(strength.id, strength.category.value, strength.text)

    def remove_strength(self, strength_id: int) -> StrengthDTO:
        """Remove a strength; the returned DTO lets the caller offer Undo (add it back)."""
        with self._store.unit_of_work() as s:
            strength = s.get(Strength, strength_id)
            if strength is None:
                raise NotFoundError("That strength no longer exists.")
            dto = StrengthDTO(strength.id, strength.category.value, strength.text)
            audit.record(s, "strength.removed", "strength", strength.id, strength.participant_id)
            s.delete(strength)
            return dto

    def ndis_goals(self, participant_id: int) -> list[ndis_goals.NdisGoalDTO]:
        """The goals of the participant's NDIS plan, in the plan's words and order."""
        with self._store.read() as s:
            return ndis_goals.plan_goals(s, participant_id)

    def set_ndis_goals(self, participant_id: int, texts: list[str]) -> list[ndis_goals.NdisGoalDTO]:
        """Replace the plan goals (one a line); coaching goals linked to a removed one unlink."""
        with self._store.unit_of_work() as s:
            _load(s, participant_id)
            out = ndis_goals.set_plan_goals(s, participant_id, texts)
            audit.record(s, "participant.ndis_goals", "participant", participant_id, participant_id)
            return out

    def audit_trail(self, participant_id: int) -> list[audit.AuditEntry]:
        with self._store.read() as s:
            return audit.entries_for(s, participant_id)

    @staticmethod
    def _check_unique_ndis(s: Session, ndis: str | None, own_id: int | None) -> None:
        if not ndis:
            return
        other = s.scalar(select(Participant.id).where(Participant.ndis_number == ndis))
        if other is not None and other != own_id:
            raise ValidationError.single(
                "ndis_number", "Another participant already has this NDIS number."
            )


def clean_strength(category: str, text: str) -> tuple[StrengthCategory, str]:
    text = text.strip()
    v = Validator()
    v.check(bool(text), "text", "Please describe the strength in a few words.")
    v.check(len(text) <= 500, "text", "Please keep a strength under 500 characters.")
    v.check(category in STRENGTH_CATEGORY_LABELS, "category", "Please choose a kind of strength.")
    v.raise_if_any()
    return StrengthCategory(category), text


def _load(s: Session, participant_id: int) -> Participant:
    p = s.scalar(
        select(Participant)
        .where(Participant.id == participant_id)
        .options(selectinload(Participant.strengths))
    )
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    return p
