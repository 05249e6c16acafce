"""claims: the NDIS bulk payment request file for a period (issue 19)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.dates import plural
from recoverydesk.services.claims.types import format_centi


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from err


def register(sub: argparse._SubParsersAction) -> None:
    claims = sub.add_parser(
        "claims", help="write the NDIS bulk payment request file (CSV) for a period")
    add_db_argument(claims)
    claims.add_argument("--from", dest="start", type=_date, required=True,
                        help="first day of supports to claim")
    claims.add_argument("--to", dest="end", type=_date, required=True,
                        help="last day of supports to claim")
    claims.add_argument("--out", type=Path, required=True,
                        help="the .csv file to write (at most 20 characters with .csv)")
    claims.set_defaults(func=run_claims)


def run_claims(args) -> int:
    if args.end < args.start:
        raise UsageError("--to is before --from.")
    if args.out.suffix.lower() != ".csv":
        raise UsageError("--out should end in .csv.")
    if not args.out.parent.exists():
        raise UsageError(f"The folder {args.out.parent} does not exist.")
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
