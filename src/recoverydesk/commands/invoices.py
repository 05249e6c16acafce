"""invoice: a plan-managed or self-managed participant's invoice for a period as a PDF, with
their statement of hours (issue 19)."""

from __future__ import annotations

import argparse

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.commands.period import add_period_arguments, check_period_and_out
from recoverydesk.dates import plural


def register(sub: argparse._SubParsersAction) -> None:
    invoice = sub.add_parser(
        "invoice", help="invoice a plan-managed or self-managed participant for a period (PDF)")
    invoice.add_argument("participant", metavar="PARTICIPANT", help="an id or an unambiguous name")
    add_db_argument(invoice)
    add_period_arguments(invoice, "invoice", "the PDF file to write (the invoice, then the statement of hours)")
    invoice.set_defaults(func=run_invoice)


def run_invoice(args) -> int:
    check_period_and_out(args, ".pdf")
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
