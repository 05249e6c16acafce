"""The demo's invoices: each plan-managed and self-managed participant's ready lines of a month
that is well over, invoiced soon after it ended (to the plan manager, or to the participant),
numbered from the practice's sequence in the order they were issued. The last weeks' lines are
not invoiced yet. Rows are plain dicts inserted after the claim lines they point at (the
database checks an invoiced line is ready and in no claim file)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext
from recoverydesk.demo.story import load_story
from recoverydesk.models import ClaimStatus, Invoice, InvoiceLine, PracticeSetting
from recoverydesk.services.claims.invoice_types import gst_of, invoice_number
from recoverydesk.services.claims.setup import PREFIX
from recoverydesk.services.claims.types import ClaimDetails, line_amount

if TYPE_CHECKING:  # demo/claim_lines.py calls this module with its plans and line rows
    from recoverydesk.demo.claim_lines import Line, Plan

STORY = load_story("claims")


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def plan_invoices(ctx: DemoContext, plans: list[Plan], lines: list[Line],
                  details: ClaimDetails) -> tuple[list[dict], list[dict]]:
    """(invoices, invoice lines) for the months each plan- or self-managed participant has
    been invoiced for; the lines stay as they are (ready, outside any claim file)."""
    timing = STORY["batches"]
    order = {p.participant_id: p for p in plans if p.management in ("plan", "self")}
    groups: dict[tuple[dt.date, int], list[Line]] = defaultdict(list)
    for line in lines:
        plan = order.get(line["participant_id"])
        if plan is None or line["status"] != ClaimStatus.READY or line["batch_id"]:
            continue
        first = line["support_date"].replace(day=1)
        if month_end(first) + dt.timedelta(days=timing["waiting_days"]) <= ctx.today:
            groups[(first, plan.index)].append(line)
    invoices, invoice_lines = [], []
    sequence = details.next_invoice_number
    for (first, _index), month in sorted(groups.items(), key=lambda g: g[0]):
        pid = month[0]["participant_id"]
        plan = order[pid]
        setup = plan.setup
        if setup is None:
            continue
        issued = month_end(first) + dt.timedelta(days=timing["written_after_days"])
        total = sum(line_amount(x["quantity_centi"], x["unit_price_cents"]) for x in month)
        to_manager = plan.management == "plan"
        invoice_id = len(invoices) + 1  # a new practice: the demo issues its first invoices
        invoices.append({
            "id": invoice_id, "sequence": sequence,
            "number": invoice_number(details.invoice_prefix, sequence),
            "participant_id": pid, "issued_on": issued, "period_from": first,
            "period_to": month_end(first), "addressed_to": plan.management,
            "recipient_name": setup.manager_name if to_manager else plan.full_name,
            "recipient_email": setup.manager_email if to_manager else "",
            "recipient_phone": setup.manager_phone if to_manager else "",
            "recipient_address": setup.manager_address if to_manager else "",
            "total_cents": total, "gst_cents": gst_of(details, total),
            "created_at": ctx.stamp(issued), "voided_at": None, "void_reason": ""})
        invoice_lines += [{
            "invoice_id": invoice_id, "claim_line_id": x["id"], "live": True,
            "session_id": x["session_id"], "support_date": x["support_date"],
            "support_number": x["support_number"], "claim_type": x["claim_type"],
            "cancellation_reason": x["cancellation_reason"],
            "quantity_centi": x["quantity_centi"], "unit_price_cents": x["unit_price_cents"],
            "amount_cents": line_amount(x["quantity_centi"], x["unit_price_cents"])}
            for x in month]
        sequence += 1
    return invoices, invoice_lines


def write(session: Session, invoices: list[dict], invoice_lines: list[dict]) -> None:
    """The invoices (after their claim lines), and the practice's next invoice number."""
    if not invoices:
        return
    if session.scalar(select(func.count()).select_from(Invoice)):
        return  # not a new practice: the demo leaves numbering to the coach
    connection = session.connection()
    connection.execute(Invoice.__table__.insert(), invoices)
    connection.execute(InvoiceLine.__table__.insert(), invoice_lines)
    settings = PracticeSetting.__table__
    connection.execute(update(settings).where(settings.c.key == PREFIX + "next_invoice_number")
                       .values(value=str(invoices[-1]["sequence"] + 1),
                               updated_at=settings.c.updated_at))
