"""InvoicingService (services.claims): a plan-managed or self-managed participant's ready claim
lines for a period, invoiced to their plan manager (or to themselves), numbered from the
practice's sequence; voided with a reason (the record and its number stay, the lines are free
for a new invoice); listed and found by number; printed as a PDF with a statement of hours.

Every write returns Changed. The database keeps the rules too (migration 0015): a claim line is
on at most one live invoice, and a line on a live invoice is never changed, deleted or put in a
bulk claim file; NDIA-managed lines are never invoiced (they go in the bulk file).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from recoverydesk.models import (
    ClaimLine,
    ClaimStatus,
    CoachingSession,
    Invoice,
    InvoiceLine,
    Participant,
    PracticeSetting,
    PriceItem,
    PriceList,
    utcnow,
)
from recoverydesk.private_files import write_atomic
from recoverydesk.services import audit
from recoverydesk.services.claims import invoice_types as it
from recoverydesk.services.claims.pricing import time_zone, wall_clock
from recoverydesk.services.claims.setup import PREFIX, read_details, read_funding
from recoverydesk.services.claims.types import format_centi, line_amount
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

PAYMENT_KEY = "invoices.payment_details"


def _changes(participant_id: int) -> ChangeSet:
    # The lines' funding changes too: an invoiced line counts as claimed.
    return ChangeSet(frozenset({"invoice", "claim_line"}), frozenset({participant_id}))


def live_invoiced(s: Session, line_ids: list[int] | None = None) -> dict[int, str]:
    """Claim line id -> the number of the live invoice it is on."""
    query = (select(InvoiceLine.claim_line_id, Invoice.number)
             .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
             .where(InvoiceLine.live.is_(True), InvoiceLine.claim_line_id.is_not(None)))
    if line_ids is not None:
        query = query.where(InvoiceLine.claim_line_id.in_(line_ids))
    return {line_id: number for line_id, number in s.execute(query)}


def _ready_lines(s: Session, participant_id: int, start: dt.date,
                 end: dt.date) -> list[ClaimLine]:
    on_invoice = (select(InvoiceLine.claim_line_id)
                  .where(InvoiceLine.live.is_(True), InvoiceLine.claim_line_id.is_not(None)))
    return list(s.scalars(select(ClaimLine).where(
        ClaimLine.participant_id == participant_id, ClaimLine.status == ClaimStatus.READY,
        ClaimLine.batch_id.is_(None), ClaimLine.support_date.between(start, end),
        ClaimLine.id.not_in(on_invoice)).order_by(ClaimLine.support_date, ClaimLine.id)))


def _items(s: Session) -> dict[str, tuple[str, str]]:
    """Each support item's name and unit, the newest price list naming it winning."""
    rows = s.execute(select(PriceItem.support_number, PriceItem.name, PriceItem.unit)
                     .join(PriceList, PriceList.id == PriceItem.price_list_id)
                     .order_by(PriceList.effective_from, PriceList.id))
    return {number: (name, unit) for number, name, unit in rows}


def _person(s: Session, participant_id: int) -> Participant:
    person = s.get(Participant, participant_id)
    if person is None:
        raise NotFoundError("That participant is no longer in the practice.")
    return person


def _name(person: Participant) -> str:
    return display_name(person.given_name, person.family_name, person.preferred_name)


def _dto(s: Session, row: Invoice) -> it.Invoice:
    person = _person(s, row.participant_id)
    items = _items(s)
    zone = time_zone(read_details(s).time_zone)
    lines = []
    query = (select(InvoiceLine, CoachingSession.starts_at, CoachingSession.duration_minutes)
             .outerjoin(CoachingSession, CoachingSession.id == InvoiceLine.session_id)
             .where(InvoiceLine.invoice_id == row.id)
             .order_by(InvoiceLine.support_date, InvoiceLine.id))
    for line, starts_at, minutes in s.execute(query):
        name, unit = items.get(line.support_number, ("", "H"))
        lines.append(it.InvoiceLineRow(
            line.support_date, line.support_number, name, line.claim_type,
            line.cancellation_reason, line.quantity_centi, line.unit_price_cents,
            line.amount_cents, line.claim_line_id, unit,
            wall_clock(starts_at, zone) if starts_at is not None else None, minutes))
    return it.Invoice(
        id=row.id, number=row.number, participant_id=row.participant_id,
        participant_name=_name(person), ndis_number=person.ndis_number or "",
        issued_on=row.issued_on, period_from=row.period_from, period_to=row.period_to,
        addressed_to=row.addressed_to, recipient_name=row.recipient_name,
        recipient_email=row.recipient_email, recipient_phone=row.recipient_phone,
        recipient_address=row.recipient_address, total_cents=row.total_cents,
        gst_cents=row.gst_cents, lines=tuple(lines), voided_at=row.voided_at,
        void_reason=row.void_reason)


