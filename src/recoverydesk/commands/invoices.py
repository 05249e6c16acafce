"""invoice: a plan-managed or self-managed participant's invoice for a period as a PDF, with
their statement of hours (issue 19)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.dates import plural


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from err


def register(sub: argparse._SubParsersAction) -> None:
    invoice = sub.add_parser(
        "invoice", help="invoice a plan-managed or self-managed participant for a period (PDF)")
    invoice.add_argument("participant", metavar="PARTICIPANT", help="an id or an unambiguous name")
    add_db_argument(invoice)
    invoice.add_argument("--from", dest="start", type=_date, required=True,
                         help="first day of supports to invoice")
    invoice.add_argument("--to", dest="end", type=_date, required=True,
                         help="last day of supports to invoice")
    invoice.add_argument("--out", type=Path, required=True,
                         help="the PDF file to write (the invoice, then the statement of hours)")
    invoice.set_defaults(func=run_invoice)


def run_invoice(args) -> int:
    if args.end < args.start:
        raise UsageError("--to is before --from.")
    if args.out.suffix.lower() != ".pdf":
        raise UsageError("--out should end in .pdf.")
    if not args.out.parent.exists():
        raise UsageError(f"The folder {args.out.parent} does not exist.")
    if args.out.exists():
        raise UsageError(f"{args.out} exists already; choose another name (an invoice is "
                         "never written over).")
    services = open_existing(args, writes=True)  # it draws lines and numbers the invoice
    try:
        person = services.participants.resolve(args.participant)
        derived = services.claims.derive(args.start, args.end, person.id).value
        invoice = services.invoices.issue(person.id, args.start, args.end).value
        services.invoices.invoice_pdf(invoice.id, args.out)
    finally:
        services.close()
    print(f"Wrote invoice {invoice.number} to {invoice.recipient_name} for "
          f"{invoice.participant_name}: {plural(len(invoice.lines), 'line')}, "
          f"{invoice.total_text}, to {args.out}.")
    for held in derived.held_back:
        print(f"Not invoiced: the session on {held.day}: {held.reason}")
    return 0
