"""Invoicing on a team practice (a plain module for the team tests): a coach's own connection
and services, and a plan-managed participant of theirs with claim lines ready to invoice. The
claim details and NDIS numbers are fictional."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from recoverydesk.models import CoachingSession, LocationKind, SessionStatus
from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
)
from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store.server import ServerStore

MELBOURNE = ZoneInfo("Australia/Melbourne")
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
ITEMS = tuple(f"07_10{n}_0106_6_3" for n in range(1, 7)) + ("07_799_0106_6_3",)
DETAILS = ClaimDetails(registration_number="4050099999", abn="83123456790",
                       business_name="Tidewater Coaching", gst_code="P2", default_mmm_zone=1,
                       state="VIC", time_zone="Australia/Melbourne")


class Coach:
    """One coach's own connection and services (row-level security applies)."""

    def __init__(self, cluster, database: str, role: str):
        self.store = ServerStore(cluster.url(database, user=role))
        self.role = role
        self.services = Services(self.store)

    def plan_managed(self, given: str, ndis: str, sessions: int = 1) -> int:
        """A plan-managed participant of this coach's with ``sessions`` completed sessions in
        March, their claim lines derived: ready to invoice."""
        s = self.services
        pid = s.participants.create(ParticipantDraft(given_name=given, family_name="Quokkason",
                                                     ndis_number=ndis)).value.id
        s.claims.save_funding_setup(pid, FundingSetup(management="plan",
                                                      manager_name="Banksia Plan Managers"))
        s.claims.add_agreement(pid, AgreementDraft(
            starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2027, 12, 31),
            items=tuple(AgreedItem(n) for n in ITEMS), nf2f_agreed=False,
            cancellation_percent=100, travel_time_agreed=True, travel_km_agreed=True))
        with self.store.unit_of_work() as session:
            for day in range(sessions):
                start = dt.datetime(2026, 3, 2 + day, 10, tzinfo=MELBOURNE)
                session.add(CoachingSession(
                    participant_id=pid, starts_at=start.astimezone(dt.UTC),
                    duration_minutes=60, status=SessionStatus.COMPLETED, status_reason="",
                    face_to_face=True, location_kind=LocationKind.CAFE))
        s.claims.derive(*MARCH)
        return pid

    def numbers(self) -> list[str]:
        return sorted(i.number for i in self.services.invoices.invoices())

    def close(self) -> None:
        self.services.close()
