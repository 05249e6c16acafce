"""resources-import and resources-export: the community resource directory as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.dates import plural


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser(
        "resources-import",
        help="add resources to the directory from a CSV file or an Excel workbook (.xlsx), "
        "all or nothing",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    add_db_argument(imp)
    imp.set_defaults(func=run_import)

    exp = sub.add_parser("resources-export", help="write the resource directory to a CSV file")
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    exp.add_argument(
        "--include-archived",
        action="store_true",
        help="also write resources that have been archived",
    )
    add_db_argument(exp)
    exp.set_defaults(func=run_export)


def run_import(args) -> int:
    if not args.file.is_file():
        raise UsageError(f"There is no file at {args.file}.")
    services = open_existing(args, writes=True)
    try:
        result = services.resources.import_csv(args.file).value
    finally:
        services.close()
    print(result.sentence())
    return 0


def run_export(args) -> int:
    if args.out.parent and not args.out.parent.exists():
        raise UsageError(f"The folder {args.out.parent} does not exist.")
    services = open_existing(args)
    try:
        count = services.resources.export_csv(args.out, include_archived=args.include_archived)
    finally:
        services.close()
    print(f"Wrote {plural(count, 'resource')} to {args.out}.")
    return 0
