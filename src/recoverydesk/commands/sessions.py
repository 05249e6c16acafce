"""schedule-ics (export planned sessions as an iCalendar file), hours (delivered per participant
in a month) and due (who needs a session)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.dates import plural, short_month


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

    hours = sub.add_parser("hours", help="hours delivered per participant in a month")
    add_db_argument(hours)
    hours.add_argument("--month", default=None, help="the month, like 2026-03 (default: this "
                                                    "month)")
    hours.set_defaults(func=run_hours)

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
        done = services.calendar.export_ics(args.out, start, end, pid, args.include_past)
    finally:
        services.close()
    count = done.sessions
    also = f" (and {done.cancelled} cancelled, so calendars take them out)" \
        if done.cancelled else ""
    print(f"Wrote {plural(count, 'session')}{also} to {args.out}.")
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


def run_hours(args) -> int:
    today = dt.date.today()
    if args.month:
        try:
            first = dt.date.fromisoformat(f"{args.month}-01")
        except ValueError as err:
            raise UsageError(f"'{args.month}' is not a month like 2026-03.") from err
    else:
        first = today.replace(day=1)
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    services = open_existing(args)
    try:
        rows = services.sessions.hours_by_participant(first, nxt - dt.timedelta(days=1))
    finally:
        services.close()
    print(f"Hours delivered in {short_month(first)}")
    if not rows:
        print("No completed sessions that month.")
        return 0
    width = max(len(r.participant_name) for r in rows)
    print(f"{'Participant':<{width}}  Sessions  Hours  Face to face  Phone/video  Travel km")
    for r in rows:
        print(f"{r.participant_name:<{width}}  {r.sessions:>8}  {r.hours:>5.1f}  "
              f"{r.face_to_face_hours:>12.1f}  {r.other_hours:>11.1f}  {r.travel_km:>9g}")
    total = sum(r.hours for r in rows)
    print(f"{'Total':<{width}}  {sum(r.sessions for r in rows):>8}  {total:>5.1f}")
    return 0
