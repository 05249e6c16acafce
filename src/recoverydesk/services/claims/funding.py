"""Funding: a participant's plan budget for this support and its funding periods with the amount
released each; per period what was claimed, delivered but not yet claimed, booked (planned
sessions, priced as the lines they would give) and what is left, unspent funding rolling over."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models import ClaimLine, ClaimStatus, FundingPeriod, PlanBudget
from recoverydesk.services import audit
from recoverydesk.services.claims import rows
from recoverydesk.services.claims.invoicing import live_invoiced
from recoverydesk.services.claims.lines import HeldBackError, lines_for
from recoverydesk.services.claims.types import (
    BudgetDraft,
    FundingSummary,
    FundingUse,
    line_amount,
)
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


def _sum_lines(s: Session, participant_id: int, start: dt.date, end: dt.date,
               claimed: bool) -> int:
    found = s.scalars(select(ClaimLine).where(
        ClaimLine.participant_id == participant_id, ClaimLine.support_date.between(start, end)))
    lines = list(found)
    invoiced = live_invoiced(s, [r.id for r in lines])  # an invoiced line counts as claimed
    return sum(line_amount(r.quantity_centi, r.unit_price_cents) for r in lines
               if (r.status == ClaimStatus.CLAIMED or r.id in invoiced) == claimed)


def _booked(s: Session, context: rows.DeriveContext, participant_id: int, start: dt.date,
            end: dt.date, today: dt.date) -> int:
    total = 0
    for facts in rows.planned_in(s, max(start, today), end, participant_id, context.place_zone):
        place = context.place(s, participant_id)
        done = dataclasses.replace(facts, status="completed")
        try:
            drafts = lines_for(done, context.terms(s, participant_id, done, place), place,
                               context.book)
        except HeldBackError as err:
            drafts = err.lines
        total += sum(line_amount(d.quantity_centi, d.unit_price_cents) for d in drafts)
    return total


def summaries(s: Session, participant_id: int, today: dt.date) -> list[FundingSummary]:
    budgets = s.scalars(select(PlanBudget).where(PlanBudget.participant_id == participant_id)
                        .order_by(PlanBudget.plan_start)).all()
    if not budgets:  # most Overviews: nothing to price, so the price lists are not read
        return []
    context = rows.DeriveContext.read(s)
    out = []
    for budget in budgets:
        uses: list[FundingUse] = []
        carried = 0
        for p in s.scalars(select(FundingPeriod).where(FundingPeriod.budget_id == budget.id)
                           .order_by(FundingPeriod.starts_on)):
            use = FundingUse(p.starts_on, p.ends_on, p.released_cents,
                             _sum_lines(s, participant_id, p.starts_on, p.ends_on, True),
                             _sum_lines(s, participant_id, p.starts_on, p.ends_on, False),
                             _booked(s, context, participant_id, p.starts_on, p.ends_on, today),
                             carried)
            carried = max(0, use.left_cents) if p.ends_on < today else 0
            uses.append(use)
        out.append(FundingSummary(budget.id, budget.plan_start, budget.plan_end,
                                  budget.amount_cents, tuple(uses)))
    return out


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
