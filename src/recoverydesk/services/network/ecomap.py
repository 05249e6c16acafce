"""The eco-map's plain data: the participant in the centre, their people and services by
group, and the services from the directory they are linked with now (grouped as the review
lists them: support_links.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.charts.ecomap import EcoMapData, EcoNode
from recoverydesk.models import Participant
from recoverydesk.models.resources import Referral, ReferralStatus, Resource
from recoverydesk.services.network.rows import contacts_of
from recoverydesk.services.network.support_links import (
    ECOMAP_GROUPS,
    contact_group,
    resource_group,
)
from recoverydesk.services.network.types import ContactDTO
from recoverydesk.services.types import NotFoundError

LINKED = (ReferralStatus.CONTACTED, ReferralStatus.ATTENDING)  # on the map as services used


def ecomap_data(s: Session, participant_id: int, today: dt.date) -> EcoMapData:
    """Plain data for ``charts.ecomap.ecomap_figure``."""
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    linked = s.execute(
        select(Resource.name, Referral.status, Resource.category)
        .join(Referral.resource)
        .where(
            Referral.participant_id == participant_id,
            Referral.archived.is_(False),
            Referral.status.in_(LINKED),
        )
        .order_by(Resource.name, Resource.id)
    ).all()
    return ecomap_of(p.preferred_name or p.given_name, contacts_of(s, participant_id, False, today),
                     [(name, str(status), str(category)) for name, status, category in linked])


def ecomap_of(centre: str, contacts: list[ContactDTO],
              linked: list[tuple[str, str, str]]) -> EcoMapData:
    """The eco-map of the people and services read already: ``contacts`` the network without
    the archived, ``linked`` (resource name, referral status, resource category) of the
    referrals not archived that are getting in touch or attending, by resource name and id."""
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
        attending = status == ReferralStatus.ATTENDING
        key, label = resource_group(category)  # the review's text lists it the same way
        nodes.append(
            EcoNode(
                label=name,
                group=key,
                group_label=label,
                detail="Attending" if attending else "Getting in touch",
                closeness=2 if attending else 1,
                formal=True,
            )
        )
    order = [key for key, _l, _k in ECOMAP_GROUPS]
    nodes.sort(key=lambda n: (order.index(n.group), -n.closeness, n.label.casefold()))
    return EcoMapData(centre_label=centre, nodes=tuple(nodes), title=f"{centre}'s support network")
