"""The demo's claim lines: each participant's sessions in their plan (since the first price list
in force) become claim lines by the rule the app derives them with (services/claims/lines.py),
then the story the Claims view tells: the NDIA-managed months that are well over are claimed in
one batch a month, the portal rejected one line (its reason kept), the coach edited one
plan-managed line (a session that ran over, the reason kept), one session was called off at
short notice for health (a CANC line, NSDH, at the agreement's percentage), and one plan's
current funding period is nearly spent, so its booked sessions would overspend it.

Rows are plain dicts inserted in bulk, with the demo's own timestamps (the benchmark's large
practice builds them too).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from recoverydesk.demo import invoices
from recoverydesk.demo.context import DemoContext
from recoverydesk.demo.story import load_story
from recoverydesk.models import (
    ClaimBatch,
    ClaimLine,
    ClaimStatus,
    CoachingSession,
    FundingPeriod,
    PlanBudget,
    PriceList,
    SessionStatus,
)
from recoverydesk.services.claims import reference
from recoverydesk.services.claims.funding import summaries
from recoverydesk.services.claims.lines import (
    HeldBackError,
    Place,
    SessionFacts,
    Terms,
    hours_centi,
    lines_for,
)
from recoverydesk.services.claims.pricing import wall_clock
from recoverydesk.services.claims.types import (
    ClaimDetails,
    FundingSetup,
    LineEdit,
    check_line_edit,
    format_centi,
)

STORY = load_story("claims")
Line = dict  # a claim_lines row, as inserted
Agreed = tuple[dt.date, dt.date, Terms]  # an agreement version: from, to, its terms


@dataclass(frozen=True)
class Plan:
    """One participant's part of the claims story (demo/claims.py makes them)."""

    index: int  # their place in the demo's caseload
    participant_id: int
    name: str
    management: str  # a PlanManagement value
    plan_start: dt.date
    plan_end: dt.date
    cancellation_percent: int  # in the agreement in force now
    changed_on: dt.date | None = None  # when a second version of their agreement began
    budget_id: int = 0
    full_name: str = ""
    place: Place | None = None  # where their supports are priced
    setup: FundingSetup | None = None  # how their plan is managed, the plan manager's contact
    terms: tuple[Agreed, ...] = ()  # their agreement's versions, newest first

    def terms_on(self, day: dt.date) -> Terms | None:
        """The agreement in force on ``day``: the newest version that covers it (as the
        service reads it, services/claims/setup.py agreement_on)."""
        return next((t for first, last, t in self.terms if first <= day <= last), None)


def generate(session: Session, ctx: DemoContext, plans: list[Plan],
             details: ClaimDetails) -> None:
    first_priced = session.scalar(select(func.min(PriceList.effective_from)))
    if first_priced is None or not plans:
        return
    _short_notice(session, ctx, plans, first_priced)
    lines, minutes = _derive(session, ctx, plans, first_priced)
    management = {p.participant_id: p.management for p in plans}
    first_batch = (session.scalar(select(func.max(ClaimBatch.id))) or 0) + 1
    batches = _batches(ctx, first_batch, [line for line in lines
                             if management[line["participant_id"]] == "ndia"])
    _reject_one(ctx, lines, batches)
    bills, billed = invoices.plan_invoices(ctx, plans, lines, details)
    on_invoice = {x["claim_line_id"] for x in billed}
    _edit_one(ctx, plans, [line for line in lines if line["id"] not in on_invoice], minutes)
    connection = session.connection()  # plain inserts: the benchmark's practice has ~20k
    if batches:
        connection.execute(ClaimBatch.__table__.insert(), batches)
    if lines:
        connection.execute(ClaimLine.__table__.insert(), lines)
    invoices.write(session, bills, billed)
    _nearly_spent(session, ctx, plans)


