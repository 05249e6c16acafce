"""Invoices (issue 19): what the window may see of an invoice, and its pure rules.

Standard library and the claims types only. A plan-managed participant's lines are invoiced to
their plan manager, a self-managed participant's to themselves; an NDIA-managed participant's
lines go in the bulk payment request file and are never invoiced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk.services.claims.types import (
    CANCELLATION_REASONS,
    CLAIM_TYPES,
    ClaimDetails,
    check_abn,
    check_ndis_number,
    format_centi,
)
from recoverydesk.services.types import Validator

FIELD_LABELS = {
    "period": "Period",
    "participant": "Participant",
    "business_name": "Business name",
    "abn": "ABN",
    "ndis_number": "NDIS number",
    "reason": "Reason for voiding",
    "out": "Invoice file",
}

GST_WORDS = {
    "P2": "GST: nil, GST-free supply",
    "P5": "GST: nil, supply outside the scope of GST",
}


@dataclass(frozen=True)
class InvoiceLineRow:
    support_date: dt.date
    support_number: str
    item_name: str  # the price list's name for the item ("" when no list names it)
    claim_type: str
    cancellation_reason: str
    quantity_centi: int
    unit_price_cents: int
    amount_cents: int
    claim_line_id: int | None = None
    unit: str = "H"  # H: hours; E: each (a kilometre)
    starts_at: dt.datetime | None = None  # the session's start (practice's clock), if kept
    minutes: int | None = None  # the session's length

    @property
    def hourly(self) -> bool:
        return self.unit == "H"

    @property
    def claim_type_label(self) -> str:
        label = CLAIM_TYPES.get(self.claim_type, self.claim_type)
        if self.cancellation_reason:
            reason = CANCELLATION_REASONS.get(self.cancellation_reason, "")
            label += f" ({self.cancellation_reason}: {reason})" if reason else ""
        return label


@dataclass(frozen=True)
class Invoice:
    id: int
    number: str
    participant_id: int
    participant_name: str
    ndis_number: str
    issued_on: dt.date
    period_from: dt.date
    period_to: dt.date
    addressed_to: str  # "plan" (the plan manager) or "self" (the participant)
    recipient_name: str
    recipient_email: str
    recipient_phone: str
    recipient_address: str
    total_cents: int
    gst_cents: int
    lines: tuple[InvoiceLineRow, ...] = ()
    voided_at: dt.datetime | None = None
    void_reason: str = ""

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def total_text(self) -> str:
        return f"${format_centi(self.total_cents)}"


@dataclass(frozen=True)
class InvoiceDocument:
    """All the invoice PDF prints: the invoice and the practice's details as they are now."""

    invoice: Invoice
    details: ClaimDetails
    coach_name: str = ""
    phone: str = ""
    email: str = ""
    payment: str = ""  # how to pay the practice, as the coach wrote it

    @property
    def gst_text(self) -> str:
        return gst_words(self.details, self.invoice.gst_cents)


def invoice_number(prefix: str, sequence: int) -> str:
    """("INV-", 7) -> "INV-0007"."""
    return f"{prefix}{sequence:04d}"


def gst_words(details: ClaimDetails, gst_cents: int) -> str:
    if details.gst_code == "P1":
        return f"GST included: ${format_centi(gst_cents)}"
    return GST_WORDS.get(details.gst_code, GST_WORDS["P2"])


def gst_of(details: ClaimDetails, total_cents: int) -> int:
    """The GST in a GST-inclusive total (one eleventh) for a taxable supply; 0 for GST-free."""
    if details.gst_code != "P1":
        return 0
    return (total_cents + 5) // 11


def check_can_invoice(name: str, management: str, ndis_number: str, manager_name: str,
                      details: ClaimDetails, ready_lines: int, start: dt.date,
                      end: dt.date) -> None:
    """Every reason this participant's period can't be invoiced, in plain words."""
    v = Validator()
    v.check(end >= start, "period", "The period ends before it starts.")
    v.check(bool(details.business_name.strip()), "business_name",
            "Add the practice's business name to its claim details first (Settings).")
    v.check(check_abn(details.abn), "abn",
            "Add the practice's ABN (11 digits) to its claim details first (Settings).")
    if management == "ndia":
        v.add("participant", f"{name}'s plan is NDIA-managed: their supports are claimed "
                             "through the bulk payment request file, never invoiced.")
    elif management not in ("plan", "self"):
        v.add("participant", f"Record how {name}'s plan is managed (plan manager or self) "
                             "before invoicing.")
    elif management == "plan" and not manager_name.strip():
        v.add("participant", f"Name {name}'s plan manager, who receives the invoice.")
    v.check(check_ndis_number(ndis_number), "ndis_number",
            f"{name} has no 9-digit NDIS number; the invoice needs it.")
    if end >= start:
        v.check(ready_lines > 0, "period",
                f"{name} has no lines ready to invoice from {start.isoformat()} to "
                f"{end.isoformat()} (draw the lines from the sessions first; lines already "
                "on an invoice are not invoiced again).")
    v.raise_if_any()


def check_void_reason(reason: str) -> str:
    v = Validator()
    v.check(bool(reason.strip()), "reason", "Say why the invoice is voided; it is kept.")
    v.raise_if_any()
    return reason.strip()
