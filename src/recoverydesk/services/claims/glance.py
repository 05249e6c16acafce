"""The claims lines of a participant's Overview: funding used against funded in the plan in
force (and a warning when booked work would overspend a funding period), and the claim deadline
warning for supports over 21 months old not yet claimed. The first line also says the hours
delivered against the hours the budget buys (``hours.py``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Row
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import ClaimStatus
from recoverydesk.services.claims.funding import claim_lines, funding_and_context, funding_reads
from recoverydesk.services.claims.hours import daytime_rate, funded_hours, hours_text, hours_used
from recoverydesk.services.claims.rows import DeriveContext
from recoverydesk.services.claims.types import FundingSummary, claim_deadline, format_centi
from recoverydesk.services.core_read import Read
from recoverydesk.services.types import OverviewLine

WARN_AFTER_MONTHS = 21  # the NDIS allows two years; warn with three months to go
HEADING = "NDIS funding"
PAGE = "funding"  # the funding lines open the participant's Funding tab
WAITING = (ClaimStatus.READY, ClaimStatus.REJECTED)  # not yet claimed
CLAIMS = "claims"  # the deadline line opens the Claims view, filtered to the participant


def nearing_deadline(support_day: dt.date, today: dt.date) -> bool:
    """Over 21 months old: time to claim it before the two-year deadline."""
    months = (today.year - support_day.year) * 12 + today.month - support_day.month
    if today.day < support_day.day:
        months -= 1
    return months >= WARN_AFTER_MONTHS


def _money(cents: int) -> str:
    return f"${format_centi(cents)}"


def _hours(s: Session, participant_id: int, summary: FundingSummary, today: dt.date,
           context: DeriveContext, lines: list[Row]) -> str:
    """ ": 26.0 hours delivered of about 113.8 at the weekday daytime rate" """
    in_plan = [(line.support_number, line.support_date, line.quantity_centi) for line in lines
               if summary.plan_start <= line.support_date <= summary.plan_end]
    used = hours_used(in_plan, context.book)
    funded = funded_hours(summary.amount_cents,
                          daytime_rate(context.book, context.agreement(s, participant_id, today),
                                       today))
    text = f": {hours_text(used)} delivered"
    return text + (f" of about {hours_text(funded).removesuffix(' hours')} at the weekday "
                   "daytime rate" if funded else "")


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return funding_reads(participant_id)


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    out = []
    lines = claim_lines(s, participant_id)  # one read for the funding, hours and deadline
    found, context = funding_and_context(s, participant_id, today, lines=lines)
    for summary in found:
        if not summary.plan_start <= today <= summary.plan_end:
            continue
        share = round(100 * summary.used_cents / summary.amount_cents) if summary.amount_cents \
            else 0
        out.append(OverviewLine(
            HEADING, f"{_money(summary.used_cents)} used of {_money(summary.amount_cents)} "
                     f"funded for recovery coaching in this plan ({share}%)"
                     + _hours(s, participant_id, summary, today, context, lines) + ".",
            page=PAGE, order=70))
        for use in summary.periods:
            if use.left_cents < 0 and use.ends_on >= today:
                out.append(OverviewLine(
                    HEADING, f"Booked sessions would overspend the funding period ending "
                             f"{short_date(use.ends_on)} by {_money(-use.left_cents)}.",
                    attention=True, page=PAGE, order=71))
    old = sorted(line.support_date for line in lines if line.status in WAITING
                 and nearing_deadline(line.support_date, today))
    if old:
        count = f"{len(old)} support{'s' if len(old) != 1 else ''}"
        out.append(OverviewLine(
            HEADING, f"{count} over 21 months old not yet claimed: the oldest must be claimed "
                     f"by {short_date(claim_deadline(old[0]))}.",
            attention=True, page=CLAIMS, order=72))
    return out
