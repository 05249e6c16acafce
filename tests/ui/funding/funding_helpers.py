"""A participant with NDIS funding set up, for the Funding tab's tests and screenshots: plan
managed, an agreement (and an earlier version), a plan budget in four quarterly periods, sessions
held (some claimed, some not yet) and sessions booked ahead that overspend the coming period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    BudgetDraft,
    ClaimDetails,
    FundingSetup,
)
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput

ABN = "51824753556"  # the ATO's published example of a valid ABN
DAYTIME = "07_101_0106_6_3"


def _quarters(start: dt.date, released: int) -> tuple[tuple[dt.date, dt.date, int], ...]:
    out, first = [], start
    for n in range(1, 5):
        month = start.month - 1 + 3 * n
        nxt = dt.date(start.year + month // 12, month % 12 + 1, 1)
        out.append((first, nxt - dt.timedelta(days=1), released))
        first = nxt
    return tuple(out)


def funded_participant(services, today: dt.date, *, given: str = "Kiri",
                       booked_weeks: int = 12, claim_to: Path | None = None) -> int:
    """Plan from the first of the month three months before ``today`` (so the first quarter is
    over), $3,000 released a quarter of a $12,000 budget. With ``claim_to`` (a folder) the
    participant is NDIA-managed and their first eight weeks are claimed in a bulk file there;
    otherwise they are plan-managed."""
    month = today.month - 4
    plan_start = dt.date(today.year + month // 12, month % 12 + 1, 1)
    plan_end = dt.date(plan_start.year + 1, plan_start.month, 1) - dt.timedelta(days=1)
    claims = services.claims
    claims.save_details(ClaimDetails(registration_number="4050012345", abn=ABN,
                                     business_name="Harbour Lights Coaching", state="VIC",
                                     time_zone="Australia/Melbourne"))
    claims.ensure_reference_data()
    pid = services.participants.create(ParticipantDraft(
        given_name=given, family_name="Walker", ndis_number="430123456",
        plan_start=plan_start, plan_end=plan_end)).value.id
    claims.save_funding_setup(pid, FundingSetup(
        "plan", "Harbour Plan Managers", "invoices@harbourpm.example", "03 9000 1234")
        if claim_to is None else FundingSetup("ndia"))
    claims.add_agreement(pid, AgreementDraft(
        starts_on=plan_start - dt.timedelta(days=365), ends_on=plan_start - dt.timedelta(days=1),
        items=(AgreedItem(DAYTIME, 10000),), cancellation_percent=50))
    claims.add_agreement(pid, AgreementDraft(
        starts_on=plan_start, ends_on=plan_end, items=(AgreedItem(DAYTIME),),
        nf2f_agreed=True, cancellation_percent=100,
        cancellation_terms="2 clear business days' notice", travel_time_agreed=True,
        travel_terms="Travel time to and from sessions at the agreed rate"))
    claims.add_budget(pid, BudgetDraft(plan_start, plan_end, 1_200_000,
                                       _quarters(plan_start, 300_000)))
    zone = dt.timezone(dt.timedelta(hours=10))
    day = plan_start + dt.timedelta(days=(7 - plan_start.weekday()) % 7 + 1)  # a Tuesday
    while day < today - dt.timedelta(days=1):
        start = dt.datetime.combine(day, dt.time(10, 0), zone)
        services.sessions.create(pid, SessionInput(starts_at=start, duration_minutes=120,
                                                   talked_about="Walked to the library."))
        day += dt.timedelta(days=7)
    ahead = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)  # next Tuesday
    first_ahead = dt.datetime.combine(ahead, dt.time(10, 0), zone)
    services.sessions.plan_series(pid, SessionInput(starts_at=first_ahead, duration_minutes=180,
                                                    status="planned"), 7, booked_weeks)
    claims.derive(plan_start, today, pid)
    if claim_to is not None:
        cutoff = plan_start + dt.timedelta(weeks=8)
        batch = claims.write_bulk_file(plan_start, cutoff, claim_to / "claim.csv", today).value
        claims.mark_batch_claimed(batch.batch_id)
    return pid
