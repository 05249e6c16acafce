"""Hours and funding used against funded, for the plan review report (and the Overview's hours):
the plan in force's budget and funding periods, the hours of hourly supports delivered in the
plan (claimed or not), the hours the budget buys at the weekday daytime rate (the agreed rate,
else the price limit), the claim deadline warning, and the chart of use.

Read through ClaimsService's own methods, so nothing here reaches the store directly."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from recoverydesk.charts.funding import ChartPeriod, funding_figure
from recoverydesk.charts.star.files import figure_to_png
from recoverydesk.dates import short_date
from recoverydesk.reports.data import FundingData, FundingPeriodData
from recoverydesk.services.claims.glance import WARN_AFTER_MONTHS, nearing_deadline
from recoverydesk.services.claims.hours import daytime_rate, hours_used
from recoverydesk.services.claims.types import (
    MANAGEMENT_LABELS,
    ClaimLineRow,
    FundingSummary,
    claim_deadline,
)

if TYPE_CHECKING:
    from recoverydesk.services.claims.service import ClaimsService

def plan_for(summaries: list[FundingSummary], day: dt.date) -> FundingSummary | None:
    """The plan in force on ``day``, else the latest plan that started by then."""
    started = [s for s in summaries if s.plan_start <= day]
    return next((s for s in started if day <= s.plan_end), started[-1] if started else None)


def deadline_warning(lines: list[ClaimLineRow], today: dt.date) -> str:
    old = sorted(r.support_date for r in lines
                 if r.status in ("ready", "rejected") and nearing_deadline(r.support_date, today))
    if not old:
        return ""
    count = f"{len(old)} support{'s' if len(old) != 1 else ''}"
    return (f"{count} over {WARN_AFTER_MONTHS} months old not yet claimed: the oldest must be "
            f"claimed by {short_date(claim_deadline(old[0]))}.")


def review_funding(claims: ClaimsService, participant_id: int, end: dt.date, today: dt.date,
                   chart: bool = True) -> FundingData | None:
    """The funding figures of the plan in force at the end of a review period; None when the
    participant has no plan budget (the report then has no funding part)."""
    summary = plan_for(claims.funding(participant_id, today), end)
    if summary is None:
        return None
    book = claims.price_book()
    lines = claims.lines(summary.plan_start, summary.plan_end, participant_id)
    everything = claims.lines(dt.date(1900, 1, 1), today, participant_id, ("ready", "rejected"))
    setup = claims.funding_setup(participant_id)
    on = min(max(end, summary.plan_start), summary.plan_end)
    png = None
    if chart and summary.periods:
        png = figure_to_png(funding_figure(
            [ChartPeriod(u.starts_on, u.ends_on, u.released_cents, u.claimed_cents,
                         u.unclaimed_cents, u.booked_cents, u.rolled_over_cents)
             for u in summary.periods], width=6.6, height=2.7, min_font=8), 200)
    return FundingData(
        plan_start=summary.plan_start, plan_end=summary.plan_end,
        amount_cents=summary.amount_cents, used_cents=summary.used_cents,
        hours_used_centi=hours_used(
            ((r.support_number, r.support_date, r.quantity_centi) for r in lines), book),
        hourly_rate_cents=daytime_rate(book, claims.agreement_on(participant_id, on), on),
        management=MANAGEMENT_LABELS.get(setup.management, "") if setup else "",
        periods=tuple(FundingPeriodData(u.starts_on, u.ends_on, u.released_cents,
                                        u.rolled_over_cents, u.claimed_cents, u.unclaimed_cents,
                                        u.booked_cents, u.left_cents) for u in summary.periods),
        deadline_warning=deadline_warning(everything, today), chart_png=png)
