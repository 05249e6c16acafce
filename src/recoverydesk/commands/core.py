"""demo and check."""

from __future__ import annotations

import argparse

from recoverydesk.commands import (
    UsageError,
    add_db_argument,
    db_path,
    practice_path,
    refuse_unopenable,
)


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="write a fictional demo practice")
    # Not required here: it may come before the command (checked in run_demo).
    demo.add_argument("--db", type=practice_path, default=None,
                      help="where to write the demo practice")
    demo.add_argument("--participants", type=int, default=14)
    demo.add_argument("--years", type=int, default=2)
    demo.add_argument("--seed", type=int, default=7)
    demo.set_defaults(func=run_demo)

    check = sub.add_parser("check", help="check a practice file's integrity and schema version")
    add_db_argument(check)
    check.set_defaults(func=run_check)


def run_demo(args) -> int:
    from recoverydesk.demo import generate_demo
    from recoverydesk.services.practice.opening import create_filled

    if not args.db:
        raise UsageError("demo needs --db, the file to write the demo practice to.")
    if isinstance(args.db, str):  # a team practice's address (commands/practice_path)
        raise UsageError("demo writes a practice file: give --db a file name (.rdk).")
    if not 1 <= args.participants <= 5000:
        raise UsageError("--participants must be between 1 and 5000.")
    if not 1 <= args.years <= 15:
        raise UsageError("--years must be between 1 and 15.")
    services = create_filled(
        args.db, lambda store: generate_demo(store, participants=args.participants,
                                             years=args.years, seed=args.seed),
        what="demo practice")
    everyone = services.participants.list(include_archived=True)
    services.close()
    archived = sum(r.archived for r in everyone)
    note = f" ({archived} archived)" if archived else ""
    print(f"Wrote a demo practice with {len(everyone)} fictional participants{note} "
          f"to {args.db}.")
    return 0


def run_check(args) -> int:
    from recoverydesk.services.practice.holding import env_passphrase
    from recoverydesk.store.check import check_practice

    path = db_path(args)
    refuse_unopenable(path)
    report = check_practice(path, env_passphrase())
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1
