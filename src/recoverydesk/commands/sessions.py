"""schedule-ics (export planned sessions as an iCalendar file) and due (who needs a session)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, open_existing


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from err


def register(sub: argparse._SubParsersAction) -> None:
    ics = sub.add_parser("schedule-ics", help="export planned sessions as an .ics calendar file")
    add_db_argument(ics)
    ics.add_argument("--out", type=Path, required=True, help="the .ics file to write")
    ics.add_argument("--from", dest="start", type=_date, default=None,
                     help="first day (default today)")
    ics.add_argument("--to", dest="end", type=_date, default=None,
                     help="last day (default 12 weeks on)")
    ics.add_argument("--participant", default=None, help="only this participant (id or name)")
    ics.add_argument("--include-past", action="store_true",
                     help="also include completed sessions")
    ics.set_defaults(func=run_schedule_ics)

    due = sub.add_parser("due", help="list who is due or overdue for a session")
    add_db_argument(due)
    due.add_argument("--within", type=int, default=3, help="days ahead to count as due")
    due.set_defaults(func=run_due)


def run_schedule_ics(args) -> int:
    start = args.start or dt.date.today()
    end = args.end or start + dt.timedelta(weeks=12)
    if end < start:
        raise UsageError("--to is before --from.")
    if args.out.suffix.lower() != ".ics":
        raise UsageError("--out should end in .ics so calendars recognise it.")
    services = open_existing(args)
    try:
        pid = services.participants.resolve(args.participant).id if args.participant else None
        count = services.calendar.export_ics(args.out, start, end, pid, args.include_past)
    finally:
        services.close()
    print(f"Wrote {count} session{'s' if count != 1 else ''} to {args.out}.")
    return 0


def run_due(args) -> int:
    if not 0 <= args.within <= 60:
        raise UsageError("--within must be between 0 and 60 days.")
    services = open_existing(args)
    try:
        due = services.rhythm.due(dt.date.today(), args.within)
    finally:
        services.close()
    if not due:
        print("Nobody is due for a session. Everyone is booked or seen recently.")
    for status in due:
        mark = "OVERDUE" if status.state == "overdue" else "due"
        print(f"{mark:8} {status.participant_name}: {status.sentence}")
    return 0
