"""A practice with NDIS claim details for the Claims view's tests (a plain module:
``from claims_ui_world import ...``). Everyone and every number here is made up: the ABN only
passes the checksum; the registration and NDIS numbers belong to nobody."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
)
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput

MELBOURNE = ZoneInfo("Australia/Melbourne")
ITEMS = tuple(f"07_10{n}_0106_6_3" for n in range(1, 7)) + ("07_799_0106_6_3",)


@dataclass
class ClaimsPractice:
    mele: int  # NDIA-managed: her lines go in the bulk claim file
    ana: int  # plan-managed: her lines are invoiced
    start: dt.date  # the week of the sessions, Monday to Sunday
    end: dt.date


def last_full_week(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week before last: in the past, inside the two years."""
    today = today or dt.date.today()
    monday = today - dt.timedelta(days=today.weekday() + 14)
    return monday, monday + dt.timedelta(days=6)


def claims_practice(services, registration: str = "4050099999") -> ClaimsPractice:
    claims = services.claims
    claims.save_details(ClaimDetails(
        registration_number=registration, abn="83123456790", business_name="Tidewater Coaching",
        gst_code="P2", default_mmm_zone=1, state="VIC", time_zone="Australia/Melbourne"))
    agreement = AgreementDraft(starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2030, 12, 31),
                               items=tuple(AgreedItem(n) for n in ITEMS),
                               cancellation_percent=100, travel_time_agreed=True,
                               travel_km_agreed=True)
    ids = []
    for given, family, ndis, management in (("Mele", "Quokkason", "430000001", "ndia"),
                                            ("Ana", "Bilby", "430000002", "plan")):
        pid = services.participants.create(ParticipantDraft(
            given_name=given, family_name=family, ndis_number=ndis)).value.id
        claims.save_funding_setup(pid, FundingSetup(
            management=management,
            manager_name="Banksia Plan Managers" if management == "plan" else ""))
        claims.add_agreement(pid, agreement)
        ids.append(pid)
    start, end = last_full_week()
    mele, ana = ids
    for pid, day, hour, minutes in ((mele, 0, 10, 60), (mele, 2, 19, 90), (ana, 1, 11, 120)):
        when = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(hour),
                                   tzinfo=MELBOURNE)
        services.sessions.create(pid, SessionInput(starts_at=when, duration_minutes=minutes,
                                                   talked_about="A walk by the river"))
    return ClaimsPractice(mele, ana, start, end)


def open_claims(window, practice: ClaimsPractice):
    """View > Claims, showing the practice's week."""
    window.commands["claims"].trigger()
    view = window.parts.claims.view
    view.filters.choose(practice.start, practice.end)
    return view
