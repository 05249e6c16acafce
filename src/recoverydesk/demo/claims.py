"""The demo practice's NDIS claims (issue 19), told from resources/demo/claims.json: the
practice's claim details, how each participant's plan is managed (NDIA, a plan manager, or
themselves, in turn), a service agreement each (one with an earlier version kept as history),
a plan budget per participant released in quarterly funding periods, and the claim lines their
sessions give (demo/claim_lines.py: some months claimed in batches, one line rejected by the
portal, one edited with its reason, one short-notice cancellation, one plan near overspent).

What the coach would otherwise type goes through the claims capability's own rules (the
details, plan management and agreements are cleaned and checked as the forms do; the lines are
drawn by the same rule that derives them in the app), and the reference data is the shipped
price and public holiday lists. Nothing here draws from the random stream, and every timestamp
is the demo's own clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from recoverydesk.demo import claim_lines
from recoverydesk.demo.claim_lines import Agreed, Plan
from recoverydesk.demo.context import DemoContext
from recoverydesk.demo.reports import DETAILS
from recoverydesk.demo.story import load_story
from recoverydesk.models import (
    AgreementItem,
    FundingPeriod,
    HolidayList,
    Participant,
    ParticipantFunding,
    PlanBudget,
    PlanManagement,
    PracticeSetting,
    PriceList,
    ServiceAgreement,
)
from recoverydesk.services.claims import reference
from recoverydesk.services.claims.lines import Place, Terms
from recoverydesk.services.claims.periods import funding_periods
from recoverydesk.services.claims.pricing import time_zone
from recoverydesk.services.claims.setup import PREFIX
from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
    check_agreement,
    clean_details,
    clean_funding,
)
from recoverydesk.services.participants.types import display_name

STORY = load_story("claims")
PERIOD_MONTHS = 3  # funding released quarterly, the NDIA's default


def generate(session: Session, ctx: DemoContext) -> None:
    if not ctx.people:
        return
    details = _details(session, ctx)
    reference.ensure_shipped(session)
    session.flush()
    first_day = min(p.support_start for p in ctx.people)
    for table in (PriceList, HolidayList):  # loaded when the practice began claiming
        session.execute(update(table).values(loaded_at=ctx.stamp(first_day)))
    book = reference.price_book(session)
    prices = [p for plist in [book.list_on(ctx.today)] if plist for p in plist.items]
    plans = _plans(session, ctx)
    history = history_plan(plans, ctx.today)
    plans = [dataclasses.replace(p, changed_on=history_change_day(p, ctx.today))
             if p is history else p for p in plans]
    places = _funding(session, ctx, plans, details)
    terms = _agreements(session, ctx, plans, [p.support_number for p in prices])
    plans = [dataclasses.replace(p, place=places[p.participant_id][0],
                                 setup=places[p.participant_id][1],
                                 terms=terms.get(p.participant_id, ())) for p in plans]
    plans = _budgets(session, ctx, plans)
    claim_lines.generate(session, ctx, plans, details)


def _details(session: Session, ctx: DemoContext) -> ClaimDetails:
    """The practice's claim details: its own name and ABN (reports.json), with the claims
    story's registration number, state, zone and invoice numbering."""
    practice = STORY["practice"]
    details = clean_details(ClaimDetails(
        registration_number=practice["registration_number"], abn=DETAILS["practice.abn"],
        business_name=DETAILS["practice.practice_name"], gst_code=practice["gst_code"],
        default_mmm_zone=practice["default_mmm_zone"], state=practice["state"],
        invoice_prefix=practice["invoice_prefix"]))
    began = ctx.stamp(ctx.start)
    session.execute(insert(PracticeSetting), [
        {"key": PREFIX + name, "value": str(value), "updated_at": began}
        for name, value in dataclasses.asdict(details).items()])
    return details


def _plans(session: Session, ctx: DemoContext) -> list[Plan]:
    cycle = STORY["management_cycle"]
    percent = STORY["agreement"]["cancellation_percent"]
    dates = {pid: (start, end) for pid, start, end in session.execute(
        select(Participant.id, Participant.plan_start, Participant.plan_end))}
    plans = []
    for index, person in enumerate(ctx.people):
        start, end = dates[person.id]
        if start is None or end is None:
            continue
        management = cycle[index % len(cycle)]
        plans.append(Plan(index, person.id, person.name, management, start, end,
                          percent[management],
                          full_name=display_name(person.given_name, person.family_name,
                                                 person.preferred_name)))
    return plans


def _funding(session: Session, ctx: DemoContext, plans: list[Plan],
             details: ClaimDetails) -> dict[int, tuple[Place, FundingSetup]]:
    """How each plan is managed; returns it with where each participant's supports are
    priced."""
    manager = STORY["plan_manager"]
    regional = STORY["regional"]
    places: dict[int, tuple[Place, FundingSetup]] = {}
    rows = []
    for plan in plans:
        zone = (regional["mmm_zone"] if plan.index % regional["every"] == regional["offset"]
                else None)
        setup = FundingSetup(management=plan.management, state="", mmm_zone=zone)
        if plan.management == "plan":
            setup = FundingSetup(plan.management, manager["name"], manager["email"],
                                 manager["phone"], manager["address"], "", zone)
        setup = clean_funding(setup)
        places[plan.participant_id] = (Place(setup.state or details.state,
                                             setup.mmm_zone or details.default_mmm_zone,
                                             time_zone(details.time_zone)), setup)
        rows.append({"participant_id": plan.participant_id,
                     "management": PlanManagement(setup.management),
                     "manager_name": setup.manager_name, "manager_email": setup.manager_email,
                     "manager_phone": setup.manager_phone,
                     "manager_address": setup.manager_address, "state": setup.state,
                     "mmm_zone": setup.mmm_zone, **ctx.stamps(plan.plan_start)})
    if rows:
        session.execute(insert(ParticipantFunding), rows)
    return places


