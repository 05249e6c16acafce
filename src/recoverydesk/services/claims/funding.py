"""Funding: a participant's plan budget for this support and its funding periods with the amount
released each; per period what was claimed, delivered but not yet claimed, booked (planned
sessions, priced as the lines they would give) and what is left, unspent funding rolling over."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import (
    ClaimLine,
    ClaimStatus,
    FundingPeriod,
    InvoiceLine,
    PlanBudget,
)
from recoverydesk.services import audit
from recoverydesk.services.claims import rows
from recoverydesk.services.claims.lines import HeldBackError, SessionFacts, lines_for
from recoverydesk.services.claims.pricing import wall_clock
from recoverydesk.services.claims.setup import agreements_read
from recoverydesk.services.claims.types import (
    BudgetDraft,
    FundingSummary,
    FundingUse,
    line_amount,
)
from recoverydesk.services.core_read import Read, core_rows, grouped, of_participant, read_ahead
from recoverydesk.services.types import Changed, ChangeSet, Validator
from recoverydesk.store.session import Store


def check_budget(draft: BudgetDraft) -> None:
    v = Validator()
    v.check(draft.plan_end >= draft.plan_start, "plan_end", "The plan ends before it starts.")
    v.check(draft.amount_cents >= 0, "amount", "The budget can't be negative.")
    periods = sorted(draft.periods)
    for first, last, released in periods:
        v.check(last >= first, "released", "A funding period ends before it starts.")
        v.check(draft.plan_start <= first and last <= draft.plan_end, "released",
                "Each funding period falls within the plan.")
        v.check(released >= 0, "released", "A released amount can't be negative.")
    for (_, end_a, _), (start_b, _, _) in zip(periods, periods[1:], strict=False):
        v.check(start_b > end_a, "released", "Funding periods can't overlap.")
    v.check(sum(p[2] for p in periods) <= draft.amount_cents, "released",
            "More is released over the periods than the plan's budget.")
    v.raise_if_any()


class _DatedAmounts:
    """Amounts by day, summed over any span of days."""

    def __init__(self) -> None:
        self._by_day: dict[dt.date, int] = {}

    def add(self, day: dt.date, cents: int) -> None:
        self._by_day[day] = self._by_day.get(day, 0) + cents

    def total(self, first: dt.date, last: dt.date) -> int:
        return sum(c for day, c in self._by_day.items() if first <= day <= last)


@cache
def _claim_lines() -> Select:
    """Every claim line of the participant (``participant_id``): support number, day, status,
    quantity, unit price and whether a live invoice holds it."""
    on_invoice = select(InvoiceLine.id).where(InvoiceLine.claim_line_id == ClaimLine.id,
                                              InvoiceLine.live.is_(True)).exists()
    return select(ClaimLine.support_number, ClaimLine.support_date, ClaimLine.status,
                  ClaimLine.quantity_centi, ClaimLine.unit_price_cents,
                  on_invoice.label("invoiced")).where(
        ClaimLine.participant_id == bindparam("participant_id"))


def claim_lines(s: Session, participant_id: int) -> list[Row]:
    """The participant's claim lines as funding, hours and the claim deadline read them (rows
    of ``_claim_lines``' columns): read once for the Overview's three."""
    return core_rows(s, *of_participant(_claim_lines, participant_id)).all()


def _line_amounts(lines: list[Row]) -> tuple[_DatedAmounts, _DatedAmounts]:
    """The lines as (claimed, not yet claimed) amounts by support day. An invoiced line
    counts as claimed."""
    claimed, unclaimed = _DatedAmounts(), _DatedAmounts()
    for line in lines:
        into = claimed if line.status == ClaimStatus.CLAIMED or line.invoiced else unclaimed
        into.add(line.support_date, line_amount(line.quantity_centi, line.unit_price_cents))
    return claimed, unclaimed


def booked_price(s: Session, context: rows.DeriveContext, facts: SessionFacts) -> int:
    """What a planned session would be claimed for once done: its lines as derived now."""
    place = context.place(s, facts.participant_id)
    done = dataclasses.replace(facts, status="completed")
    try:
        drafts = lines_for(done, context.terms(s, facts.participant_id, done, place), place,
                           context.book)
    except HeldBackError as err:
        drafts = err.lines
    return sum(line_amount(d.quantity_centi, d.unit_price_cents) for d in drafts)


def _booked(s: Session, context: rows.DeriveContext, participant_id: int, first: dt.date,
            last: dt.date) -> _DatedAmounts:
    """Planned sessions from ``first`` to ``last``, priced as the lines they would give, by the
    session's local day."""
    booked = _DatedAmounts()
    if first > last:  # every period is over: nothing booked, nothing read
        return booked
    for facts in rows.planned_in(s, first, last, participant_id, context.place_zone):
        booked.add(wall_clock(facts.starts_at, context.place_zone).date(),
                   booked_price(s, context, facts))
    return booked