def _window(plan: Plan, first_priced: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    return max(plan.plan_start, first_priced), min(plan.plan_end, today)


def _short_notice(session: Session, ctx: DemoContext, plans: list[Plan],
                  first_priced: dt.date) -> None:
    """One session called off for health on the day, by someone whose agreement charges for
    short notice: the coach's note says so, so it is claimed as a cancellation (NSDH)."""
    windows = {}
    for plan in plans:
        start, end = _window(plan, first_priced, ctx.today)
        start = max(start, plan.changed_on or start) + dt.timedelta(days=14)
        if plan.cancellation_percent > 0 and start < end:
            windows[plan.participant_id] = (_utc(start), _utc(end))
    if not windows:
        return
    table = CoachingSession.__table__
    found = session.execute(
        select(table.c.id, table.c.participant_id, table.c.starts_at, table.c.status_reason)
        .where(table.c.participant_id.in_(list(windows)),
               table.c.status == SessionStatus.CANCELLED.value,
               table.c.starts_at >= min(first for first, _last in windows.values()))
        .order_by(table.c.starts_at, table.c.id)).all()
    order = {plan.participant_id: n for n, plan in enumerate(plans)}
    fits = sorted(((order[pid], "unwell" not in words.lower(), sid)
                   for sid, pid, starts, words in found
                   if windows[pid][0] <= starts < windows[pid][1]),
                  key=lambda fit: (fit[1], fit[0]))  # a health reason first, then caseload order
    if fits:  # the note changes, not when it was written
        session.execute(update(table).where(table.c.id == fits[0][2]).values(
            status_reason=STORY["short_notice"], updated_at=table.c.updated_at))


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone(dt.UTC)


def _derive(session: Session, ctx: DemoContext, plans: list[Plan],
            first_priced: dt.date) -> tuple[list[Line], dict[int, int]]:
    """Every claim line the plans' sessions give, ready to claim; and each session's minutes.
    The sessions are read in one go and each participant's terms are the ones the demo just
    agreed (the large benchmark practice has 100,000 sessions)."""
    book = reference.price_book(session)
    by_person = {p.participant_id: p for p in plans if p.place is not None}
    windows = {pid: _window(p, first_priced, ctx.today) for pid, p in by_person.items()}
    if not windows:
        return [], {}
    table = CoachingSession.__table__
    earliest = min(first for first, _last in windows.values())
    found = session.execute(
        select(table.c.id, table.c.participant_id, table.c.starts_at, table.c.duration_minutes,
               table.c.face_to_face, table.c.status, table.c.status_reason, table.c.travel_km,
               table.c.travel_minutes)
        .where(table.c.participant_id.in_(list(windows)),
               table.c.status != SessionStatus.PLANNED.value,
               table.c.starts_at >= _utc(earliest - dt.timedelta(days=1)))
        .order_by(table.c.participant_id, table.c.starts_at, table.c.id))
    next_id = (session.scalar(select(func.max(ClaimLine.id))) or 0) + 1
    lines: list[Line] = []
    minutes: dict[int, int] = {}
    stamps: dict[dt.date, dict[str, dt.datetime]] = {}  # a day's stamps, worked out once
    for sid, pid, starts, duration, f2f, status, reason, km, travel in found:
        plan = by_person[pid]
        place = plan.place or Place("", 1)  # every plan in by_person has its place
        day = wall_clock(starts, place.zone).date()
        first, last = windows[pid]
        if not first <= day <= last:
            continue
        facts = SessionFacts(sid, pid, starts, duration, f2f, getattr(status, "value", status),
                             reason, km or 0.0, travel or 0)
        try:
            drafts = lines_for(facts, plan.terms_on(day), place, book)
        except HeldBackError as err:  # not face to face without NF2F agreed, and so on
            drafts = err.lines
        minutes[sid] = duration
        for d in drafts:
            lines.append({
                "id": next_id, "participant_id": pid, "session_id": sid,
                "source_key": d.source_key, "support_date": d.support_date,
                "support_number": d.support_number, "claim_type": d.claim_type,
                "cancellation_reason": d.cancellation_reason,
                "quantity_centi": d.quantity_centi, "unit_price_cents": d.unit_price_cents,
                "status": ClaimStatus.READY, "edit_reason": "", "rejection_reason": "",
                "batch_id": None, "claimed_at": None})
            lines[-1].update(stamps.get(d.support_date)
                             or stamps.setdefault(d.support_date, ctx.stamps(d.support_date)))
            next_id += 1
    return lines, minutes


def _batches(ctx: DemoContext, first_id: int, ndia_lines: list[Line]) -> list[dict]:
    """A bulk file a month for the NDIA-managed lines, written and claimed soon after the month
    ended; the last weeks' lines are still ready."""
    timing = STORY["batches"]
    by_month: dict[dt.date, list[Line]] = defaultdict(list)
    for line in ndia_lines:
        by_month[line["support_date"].replace(day=1)].append(line)
    batches = []
    for first, month in sorted(by_month.items()):
        last = invoices.month_end(first)
        if last + dt.timedelta(days=timing["waiting_days"]) > ctx.today:
            continue
        claimed = ctx.stamp(last + dt.timedelta(days=timing["claimed_after_days"]))
        batch_id = first_id + len(batches)
        batches.append({
            "id": batch_id, "period_from": first, "period_to": last,
            "file_names": STORY["batch_file"].format(yyyy=f"{first.year:04d}",
                                                     mm=f"{first.month:02d}"),
            "written_at": ctx.stamp(last + dt.timedelta(days=timing["written_after_days"])),
            "claimed_at": claimed})
        for line in month:
            line.update(status=ClaimStatus.CLAIMED, batch_id=batch_id, claimed_at=claimed,
                        updated_at=claimed)
    return batches


def _reject_one(ctx: DemoContext, lines: list[Line], batches: list[dict]) -> None:
    """The portal rejected one line of the latest claimed batch: its reason is kept, and the
    line waits to be reopened and claimed again."""
    if not batches:
        return
    latest = batches[-1]
    found = [line for line in lines if line["batch_id"] == latest["id"]
             and line["source_key"].endswith(":service") and not line["claim_type"]]
    if not found:
        return
    line = found[len(found) // 2]
    line.update(status=ClaimStatus.REJECTED, rejection_reason=STORY["rejection"],
                updated_at=ctx.stamp(latest["period_to"] + dt.timedelta(days=6)))


def _edit_one(ctx: DemoContext, plans: list[Plan], lines: list[Line],
              minutes: dict[int, int]) -> None:
    """A session that ran over: the coach changed its line's hours, with the reason."""
    words = STORY["edit"]
    for plan in plans:
        if plan.management != "plan":
            continue
        ready = [line for line in lines if line["participant_id"] == plan.participant_id
                 and line["status"] == ClaimStatus.READY and not line["claim_type"]
                 and line["source_key"].endswith(":service")]
        if not ready:
            continue
        line = ready[-1]
        hours = hours_centi(minutes[line["session_id"]] + words["extra_minutes"])
        edit = LineEdit(line["support_number"], "", "", format_centi(hours),
                        format_centi(line["unit_price_cents"]),
                        words["reason"].format(name=plan.name))
        quantity, price = check_line_edit(edit)  # the rule the Claims view's edit keeps
        line.update(quantity_centi=quantity, unit_price_cents=price, edit_reason=edit.reason,
                    updated_at=ctx.stamp(line["support_date"] + dt.timedelta(days=1)))
        return


def _nearly_spent(session: Session, ctx: DemoContext, plans: list[Plan]) -> None:
    """One plan's current funding period released just short of what was delivered and is
    booked, so the Overview warns that booked sessions would overspend it. The earlier
    periods released exactly what was used (nothing rolls over to hide it)."""
    over = STORY["overspend_dollars"] * 100
    for plan in plans:
        if plan.management == "self" or not plan.plan_start <= ctx.today <= plan.plan_end:
            continue
        summary = next((f for f in summaries(session, plan.participant_id, ctx.today)
                        if f.budget_id == plan.budget_id), None)
        if summary is None:
            continue
        current = next((u for u in summary.periods if u.starts_on <= ctx.today <= u.ends_on),
                       None)
        if current is None or current.booked_cents <= over:
            continue
        periods = session.scalars(select(FundingPeriod).where(
            FundingPeriod.budget_id == plan.budget_id).order_by(FundingPeriod.starts_on)).all()
        for row, use in zip(periods, summary.periods, strict=True):
            used = use.claimed_cents + use.unclaimed_cents
            if use.ends_on < ctx.today:
                row.released_cents = used
            elif use is current:
                row.released_cents = used + use.booked_cents - over
        session.flush()
        budgets = PlanBudget.__table__
        released = sum(row.released_cents for row in periods)
        session.execute(update(budgets).where(budgets.c.id == plan.budget_id,
                                              budgets.c.amount_cents < released)
                        .values(amount_cents=released, updated_at=budgets.c.updated_at))
        return
