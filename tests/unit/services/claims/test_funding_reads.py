"""A participant's funding is read in a fixed number of statements, whatever the number of
funding periods, and sums to what reading each period on its own gives (the way it was read
before: the lines, invoices and planned sessions of one period at a time)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from recoverydesk.models import ClaimLine, ClaimStatus, FundingPeriod, PlanBudget
from recoverydesk.services.claims import rows
from recoverydesk.services.claims.funding import booked_price, summaries
from recoverydesk.services.claims.invoicing import live_invoiced
from recoverydesk.services.claims.types import line_amount
from statements_seen import statements_run


def _period_by_itself(s, context, participant_id, period, today):
    """(claimed, not yet claimed, booked) of one period, each read on its own."""
    lines = list(s.scalars(select(ClaimLine).where(
        ClaimLine.participant_id == participant_id,
        ClaimLine.support_date.between(period.starts_on, period.ends_on))))
    invoiced = live_invoiced(s, [r.id for r in lines])
    amounts = {True: 0, False: 0}
    for r in lines:
        amounts[r.status == ClaimStatus.CLAIMED or r.id in invoiced] += line_amount(
            r.quantity_centi, r.unit_price_cents)
    booked = sum(booked_price(s, context, facts) for facts in rows.planned_in(
        s, max(period.starts_on, today), period.ends_on, participant_id, context.place_zone))
    return amounts[True], amounts[False], booked


def _funded(demo) -> list[int]:
    with demo._store.read() as s:
        return sorted(set(s.scalars(select(PlanBudget.participant_id))))


@pytest.mark.parametrize("today_offset_days", [0, -200])
def test_each_period_sums_to_what_reading_it_alone_gives(demo, today_offset_days):
    today = dt.date.today() + dt.timedelta(days=today_offset_days)
    funded = _funded(demo)
    assert funded, "the demo practice has funded participants"
    compared = 0
    with demo._store.read() as s:
        context = rows.DeriveContext.read(s)
        for pid in funded:
            periods = {p.starts_on: p for p in s.scalars(
                select(FundingPeriod).join(PlanBudget).where(PlanBudget.participant_id == pid))}
            for summary in summaries(s, pid, today):
                for use in summary.periods:
                    alone = _period_by_itself(s, context, pid, periods[use.starts_on], today)
                    assert (use.claimed_cents, use.unclaimed_cents, use.booked_cents) == alone
                    compared += 1
    assert compared >= len(funded)


def test_the_statements_do_not_grow_with_the_periods(demo):
    """The most periods in the demo are read in as many statements as one period would be."""
    store = demo._store
    with store.read() as s:
        counts = {pid: len(s.scalars(select(FundingPeriod.id).join(PlanBudget)
                                     .where(PlanBudget.participant_id == pid)).all())
                  for pid in _funded(demo)}
    most = max(counts, key=counts.get)
    assert counts[most] >= 3, counts
    with statements_run(store) as seen:
        found = demo.claims.funding(most)
    assert sum(len(f.periods) for f in found) == counts[most]
    # the budgets, the price book and practice details, the periods, the invoiced lines, the
    # lines, the booked sessions with the participant's place and agreements: not per period
    priced = [q for q in seen if "price_items" in q or "public_holidays" in q]
    per_period = [q for q in seen if "FROM claim_lines" in q]
    assert len(per_period) == 1, per_period
    assert len(seen) - len(priced) <= 12, seen
