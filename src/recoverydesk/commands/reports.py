"""print-plan (the participant's plan pack) and review-report (for an NDIS plan review)."""

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
    plan = sub.add_parser("print-plan", help="write a participant's plan pack as a PDF")
    plan.add_argument("participant", metavar="PARTICIPANT", help="an id or an unambiguous name")
    add_db_argument(plan)
    plan.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    plan.add_argument("--large-print", action="store_true", help="larger type throughout")
    plan.set_defaults(func=run_print_plan)

    review = sub.add_parser("review-report", help="write a plan-review progress report as a PDF")
    review.add_argument("participant", metavar="PARTICIPANT", help="an id or an unambiguous name")
    add_db_argument(review)
    review.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    review.add_argument(
        "--from",
        dest="start",
        type=_date,
        default=None,
        help="first day of the period (default: the plan start, or 6 months back)",
    )
    review.add_argument(
        "--to", dest="end", type=_date, default=None, help="last day of the period (default today)"
    )
    review.set_defaults(func=run_review_report)


def _check_out(out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise UsageError("--out should end in .pdf.")
    if not out.parent.exists():
        raise UsageError(f"The folder {out.parent} does not exist.")


def run_print_plan(args) -> int:
    _check_out(args.out)
    services = open_existing(args, writes=True)  # it records the plan version it prints
    try:
        p = services.participants.resolve(args.participant)
        # Support has ended (or the record is put away): a copy for them or for the file,
        # never a newly agreed plan. A command cannot ask, so it records nothing and says so.
        ended = _support_ended(p)
        result = services.printing.print_plan(
            p.id, args.out, large_print=args.large_print, record=not ended
        ).value
    finally:
        services.close()
    version = f" (plan version {result.version_number})" if result.version_number else ""
    print(
        f"Wrote {p.display_name}'s plan pack{version}, {plural(result.pages, 'page')}, "
        f"to {args.out}."
    )
    if ended:
        print(
            f"No new plan version was agreed: {p.display_name} {ended}. "
            "Their plan versions are as they were."
        )
    return 0


def _support_ended(p) -> str:
    """Why a new plan version is not agreed for this person ("" when it may be)."""
    if p.archived:
        return "is archived"
    if p.status == "exited":
        return "has exited support"
    return ""


def run_review_report(args) -> int:
    if args.start and args.end and args.end < args.start:
        raise UsageError("--to is before --from.")
    if args.start and not args.end and args.start > dt.date.today():
        raise UsageError("--from is in the future; give --to as well.")
    _check_out(args.out)
    services = open_existing(args)
    try:
        p = services.participants.resolve(args.participant)
        result = services.printing.review_report(p.id, args.start, args.end, args.out).value
    finally:
        services.close()
    print(
        f"Wrote the plan review report for {p.display_name}, {plural(result.pages, 'page')}, "
        f"to {args.out}."
    )
    return 0
