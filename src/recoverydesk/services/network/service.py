"""The participant's support network: people and services, consent to share, the eco-map data.

Every write returns ``Changed``: the contact and ``ChangeSet.of("contact", participant_id=...)``.
The rules (labels, what a valid contact is) live in ``types.py``; the eco-map's data in
``ecomap.py``; the Overview's line in ``glance.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from recoverydesk.charts.ecomap import EcoMapData
from recoverydesk.models import Contact, ContactKind, Participant
from recoverydesk.services import audit
from recoverydesk.services.conflicts.service import Editable
from recoverydesk.services.network.ecomap import ecomap_data
from recoverydesk.services.network.rows import contacts_of, load_contact, to_dto
from recoverydesk.services.network.tab import NetworkTabDTO, read_tab
from recoverydesk.services.network.types import (
    CLOSENESS_LABELS,
    FIELD_LABELS,
    KIND_LABELS,
    ContactDraft,
    ContactDTO,
    clean_contact,
    contact_problems,
)
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError
from recoverydesk.store.session import Store

# Two coaches may edit one contact at once (services/conflicts).
CONTACT = Editable("contact", FIELD_LABELS, {"kind": KIND_LABELS, "closeness": CLOSENESS_LABELS},
                   contact_problems)


def _changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("contact", participant_id=participant_id)


def _values(draft: ContactDraft) -> dict:
    values = fit(Contact, clean_contact(draft), FIELD_LABELS)  # on either database
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
            return contacts_of(s, participant_id, include_archived, today)

    def get(self, contact_id: int, today: dt.date | None = None) -> ContactDTO:
        with self._store.read() as s:
            return to_dto(load_contact(s, contact_id), today)

    def expired_consent(
        self, participant_id: int, today: dt.date | None = None
    ) -> list[ContactDTO]:
        return [c for c in self.contacts(participant_id, today=today) if c.consent_expired]

    def tab(self, participant_id: int, include_archived: bool = False,
            today: dt.date | None = None) -> NetworkTabDTO:
        """What the Network & resources tab shows, in one read (see ``tab.py``)."""
        with self._store.read() as s:
            return read_tab(s, participant_id, include_archived, today or dt.date.today())

    def ecomap_data(self, participant_id: int, today: dt.date | None = None) -> EcoMapData:
        """Plain data for ``charts.ecomap.ecomap_figure`` (see ``ecomap.py``)."""
        with self._store.read() as s:
            return ecomap_data(s, participant_id, today or dt.date.today())

    # -- writing ------------------------------------------------------------------------
    def add(self, participant_id: int, draft: ContactDraft) -> Changed[ContactDTO]:
        values = _values(draft)
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            contact = Contact(participant_id=participant_id, **values)
            s.add(contact)
            s.flush()
            audit.record(s, "contact.added", "contact", contact.id, participant_id)
            s.flush()
            s.refresh(contact)
            return Changed(to_dto(contact), _changes(participant_id))

    def update(
        self, contact_id: int, draft: ContactDraft, resolution: str = ""
    ) -> Changed[ContactDTO]:
        """Save the edited contact; a draft from an older version than the stored one raises
        EditConflict (nothing written); ``resolution``: how the coach answered one (audited)."""
        values = _values(draft)

        def save_again(resolved: ContactDraft, how: str) -> Changed[ContactDTO]:
            return self.update(contact_id, resolved, how)

        with (CONTACT.on_stale(draft, lambda: self.get(contact_id), save_again),
              self._store.unit_of_work() as s):
            contact = load_contact(s, contact_id)
            CONTACT.check(contact.version, draft, lambda: to_dto(contact).to_draft(), save_again)
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
            CONTACT.audit(s, resolution, contact.id, contact.participant_id, changed)
            s.flush()
            return Changed(to_dto(contact), _changes(contact.participant_id))

    def set_archived(self, contact_id: int, archived: bool) -> Changed[ContactDTO]:
        """Archive (hide from the network, keep the record) or restore a contact."""
        with self._store.unit_of_work() as s:
            contact = load_contact(s, contact_id)
            if contact.archived != archived:
                contact.archived = archived
                action = "contact.archived" if archived else "contact.restored"
                audit.record(s, action, "contact", contact.id, contact.participant_id)
            s.flush()
            return Changed(to_dto(contact), _changes(contact.participant_id))

    def renew_consent(
        self, contact_id: int, given_on: dt.date, expires: dt.date | None, scope: str | None = None
    ) -> Changed[ContactDTO]:
        """Record fresh consent to share (the usual fix for an expired flag)."""
        current = self.get(contact_id)
        draft = replace(
            current.to_draft(),
            consent_to_share=True,
            consent_given_on=given_on,
            consent_expires=expires,
            consent_scope=current.consent_scope if scope is None else scope,
        )
        return self.update(contact_id, draft)
