"""A small fictional practice for the claims tests (plain module: ``from claims_world import``).

Everyone and every number here is made up: the ABN only passes the checksum, the registration
and NDIS numbers belong to nobody."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from recoverydesk.models import CoachingSession, LocationKind, SessionStatus
from recoverydesk.services.claims.service import ClaimsService
from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
)
from recoverydesk.services.participants.service import ParticipantService
from recoverydesk.services.participants.types import ParticipantDraft

MELBOURNE = ZoneInfo("Australia/Melbourne")
ABN = "83123456790"  # fictional; passes the ABN checksum
REGISTRATION = "4050099999"
ITEMS = tuple(f"07_10{n}_0106_6_3" for n in range(1, 7)) + ("07_799_0106_6_3",)


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=MELBOURNE)


def details(**changes) -> ClaimDetails:
    values = dict(registration_number=REGISTRATION, abn=ABN, business_name="Tidewater Coaching",
                  gst_code="P2", default_mmm_zone=1, state="VIC",
                  time_zone="Australia/Melbourne")
    values.update(changes)
    return ClaimDetails(**values)


def agreement(**changes) -> AgreementDraft:
    values = dict(starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2027, 12, 31),
                  items=tuple(AgreedItem(n) for n in ITEMS), nf2f_agreed=False,
                  cancellation_percent=100, travel_time_agreed=True, travel_km_agreed=True)
    values.update(changes)
    return AgreementDraft(**values)


class World:
    """A practice with claim details and one NDIA-managed participant (Mele) by default."""

    def __init__(self, store):
        self.store = store
        self.claims = ClaimsService(store)
        self.people = ParticipantService(store)
        self.claims.save_details(details())

    def person(self, given: str = "Mele", ndis: str | None = "430000001",
               management: str = "ndia", with_agreement: bool = True, **funding) -> int:
        pid = self.people.create(ParticipantDraft(given_name=given, family_name="Quokkason",
                                                  ndis_number=ndis or "")).value.id
        self.claims.save_funding_setup(pid, FundingSetup(
            management=management,
            manager_name="Banksia Plan Managers" if management == "plan" else "", **funding))
        if with_agreement:
            self.claims.add_agreement(pid, agreement())
        return pid

    def session(self, pid: int, start: dt.datetime, minutes: int = 60, *,
                status: str = "completed", face_to_face: bool = True, reason: str = "",
                travel_minutes: int = 0, travel_km: float = 0.0) -> int:
        with self.store.unit_of_work() as s:
            row = CoachingSession(
                participant_id=pid, starts_at=start.astimezone(dt.UTC),
                duration_minutes=minutes, status=SessionStatus(status),
                status_reason=reason, face_to_face=face_to_face,
                location_kind=LocationKind.CAFE if face_to_face else LocationKind.PHONE,
                travel_minutes=travel_minutes, travel_km=travel_km)
            s.add(row)
            s.flush()
            return row.id
