"""The resource directory and referrals as the window sees them: categories, statuses, the
field labels, the DTOs and drafts, and the pure rules a form checks before saving. Standard
library, dates and the services' shared contract only: this is the only part of the resources
capability that ``ui/`` imports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from recoverydesk import dates
from recoverydesk.services.conflicts.types import draft_values, editable_fields
from recoverydesk.services.types import ValidationError, Validator, problems_of

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
# One name per field of a resource: the form, the detail pane, and the spreadsheet's headers.
FIELD_LABELS = {
    "name": "Name",
    "category": "Category",
    "offers": "What it offers",
    "eligibility": "Who is eligible",
    "cost": "Cost",
    "address": "Address",
    "phone": "Phone",
    "email": "Email",
    "website": "Website",
    "opening_hours": "Opening hours",
    "tags": "Tags",
    "last_checked": "Last checked",
    "notes": "Notes",
}
# ... and of a referral (its form and its history).
REFERRAL_LABELS = {
    "resource": "Resource",
    "referred_on": "Date",
    "status": "Status",
    "purpose": "What for",
    "goal_id": "For goal",
    "on": "Date",
    "note": "Note",
    "outcome": "Outcome",
}
LIMITS = {"name": 200, "cost": 200, "phone": 40, "email": 200, "website": 300, "tags": 500}
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
    base_version: int | None = None  # the version the coach started from (services/conflicts)


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
    version: int = 1  # the stored version: what an edit of it starts from

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
        names = editable_fields(ResourceDraft)
        return ResourceDraft(**{n: getattr(self, n) for n in names}, base_version=self.version)


@dataclass(frozen=True)
class StatusChangeDTO:
    status: str
    changed_on: dt.date
    note: str
    recorded_at: dt.datetime

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class ReferralStatusWords:
    """A referral's status in the coach's words and whether it is still open: for the
    Network tab's ReferralDTO and the Overview's lighter row alike (each has ``status``)."""

    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class ReferralDTO(ReferralStatusWords):
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
    version: int = 1  # the stored version: what an edit of its words starts from

    def to_draft(self) -> ReferralDraft:
        return ReferralDraft(self.purpose, self.outcome, self.goal_id, self.version)

    @property
    def last_changed(self) -> dt.date:
        return self.history[-1].changed_on if self.history else self.referred_on


@dataclass(frozen=True)
class ReferralDraft:
    """A referral's words as edited (its statuses are a history, never edited), and the version
    the coach started from (services/conflicts)."""

    purpose: str = ""
    outcome: str = ""
    goal_id: int | None = None
    base_version: int | None = None


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


# -- the rules a form checks ---------------------------------------------------------------
def clean_resource(draft: ResourceDraft, today: dt.date | None = None) -> dict:
    """The draft's fields trimmed and checked (``category`` as its key); raises ValidationError
    naming every problem in plain words."""
    today = today or dt.date.today()
    v = Validator()
    values = draft_values(draft)
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
    values["category"] = category
    return values


def resource_problems(draft: ResourceDraft, today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with ``draft``, by field (empty when it can be saved): for the form."""
    return problems_of(clean_resource, draft, today)


def referral_problems(
    referred_on: dt.date, purpose: str, status: str, today: dt.date | None = None
) -> dict[str, str]:
    """What is wrong with a new referral, by field (empty when it can be made)."""
    today = today or dt.date.today()
    v = Validator()
    v.check(status in STATUS_LABELS, "status", "Please choose a status for the referral.")
    v.check(referred_on <= today, "referred_on", "The referral date is in the future.")
    v.check(
        len(purpose.strip()) <= 2000, "purpose", "Please keep the purpose under 2000 characters."
    )
    return v.errors


def status_change_problems(
    status: str, on: dt.date, referred_on: dt.date | None = None, today: dt.date | None = None
) -> dict[str, str]:
    """What is wrong with moving a referral on, by field (empty when it can be recorded)."""
    today = today or dt.date.today()
    v = Validator()
    v.check(status in STATUS_LABELS, "status", "Please choose a status for the referral.")
    v.check(on <= today, "on", "The date of the change is in the future.")
    if referred_on is not None and on < referred_on:
        v.add("on", "The change is dated before the referral was made.")
    return v.errors


# -- a spreadsheet that could not be imported ------------------------------------------------
MAX_REPORTED = 12


@dataclass(frozen=True)
class CsvProblem:
    line: int  # 1-based line in the file, as a spreadsheet or text editor counts
    column: int | None  # 1-based column, None when the whole row or file is at fault
    column_name: str
    message: str

    def sentence(self) -> str:
        where = f"Line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
            if self.column_name:
                where += f" ({self.column_name})"
        return f"{where}: {self.message}"


class CsvImportError(ValidationError):
    """The file was not imported; ``problems`` says where and why, in plain words."""

    def __init__(self, problems: list[CsvProblem]):
        self.problems = list(problems)
        self.errors = {f"line {p.line}": p.sentence() for p in self.problems}
        shown = [p.sentence() for p in self.problems[:MAX_REPORTED]]
        if len(self.problems) > MAX_REPORTED:
            shown.append(f"…and {len(self.problems) - MAX_REPORTED} more.")
        count = len(self.problems)
        Exception.__init__(
            self,
            f"Nothing was imported: {dates.plural(count, 'problem needs', 'problems need')}"
            " fixing in the file first.\n" + "\n".join(shown),
        )