def _draft(plan: Plan, items: list[str], starts: dt.date, *, nf2f: bool,
           percent: int, note: str) -> AgreementDraft:
    words = STORY["agreement"]
    special = words["self_managed_rate"]
    agreed = tuple(
        AgreedItem(n, int(special["dollars"].replace(".", ""))
                   if plan.management == "self" and n == special["support_number"] else None)
        for n in items)
    terms = (words["cancellation_terms"].format(percent=percent) if percent
             else words["no_cancellation_fee"])
    draft = AgreementDraft(
        starts_on=starts, ends_on=plan.plan_end, items=agreed, nf2f_agreed=nf2f,
        cancellation_percent=percent, cancellation_terms=terms, travel_time_agreed=True,
        travel_km_agreed=True, travel_terms=words["travel_terms"], note=note)
    check_agreement(draft)
    return draft


def history_change_day(plan: Plan, today: dt.date) -> dt.date | None:
    """When the participant with the agreement history signed its second version (None: the
    plan is too new for one)."""
    day = plan.plan_start + dt.timedelta(days=STORY["history"]["after_days"])
    return day if day < today - dt.timedelta(days=14) else None


def history_plan(plans: list[Plan], today: dt.date) -> Plan | None:
    """The plan-managed participant whose agreement was changed during the plan."""
    return next((p for p in plans if p.management == "plan"
                 and history_change_day(p, today) is not None), None)


def _agreements(session: Session, ctx: DemoContext, plans: list[Plan],
                items: list[str]) -> dict[int, tuple[Agreed, ...]]:
    """Each participant's service agreement (versions); returns their terms, newest first."""
    if not items:
        return {}
    drafts: list[tuple[Plan, int, AgreementDraft, dt.date]] = []
    for plan in plans:
        changed = plan.changed_on
        if changed is not None:
            drafts.append((plan, 1, _draft(plan, items, plan.plan_start, nf2f=False, percent=0,
                                           note=STORY["history"]["before_nf2f"]),
                           plan.plan_start))
            drafts.append((plan, 2, _draft(plan, items, changed, nf2f=True,
                                           percent=plan.cancellation_percent,
                                           note=STORY["history"]["note"]), changed))
        else:
            drafts.append((plan, 1, _draft(plan, items, plan.plan_start, nf2f=True,
                                           percent=plan.cancellation_percent,
                                           note=STORY["agreement"]["note"]), plan.plan_start))
    next_id = (session.scalar(select(func.max(ServiceAgreement.id))) or 0) + 1
    agreement_rows, item_rows = [], []
    for offset, (plan, version, d, signed) in enumerate(drafts):
        agreement_id = next_id + offset
        agreement_rows.append({
            "id": agreement_id, "participant_id": plan.participant_id, "version": version,
            "starts_on": d.starts_on, "ends_on": d.ends_on, "nf2f_agreed": d.nf2f_agreed,
            "cancellation_percent": d.cancellation_percent,
            "cancellation_terms": d.cancellation_terms,
            "travel_time_agreed": d.travel_time_agreed, "travel_km_agreed": d.travel_km_agreed,
            "travel_cap_minutes": d.travel_cap_minutes, "travel_terms": d.travel_terms,
            "note": d.note, "created_at": ctx.stamp(signed - dt.timedelta(days=3))})
        item_rows += [{"agreement_id": agreement_id, "support_number": i.support_number,
                       "rate_cents": i.rate_cents} for i in d.items]
    session.execute(insert(ServiceAgreement), agreement_rows)
    session.execute(insert(AgreementItem), item_rows)
    terms: dict[int, tuple[Agreed, ...]] = {}
    for plan, _version, d, _signed in reversed(drafts):  # newest version first
        agreed = Terms(d.nf2f_agreed, d.cancellation_percent, d.travel_time_agreed,
                       d.travel_km_agreed, d.travel_cap_minutes,
                       {i.support_number: i.rate_cents for i in d.items})
        terms[plan.participant_id] = (*terms.get(plan.participant_id, ()),
                                      (d.starts_on or plan.plan_start,
                                       d.ends_on or plan.plan_end, agreed))
    return terms


def _budgets(session: Session, ctx: DemoContext, plans: list[Plan]) -> list[Plan]:
    amounts = STORY["budget_dollars"]
    next_id = (session.scalar(select(func.max(PlanBudget.id))) or 0) + 1
    budget_rows, period_rows, out = [], [], []
    for offset, plan in enumerate(plans):
        budget_id = next_id + offset
        cents = amounts[plan.index % len(amounts)] * 100
        periods = funding_periods(plan.plan_start, plan.plan_end, PERIOD_MONTHS, cents)
        budget_rows.append({"id": budget_id, "participant_id": plan.participant_id,
                            "plan_start": plan.plan_start, "plan_end": plan.plan_end,
                            "amount_cents": cents, "note": "",
                            **ctx.stamps(plan.plan_start)})
        period_rows += [{"budget_id": budget_id, "starts_on": a, "ends_on": b,
                         "released_cents": released} for a, b, released in periods]
        out.append(dataclasses.replace(plan, budget_id=budget_id))
    if budget_rows:
        session.execute(insert(PlanBudget), budget_rows)
        session.execute(insert(FundingPeriod), period_rows)
    return out
