"""What the Network & resources tab shows of one participant, read at once: the network, their
referrals, the goals a referral may serve, and the eco-map drawn from the people and referrals
just read (``ecomap_of``), not read again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.charts.ecomap import EcoMapData
from recoverydesk.models import Goal, Participant
from recoverydesk.services.core_read import core_rows, of_participant, read_ahead
from recoverydesk.services.network.ecomap import LINKED, ecomap_of
from recoverydesk.services.network.rows import contacts_of, network_read
from recoverydesk.services.network.types import ContactDTO
from recoverydesk.services.resources.rows import referrals_of, referrals_reads
from recoverydesk.services.resources.types import ReferralDTO
from recoverydesk.services.types import NotFoundError


@dataclass(frozen=True)
class NetworkTabDTO:
    contacts: list[ContactDTO]  # as ``NetworkService.contacts`` gives them
    referrals: list[ReferralDTO]  # as ``ReferralService.of`` gives them (not archived)
    goals: list[tuple[int, str]]  # (id, title) in the coach's order, as ``GoalService.titles``
    ecomap: EcoMapData  # as ``NetworkService.ecomap_data`` gives it


def read_tab(s: Session, participant_id: int, include_archived: bool,
             today: dt.date) -> NetworkTabDTO:
    read_ahead(s, [of_participant(_called, participant_id),
                   network_read(participant_id, include_archived),
                   *referrals_reads(participant_id, False),
                   of_participant(_goal_titles, participant_id)])
    called = core_rows(s, *of_participant(_called, participant_id)).first()
    if called is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    contacts = contacts_of(s, participant_id, include_archived, today)
    referrals = referrals_of(s, participant_id, False)
    goals = [(gid, title) for gid, title
             in core_rows(s, *of_participant(_goal_titles, participant_id)).all()]
    linked = sorted((r for r in referrals if r.status in LINKED),
                    key=lambda r: (r.resource_name, r.resource_id))
    ecomap = ecomap_of(called.preferred_name or called.given_name,
                       [c for c in contacts if not c.archived],
                       [(r.resource_name, r.status, r.resource_category) for r in linked])
    return NetworkTabDTO(contacts, referrals, goals, ecomap)


@cache
def _called() -> Select:
    """(preferred_name, given_name) of the participant ``participant_id``."""
    return (select(Participant.preferred_name, Participant.given_name)
            .where(Participant.id == bindparam("participant_id")))


@cache
def _goal_titles() -> Select:
    """(id, title) of the participant's (``participant_id``) goals in the coach's order."""
    return (select(Goal.id, Goal.title).where(Goal.participant_id == bindparam("participant_id"))
            .order_by(Goal.position, Goal.id))
