"""One row in every claims table (issue 19), for tests that must cover every table (the export
round trip). Plain module, not a conftest: import it as ``from claims_rows import ...``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from recoverydesk.models import (
    AgreementItem,
    ClaimBatch,
    ClaimLine,
    ClaimStatus,
    CoachingSession,
    FundingPeriod,
    HolidayList,
    ParticipantFunding,
    PlanBudget,
    PlanManagement,
    PriceItem,
    PriceList,
    PublicHoliday,
    ServiceAgreement,
)


def fill_claims_tables(store, participant_id: int) -> None:
    """A plan-managed participant with an agreement, a budget with a period, a price list, a
    holiday list, and a claimed line in a batch (fictional figures)."""
    with store.unit_of_work() as s:
        session_id = s.scalars(select(CoachingSession.id).where(
            CoachingSession.participant_id == participant_id)).first()
        s.add(ParticipantFunding(participant_id=participant_id, management=PlanManagement.PLAN,
                                 manager_name="Wattle Plan Partners", state="VIC", mmm_zone=2))
        agreement = ServiceAgreement(participant_id=participant_id, version=1,
                                     starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2026, 6, 30),
                                     nf2f_agreed=True, cancellation_percent=100,
                                     travel_time_agreed=True, travel_km_agreed=True)
        s.add(agreement)
        s.flush()
        s.add(AgreementItem(agreement_id=agreement.id, support_number="07_101_0106_6_3",
                            rate_cents=10000))
        budget = PlanBudget(participant_id=participant_id, plan_start=dt.date(2025, 7, 1),
                            plan_end=dt.date(2026, 6, 30), amount_cents=1_000_000)
        s.add(budget)
        s.flush()
        s.add(FundingPeriod(budget_id=budget.id, starts_on=dt.date(2025, 7, 1),
                            ends_on=dt.date(2025, 9, 30), released_cents=250_000))
        prices = PriceList(name="Test prices", source="a test", effective_from=dt.date(2025, 7, 1))
        holidays = HolidayList(state="VIC", name="Test holidays", source="a test",
                               covers_from=dt.date(2025, 7, 1), covers_to=dt.date(2026, 6, 30))
        batch = ClaimBatch(period_from=dt.date(2025, 7, 1), period_to=dt.date(2025, 7, 31),
                           file_names="claims.csv",
                           claimed_at=dt.datetime(2025, 8, 1, tzinfo=dt.UTC))
        s.add_all([prices, holidays, batch])
        s.flush()
        s.add(PriceItem(price_list_id=prices.id, support_number="07_101_0106_6_3",
                        name="Recovery coaching", unit="H", band="weekday_daytime",
                        price_limit_cents=10543))
        s.add(PublicHoliday(holiday_list_id=holidays.id, day=dt.date(2025, 12, 25),
                            name="Christmas Day"))
        s.add(ClaimLine(participant_id=participant_id, session_id=session_id,
                        source_key=f"s{session_id}:direct", support_date=dt.date(2025, 7, 7),
                        support_number="07_101_0106_6_3", quantity_centi=150,
                        unit_price_cents=10000, status=ClaimStatus.CLAIMED, batch_id=batch.id,
                        claimed_at=dt.datetime(2025, 8, 1, tzinfo=dt.UTC)))
