"""NDIS claims (issue 19): what the window may see and the pure rules of a claim.

Standard library, ``recoverydesk.dates`` and ``recoverydesk.services.types`` only. No figure of
the NDIS price guide lives here: prices, item numbers and public holidays are dated data files
(resources/ndis/) loaded into the practice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The money and identifier rules live in modules of their own; the window (which imports only
# this module of a capability) names them from here.
from recoverydesk.services.claims.checks import CLAIM_YEARS as CLAIM_YEARS
from recoverydesk.services.claims.checks import check_abn, check_support_number
from recoverydesk.services.claims.checks import check_claim_reference as check_claim_reference
from recoverydesk.services.claims.checks import check_ndis_number as check_ndis_number
from recoverydesk.services.claims.checks import claim_deadline as claim_deadline
from recoverydesk.services.claims.checks import past_deadline as past_deadline
from recoverydesk.services.claims.money import (
    claim_reference,
    format_centi,
    line_amount,
    parse_centi,
)
from recoverydesk.services.claims.periods import funding_periods as funding_periods
from recoverydesk.services.types import Validator

CLAIM_TYPES = {
    "": "Direct service",
    "TRAN": "Provider travel",
    "NF2F": "Non-face-to-face",
    "CANC": "Short-notice cancellation",
    "REPW": "Report writing",
}

CANCELLATION_REASONS = {
    "NSDH": "No show due to health reasons",
    "NSDF": "No show due to family issues",
    "NSDT": "No show due to unavailability of transport",
    "NSDO": "Other",
}

MANAGEMENT_LABELS = {
    "ndia": "NDIA-managed (claimed through the portal)",
    "plan": "Plan-managed (invoiced to the plan manager)",
    "self": "Self-managed (invoiced to the participant)",
}

STATUS_LABELS = {"ready": "Ready to claim", "claimed": "Claimed", "rejected": "Rejected"}

GST_CODES = {"P2": "GST-free", "P1": "Taxable (GST applies)", "P5": "Out of scope"}
DATE_STYLES = {"slash": "2026/03/31", "dash": "2026-03-31"}
STATES = ("ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA")

FIELD_LABELS = {
    "registration_number": "NDIS registration number",
    "abn": "ABN",
    "business_name": "Business name",
    "gst_code": "GST",
    "default_mmm_zone": "Default MMM zone",
    "state": "State",
    "time_zone": "Time zone",
    "invoice_prefix": "Invoice number prefix",
    "next_invoice_number": "Next invoice number",
    "date_style": "Dates in the claim file",
    "payment": "Payment details",
    "management": "How the plan is managed",
    "manager_name": "Plan manager",
    "manager_email": "Plan manager's email",
    "manager_phone": "Plan manager's phone",
    "mmm_zone": "MMM zone",
    "starts_on": "Start",
    "ends_on": "End",
    "items": "Agreed items and rates",
    "nf2f_agreed": "Non-face-to-face work agreed",
    "cancellation_percent": "Short-notice cancellation fee (%)",
    "cancellation_terms": "Cancellation terms",
    "travel_time_agreed": "Travel time agreed",
    "travel_km_agreed": "Travel kilometres agreed",
    "travel_cap_minutes": "Travel time each way (MMM 6-7)",
    "travel_terms": "Travel terms",
    "plan_start": "Plan start",
    "plan_end": "Plan end",
    "amount": "Budget for recovery coaching",
    "released": "Released",
    "support_number": "Support item",
    "claim_type": "Claim type",
    "cancellation_reason": "Cancellation reason",
    "quantity": "Quantity",
    "unit_price": "Unit price",
    "reason": "Reason for the change",
    "out": "Claim file",
}




# -- DTOs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimDetails:
    """The practice's details for claims and invoices (``claims.*`` practice settings)."""

    registration_number: str = ""
    abn: str = ""
    business_name: str = ""
    gst_code: str = "P2"
    default_mmm_zone: int = 1
    state: str = ""
    time_zone: str = ""  # an IANA name such as Australia/Melbourne; "" = this computer's
    invoice_prefix: str = "INV-"
    next_invoice_number: int = 1
    date_style: str = "slash"


