"""Store rows to plain data for claims: claim lines with their participant, the sessions of a
period as SessionFacts, and what deriving needs to know per participant (place, agreement)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import (
    ClaimLine,
    CoachingSession,
    Participant,
    ParticipantFunding,
    SessionStatus,
)
from recoverydesk.services.claims import reference
from recoverydesk.services.claims.lines import Place, SessionFacts, Terms
from recoverydesk.services.claims.pricing import PriceBook, time_zone, wall_clock
from recoverydesk.services.claims.setup import (
    agreement_on,
    agreements_of,
    agreements_read,
    details_read,
    read_details,
    read_funding,
)
from recoverydesk.services.claims.types import (
    Agreement,
    ClaimDetails,
    ClaimLineRow,
    FundingSetup,
)
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.types import NotFoundError


def _row(line: ClaimLine, person: Participant, management: str) -> ClaimLineRow:
    return ClaimLineRow(
        id=line.id, participant_id=line.participant_id,
        participant_name=display_name(person.given_name, person.family_name,
                                      person.preferred_name),
        ndis_number=person.ndis_number or "", management=management,
        session_id=line.session_id, source_key=line.source_key,
        support_date=line.support_date, support_number=line.support_number,
        claim_type=line.claim_type, cancellation_reason=line.cancellation_reason,
        quantity_centi=line.quantity_centi, unit_price_cents=line.unit_price_cents,
        status=line.status.value, edit_reason=line.edit_reason,
        rejection_reason=line.rejection_reason, batch_id=line.batch_id)


def _query():
    return (select(ClaimLine, Participant, ParticipantFunding.management)
            .join(Participant, Participant.id == ClaimLine.participant_id)
            .outerjoin(ParticipantFunding,
                       ParticipantFunding.participant_id == ClaimLine.participant_id))


def line_rows(s: Session, start: dt.date, end: dt.date, participant_id: int | None,
              statuses: tuple[str, ...]) -> list[ClaimLineRow]:
    query = _query().where(ClaimLine.support_date.between(start, end))
    if participant_id is not None:
        query = query.where(ClaimLine.participant_id == participant_id)
    if statuses:
        query = query.where(ClaimLine.status.in_(statuses))
    query = query.order_by(ClaimLine.support_date, ClaimLine.participant_id, ClaimLine.id)
    return [_row(line, person, management.value if management else "")
            for line, person, management in s.execute(query)]


def line_row(s: Session, line_id: int) -> ClaimLineRow:
    found = s.execute(_query().where(ClaimLine.id == line_id)).first()
    if found is None:
        raise NotFoundError("That claim line is no longer in the practice.")
    line, person, management = found
    return _row(line, person, management.value if management else "")


_FACT_COLUMNS = (CoachingSession.id, CoachingSession.participant_id, CoachingSession.starts_at,
                 CoachingSession.duration_minutes, CoachingSession.face_to_face,
                 CoachingSession.status, CoachingSession.status_reason,
                 CoachingSession.travel_km, CoachingSession.travel_minutes)


@cache
def _sessions(of_one: bool, planned_only: bool) -> Select:
    """The SessionFacts columns of sessions starting from ``wide_from`` to before ``wide_to``,
    in time order: of one participant (``participant_id``) or everyone's; planned only or all."""
    query = select(*_FACT_COLUMNS).where(CoachingSession.starts_at >= bindparam("wide_from"),
                                         CoachingSession.starts_at < bindparam("wide_to"))
    if of_one:
        query = query.where(CoachingSession.participant_id == bindparam("participant_id"))
    if planned_only:
        query = query.where(CoachingSession.status == SessionStatus.PLANNED)
    return query.order_by(CoachingSession.starts_at, CoachingSession.id)


def _sessions_params(start: dt.date, end: dt.date, participant_id: int | None) -> dict:
    """The period widened (Australia is ahead of UTC: a local day starts the UTC day before)."""
    return {"wide_from": dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), dt.UTC),
            "wide_to": dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), dt.UTC),
            "participant_id": participant_id}


