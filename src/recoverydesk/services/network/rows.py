"""Reading the network from the store: a contact row as its DTO, a participant's network in the
order the tab shows it. Shared by the service, the eco-map and the Overview's glance."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import Contact
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.network.types import (
    ContactDTO,
    consent_expired,
    consent_expiring_soon,
)
from recoverydesk.services.types import NotFoundError

# A contact's columns a ContactDTO shows (not when the row was written).
CONTACT_COLUMNS = [c for c in Contact.__table__.c if c.key not in ("created_at", "updated_at")]


def to_dto(c: Contact | Row, today: dt.date | None = None) -> ContactDTO:
    today = today or dt.date.today()
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
        consent_expired=consent_expired(c.consent_to_share, c.consent_expires, today),
        consent_expiring_soon=consent_expiring_soon(c.consent_to_share, c.consent_expires, today),
        version=c.version,
    )


def contacts_of(
    s: Session, participant_id: int, include_archived: bool = False, today: dt.date | None = None
) -> list[ContactDTO]:
    """The support network, emergency contacts first, then by closeness and name."""
    # Rows of the columns to_dto reads, not mapped objects: it reads the same names from either.
    found = core_rows(s, *network_read(participant_id, include_archived)).all()
    rows = [to_dto(c, today) for c in found]
    rows.sort(key=lambda c: (c.archived, not c.emergency_contact, -c.closeness, c.name.casefold(),
                             c.id))
    return rows


def network_read(participant_id: int, include_archived: bool = False) -> Read:
    """The read ``contacts_of`` makes."""
    return _network(include_archived), {"participant_id": participant_id}


@cache
def _network(include_archived: bool) -> Select:
    """The participant's (``participant_id``) contacts, those archived too if asked: the columns
    ``to_dto`` reads."""
    stmt = select(*CONTACT_COLUMNS).where(Contact.participant_id == bindparam("participant_id"))
    return stmt if include_archived else stmt.where(Contact.archived.is_(False))


def load_contact(s: Session, contact_id: int) -> Contact:
    contact = s.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError("That person is no longer in the support network.")
    return contact