def summaries(s: Session, participant_id: int, today: dt.date,
              context: rows.DeriveContext | None = None) -> list[FundingSummary]:
    return funding_and_context(s, participant_id, today, context)[0]


@cache
def _budgets() -> Select:
    """The participant's (``participant_id``) plan budgets by plan start, each with its funding
    periods by start; a budget without periods gives one row of NULL period columns."""
    return (select(PlanBudget.id, PlanBudget.plan_start, PlanBudget.plan_end,
                   PlanBudget.amount_cents, FundingPeriod.starts_on, FundingPeriod.ends_on,
                   FundingPeriod.released_cents)
            .outerjoin(FundingPeriod, FundingPeriod.budget_id == PlanBudget.id)
            .where(PlanBudget.participant_id == bindparam("participant_id"))
            .order_by(PlanBudget.plan_start, PlanBudget.id, FundingPeriod.starts_on,
                      FundingPeriod.id))


def funding_reads(participant_id: int) -> list[Read]:
    """What ``funding_and_context`` reads first with the participant's ``claim_lines``, named
    ahead (``core_read.read_ahead``)."""
    return [of_participant(_budgets, participant_id), of_participant(_claim_lines, participant_id)]


def funding_and_context(s: Session, participant_id: int, today: dt.date,
                        context: rows.DeriveContext | None = None,
                        lines: list[Row] | None = None,
                        ) -> tuple[list[FundingSummary], rows.DeriveContext | None]:
    """Each plan budget with its funding periods' use, and the pricing context read for it
    (None when the participant has no budget: then nothing is priced and no price list read).
    ``lines``: the participant's ``claim_lines`` when a caller has read them already.
    A fixed number of reads whatever the number of periods: the budgets with their periods,
    the lines and the booked sessions are read at once and summed per period here."""
    budgets = grouped(core_rows(s, *of_participant(_budgets, participant_id)).all(), 4)
    if not budgets:  # most Overviews: nothing to price, so the price lists are not read
        return [], context
    periods = [p for _, budget_periods in budgets.values() for p in budget_periods]
    first = min((starts_on for starts_on, _, _ in periods), default=today)
    last = max((ends_on for _, ends_on, _ in periods), default=today)
    booked_from = max(first, today)
    # What is read next, in one round trip on a team practice: the pricing context, and the
    # booked sessions with the agreements that price them (the agreements go unread when
    # nothing is booked: naming them costs the server a small read, not a round trip).
    ahead = [] if context is not None else rows.DeriveContext.reads()
    if periods and booked_from <= last:
        ahead.append(rows.planned_read(booked_from, last, participant_id))
        ahead += (context.agreement_reads(participant_id) if context is not None
                  else [agreements_read(participant_id)])
    read_ahead(s, ahead)
    context = context or rows.DeriveContext.read(s)
    claimed = unclaimed = booked = _DatedAmounts()
    if periods:
        claimed, unclaimed = _line_amounts(claim_lines(s, participant_id) if lines is None
                                           else lines)
        booked = _booked(s, context, participant_id, booked_from, last)
    out = []
    for (budget_id, plan_start, plan_end, amount, *_), budget_periods in budgets.values():
        uses: list[FundingUse] = []
        carried = 0
        for starts_on, ends_on, released in budget_periods:
            use = FundingUse(starts_on, ends_on, released, claimed.total(starts_on, ends_on),
                             unclaimed.total(starts_on, ends_on),
                             booked.total(max(starts_on, today), ends_on), carried)
            carried = max(0, use.left_cents) if ends_on < today else 0
            uses.append(use)
        out.append(FundingSummary(budget_id, plan_start, plan_end, amount, tuple(uses)))
    return out, context


class FundingBook:
    _store: Store

    def add_budget(self, participant_id: int, draft: BudgetDraft) -> Changed[int]:
        """A plan's budget for this support with its funding periods; returns its id."""
        check_budget(draft)
        with self._store.unit_of_work() as s:
            budget = PlanBudget(participant_id=participant_id, plan_start=draft.plan_start,
                                plan_end=draft.plan_end, amount_cents=draft.amount_cents,
                                note=draft.note.strip())
            s.add(budget)
            s.flush()
            s.add_all(FundingPeriod(budget_id=budget.id, starts_on=a, ends_on=b,
                                    released_cents=c) for a, b, c in sorted(draft.periods))
            audit.record(s, "claims.budget_added", "plan_budget", budget.id, participant_id)
            budget_id = budget.id
        return Changed(budget_id, ChangeSet.of("plan_budget", participant_id=participant_id))

    def funding(self, participant_id: int, today: dt.date | None = None) -> list[FundingSummary]:
        with self._store.read() as s:
            return summaries(s, participant_id, today or dt.date.today())

    def overspent(self, participant_id: int, today: dt.date | None = None) -> list[FundingUse]:
        """Funding periods where claimed, delivered and booked work comes to more than is
        released (with what rolled over)."""
        return [use for summary in self.funding(participant_id, today)
                for use in summary.periods if use.left_cents < 0]
