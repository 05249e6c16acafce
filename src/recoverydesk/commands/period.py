"""The period and the output file of a command that writes a document for supports delivered
between two days (`recoverydesk claims`, `recoverydesk invoice`): one way to ask for them and
one set of refusals, in the same words."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from recoverydesk.commands import UsageError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from err


def add_period_arguments(parser: argparse.ArgumentParser, verb: str, out_help: str) -> None:
    """--from, --to (``verb`` says what is done with the supports) and --out."""
    parser.add_argument("--from", dest="start", type=_date, required=True,
                        help=f"first day of supports to {verb}")
    parser.add_argument("--to", dest="end", type=_date, required=True,
                        help=f"last day of supports to {verb}")
    parser.add_argument("--out", type=Path, required=True, help=out_help)


def check_period_and_out(args: argparse.Namespace, suffix: str) -> None:
    """Refuse, in words, a period that ends before it starts and an --out the command cannot
    write (another kind of file, or a folder that is not there)."""
    if args.end < args.start:
        raise UsageError("--to is before --from.")
    if args.out.suffix.lower() != suffix:
        raise UsageError(f"--out should end in {suffix}.")
    if not args.out.parent.exists():
        raise UsageError(f"The folder {args.out.parent} does not exist.")
