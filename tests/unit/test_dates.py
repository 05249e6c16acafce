"""One way of saying dates and times across the app (recoverydesk.dates)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from recoverydesk import dates

SRC = Path(__file__).resolve().parents[2] / "src" / "recoverydesk"


def test_short_and_long_styles_for_every_month():
    short = [dates.short_date(dt.date(2026, m, 6)) for m in range(1, 13)]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert short == [f"6 {m} 2026" for m in months]
    assert dates.long_date(dt.date(2026, 9, 6)) == "6 September 2026"
    assert dates.short_date(None) == dates.long_date(None) == ""
    assert dates.short_month(dt.date(2026, 7, 1)) == "Jul 2026"
    assert dates.long_month(dt.date(2026, 7, 1)) == "July 2026"


def test_day_month_adds_the_year_only_when_it_is_not_this_year():
    today = dt.date(2026, 12, 30)
    assert dates.day_month(dt.date(2026, 6, 1), today) == "1 Jun"
    assert dates.day_month(dt.date(2027, 1, 2), today) == "2 Jan 2027"
    assert dates.weekday_date(dt.date(2026, 9, 6)) == "Sun 6 Sep 2026"
    assert dates.weekday_date(dt.date(2026, 9, 6), today) == "Sun 6 Sep"
    assert dates.weekday_name(dt.date(2026, 9, 7)) == "Monday"


def test_clock_time_is_twelve_hour_lower_case():
    assert dates.clock_time(dt.time(0, 5)) == "12:05 am"
    assert dates.clock_time(dt.time(12, 0)) == "12:00 pm"
    assert dates.clock_time(dt.datetime(2026, 9, 6, 21, 7, 9), seconds=True) == "9:07:09 pm"
    assert dates.short_datetime(dt.datetime(2026, 9, 6, 9, 30)) == "6 Sep 2026 9:30 am"


# strftime's month and weekday names follow the machine's locale, Qt's en-AU ones say "Sept"
# and "June": only recoverydesk.dates (and the date fields' formats in ui/widgets/common.py,
# which show its style) may name months or weekdays.
# strftime's %b/%B/%a/%A, or a Qt date format ("d MMM yyyy", "ddd"); "MMM" alone is also the
# Modified Monash Model of the NDIS ("MMM zone 4"), which names no month.
NAMES_ITSELF = re.compile(r"%[-]?[bBaA]|[\"'][^\"'\n]*(\bd{1,2}\b[^\"'\n]*\bM{3,4}\b"
                          r"|\bM{3,4}\b[^\"'\n]*\b(d{1,2}|y{2,4})\b|\bd{3,4}\b)[^\"'\n]*[\"']")
ALLOWED = {"dates.py", "ui/widgets/common.py"}


def test_only_the_dates_module_names_months_and_weekdays():
    offenders = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if NAMES_ITSELF.search(path.read_text(encoding="utf-8"))
    }
    assert offenders - ALLOWED == set()


def test_plural_puts_one_number_before_one_word():
    assert dates.plural(1, "reading") == "1 reading"
    assert dates.plural(0, "reading") == "0 readings"
    assert dates.plural(3, "reading") == "3 readings"
    assert dates.plural(2, "person", "people") == "2 people"


def test_time_ago_keeps_one_style_from_yesterday_to_years():
    today = dt.date(2026, 12, 1)
    ago = [dates.time_ago(today - dt.timedelta(days=n), today) for n in (1, 5, 13, 14, 60, 61,
                                                                        400, 900)]
    assert ago == ["yesterday", "5 days ago", "13 days ago", "2 weeks ago", "8 weeks ago",
                   "2 months ago", "13 months ago", "2 years ago"]
