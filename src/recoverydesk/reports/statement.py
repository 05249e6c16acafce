"""The participant's statement of hours: what we did together, when, for how long, and what it
cost from their NDIS plan, in plain words and the plan pack's warmer, larger type. Printed after
the invoice it comes from (``reports/invoice.py``), on a page of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from recoverydesk.dates import clock_time, long_date, plural, weekday_name
from recoverydesk.reports import styles as st
from recoverydesk.reports.layout import esc, grid, hours_minutes, para

if TYPE_CHECKING:
    from recoverydesk.services.claims.invoice_types import InvoiceDocument, InvoiceLineRow

WHAT = {
    "": "Recovery coaching together",
    "TRAN": "Travel time to meet you",
    "NF2F": "Work for you, not face to face (calls, letters, finding services)",
    "CANC": "A session cancelled at short notice",
    "REPW": "A report the NDIA asked for",
}
WHY_CANCELLED = {
    "NSDH": "you were unwell",
    "NSDF": "of family matters",
    "NSDT": "there was no transport",
    "NSDO": "of something else",
}


def _money(cents: int) -> str:
    whole, part = divmod(cents, 100)
    return f"${whole:,}.{part:02d}"


def _minutes(line: InvoiceLineRow) -> int:
    return round(line.quantity_centi * 60 / 100)


def what_we_did(line: InvoiceLineRow) -> str:
    if not line.hourly:
        km = line.quantity_centi / 100
        return f"Kilometres driven to meet you ({km:g} km)"
    words = WHAT.get(line.claim_type, line.item_name or "Support")
    if line.claim_type == "CANC" and line.cancellation_reason in WHY_CANCELLED:
        words += f", because {WHY_CANCELLED[line.cancellation_reason]}"
    return words


def _when(line: InvoiceLineRow) -> str:
    day = f"{weekday_name(line.support_date)} {long_date(line.support_date)}"
    if line.starts_at is not None and line.claim_type in ("", "CANC"):
        return f"{day}, {clock_time(line.starts_at)}"
    return day


def _how_long(line: InvoiceLineRow) -> str:
    if not line.hourly:
        return ""
    return hours_minutes(_minutes(line))


def statement_of_hours(doc: InvoiceDocument, width: float) -> list:
    s = st.plan_styles()
    inv = doc.invoice
    right = ParagraphStyle("stmt_right", parent=s.cell, alignment=TA_RIGHT)
    right_head = ParagraphStyle("stmt_right_head", parent=s.cell_head, alignment=TA_RIGHT)
    first_name = inv.participant_name.split(" ")[0]
    who_pays = (f"Your plan manager, {inv.recipient_name}, pays it from your plan"
                if inv.addressed_to == "plan" else "You pay it from your plan")
    story: list = [
        Paragraph("Your statement of hours", s.title),
        para(f"For {inv.participant_name}, from {long_date(inv.period_from)} to "
             f"{long_date(inv.period_to)}", s.subtitle),
        Spacer(1, 3 * mm),
        para(f"{first_name}, this is what we did together, when, for how long, and what it "
             f"cost from your NDIS plan. It is the same as invoice {inv.number}. "
             f"{who_pays}.", s.body),
        Spacer(1, 2 * mm),
    ]
    rows: list[list] = [[Paragraph("When", s.cell_head), Paragraph("What we did", s.cell_head),
                         Paragraph("How long", s.cell_head),
                         Paragraph("Cost from your plan", right_head)]]
    for line in inv.lines:
        rows.append([para(_when(line), s.cell), para(what_we_did(line), s.cell),
                     para(_how_long(line), s.cell), Paragraph(_money(line.amount_cents), right)])
    story.append(grid(rows, [width * w for w in (0.34, 0.33, 0.17, 0.16)],
                      header_bg=st.ACCENT_SOFT))
    together = sum(_minutes(x) for x in inv.lines if x.hourly and x.claim_type == "")
    hours_all = sum(_minutes(x) for x in inv.lines if x.hourly)
    sessions = sum(1 for x in inv.lines if x.hourly and x.claim_type == "")
    summary = [
        Spacer(1, 4 * mm),
        Paragraph(f"<b>In all:</b> {plural(sessions, 'session')} together "
                  f"({esc(hours_minutes(together))}); with travel and other work, "
                  f"{esc(hours_minutes(hours_all))} of support; "
                  f"<b>{_money(inv.total_cents)}</b> from your plan.", s.body),
        para("If something here does not look right, please tell me, and we will sort it out "
             "before it is paid.", s.body),
    ]
    if doc.coach_name:
        summary.append(para(f"{doc.coach_name}, {doc.details.business_name}", s.muted))
    story.append(KeepTogether(summary))
    return story
