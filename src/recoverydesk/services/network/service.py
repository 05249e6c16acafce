"""The participant's support network: people and services, consent to share, the eco-map data.

Consent is checked against a date: ``ContactDTO.consent_expired`` is True when consent was given
with an expiry date that has passed, so every place that shows a contact (the tab, the WRAP
supporters, printed reports) can flag it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.charts.ecomap import EcoMapData, EcoNode
from recoverydesk.dates import plural, short_date
from recoverydesk.models import Contact, ContactKind, Participant
from recoverydesk.models.resources import Referral, ReferralStatus, Resource
from recoverydesk.services import audit
from recoverydesk.services.network.support_links import ECOMAP_GROUPS, contact_group, resource_group
from recoverydesk.services.participants.service import display_name
from recoverydesk.services.types import NotFoundError, OverviewLine, Validator
from recoverydesk.store import Store

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
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ContactDraft:
    """What the coach typed in the contact form (the service cleans and checks it)."""

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
        names = {f.name for f in fields(ContactDraft)}
        return ContactDraft(**{n: getattr(self, n) for n in names})


def consent_expired(consent: bool, expires: dt.date | None, today: dt.date) -> bool:
    return bool(consent) and expires is not None and expires < today


def to_dto(c: Contact, today: dt.date | None = None) -> ContactDTO:
    today = today or dt.date.today()
    expired = consent_expired(c.consent_to_share, c.consent_expires, today)
    soon = (
        not expired
        and c.consent_to_share
        and c.consent_expires is not None
        and c.consent_expires <= today + dt.timedelta(days=30)
    )
    return ContactDTO(
        id=c.id,
        participant_id=c.participant_id,
        name=c.name,
        kind=c.kind.value,
        relationship_text=c.relationship_text,
        organisation=c.organisation,
        formal=c.formal,
        phone=c.phone,
        email=c.email,
        emergency_contact=c.emergency_contact,
        closeness=c.closeness,
        strained=c.strained,
        consent_to_share=c.consent_to_share,
        consent_scope=c.consent_scope,
        consent_given_on=c.consent_given_on,
        consent_expires=c.consent_expires,
        notes=c.notes,
        archived=c.archived,
        consent_expired=expired,
        consent_expiring_soon=soon,
    )


def clean_contact(draft: ContactDraft) -> dict:
    """Trim and check every field; raise ValidationError listing every problem in plain words."""
    v = Validator()
    values = {f.name: getattr(draft, f.name) for f in fields(ContactDraft)}
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
        if given and given > dt.date.today():
            v.add("consent_given_on", "The date consent was given is in the future.")
    else:
        # Without consent there is nothing to date or scope: keep the record tidy.
        values["consent_scope"] = ""
        values["consent_given_on"] = None
        values["consent_expires"] = None
    v.raise_if_any()
    values["kind"] = ContactKind(values["kind"])
    return values


class NetworkService:
    def __init__(self, store: Store):
        self._store = store

    # -- reading ------------------------------------------------------------------------
    def contacts(
        self, participant_id: int, include_archived: bool = False, today: dt.date | None = None
    ) -> list[ContactDTO]:
        """The support network, emergency contacts first, then by closeness and name."""
        with self._store.read() as s:
            return _contacts(s, participant_id, include_archived, today)

    def get(self, contact_id: int, today: dt.date | None = None) -> ContactDTO:
        with self._store.read() as s:
            return to_dto(_load(s, contact_id), today)

    def expired_consent(
        self, participant_id: int, today: dt.date | None = None
    ) -> list[ContactDTO]:
        return [c for c in self.contacts(participant_id, today=today) if c.consent_expired]

    def ecomap_data(self, participant_id: int, today: dt.date | None = None) -> EcoMapData:
        """Plain data for ``charts.ecomap.ecomap_figure``: the participant, their people and
        services by group, and the services they are linked with now (grouped as the review lists
        them: services/support_links.py)."""
        today = today or dt.date.today()
        with self._store.read() as s:
            p = s.get(Participant, participant_id)
            if p is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            centre = p.preferred_name or p.given_name
            contacts = _contacts(s, participant_id, False, today)
            linked = s.execute(
                select(Resource.name, Referral.status, Resource.category)
                .join(Referral.resource)
                .where(
                    Referral.participant_id == participant_id,
                    Referral.archived.is_(False),
                    Referral.status.in_([ReferralStatus.CONTACTED, ReferralStatus.ATTENDING]),
                )
                .order_by(Resource.name)
            ).all()
        nodes = []
        for c in contacts:
            key, label = contact_group(c.kind)
            nodes.append(
                EcoNode(
                    label=c.name,
                    group=key,
                    group_label=label,
                    detail=c.relationship_text or c.kind_label,
                    closeness=c.closeness,
                    strained=c.strained,
                    formal=c.formal,
                    emergency=c.emergency_contact,
                    consent_expired=c.consent_expired,
                )
            )
        seen = set()
        for name, status, category in linked:
            if name in seen:
                continue
            seen.add(name)
            key, label = resource_group(category)  # the review's text lists it the same way
            nodes.append(
                EcoNode(
                    label=name,
                    group=key,
                    group_label=label,
                    detail="Attending"
                    if status == ReferralStatus.ATTENDING
                    else "Getting in touch",
                    closeness=2 if status == ReferralStatus.ATTENDING else 1,
                    formal=True,
                )
            )
        order = [key for key, _l, _k in ECOMAP_GROUPS]
        nodes.sort(key=lambda n: (order.index(n.group), -n.closeness, n.label.casefold()))
        return EcoMapData(
            centre_label=centre, nodes=tuple(nodes), title=f"{centre}'s support network"
        )

    # -- writing ------------------------------------------------------------------------
    def add(self, participant_id: int, draft: ContactDraft) -> ContactDTO:
        values = clean_contact(draft)
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            contact = Contact(participant_id=participant_id, **values)
            s.add(contact)
            s.flush()
            audit.record(s, "contact.added", "contact", contact.id, participant_id)
            s.flush()
            s.refresh(contact)
            return to_dto(contact)

    def update(self, contact_id: int, draft: ContactDraft) -> ContactDTO:
        values = clean_contact(draft)
        with self._store.unit_of_work() as s:
            contact = _load(s, contact_id)
            changed = [k for k, v in values.items() if getattr(contact, k) != v]
            for key in changed:
                setattr(contact, key, values[key])
            if changed:
                audit.record(
                    s,
                    "contact.updated",
                    "contact",
                    contact.id,
                    contact.participant_id,
                    ",".join(changed),
                )
            s.flush()
            return to_dto(contact)

    def set_archived(self, contact_id: int, archived: bool) -> ContactDTO:
        """Archive (hide from the network, keep the record) or restore a contact."""
        with self._store.unit_of_work() as s:
            contact = _load(s, contact_id)
            if contact.archived != archived:
                contact.archived = archived
                action = "contact.archived" if archived else "contact.restored"
                audit.record(s, action, "contact", contact.id, contact.participant_id)
            s.flush()
            return to_dto(contact)

    def renew_consent(
        self, contact_id: int, given_on: dt.date, expires: dt.date | None, scope: str | None = None
    ) -> ContactDTO:
        """Record fresh consent to share (the usual fix for an expired flag)."""
        current = self.get(contact_id)
        draft = current.to_draft()
        from dataclasses import replace

        draft = replace(
            draft,
            consent_to_share=True,
            consent_given_on=given_on,
            consent_expires=expires,
            consent_scope=current.consent_scope if scope is None else scope,
        )
        return self.update(contact_id, draft)


def _contacts(
    s: Session, participant_id: int, include_archived: bool, today: dt.date | None
) -> list[ContactDTO]:
    stmt = select(Contact).where(Contact.participant_id == participant_id)
    if not include_archived:
        stmt = stmt.where(Contact.archived.is_(False))
    rows = [to_dto(c, today) for c in s.scalars(stmt)]
    rows.sort(key=lambda c: (c.archived, not c.emergency_contact, -c.closeness, c.name.casefold()))
    return rows


def _load(s: Session, contact_id: int) -> Contact:
    contact = s.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError("That person is no longer in the support network.")
    return contact


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    contacts = _contacts(s, participant_id, False, today)
    if not contacts:
        return [
            OverviewLine(
                "Support network",
                "No one noted yet. Map who is around them together: family, friends, services.",
                page="network",
                order=40,
                prompt=True,
            )
        ]
    informal = sum(1 for c in contacts if not c.formal)
    formal = len(contacts) - informal
    text = (
        f"{len(contacts)} in the network: {plural(informal, 'person', 'people')} close to them "
        f"and {plural(formal, 'service')}."
    )
    emergency = [c.name for c in contacts if c.emergency_contact]
    if emergency:
        text += f" Emergency contact: {', '.join(emergency)}."
    lines = [OverviewLine("Support network", text, page="network", order=40)]
    expired = [c for c in contacts if c.consent_expired]
    if expired:
        who = ", ".join(f"{c.name} ({short_date(c.consent_expires)})" for c in expired)
        lines.append(
            OverviewLine(
                "Consent to share",
                f"Consent has expired for {who}. Check with "
                f"{display_name_for(s, participant_id)} before sharing anything.",
                attention=True,
                page="network",
                order=41,
            )
        )
    return lines


def display_name_for(s: Session, participant_id: int) -> str:
    p = s.get(Participant, participant_id)
    if p is None:
        return "them"
    return (p.preferred_name or p.given_name) or display_name(p.given_name, p.family_name)