def _facts_in(found, start: dt.date, end: dt.date, zone: dt.tzinfo | None) -> list[SessionFacts]:
    """The sessions read whose local day falls from ``start`` to ``end``."""
    out = []
    for sid, pid, starts_at, minutes, face_to_face, status, reason, km, travel in found:
        if start <= wall_clock(starts_at, zone).date() <= end:
            out.append(SessionFacts(sid, pid, starts_at, minutes, face_to_face, status.value,
                                    reason, km or 0.0, travel or 0))
    return out


def sessions_in(s: Session, start: dt.date, end: dt.date, participant_id: int | None,
                zone: dt.tzinfo | None) -> list[SessionFacts]:
    """Sessions of every status whose local day falls in the period (everyone's when
    ``participant_id`` is None)."""
    found = core_rows(s, _sessions(participant_id is not None, False),
                      _sessions_params(start, end, participant_id)).all()
    return _facts_in(found, start, end, zone)


def planned_in(s: Session, start: dt.date, end: dt.date, participant_id: int,
               zone: dt.tzinfo | None) -> list[SessionFacts]:
    """The participant's planned sessions whose local day falls in the period (only the
    planned ones are read)."""
    found = core_rows(s, *planned_read(start, end, participant_id)).all()
    return _facts_in(found, start, end, zone)


def planned_read(start: dt.date, end: dt.date, participant_id: int) -> Read:
    """The read ``planned_in`` makes."""
    return _sessions(True, True), _sessions_params(start, end, participant_id)


@dataclass
class DeriveContext:
    """What deriving lines needs, read once: the price book, the practice's details, and per
    participant their place and agreements (cached)."""

    book: PriceBook
    details: ClaimDetails
    place_zone: dt.tzinfo | None
    _places: dict[int, Place] = field(default_factory=dict)
    _agreements: dict[int, list[Agreement]] = field(default_factory=dict)

    @staticmethod
    def reads() -> list[Read]:
        """What ``read`` reads, to name ahead."""
        return [details_read(), *reference.price_book_reads()]

    @classmethod
    def read(cls, s: Session) -> DeriveContext:
        details = read_details(s)
        return cls(reference.price_book(s), details, time_zone(details.time_zone))

    def place(self, s: Session, participant_id: int) -> Place:
        if participant_id not in self._places:
            self._places[participant_id] = self._place_of(read_funding(s, participant_id))
        return self._places[participant_id]

    def _place_of(self, setup: FundingSetup | None) -> Place:
        state = (setup.state if setup else "") or self.details.state
        zone = (setup.mmm_zone if setup else None) or self.details.default_mmm_zone
        return Place(state, zone, self.place_zone)

    def knowing(self, participant_id: int, setup: FundingSetup | None,
                agreements: list[Agreement]) -> DeriveContext:
        """This context, told the participant's funding set-up and agreements a caller has
        read already (the Funding tab), so they are not read again."""
        self._places[participant_id] = self._place_of(setup)
        self._agreements[participant_id] = agreements
        return self

    def agreement_reads(self, participant_id: int) -> list[Read]:
        """What ``agreement`` would read for this participant (nothing once it has)."""
        return [] if participant_id in self._agreements else [agreements_read(participant_id)]

    def agreement(self, s: Session, participant_id: int, day: dt.date) -> Agreement | None:
        if participant_id not in self._agreements:
            self._agreements[participant_id] = agreements_of(s, participant_id)
        return agreement_on(self._agreements[participant_id], day)

    def terms(self, s: Session, participant_id: int, facts: SessionFacts,
              place: Place) -> Terms | None:
        agreement = self.agreement(s, participant_id, wall_clock(facts.starts_at,
                                                                 place.zone).date())
        if agreement is None:
            return None
        return Terms(agreement.nf2f_agreed, agreement.cancellation_percent,
                     agreement.travel_time_agreed, agreement.travel_km_agreed,
                     agreement.travel_cap_minutes,
                     {i.support_number: i.rate_cents for i in agreement.items})