@dataclass(frozen=True)
class FundingSetup:
    """How one participant's plan is managed, and where their supports are priced."""

    management: str = "ndia"
    manager_name: str = ""
    manager_email: str = ""
    manager_phone: str = ""
    manager_address: str = ""
    state: str = ""  # "" = the practice's state
    mmm_zone: int | None = None  # None = the practice's default zone


@dataclass(frozen=True)
class AgreedItem:
    support_number: str
    rate_cents: int | None = None  # None: the price limit in force on the day


@dataclass(frozen=True)
class AgreementDraft:
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    items: tuple[AgreedItem, ...] = ()
    nf2f_agreed: bool = False
    cancellation_percent: int = 0
    cancellation_terms: str = ""
    travel_time_agreed: bool = False
    travel_km_agreed: bool = False
    travel_cap_minutes: int | None = None
    travel_terms: str = ""
    note: str = ""


@dataclass(frozen=True)
class Agreement(AgreementDraft):
    id: int = 0
    participant_id: int = 0
    version: int = 0
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class BudgetDraft:
    plan_start: dt.date
    plan_end: dt.date
    amount_cents: int
    periods: tuple[tuple[dt.date, dt.date, int], ...] = ()  # (start, end, released cents)
    note: str = ""


@dataclass(frozen=True)
class ClaimLineRow:
    id: int
    participant_id: int
    participant_name: str
    ndis_number: str
    management: str
    session_id: int | None
    source_key: str
    support_date: dt.date
    support_number: str
    claim_type: str
    cancellation_reason: str
    quantity_centi: int
    unit_price_cents: int
    status: str
    edit_reason: str
    rejection_reason: str
    batch_id: int | None

    @property
    def amount_cents(self) -> int:
        return line_amount(self.quantity_centi, self.unit_price_cents)

    @property
    def claim_reference(self) -> str:
        return claim_reference(self.id)


@dataclass(frozen=True)
class HeldBack:
    """A session that gave no claim line (or not all), and why."""
    session_id: int
    participant_id: int
    day: dt.date
    reason: str


@dataclass(frozen=True)
class Derived:
    added: int = 0
    updated: int = 0
    removed: int = 0
    held_back: tuple[HeldBack, ...] = ()


@dataclass(frozen=True)
class LineEdit:
    support_number: str
    claim_type: str
    cancellation_reason: str
    quantity: str  # as typed: "1.5" or "1.50"
    unit_price: str  # as typed: "105.43"
    reason: str


@dataclass(frozen=True)
class BulkWritten:
    batch_id: int
    files: tuple[str, ...]
    lines: int
    total_cents: int


@dataclass(frozen=True)
class FundingUse:
    """One funding period: released, claimed, delivered but not claimed, booked, left."""

    starts_on: dt.date
    ends_on: dt.date
    released_cents: int
    claimed_cents: int
    unclaimed_cents: int
    booked_cents: int
    rolled_over_cents: int = 0

    @property
    def left_cents(self) -> int:
        return (self.released_cents + self.rolled_over_cents - self.claimed_cents
                - self.unclaimed_cents - self.booked_cents)


@dataclass(frozen=True)
class FundingSummary:
    budget_id: int
    plan_start: dt.date
    plan_end: dt.date
    amount_cents: int
    periods: tuple[FundingUse, ...] = field(default_factory=tuple)

    @property
    def used_cents(self) -> int:
        return sum(p.claimed_cents + p.unclaimed_cents for p in self.periods)


@dataclass(frozen=True)
class FundingTabDTO:
    """What the Funding tab reads of one participant at once."""

    setup: FundingSetup | None  # ``funding_setup``
    agreements: list[Agreement]  # ``agreements``: every version, newest first
    item_names: dict[str, str]  # ``price_book().names()``
    funding: list[FundingSummary]  # ``funding``


