"""The support network on the participant's Overview: who is around them, the emergency
contact, and consent that has expired."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from recoverydesk.dates import plural, short_date
from recoverydesk.services.core_read import Read
from recoverydesk.services.network.rows import contacts_of, network_read
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.sessions import glance as sessions_glance
from recoverydesk.services.types import OverviewLine


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [network_read(participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    contacts = contacts_of(s, participant_id, False, today)
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
                f"{_called(s, participant_id, today)} before sharing anything.",
                attention=True,
                page="network",
                order=41,
            )
        )
    return lines


def _called(s: Session, participant_id: int, today: dt.date) -> str:
    """What the coach calls them: their preferred name, else their given name (from the row
    the Overview's sessions lines have read, not read again)."""
    p = sessions_glance.person(s, participant_id, today)
    if p is None:
        return "them"
    return (p.preferred_name or p.given_name) or display_name(p.given_name, p.family_name)
