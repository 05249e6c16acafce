"""What claims stand on: the practice's claim details, how each participant's plan is managed,
their service agreements (a change is a new version, so the history stays) and the dated price
and public holiday lists loaded from files."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, fields
from functools import cache
from pathlib import Path

from sqlalchemy import Row, Select, bindparam, func, select
from sqlalchemy.orm import Session

from recoverydesk.models import (
    AgreementItem,
    Participant,
    ParticipantFunding,
    PlanManagement,
    PracticeSetting,
    ServiceAgreement,
)
from recoverydesk.services import audit
from recoverydesk.services.claims import reference
from recoverydesk.services.claims.pricing import PriceBook
from recoverydesk.services.claims.types import (
    FIELD_LABELS,
    AgreedItem,
    Agreement,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
    check_agreement,
    clean_details,
    clean_funding,
)
from recoverydesk.services.core_read import Read, core_rows, grouped, of_participant
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError
from recoverydesk.store.session import Store

PREFIX = "claims."
DETAILS_CHANGED = ChangeSet.of("practice_settings", "claim_details")
REFERENCE_CHANGED = ChangeSet.of("price_list", "public_holidays")


@cache
def _claim_settings() -> Select:
    """The claims settings of the practice as (key, value). No params."""
    return select(PracticeSetting.key, PracticeSetting.value).where(
        PracticeSetting.key.like(PREFIX + "%"))


def details_read() -> Read:
    """The read ``read_details`` makes."""
    return _claim_settings(), {}


def read_details(s: Session) -> ClaimDetails:
    values = {key.removeprefix(PREFIX): value
              for key, value in core_rows(s, *details_read()).all()}
    kinds = {f.name: f.type for f in fields(ClaimDetails)}
    kept: dict[str, str | int] = {}
    for name, value in values.items():
        if kinds.get(name) == "int":
            if value.isdigit():
                kept[name] = int(value)
        elif name in kinds:
            kept[name] = value
    return ClaimDetails(**kept)


@cache
def _funding_setup() -> Select:
    """The participant's (``participant_id``) funding set-up, in FundingSetup's order."""
    f = ParticipantFunding
    return select(f.management, f.manager_name, f.manager_email, f.manager_phone,
                  f.manager_address, f.state, f.mmm_zone).where(
        f.participant_id == bindparam("participant_id"))


def funding_setup_read(participant_id: int) -> Read:
    """The read ``read_funding`` makes."""
    return of_participant(_funding_setup, participant_id)


def read_funding(s: Session, participant_id: int) -> FundingSetup | None:
    row = core_rows(s, *funding_setup_read(participant_id)).first()
    if row is None:
        return None
    management, *rest = row
    return FundingSetup(management.value, *rest)


def agreement_dto(s: Session, row: ServiceAgreement | Row,
                  items: list[AgreedItem] | None = None) -> Agreement:
    """``items``: the agreement's items when already read (else they are read here)."""
    if items is None:
        items = [AgreedItem(i.support_number, i.rate_cents) for i in s.scalars(
            select(AgreementItem).where(AgreementItem.agreement_id == row.id)
            .order_by(AgreementItem.support_number))]
    return Agreement(
        starts_on=row.starts_on, ends_on=row.ends_on, items=tuple(items),
        nf2f_agreed=row.nf2f_agreed, cancellation_percent=row.cancellation_percent,
        cancellation_terms=row.cancellation_terms, travel_time_agreed=row.travel_time_agreed,
        travel_km_agreed=row.travel_km_agreed, travel_cap_minutes=row.travel_cap_minutes,
        travel_terms=row.travel_terms, note=row.note, id=row.id,
        participant_id=row.participant_id, version=row.version, created_at=row.created_at)


_ITEM_COLUMNS = len(ServiceAgreement.__table__.c)  # where an agreement's row has its item's


@cache
def _agreements() -> Select:
    """The participant's (``participant_id``) agreement versions, newest first, each with its
    items by support number; a version without items gives one row of NULL item columns."""
    return (select(*ServiceAgreement.__table__.c, AgreementItem.support_number,
                   AgreementItem.rate_cents)
            .outerjoin(AgreementItem, AgreementItem.agreement_id == ServiceAgreement.id)
            .where(ServiceAgreement.participant_id == bindparam("participant_id"))
            .order_by(ServiceAgreement.version.desc(), AgreementItem.support_number))


def agreements_read(participant_id: int) -> Read:
    """The read ``agreements_of`` makes."""
    return of_participant(_agreements, participant_id)


def agreements_of(s: Session, participant_id: int) -> list[Agreement]:
    """Newest first, in one read however many versions there are."""
    found = core_rows(s, *agreements_read(participant_id)).all()
    return [agreement_dto(s, row, [AgreedItem(*item) for item in items])
            for row, items in grouped(found, _ITEM_COLUMNS).values()]


def agreement_on(agreements: list[Agreement], day: dt.date) -> Agreement | None:
    """The newest version whose period covers ``day`` (``agreements`` newest first)."""
    return next((a for a in agreements
                 if a.starts_on is not None and a.ends_on is not None
                 and a.starts_on <= day <= a.ends_on), None)


