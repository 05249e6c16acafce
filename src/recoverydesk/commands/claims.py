"""claims: the NDIS bulk payment request file for a period (issue 19)."""

from __future__ import annotations

import argparse

from recoverydesk.commands import add_db_argument, open_existing
from recoverydesk.commands.period import add_period_arguments, check_period_and_out
from recoverydesk.dates import plural
from recoverydesk.services.claims.types import format_centi


def register(sub: argparse._SubParsersAction) -> None:
    claims = sub.add_parser(
        "claims", help="write the NDIS bulk payment request file (CSV) for a period")
    add_db_argument(claims)
    add_period_arguments(claims, "claim", "the .csv file to write (at most 20 characters with .csv)")
    claims.set_defaults(func=run_claims)


def run_claims(args) -> int:
    check_period_and_out(args, ".csv")
    services = open_existing(args, writes=True)  # it draws lines and records the batch
    try:
        derived = services.claims.derive(args.start, args.end).value
        written = services.claims.write_bulk_file(args.start, args.end, args.out).value
    finally:
        services.close()
    files = ", ".join(written.files)
    print(f"Wrote {plural(written.lines, 'claim line')} (${format_centi(written.total_cents)}) "
          f"to {files}, as batch {written.batch_id}.")
    print("After uploading it to the provider portal, mark the batch as claimed in RecoveryDesk.")
    for held in derived.held_back:
        print(f"Not claimed: the session on {held.day}: {held.reason}")
    return 0
