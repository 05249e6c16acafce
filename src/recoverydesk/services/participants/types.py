"""The participants capability's contract with the window: the caseload row, the participant
and strength DTOs, the form's draft, the label tables and the pure rules a form checks before it
saves (the NDIS number has 9 digits, a plan ends after it starts, ...).

Standard library only: this is the one participants module ``ui/`` may import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from recoverydesk.services.conflicts.types import draft_values, editable_fields
from recoverydesk.services.types import Validator, problems_of

STATUS_LABELS = {"active": "Active", "paused": "Paused", "exited": "Exited"}
STRENGTH_CATEGORY_LABELS = {
    "personal": "Personal qualities",
    "skills": "Skills and talents",
    "interests": "Interests and passions",
    "relationships": "Relationships",
    "environment": "Places and resources",
    "values": "Values and hopes",
}
# The one name of each field: the form's labels, its accessible names, and anything printed.
FIELD_LABELS = {
    "given_name": "First name",
    "family_name": "Family name",
    "preferred_name": "Preferred name",
    "pronouns": "Pronouns",
    "date_of_birth": "Date of birth",
    "phone": "Phone",
    "email": "Email",
    "address": "Address",
    "ndis_number": "NDIS number",
    "plan_start": "Plan starts",
    "plan_end": "Plan ends",
    "status": "Status",
    "about": "In their words",
}
STRENGTH_FIELD_LABELS = {"category": "Kind", "text": "Strength"}

NAME_LIMIT = 100
STRENGTH_LIMIT = 500
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
    # The version the coach started from (the DTO's ``version``); None for a new participant
    # or a save that asks no questions (scripts, imports). See services/conflicts.
    base_version: int | None = None


@dataclass(frozen=True)
class StrengthDraft:
    """A strength as typed, and the version the coach started from (services/conflicts)."""

    category: str = "personal"
    text: str = ""
    base_version: int | None = None


@dataclass(frozen=True)
class StrengthDTO:
    id: int
    category: str
    text: str
    version: int = 1  # the stored version: what an edit of it starts from

    @property
    def category_label(self) -> str:
        return STRENGTH_CATEGORY_LABELS.get(self.category, self.category)

    def to_draft(self) -> StrengthDraft:
        return StrengthDraft(self.category, self.text, self.version)


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
    version: int = 1  # the stored version: what an edit of it starts from

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
        names = editable_fields(ParticipantDraft)
        return ParticipantDraft(**{n: getattr(self, n) for n in names}, base_version=self.version)


def display_name(given: str, family: str, preferred: str = "") -> str:
    """The name the participant goes by, with the family name for telling people apart."""
    first = preferred.strip() or given.strip()
    return f"{first} {family.strip()}".strip()


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def clean_ndis_number(text: str) -> str:
    """The digits of an NDIS number as typed ("431 234-567" -> "431234567"); "" when empty."""
    return re.sub(r"[\s-]", "", text)


def clean_draft(draft: ParticipantDraft, today: dt.date | None = None) -> dict:
    """Trim and check every field; raise ValidationError listing every problem in plain words.

    Returns the cleaned values by field name (``ndis_number`` None when empty, ``status`` the
    status key)."""
    today = today or dt.date.today()
    v = Validator()
    values = draft_values(draft)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    v.check(bool(values["given_name"]), "given_name", "Please enter the participant's first name.")
    for key in ("given_name", "family_name", "preferred_name"):
        v.check(len(values[key]) <= NAME_LIMIT, key,
                f"That name is too long (over {NAME_LIMIT} characters).")
    ndis = clean_ndis_number(values["ndis_number"])
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
    return values


def check_draft(draft: ParticipantDraft, today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with the draft, by field (empty when it can be saved)."""
    return problems_of(clean_draft, draft, today)


def clean_strength(category: str, text: str) -> tuple[str, str]:
    """The strength's kind and its words, trimmed; raises ValidationError."""
    text = text.strip()
    v = Validator()
    v.check(bool(text), "text", "Please describe the strength in a few words.")
    v.check(len(text) <= STRENGTH_LIMIT, "text", "Please keep a strength under 500 characters.")
    v.check(category in STRENGTH_CATEGORY_LABELS, "category", "Please choose a kind of strength.")
    v.raise_if_any()
    return category, text


def check_strength(category: str, text: str) -> dict[str, str]:
    return problems_of(clean_strength, category, text)


# ---------------------------------------------------------------- the NDIS plan's goals

NDIS_GOALS_LIMIT = 20
NDIS_GOAL_CHARS = 1000


@dataclass(frozen=True)
class NdisGoalDTO:
    """One goal of the participant's NDIS plan, in the plan's own words (a coaching goal may
    say which one it serves)."""

    id: int
    participant_id: int
    text: str
    position: int


def clean_ndis_goal_texts(texts: list[str]) -> list[str]:
    """The NDIS plan's goals, one a line; blank lines dropped, repeats kept once."""
    out = list(dict.fromkeys(" ".join(t.split()) for t in texts if t and t.strip()))
    v = Validator()
    v.check(len(out) <= NDIS_GOALS_LIMIT, "ndis_goals", "Please keep to 20 plan goals or fewer.")
    v.check(
        all(len(t) <= NDIS_GOAL_CHARS for t in out),
        "ndis_goals",
        "Please keep each plan goal under 1,000 characters.",
    )
    v.raise_if_any()
    return out
