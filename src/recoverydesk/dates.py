"""How RecoveryDesk writes dates and times, on every screen, printout, chart and command.

Two styles, used the same way everywhere:
- short, "6 Sep 2026": screens, tables, charts, the command line;
- long, "6 September 2026": the sentences of a printout a participant or reviewer reads.

The month and weekday names are spelt out here rather than taken from ``strftime`` (which
follows the machine's locale, so a coach's laptop could print "sept." or "Sep" depending on its
settings) or from Qt's en-AU locale (whose short months are "June", "July" and "Sept", beside
Python's "Jun", "Jul" and "Sep"). Plain Python, no Qt: services, charts and reports use it too.
"""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_abbr(day: dt.date) -> str:
    """ "Sep": the first three letters of the month's name."""
    return MONTHS[day.month - 1][:3]


def weekday_abbr(day: dt.date) -> str:
    """ "Sun" """
    return WEEKDAYS[day.weekday()][:3]


def weekday_name(day: dt.date) -> str:
    """ "Sunday" """
    return WEEKDAYS[day.weekday()]


def short_date(day: dt.date | None) -> str:
    """ "6 Sep 2026" ("" for no date)."""
    return "" if day is None else f"{day.day} {month_abbr(day)} {day.year}"


def long_date(day: dt.date | None) -> str:
    """ "6 September 2026" ("" for no date)."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: dt.date, today: dt.date | None = None) -> str:
    """ "6 Sep", with the year added when it is not ``today``'s year ("6 Sep 2027")."""
    text = f"{day.day} {month_abbr(day)}"
    return text if today is None or day.year == today.year else f"{text} {day.year}"


def weekday_date(day: dt.date, today: dt.date | None = None) -> str:
    """ "Sun 6 Sep 2026"; with ``today``, "Sun 6 Sep" when it falls in today's year."""
    text = short_date(day) if today is None else day_month(day, today)
    return f"{weekday_abbr(day)} {text}"


def short_month(day: dt.date) -> str:
    """ "Sep 2026" """
    return f"{month_abbr(day)} {day.year}"


def long_month(day: dt.date) -> str:
    """ "September 2026" """
    return f"{MONTHS[day.month - 1]} {day.year}"


def clock_time(moment: dt.datetime | dt.time, seconds: bool = False) -> str:
    """ "9:05 am" (or "9:05:30 am") for the time as given: pass local time."""
    hour = moment.hour % 12 or 12
    text = f"{hour}:{moment.minute:02d}" + (f":{moment.second:02d}" if seconds else "")
    return f"{text} {'am' if moment.hour < 12 else 'pm'}"


def short_datetime(moment: dt.datetime | None) -> str:
    """ "6 Sep 2026 9:05 am" in the machine's local time ("" for no moment)."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{short_date(local.date())} {clock_time(local)}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 reading", "3 readings", "0 readings" ("2 people" with ``many``): the one way the app
    puts a number before a word."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def time_ago(day: dt.date, today: dt.date) -> str:
    """How long ago ``day`` was, in the words a person would use: "yesterday", "5 days ago",
    "3 weeks ago", "4 months ago", "2 years ago" (one style at every distance)."""
    days = (today - day).days
    if days <= 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 61:
        return f"{plural(days // 7, 'week')} ago"
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months < 24:
        return f"{plural(max(months, 2), 'month')} ago"
    return f"{plural(months // 12, 'year')} ago"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when that month is shorter:
    31 Jan + 1 month is 28 or 29 Feb)."""
    years, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
