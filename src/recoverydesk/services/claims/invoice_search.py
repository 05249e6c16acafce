"""The search finds invoices by number: typing "INV-0007" (any case, or just the start of a
number with a digit in it, "inv-00") lists those invoices first, and opening one opens its
participant. Invoice numbers are not words, so they are looked up directly, not in an index."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import Invoice, Participant
from recoverydesk.services.claims.types import format_centi
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.search.types import MARK_END, MARK_START, SearchResult

INVOICE_SCORE = -1.0e9  # an invoice number typed is what was meant: before any word match


def invoice_results(s: Session, typed: str, kinds: tuple[str, ...] | None,
                    limit: int) -> list[SearchResult]:
    if kinds and "invoice" not in kinds:
        return []
    wanted = "".join(typed.split()).upper()
    if len(wanted) < 2 or not any(c.isdigit() for c in wanted):
        return []
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = s.execute(select(Invoice, Participant)
                     .join(Participant, Participant.id == Invoice.participant_id)
                     .where(func.upper(Invoice.number).like(escaped + "%", escape="\\"))
                     .order_by(Invoice.sequence.desc()).limit(limit)).all()
    out = []
    for invoice, person in rows:
        name = display_name(person.given_name, person.family_name, person.preferred_name)
        voided = " · voided" if invoice.voided_at is not None else ""
        exact = invoice.number.upper() == wanted
        out.append(SearchResult(
            kind="invoice", participant_id=person.id, participant_name=name, ref=invoice.id,
            title=f"{MARK_START}{invoice.number}{MARK_END} · {name}",
            snippet=(f"Issued {short_date(invoice.issued_on)} to {invoice.recipient_name} · "
                     f"{short_date(invoice.period_from)} to {short_date(invoice.period_to)} · "
                     f"${format_centi(invoice.total_cents)}{voided}"),
            score=INVOICE_SCORE if exact else INVOICE_SCORE / 2, page="overview"))
    return out
