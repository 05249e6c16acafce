"""The support network as the window sees it: who someone is to the participant, how close, and
whether consent to share information with them is current. Pure (standard library, dates and
the services' shared contract only): this is the only part of the network capability that
``ui/`` imports.

Consent is checked against a date: ``ContactDTO.consent_expired`` is True when consent was given
with an expiry date that has passed, so every place that shows a contact (the tab, the WRAP
supporters, printed reports) can flag it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from recoverydesk.dates import short_date
from recoverydesk.services.conflicts.types import draft_values, editable_fields
from recoverydesk.services.types import Validator, problems_of

KIND_LABELS = {
    "family": "Family",
    "friend": "Friend",
    "carer": "Carer",
    "gp": "GP",
    "psychiatrist": "Psychiatrist",
    "case_manager": "Case manager",
    "support_coordinator": "Support coordinator",
    "peer_worker": "Peer worker",
    "other": "Other",
}
# Kinds that are usually paid or professional (the form suggests "formal" for these).
FORMAL_KINDS = frozenset(
    {"gp", "psychiatrist", "case_manager", "support_coordinator", "peer_worker"}
)
CLOSENESS_LABELS = {1: "Distant", 2: "Supportive", 3: "Very close"}
# One name per field: the form's labels, the messages and anything printed use these.
FIELD_LABELS = {
    "name": "Name",
    "kind": "Kind",
    "relationship_text": "Who they are",
    "organisation": "Organisation",
    "formal": "Formal support",
    "phone": "Phone",
    "email": "Email",
    "emergency_contact": "Emergency contact",
    "closeness": "How close",
    "strained": "Strained",
    "consent_to_share": "Consent to share",
    "consent_scope": "What may be shared",
    "consent_given_on": "Consent given on",
    "consent_expires": "Consent expires on",
    "notes": "Notes",
}
EXPIRING_SOON_DAYS = 30
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ContactDraft:
    """What the coach typed in the contact form (``clean_contact`` trims and checks it)."""

    name: str = ""
    kind: str = "other"
    relationship_text: str = ""
    organisation: str = ""
    formal: bool = False
    phone: str = ""
    email: str = ""
    emergency_contact: bool = False
    closeness: int = 2
    strained: bool = False
    consent_to_share: bool = False
    consent_scope: str = ""
    consent_given_on: dt.date | None = None
    consent_expires: dt.date | None = None
    notes: str = ""
    base_version: int | None = None  # the version the coach started from (services/conflicts)


@dataclass(frozen=True)
class ContactDTO:
    id: int
    participant_id: int
    name: str
    kind: str
    relationship_text: str
    organisation: str
    formal: bool
    phone: str
    email: str
    emergency_contact: bool
    closeness: int
    strained: bool
    consent_to_share: bool
    consent_scope: str
    consent_given_on: dt.date | None
    consent_expires: dt.date | None
    notes: str
    archived: bool
    consent_expired: bool  # consent was given, with an expiry date that has passed
    consent_expiring_soon: bool = False  # within 30 days
    version: int = 1  # the stored version: what an edit of it starts from

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def role(self) -> str:
        """How the participant would describe them: "Sister", "GP at Seaview Medical"."""
        role = self.relationship_text or self.kind_label
        return f"{role}, {self.organisation}" if self.organisation else role

    @property
    def may_share(self) -> bool:
        """True only while consent to share is current."""
        return self.consent_to_share and not self.consent_expired

    @property
    def consent_summary(self) -> str:
        if not self.consent_to_share:
            return "No consent to share information"
        if self.consent_expired:
            return f"Consent expired {short_date(self.consent_expires)}"
        text = "Consent to share"
        if self.consent_scope:
            text += f": {self.consent_scope}"
        if self.consent_expires:
            text += f" (until {short_date(self.consent_expires)})"
        return text

    def to_draft(self) -> ContactDraft:
        names = editable_fields(ContactDraft)
        return ContactDraft(**{n: getattr(self, n) for n in names}, base_version=self.version)


def consent_expired(consent: bool, expires: dt.date | None, today: dt.date) -> bool:
    return bool(consent) and expires is not None and expires < today


def consent_expiring_soon(consent: bool, expires: dt.date | None, today: dt.date) -> bool:
    """Consent still holds but ends within ``EXPIRING_SOON_DAYS``."""
    return (
        bool(consent)
        and expires is not None
        and today <= expires <= today + dt.timedelta(days=EXPIRING_SOON_DAYS)
    )


def clean_contact(draft: ContactDraft, today: dt.date | None = None) -> dict:
    """The draft's fields trimmed and checked (``kind`` stays its key); raises ValidationError
    listing every problem in plain words."""
    today = today or dt.date.today()
    v = Validator()
    values = draft_values(draft)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    v.check(bool(values["name"]), "name", "Please enter a name (a person or a service).")
    v.check(len(values["name"]) <= 200, "name", "Please keep the name under 200 characters.")
    v.check(values["kind"] in KIND_LABELS, "kind", "Please choose who they are to the person.")
    v.check(values["closeness"] in (1, 2, 3), "closeness", "Please choose how close they are.")
    if values["email"] and not _EMAIL.match(values["email"]):
        v.add("email", "That email address does not look complete (like name@example.com).")
    v.check(len(values["phone"]) <= 40, "phone", "That phone number is too long.")
    given, expires = values["consent_given_on"], values["consent_expires"]
    if values["consent_to_share"]:
        v.check(
            given is not None,
            "consent_given_on",
            "Please note the date consent to share was given.",
        )
        if given and expires and expires < given:
            v.add("consent_expires", "Consent cannot expire before the day it was given.")
        if given and given > today:
            v.add("consent_given_on", "The date consent was given is in the future.")
    else:
        # Without consent there is nothing to date or scope: keep the record tidy.
        values["consent_scope"] = ""
        values["consent_given_on"] = None
        values["consent_expires"] = None
    v.raise_if_any()
    return values


def contact_problems(draft: ContactDraft, today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with ``draft``, by field (empty when it can be saved): for the form."""
    return problems_of(clean_contact, draft, today)