def _next_sequence(s: Session, wanted: int) -> int:
    """The practice's next number, never one an invoice has had (voided ones keep theirs).

    On a team practice a coach sees only their own participants' invoices, so the highest
    number comes from the server (revision 0020's ``recoverydesk_last_invoice_sequence``,
    counting every invoice in the practice) under the practice's numbering lock, held until
    this transaction ends: two coaches issuing at the same moment take turns. The next number
    the claim details keep is read again after the lock (another coach may have just moved
    it); ``wanted`` is what this transaction read before."""
    if s.get_bind().dialect.name != "postgresql":
        used = s.scalar(select(func.max(Invoice.sequence))) or 0
        return max(wanted, used + 1)
    used = s.scalar(text("SELECT recoverydesk_last_invoice_sequence()")) or 0
    kept = s.scalar(select(PracticeSetting.value)
                    .where(PracticeSetting.key == PREFIX + "next_invoice_number"))
    if kept is not None and kept.isdigit():
        wanted = int(kept)
    return max(wanted, used + 1)


def _put_setting(s: Session, key: str, value: str) -> None:
    row = s.get(PracticeSetting, key)
    if row is None:
        s.add(PracticeSetting(key=key, value=value))
    else:
        row.value = value


class InvoicingService:
    def __init__(self, store: Store):
        self._store = store

    # -- reading -------------------------------------------------------------------------------

    def ready_count(self, participant_id: int, start: dt.date, end: dt.date) -> int:
        with self._store.read() as s:
            return len(_ready_lines(s, participant_id, start, end))

    def invoices(self, participant_id: int | None = None) -> list[it.Invoice]:
        """Newest first, voided ones too."""
        with self._store.read() as s:
            query = select(Invoice).order_by(Invoice.sequence.desc())
            if participant_id is not None:
                query = query.where(Invoice.participant_id == participant_id)
            return [_dto(s, row) for row in s.scalars(query)]

    def get(self, invoice_id: int) -> it.Invoice:
        with self._store.read() as s:
            row = s.get(Invoice, invoice_id)
            if row is None:
                raise NotFoundError("That invoice is no longer in the practice.")
            return _dto(s, row)

    def find(self, number: str) -> it.Invoice | None:
        """The invoice with this number (any case, spaces ignored), or None."""
        wanted = "".join(number.split()).upper()
        if not wanted:
            return None
        with self._store.read() as s:
            row = s.scalars(select(Invoice).where(func.upper(Invoice.number) == wanted)).first()
            return _dto(s, row) if row is not None else None

    def invoiced_lines(self, line_ids: list[int] | None = None) -> dict[int, str]:
        """Claim line id -> the number of the live invoice it is on (for the Claims view)."""
        with self._store.read() as s:
            return live_invoiced(s, line_ids)

    def payment_details(self) -> str:
        with self._store.read() as s:
            row = s.get(PracticeSetting, PAYMENT_KEY)
            return row.value if row is not None else ""

    def document(self, invoice_id: int) -> it.InvoiceDocument:
        with self._store.read() as s:
            row = s.get(Invoice, invoice_id)
            if row is None:
                raise NotFoundError("That invoice is no longer in the practice.")
            practice = {r.key: r.value for r in s.scalars(
                select(PracticeSetting).where(PracticeSetting.key.like("practice.%")))}
            payment = s.get(PracticeSetting, PAYMENT_KEY)
            return it.InvoiceDocument(
                _dto(s, row), read_details(s), practice.get("practice.coach_name", ""),
                practice.get("practice.phone", ""), practice.get("practice.email", ""),
                payment.value if payment is not None else "")

    # -- writing -------------------------------------------------------------------------------

    def save_payment_details(self, text: str) -> Changed[str]:
        """How to pay the practice (bank, BSB, account), printed on every invoice."""
        cleaned = "\n".join(line.strip() for line in text.strip().splitlines())
        with self._store.unit_of_work() as s:
            _put_setting(s, PAYMENT_KEY, cleaned)
            audit.record(s, "invoices.payment_details_updated", "practice_settings", None)
        return Changed(cleaned, ChangeSet.of("practice_settings", "claim_details"))

    def issue(self, participant_id: int, start: dt.date, end: dt.date,
              issued_on: dt.date | None = None) -> Changed[it.Invoice]:
        """Invoice the participant's ready lines in the period to their plan manager (or to
        them, when self-managed), with the practice's next number. Raises ValidationError
        naming every reason it can't, in plain words; then nothing changes."""
        with self._store.unit_of_work() as s:
            person = _person(s, participant_id)
            name = _name(person)
            funding = read_funding(s, participant_id)
            details = read_details(s)
            lines = _ready_lines(s, participant_id, start, end) if end >= start else []
            management = funding.management if funding else ""
            it.check_can_invoice(name, management, person.ndis_number or "",
                                 funding.manager_name if funding else "", details, len(lines),
                                 start, end)
            assert funding is not None  # checked: plan- or self-managed
            sequence = _next_sequence(s, details.next_invoice_number)
            number = it.invoice_number(details.invoice_prefix, sequence)
            if s.scalar(select(Invoice.id).where(Invoice.number == number)) is not None:
                raise ValidationError.single(
                    "number", f"An invoice is numbered {number} already; change the invoice "
                              "number prefix in the claim details.")
            total = sum(line_amount(r.quantity_centi, r.unit_price_cents) for r in lines)
            to_manager = management == "plan"
            row = Invoice(
                sequence=sequence, number=number, participant_id=participant_id,
                issued_on=issued_on or dt.date.today(), period_from=start, period_to=end,
                addressed_to=management,
                recipient_name=funding.manager_name if to_manager else name,
                recipient_email=funding.manager_email if to_manager else "",
                recipient_phone=funding.manager_phone if to_manager else "",
                recipient_address=funding.manager_address if to_manager else "",
                total_cents=total, gst_cents=it.gst_of(details, total))
            s.add(row)
            s.flush()
            s.add_all(InvoiceLine(
                invoice_id=row.id, claim_line_id=r.id, live=True, session_id=r.session_id,
                support_date=r.support_date, support_number=r.support_number,
                claim_type=r.claim_type, cancellation_reason=r.cancellation_reason,
                quantity_centi=r.quantity_centi, unit_price_cents=r.unit_price_cents,
                amount_cents=line_amount(r.quantity_centi, r.unit_price_cents)) for r in lines)
            _put_setting(s, PREFIX + "next_invoice_number", str(sequence + 1))
            audit.record(s, "invoices.issued", "invoice", row.id, participant_id,
                         f"{number}: {len(lines)} lines, ${format_centi(total)}")
            s.flush()
            result = _dto(s, row)
        return Changed(result, _changes(participant_id))

    def void(self, invoice_id: int, reason: str) -> Changed[it.Invoice]:
        """Void an invoice: its record and number stay (never reused), its lines are free to
        go on a new invoice."""
        why = it.check_void_reason(reason)
        with self._store.unit_of_work() as s:
            row = s.get(Invoice, invoice_id)
            if row is None:
                raise NotFoundError("That invoice is no longer in the practice.")
            if row.voided_at is not None:
                raise ValidationError.single("reason", f"{row.number} is voided already.")
            row.voided_at, row.void_reason = utcnow(), why
            for line in s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == row.id)):
                line.live = False
            audit.record(s, "invoices.voided", "invoice", row.id, row.participant_id,
                         f"{row.number}: {why}")
            s.flush()
            result = _dto(s, row)
        return Changed(result, _changes(result.participant_id))

    # -- printing ------------------------------------------------------------------------------

    def invoice_pdf(self, invoice_id: int, out: Path | None = None) -> bytes:
        """The invoice and the participant's statement of hours as one PDF (written to ``out``
        too, owner-only and whole or not at all, when given). Prints only: changes nothing."""
        # reportlab costs ~100-160 ms to import: paid on the first invoice printed, never
        # while the practice opens (the container builds this service at start-up).
        from recoverydesk.reports.invoice import build_invoice

        pdf = build_invoice(self.document(invoice_id))
        if out is not None:
            write_atomic(out, pdf)
        return pdf