class ClaimSetup:
    def __init__(self, store: Store):
        self._store = store

    # -- practice ------------------------------------------------------------------------------

    def details(self) -> ClaimDetails:
        with self._store.read() as s:
            return read_details(s)

    def save_details(self, details: ClaimDetails) -> Changed[ClaimDetails]:
        cleaned = clean_details(details)
        with self._store.unit_of_work() as s:
            changed = []
            for f in fields(ClaimDetails):
                key, value = PREFIX + f.name, str(getattr(cleaned, f.name))
                row = s.get(PracticeSetting, key)
                if row is None:
                    s.add(PracticeSetting(key=key, value=value))
                elif row.value != value:
                    row.value = value
                else:
                    continue
                changed.append(f.name)
            if changed:
                audit.record(s, "claims.details_updated", "practice_settings", None, None,
                             ",".join(changed))
        return Changed(cleaned, DETAILS_CHANGED)

    # -- participants ------------------------------------------------------------------------

    def funding_setup(self, participant_id: int) -> FundingSetup | None:
        """How the plan is managed, or None when the coach has not said yet."""
        with self._store.read() as s:
            return read_funding(s, participant_id)

    def save_funding_setup(self, participant_id: int,
                           setup: FundingSetup) -> Changed[FundingSetup]:
        # The manager's name, email and phone as their columns keep them, on either database.
        cleaned = FundingSetup(**fit(ParticipantFunding, asdict(clean_funding(setup)),
                                     FIELD_LABELS))
        with self._store.unit_of_work() as s:
            _participant(s, participant_id)
            row = s.scalars(select(ParticipantFunding)
                            .where(ParticipantFunding.participant_id == participant_id)).first()
            if row is None:
                row = ParticipantFunding(participant_id=participant_id)
                s.add(row)
            row.management = PlanManagement(cleaned.management)
            row.manager_name, row.manager_email = cleaned.manager_name, cleaned.manager_email
            row.manager_phone, row.manager_address = cleaned.manager_phone, cleaned.manager_address
            row.state, row.mmm_zone = cleaned.state, cleaned.mmm_zone
            audit.record(s, "claims.funding_setup", "participant_funding", None, participant_id,
                         cleaned.management)
        return Changed(cleaned, ChangeSet.of("participant_funding", participant_id=participant_id))

    def agreements(self, participant_id: int) -> list[Agreement]:
        """Every version of the participant's service agreements, newest first."""
        with self._store.read() as s:
            return agreements_of(s, participant_id)

    def agreement_on(self, participant_id: int, day: dt.date) -> Agreement | None:
        return agreement_on(self.agreements(participant_id), day)

    def add_agreement(self, participant_id: int, draft: AgreementDraft) -> Changed[Agreement]:
        """A new version (a first agreement, a renewal or a change); earlier ones stay."""
        check_agreement(draft)
        with self._store.unit_of_work() as s:
            _participant(s, participant_id)
            book = reference.price_book(s)  # a rate above the limit on the start day is refused
            check_agreement(draft, {i.support_number: limit for i in draft.items if (
                limit := book.limit(i.support_number, draft.starts_on)) is not None})
            last = s.scalar(select(func.max(ServiceAgreement.version))
                            .where(ServiceAgreement.participant_id == participant_id)) or 0
            row = ServiceAgreement(
                participant_id=participant_id, version=last + 1, starts_on=draft.starts_on,
                ends_on=draft.ends_on, nf2f_agreed=draft.nf2f_agreed,
                cancellation_percent=draft.cancellation_percent,
                cancellation_terms=draft.cancellation_terms.strip(),
                travel_time_agreed=draft.travel_time_agreed,
                travel_km_agreed=draft.travel_km_agreed,
                travel_cap_minutes=draft.travel_cap_minutes,
                travel_terms=draft.travel_terms.strip(), note=draft.note.strip())
            s.add(row)
            s.flush()
            s.add_all(AgreementItem(agreement_id=row.id, support_number=i.support_number,
                                    rate_cents=i.rate_cents) for i in draft.items)
            s.flush()
            audit.record(s, "claims.agreement_added", "service_agreement", row.id,
                         participant_id, f"version {row.version}")
            result = agreement_dto(s, row)
        return Changed(result, ChangeSet.of("service_agreement", participant_id=participant_id))

    # -- reference data ------------------------------------------------------------------------

    def price_book(self) -> PriceBook:
        with self._store.read() as s:
            return reference.price_book(s)

    def ensure_reference_data(self) -> Changed[bool]:
        """Load the shipped price and holiday lists into a practice that has none."""
        with self._store.unit_of_work() as s:
            loaded = reference.ensure_shipped(s)
        return Changed(loaded, REFERENCE_CHANGED if loaded else ChangeSet())

    def load_price_list(self, path: Path) -> Changed[bool]:
        """Load a price list file (each July's). False when that list was already loaded."""
        data = reference.parse_price_list(reference.read_file(path), path.name)
        with self._store.unit_of_work() as s:
            _row, added = reference.store_price_list(s, data)
            if added:
                audit.record(s, "claims.price_list_loaded", "price_list", _row.id, None,
                             f"{data.name} from {data.effective_from}")
        return Changed(added, REFERENCE_CHANGED if added else ChangeSet())

    def load_holidays(self, path: Path) -> Changed[int]:
        """Load a public holiday file; the number of state lists it added."""
        lists = reference.parse_holidays(reference.read_file(path), path.name)
        with self._store.unit_of_work() as s:
            added = reference.store_holidays(s, lists)
        return Changed(added, REFERENCE_CHANGED if added else ChangeSet())


def _participant(s: Session, participant_id: int) -> Participant:
    row = s.get(Participant, participant_id)
    if row is None:
        raise NotFoundError("That participant is no longer in the practice.")
    return row