def clean_details(d: ClaimDetails) -> ClaimDetails:
    v = Validator()
    reg = d.registration_number.strip()
    abn = d.abn.replace(" ", "")
    v.check(not reg or reg.isdigit(), "registration_number",
            "The NDIS registration number is digits only.")
    v.check(not abn or check_abn(abn), "abn", "That ABN is not 11 digits with a valid check.")
    v.check(d.gst_code in GST_CODES, "gst_code", "Choose a GST code.")
    v.check(1 <= d.default_mmm_zone <= 7, "default_mmm_zone", "MMM zones run from 1 to 7.")
    v.check(not d.state or d.state in STATES, "state", "Choose an Australian state or territory.")
    v.check(d.next_invoice_number >= 1, "next_invoice_number", "Invoice numbers start at 1.")
    v.check(d.date_style in DATE_STYLES, "date_style", "Choose a date style.")
    v.check(len(d.invoice_prefix.strip()) <= 20, "invoice_prefix",  # a number keeps 40 (server)
            "Keep the invoice number prefix to 20 characters or fewer.")
    v.raise_if_any()
    return ClaimDetails(reg, abn, d.business_name.strip(), d.gst_code, d.default_mmm_zone,
                        d.state, d.time_zone.strip(), d.invoice_prefix.strip(),
                        d.next_invoice_number, d.date_style)


def clean_funding(f: FundingSetup) -> FundingSetup:
    v = Validator()
    v.check(f.management in MANAGEMENT_LABELS, "management", "Choose how the plan is managed.")
    v.check(f.management != "plan" or bool(f.manager_name.strip()), "manager_name",
            "Name the plan manager who receives the invoices.")
    v.check(not f.state or f.state in STATES, "state", "Choose an Australian state or territory.")
    v.check(f.mmm_zone is None or 1 <= f.mmm_zone <= 7, "mmm_zone", "MMM zones run from 1 to 7.")
    v.raise_if_any()
    return FundingSetup(f.management, f.manager_name.strip(), f.manager_email.strip(),
                        f.manager_phone.strip(), f.manager_address.strip(), f.state, f.mmm_zone)


def check_agreement(a: AgreementDraft, limits: dict[str, int] | None = None) -> None:
    """``limits``: each item's price limit (cents) on the start day; a rate above it is refused."""
    v = Validator()
    v.check(a.starts_on is not None, "starts_on", "When does the agreement start?")
    v.check(a.ends_on is not None, "ends_on", "When does the agreement end?")
    if a.starts_on and a.ends_on:
        v.check(a.ends_on >= a.starts_on, "ends_on", "The agreement ends before it starts.")
    v.check(bool(a.items), "items", "Agree at least one support item.")
    numbers = [i.support_number for i in a.items]
    v.check(all(check_support_number(n) for n in numbers), "items",
            "A support item number looks like 07_101_0106_6_3.")
    v.check(len(set(numbers)) == len(numbers), "items", "Each support item once, please.")
    v.check(all(i.rate_cents is None or i.rate_cents > 0 for i in a.items), "items",
            "An agreed rate is more than $0.")
    limits = limits or {}
    over = [f"{i.support_number} (limit ${format_centi(limits[i.support_number])})" for i in a.items
            if i.rate_cents and i.rate_cents > limits.get(i.support_number, i.rate_cents)]
    v.check(not over, "items", "Above the NDIS price limit: " + ", ".join(over) + ".")
    v.check(0 <= a.cancellation_percent <= 100, "cancellation_percent",
            "The cancellation fee is between 0% and 100% of the agreed fee.")
    v.check(a.travel_cap_minutes is None or 0 <= a.travel_cap_minutes <= 240,
            "travel_cap_minutes", "Travel time each way is at most 4 hours.")
    v.raise_if_any()


def check_line_edit(e: LineEdit) -> tuple[int, int]:
    """The edit's quantity and unit price (hundredths, cents), or every problem at once."""
    v = Validator()
    quantity, price = parse_centi(e.quantity), parse_centi(e.unit_price)
    v.check(check_support_number(e.support_number), "support_number",
            "A support item number looks like 07_101_0106_6_3.")
    v.check(e.claim_type in CLAIM_TYPES, "claim_type", "Choose a claim type.")
    if e.claim_type == "CANC":
        v.check(e.cancellation_reason in CANCELLATION_REASONS, "cancellation_reason",
                "A short-notice cancellation needs its reason.")
    else:
        v.check(not e.cancellation_reason, "cancellation_reason",
                "Only a short-notice cancellation has a cancellation reason.")
    v.check(quantity is not None and quantity > 0, "quantity",
            "The quantity is a number above 0 with at most two decimals, like 1.50.")
    v.check(price is not None and price > 0, "unit_price",
            "The unit price is an amount above $0, like 105.43.")
    v.check(bool(e.reason.strip()), "reason", "Say why the line was changed; it is kept.")
    v.raise_if_any()
    return quantity or 0, price or 0
