"""The practice's community resource directory, and referrals of participants to resources.

Resources are archived, never deleted (referrals keep pointing at them). A referral's status
changes are kept as an append-only history; the referral row holds the latest status.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models import Participant
from recoverydesk.models.resources import (
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Resource,
    ResourceCategory,
)
from recoverydesk.private_files import write_atomic
from recoverydesk.services import audit
from recoverydesk.services.types import NotFoundError, OverviewLine, ValidationError, Validator
from recoverydesk.store import Store

CATEGORY_LABELS = {
    "housing": "Housing",
    "employment": "Employment",
    "education": "Education",
    "peer_support": "Peer support",
    "health": "Health",
    "legal": "Legal",
    "financial": "Financial",
    "cultural": "Cultural",
    "recreation": "Recreation",
    "other": "Other",
}
STATUS_LABELS = {
    "suggested": "Suggested",
    "contacted": "Contacted",
    "attending": "Attending",
    "declined": "Declined",
    "closed": "Closed",
}
OPEN_STATUSES = frozenset({"suggested", "contacted", "attending"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_tags(text: str) -> str:
    """ "Youth,  Free ; walk-in" -> "youth, free, walk-in" (lower case, no repeats)."""
    seen: list[str] = []
    for part in re.split(r"[,;]", text):
        tag = " ".join(part.split()).casefold()
        if tag and tag not in seen:
            seen.append(tag)
    return ", ".join(seen)


@dataclass(frozen=True)
class ResourceDraft:
    name: str = ""
    category: str = "other"
    offers: str = ""
    eligibility: str = ""
    cost: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    tags: str = ""
    last_checked: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ResourceDTO:
    id: int
    name: str
    category: str
    offers: str
    eligibility: str
    cost: str
    address: str
    phone: str
    email: str
    website: str
    opening_hours: str
    tags: str
    last_checked: dt.date | None
    notes: str
    archived: bool
    open_referrals: int = 0

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (x.strip() for x in self.tags.split(",")) if t]

    def needs_checking(self, today: dt.date | None = None, months: int = 12) -> bool:
        """Details not confirmed in the last ``months`` months (or never)."""
        today = today or dt.date.today()
        return self.last_checked is None or (today - self.last_checked).days > months * 30.5

    def to_draft(self) -> ResourceDraft:
        names = {f.name for f in fields(ResourceDraft)}
        return ResourceDraft(**{n: getattr(self, n) for n in names})


@dataclass(frozen=True)
class StatusChangeDTO:
    status: str
    changed_on: dt.date
    note: str
    recorded_at: dt.datetime

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ReferralDTO:
    id: int
    participant_id: int
    resource_id: int
    resource_name: str
    resource_category: str
    resource_phone: str
    goal_id: int | None
    referred_on: dt.date
    purpose: str
    status: str
    outcome: str
    archived: bool
    history: tuple[StatusChangeDTO, ...] = field(default_factory=tuple)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def last_changed(self) -> dt.date:
        return self.history[-1].changed_on if self.history else self.referred_on


def resource_dto(r: Resource, open_referrals: int = 0) -> ResourceDTO:
    return ResourceDTO(
        id=r.id,
        name=r.name,
        category=r.category.value,
        offers=r.offers,
        eligibility=r.eligibility,
        cost=r.cost,
        address=r.address,
        phone=r.phone,
        email=r.email,
        website=r.website,
        opening_hours=r.opening_hours,
        tags=r.tags,
        last_checked=r.last_checked,
        notes=r.notes,
        archived=r.archived,
        open_referrals=open_referrals,
    )


def referral_dto(r: Referral) -> ReferralDTO:
    return ReferralDTO(
        id=r.id,
        participant_id=r.participant_id,
        resource_id=r.resource_id,
        resource_name=r.resource.name,
        resource_category=r.resource.category.value,
        resource_phone=r.resource.phone,
        goal_id=r.goal_id,
        referred_on=r.referred_on,
        purpose=r.purpose,
        status=r.status.value,
        outcome=r.outcome,
        archived=r.archived,
        history=tuple(
            StatusChangeDTO(h.status.value, h.changed_on, h.note, h.recorded_at) for h in r.history
        ),
    )


LIMITS = {"name": 200, "cost": 200, "phone": 40, "email": 200, "website": 300, "tags": 500}


def clean_resource(draft: ResourceDraft, today: dt.date | None = None) -> dict:
    """Trim and check a resource; raise ValidationError naming every problem in plain words."""
    today = today or dt.date.today()
    v = Validator()
    values = {f.name: getattr(draft, f.name) for f in fields(ResourceDraft)}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    values["tags"] = clean_tags(values["tags"])
    v.check(bool(values["name"]), "name", "Please enter the name of the service or group.")
    category = str(values["category"]).strip().casefold().replace(" ", "_").replace("-", "_")
    v.check(
        category in CATEGORY_LABELS,
        "category",
        "Please choose a category: "
        + ", ".join(label.lower() for label in CATEGORY_LABELS.values())
        + ".",
    )
    for key, limit in LIMITS.items():
        v.check(len(values[key]) <= limit, key, f"Please keep this under {limit} characters.")
    if values["email"] and not _EMAIL.match(values["email"]):
        v.add("email", "That email address does not look complete (like name@example.org).")
    site = values["website"]
    if site and (" " in site or "." not in site):
        v.add("website", "That website does not look complete (like www.example.org).")
    checked = values["last_checked"]
    if checked is not None and checked > today:
        v.add("last_checked", "The date the details were last checked is in the future.")
    v.raise_if_any()
    values["category"] = ResourceCategory(category)
    return values


class ResourceService:
    def __init__(self, store: Store):
        self._store = store

    # -- the directory ------------------------------------------------------------------
    def list(
        self, text: str = "", category: str | None = None, include_archived: bool = False
    ) -> list[ResourceDTO]:
        """Search by words (each must appear in the name, what it offers, who it is for, tags,
        address or notes) and filter by category. Sorted by name."""
        stmt = select(Resource)
        if not include_archived:
            stmt = stmt.where(Resource.archived.is_(False))
        if category:
            stmt = stmt.where(Resource.category == ResourceCategory(category))
        for word in text.split():
            like = f"%{word}%"
            stmt = stmt.where(
                or_(
                    Resource.name.ilike(like),
                    Resource.offers.ilike(like),
                    Resource.eligibility.ilike(like),
                    Resource.tags.ilike(like),
                    Resource.address.ilike(like),
                    Resource.notes.ilike(like),
                    Resource.cost.ilike(like),
                )
            )
        with self._store.read() as s:
            rows = s.scalars(stmt).all()
            counts = dict(
                s.execute(
                    select(Referral.resource_id, func.count())
                    .where(
                        Referral.archived.is_(False),
                        Referral.status.in_([ReferralStatus(x) for x in OPEN_STATUSES]),
                    )
                    .group_by(Referral.resource_id)
                ).all()
            )
            out = [resource_dto(r, counts.get(r.id, 0)) for r in rows]
        out.sort(key=lambda r: (r.archived, r.name.casefold()))
        return out

    def get(self, resource_id: int) -> ResourceDTO:
        with self._store.read() as s:
            return resource_dto(_load_resource(s, resource_id))

    def category_counts(self) -> dict[str, int]:
        with self._store.read() as s:
            rows = s.execute(
                select(Resource.category, func.count())
                .where(Resource.archived.is_(False))
                .group_by(Resource.category)
            ).all()
        counts = {k: 0 for k in CATEGORY_LABELS}
        counts.update({c.value: n for c, n in rows})
        return counts

    def create(self, draft: ResourceDraft) -> ResourceDTO:
        values = clean_resource(draft)
        with self._store.unit_of_work() as s:
            resource = Resource(**values)
            s.add(resource)
            s.flush()
            audit.record(s, "resource.created", "resource", resource.id)
            s.flush()
            s.refresh(resource)
            return resource_dto(resource)

    def update(self, resource_id: int, draft: ResourceDraft) -> ResourceDTO:
        values = clean_resource(draft)
        with self._store.unit_of_work() as s:
            resource = _load_resource(s, resource_id)
            changed = [k for k, v in values.items() if getattr(resource, k) != v]
            for key in changed:
                setattr(resource, key, values[key])
            if changed:
                audit.record(
                    s, "resource.updated", "resource", resource.id, detail=",".join(changed)
                )
            s.flush()
            return resource_dto(resource)

    def set_archived(self, resource_id: int, archived: bool) -> ResourceDTO:
        with self._store.unit_of_work() as s:
            resource = _load_resource(s, resource_id)
            if resource.archived != archived:
                resource.archived = archived
                audit.record(
                    s,
                    "resource.archived" if archived else "resource.restored",
                    "resource",
                    resource.id,
                )
            s.flush()
            return resource_dto(resource)

    def mark_checked(self, resource_id: int, on: dt.date | None = None) -> ResourceDTO:
        """The coach confirmed the details are still right."""
        with self._store.unit_of_work() as s:
            resource = _load_resource(s, resource_id)
            resource.last_checked = on or dt.date.today()
            audit.record(s, "resource.checked", "resource", resource.id)
            s.flush()
            return resource_dto(resource)

    # -- CSV ----------------------------------------------------------------------------
    def import_csv(self, path: Path | str) -> ImportResult:
        """Add (or update, matched by name and category) every row of a CSV file, or nothing:
        every row is checked first; any problem raises CsvImportError naming line and column."""
        from recoverydesk.services.resources.csv_file import read_resources_file

        parsed = read_resources_file(Path(path))  # CSV or .xlsx
        result = self.import_drafts(parsed.drafts)
        return replace(result, notes=parsed.notes)

    def import_drafts(self, drafts: list[ResourceDraft]) -> ImportResult:
        values = [clean_resource(d) for d in drafts]  # already checked by parse_csv
        added = updated = 0
        with self._store.unit_of_work() as s:
            existing = {
                (r.name.casefold(), r.category): r
                for r in s.scalars(select(Resource).where(Resource.archived.is_(False)))
            }
            for row in values:
                current = existing.get((row["name"].casefold(), row["category"]))
                if current is None:
                    resource = Resource(**row)
                    s.add(resource)
                    existing[(row["name"].casefold(), row["category"])] = resource
                    added += 1
                else:
                    for key, value in row.items():
                        setattr(current, key, value)
                    updated += 1
            s.flush()
            audit.record(
                s, "resource.imported", "resource", None, detail=f"added={added},updated={updated}"
            )
        return ImportResult(added, updated)

    def export_csv(self, path: Path | str, include_archived: bool = False) -> int:
        from recoverydesk.services.resources.csv_file import write_csv

        rows = self.list(include_archived=include_archived)
        write_atomic(Path(path), write_csv(rows))
        return len(rows)

    # -- referrals ----------------------------------------------------------------------
    def referrals(self, participant_id: int, include_archived: bool = False) -> list[ReferralDTO]:
        """Open referrals first (newest first), then the finished ones."""
        with self._store.read() as s:
            return _referrals(s, participant_id, include_archived)

    def referral(self, referral_id: int) -> ReferralDTO:
        with self._store.read() as s:
            return referral_dto(_load_referral(s, referral_id))

    def refer(
        self,
        participant_id: int,
        resource_id: int,
        referred_on: dt.date,
        purpose: str = "",
        goal_id: int | None = None,
        status: str = "suggested",
        note: str = "",
    ) -> ReferralDTO:
        purpose = purpose.strip()
        v = Validator()
        v.check(status in STATUS_LABELS, "status", "Please choose a status for the referral.")
        v.check(
            referred_on <= dt.date.today(), "referred_on", "The referral date is in the future."
        )
        v.check(len(purpose) <= 2000, "purpose", "Please keep the purpose under 2000 characters.")
        v.raise_if_any()
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            resource = _load_resource(s, resource_id)
            if resource.archived:
                raise ValidationError.single(
                    "resource",
                    f"{resource.name} is archived. Restore it in the directory "
                    "before referring someone to it.",
                )
            referral = Referral(
                participant_id=participant_id,
                resource_id=resource_id,
                goal_id=goal_id,
                referred_on=referred_on,
                purpose=purpose,
                status=ReferralStatus(status),
                outcome="",
            )
            referral.history.append(
                ReferralStatusChange(
                    status=ReferralStatus(status), changed_on=referred_on, note=note.strip()
                )
            )
            s.add(referral)
            s.flush()
            audit.record(s, "referral.created", "referral", referral.id, participant_id)
            return referral_dto(_load_referral(s, referral.id))

    def set_status(
        self,
        referral_id: int,
        status: str,
        on: dt.date | None = None,
        note: str = "",
        outcome: str | None = None,
    ) -> ReferralDTO:
        """Move a referral on; the change is added to its history (never rewritten)."""
        on = on or dt.date.today()
        v = Validator()
        v.check(status in STATUS_LABELS, "status", "Please choose a status for the referral.")
        v.check(on <= dt.date.today(), "on", "The date of the change is in the future.")
        v.raise_if_any()
        with self._store.unit_of_work() as s:
            referral = _load_referral(s, referral_id)
            if on < referral.referred_on:
                raise ValidationError.single(
                    "on", "The change is dated before the referral was made."
                )
            referral.status = ReferralStatus(status)
            referral.history.append(
                ReferralStatusChange(
                    status=ReferralStatus(status), changed_on=on, note=note.strip()
                )
            )
            if outcome is not None:
                referral.outcome = outcome.strip()
            audit.record(
                s, "referral.status", "referral", referral.id, referral.participant_id, status
            )
            s.flush()
            return referral_dto(_load_referral(s, referral.id))

    def update_referral(
        self, referral_id: int, purpose: str, outcome: str, goal_id: int | None = None
    ) -> ReferralDTO:
        """Edit the words of a referral (its history of statuses is not editable)."""
        with self._store.unit_of_work() as s:
            referral = _load_referral(s, referral_id)
            referral.purpose, referral.outcome = purpose.strip(), outcome.strip()
            referral.goal_id = goal_id
            audit.record(s, "referral.updated", "referral", referral.id, referral.participant_id)
            s.flush()
            return referral_dto(referral)

    def set_referral_archived(self, referral_id: int, archived: bool) -> ReferralDTO:
        """Hide a referral entered by mistake (kept, and restorable)."""
        with self._store.unit_of_work() as s:
            referral = _load_referral(s, referral_id)
            referral.archived = archived
            audit.record(
                s,
                "referral.archived" if archived else "referral.restored",
                "referral",
                referral.id,
                referral.participant_id,
            )
            s.flush()
            return referral_dto(referral)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    notes: tuple[str, ...] = ()  # how the file was read, worth a look

    @property
    def total(self) -> int:
        return self.added + self.updated

    def sentence(self) -> str:
        parts = [f"{self.added} added"]
        if self.updated:
            parts.append(f"{self.updated} updated (same name and category)")
        return " ".join(["Resources imported: " + ", ".join(parts) + ".", *self.notes])


def _referrals(s: Session, participant_id: int, include_archived: bool) -> list[ReferralDTO]:
    stmt = (
        select(Referral)
        .where(Referral.participant_id == participant_id)
        .options(selectinload(Referral.history), selectinload(Referral.resource))
    )
    if not include_archived:
        stmt = stmt.where(Referral.archived.is_(False))
    rows = [referral_dto(r) for r in s.scalars(stmt)]
    rows.sort(key=lambda r: (not r.is_open, -r.last_changed.toordinal(), -r.id))
    return rows


def _load_resource(s: Session, resource_id: int) -> Resource:
    resource = s.get(Resource, resource_id)
    if resource is None:
        raise NotFoundError("That resource is no longer in the directory.")
    return resource


def _load_referral(s: Session, referral_id: int) -> Referral:
    referral = s.scalar(
        select(Referral)
        .where(Referral.id == referral_id)
        .options(selectinload(Referral.history), selectinload(Referral.resource))
        .execution_options(populate_existing=True)
    )
    if referral is None:
        raise NotFoundError("That referral no longer exists.")
    return referral


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    rows = _referrals(s, participant_id, False)
    if not rows:
        return []
    open_rows = [r for r in rows if r.is_open]
    if not open_rows:
        return [
            OverviewLine(
                "Referrals", f"No open referrals ({len(rows)} finished).", page="network", order=42
            )
        ]
    names = "; ".join(f"{r.resource_name} ({r.status_label.lower()})" for r in open_rows[:4])
    more = f" and {len(open_rows) - 4} more" if len(open_rows) > 4 else ""
    stale = [r for r in open_rows if r.status != "attending" and (today - r.last_changed).days > 28]
    text = f"{len(open_rows)} open: {names}{more}."
    if stale:
        text += f" {len(stale)} not followed up in four weeks."
    return [OverviewLine("Referrals", text, attention=bool(stale), page="network", order=42)]
