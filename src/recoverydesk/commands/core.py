"""demo and check."""

from __future__ import annotations

import argparse

from recoverydesk.commands import (
    UsageError,
    add_db_argument,
    db_path,
    open_team,
    practice_path,
    refuse_unopenable,
)


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="write a fictional demo practice")
    # Not required here: it may come before the command (checked in run_demo).
    demo.add_argument("--db", type=practice_path, default=None,
                      help="where to write the demo practice: a file, or an empty team "
                      "practice's database (postgresql://lead@host/practice) with --coaches")
    demo.add_argument("--participants", type=int, default=14)
    demo.add_argument("--years", type=int, default=2)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--coaches", type=int, default=None,
                      help="a team practice: this many fictional coaches (the first the lead), "
                      "the participants spread across them")
    demo.add_argument("--coach-password", default=None,
                      help="the coaches' new logins' password (else a random one each, shown "
                      "once)")
    demo.set_defaults(func=run_demo)

    check = sub.add_parser("check", help="check a practice file's integrity and schema version")
    add_db_argument(check)
    check.set_defaults(func=run_check)


def run_demo(args) -> int:
    from recoverydesk.demo import generate_demo
    from recoverydesk.services.practice.opening import create_filled

    if not args.db:
        raise UsageError("demo needs --db, the file to write the demo practice to.")
    if isinstance(args.db, str) != (args.coaches is not None):
        raise UsageError("demo writes a practice file (--db practice.rdk), or a team practice "
                         "with its coaches (--db postgresql://… --coaches 3).")
    if not 1 <= args.participants <= 5000:
        raise UsageError("--participants must be between 1 and 5000.")
    if not 1 <= args.years <= 15:
        raise UsageError("--years must be between 1 and 15.")
    if isinstance(args.db, str):
        return run_team_demo(args)
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


def run_team_demo(args) -> int:
    # (the demo's modules load only for this command, as run_demo's do)
    from recoverydesk.demo.team import COACHES, fill_team
    from recoverydesk.services.practice.types import without_password

    if not 1 <= args.coaches <= len(COACHES):
        raise UsageError(f"--coaches must be between 1 and {len(COACHES)}.")
    services = open_team(args.db)
    try:
        coaches = fill_team(services._store, coaches=args.coaches,  # the demo writes the store
                            participants=args.participants, years=args.years, seed=args.seed,
                            password=args.coach_password)
    finally:
        services.close()
    print(f"Wrote a demo team practice with {args.participants} fictional participants and "
          f"{len(coaches)} fictional coaches to {without_password(args.db)}:")
    for c in coaches:
        kind = "lead " if c.lead else "coach"
        login = "its password unchanged (the login was on the server already)" \
            if c.password is None else ("password as given" if args.coach_password
                                        else f"password {c.password}")
        print(f"  {c.role:<16} {kind}  {c.name:<18} {c.participants:>4} participants  {login}")
    if not args.coach_password:
        print("The passwords are shown only this once.")
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
