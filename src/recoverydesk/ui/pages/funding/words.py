"""What the Funding tab says, as plain functions of the claims types (tested without a window)."""

from __future__ import annotations

import datetime as dt

from recoverydesk.charts.funding import ChartPeriod, dollars, period_label
from recoverydesk.dates import short_date
from recoverydesk.services.claims.types import (
    MANAGEMENT_LABELS,
    Agreement,
    FundingSetup,
    FundingSummary,
    FundingUse,
    format_centi,
)


def money(cents: int) -> str:
    """ "$1,234.50"; "-$80.00" below zero."""
    whole = format_centi(abs(cents))
    dollars, part = whole.split(".")
    return f"{'-' if cents < 0 else ''}${int(dollars):,}.{part}"


def management_words(setup: FundingSetup | None) -> str:
    if setup is None:
        return "Not recorded yet: say how the plan is managed before claiming or invoicing."
    text = MANAGEMENT_LABELS[setup.management]
    if setup.management == "plan":
        contact = ", ".join(x for x in (setup.manager_email, setup.manager_phone) if x)
        text += f"\nPlan manager: {setup.manager_name}" + (f" ({contact})" if contact else "")
    place = []
    if setup.state:
        place.append(f"state {setup.state}")
    if setup.mmm_zone:
        place.append(f"MMM zone {setup.mmm_zone}")
    if place:
        text += "\nPriced for " + " and ".join(place) + "."
    return text


def agreement_title(a: Agreement, today: dt.date) -> str:
    """ "Version 2: 1 Jul 2026 to 30 Jun 2027 (current)" """
    state = ""
    if a.starts_on and a.ends_on:
        if a.ends_on < today:
            state = " (ended)"
        elif a.starts_on > today:
            state = " (starts later)"
        else:
            state = " (current)"
    return f"Version {a.version}: {short_date(a.starts_on)} to {short_date(a.ends_on)}{state}"


def agreement_words(a: Agreement, names: dict[str, str]) -> str:
    """Everything one version agreed, a line each."""
    lines = [f"{short_date(a.starts_on)} to {short_date(a.ends_on)}", "Agreed items:"]
    for item in a.items:
        rate = f"${format_centi(item.rate_cents)}" if item.rate_cents else "the price limit"
        lines.append(f"  • {names.get(item.support_number, item.support_number)} "
                     f"({item.support_number}) at {rate}")
    lines.append("Non-face-to-face work: " + ("agreed" if a.nf2f_agreed else "not agreed"))
    cancel = f"Short-notice cancellations: {a.cancellation_percent}% of the agreed fee"
    lines.append(cancel + (f"; {a.cancellation_terms}" if a.cancellation_terms else ""))
    travel = [w for w, on in (("travel time", a.travel_time_agreed),
                              ("travel kilometres", a.travel_km_agreed)) if on]
    text = "Travel: " + (" and ".join(travel) + " agreed" if travel else "not agreed")
    if a.travel_cap_minutes:
        text += f", up to {a.travel_cap_minutes} minutes each way"
    lines.append(text + (f"; {a.travel_terms}" if a.travel_terms else ""))
    if a.note:
        lines.append(a.note)
    return "\n".join(lines)


def plan_words(summary: FundingSummary) -> str:
    share = round(100 * summary.used_cents / summary.amount_cents) if summary.amount_cents else 0
    return (f"Plan {short_date(summary.plan_start)} to {short_date(summary.plan_end)}: "
            f"{money(summary.amount_cents)} for recovery coaching; {money(summary.used_cents)} "
            f"used ({share}%) in claims and delivered sessions.")


def overspend_warnings(summary: FundingSummary, today: dt.date) -> list[str]:
    """A sentence per funding period, not yet over, where booked work would overspend it."""
    return [f"Booked sessions would overspend the funding period {short_date(u.starts_on)} to "
            f"{short_date(u.ends_on)} by {money(-u.left_cents)}: move or cancel some, or ask "
            f"the participant's planner about the budget."
            for u in summary.periods if u.left_cents < 0 and u.ends_on >= today]


def period_cells(u: FundingUse, exact: bool = False) -> list[str]:
    """One table row: period, released, rolled over, claimed, delivered, booked, left (whole
    dollars, the cents with ``exact``, as the cells' tooltips show them)."""
    amount = money if exact else dollars
    name = period_label(ChartPeriod(u.starts_on, u.ends_on, 0, 0, 0, 0))
    return [name.replace("-", "-\n", 1) if len(name) > 12 else name,
            amount(u.released_cents), amount(u.rolled_over_cents) if u.rolled_over_cents else "",
            amount(u.claimed_cents), amount(u.unclaimed_cents), amount(u.booked_cents),
            amount(u.left_cents)]


PERIOD_HEADERS = ("Funding\nperiod", "Released", "Rolled\nover", "Claimed",
                  "Not yet\nclaimed", "Booked", "Left")
