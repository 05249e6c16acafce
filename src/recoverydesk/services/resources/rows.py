"""Reading the directory and referrals from the store: rows as DTOs, loading one by id, a
participant's referrals in the order the tab shows them. Shared by the services and the glance."""

from __future__ import annotations

from functools import cache, partial

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models.resources import Referral, ReferralStatusChange, Resource
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.resources.types import ReferralDTO, ResourceDTO, StatusChangeDTO
from recoverydesk.services.types import NotFoundError


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
        version=r.version,
    )


def referral_dto(r: Referral) -> ReferralDTO:
    history = tuple(
        StatusChangeDTO(h.status.value, h.changed_on, h.note, h.recorded_at) for h in r.history)
    return _referral_dto(r, r.resource.name, r.resource.category, r.resource.phone, history)


def referrals_reads(participant_id: int, include_archived: bool) -> list[Read]:
    """What ``referrals_of`` reads (the histories only when there are referrals)."""
    who = {"participant_id": participant_id}
    return [(_referrals(include_archived), who), (_histories(), who)]


def referrals_of(s: Session, participant_id: int, include_archived: bool) -> list[ReferralDTO]:
    """Open referrals first (newest first), then the finished ones."""
    # Rows, two queries (the referrals with their resource's columns, then their histories),
    # not mapped objects with two relationships loaded: the Overview and the Network tab read it.
    run = partial(core_rows, s)
    who = {"participant_id": participant_id}
    referrals = run(_referrals(include_archived), who).all()
    history: dict[int, list[StatusChangeDTO]] = {r.id: [] for r in referrals}
    if referrals:
        for h in run(_histories(), who).all():
            if h.referral_id in history:
                history[h.referral_id].append(
                    StatusChangeDTO(h.status.value, h.changed_on, h.note, h.recorded_at))
    rows = [_referral_row_dto(r, tuple(history[r.id])) for r in referrals]
    rows.sort(key=lambda r: (not r.is_open, -r.last_changed.toordinal(), -r.id))
    return rows


@cache
def _referrals(include_archived: bool) -> Select:
    """The participant's (``participant_id``) referrals, those archived too if asked: their
    columns but when the row was written, with their resource's name, category and phone."""
    stmt = (
        select(*[c for c in Referral.__table__.c if c.key not in ("created_at", "updated_at")],
               Resource.name.label("resource_name"),
               Resource.category.label("resource_category"),
               Resource.phone.label("resource_phone"))
        .join(Resource, Resource.id == Referral.resource_id)
        .where(Referral.participant_id == bindparam("participant_id"))
    )
    return stmt if include_archived else stmt.where(Referral.archived.is_(False))


@cache
def _histories() -> Select:
    """The status changes of every referral of the participant (``participant_id``), in order
    (the referral's id first)."""
    return (
        select(ReferralStatusChange.referral_id, ReferralStatusChange.status,
               ReferralStatusChange.changed_on, ReferralStatusChange.note,
               ReferralStatusChange.recorded_at)
        .join(Referral, Referral.id == ReferralStatusChange.referral_id)
        .where(Referral.participant_id == bindparam("participant_id"))
        .order_by(ReferralStatusChange.changed_on, ReferralStatusChange.id)
    )


def _referral_row_dto(r: Row, history: tuple[StatusChangeDTO, ...]) -> ReferralDTO:
    return _referral_dto(r, r.resource_name, r.resource_category, r.resource_phone, history)


def _referral_dto(r, resource_name: str, resource_category, resource_phone: str,
                  history: tuple[StatusChangeDTO, ...]) -> ReferralDTO:
    """A referral (a mapped object or a row of its columns) with its resource's words."""
    return ReferralDTO(
        id=r.id,
        participant_id=r.participant_id,
        resource_id=r.resource_id,
        resource_name=resource_name,
        resource_category=resource_category.value,
        resource_phone=resource_phone,
        goal_id=r.goal_id,
        referred_on=r.referred_on,
        purpose=r.purpose,
        status=r.status.value,
        outcome=r.outcome,
        archived=r.archived,
        history=history,
        version=r.version,
    )


def load_resource(s: Session, resource_id: int) -> Resource:
    resource = s.get(Resource, resource_id)
    if resource is None:
        raise NotFoundError("That resource is no longer in the directory.")
    return resource


def load_referral(s: Session, referral_id: int) -> Referral:
    referral = s.scalar(
        select(Referral)
        .where(Referral.id == referral_id)
        .options(selectinload(Referral.history), selectinload(Referral.resource))
        .execution_options(populate_existing=True)
    )
    if referral is None:
        raise NotFoundError("That referral no longer exists.")
    return referral
