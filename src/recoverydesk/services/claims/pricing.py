"""Which support item a session is claimed on, and at what price limit: the time-of-day band
from its local start time and day (a public holiday from the state's dated list), and the price
list in force on the support's own day, so a 1 July change mid-period prices each line by its
date. Plain data in, plain answers out: no database here (reference.py reads the lists)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_STARTS = dt.time(6, 0)  # weekday daytime from 6 am ...
EVENING_STARTS = dt.time(20, 0)  # ... to 8 pm; evening to midnight; night midnight to 6 am

# Time-of-day bands, as a price list file's items name them in "band".
BANDS = {
    "weekday_daytime": "Weekday daytime (6 am to 8 pm)",
    "weekday_evening": "Weekday evening (8 pm to midnight)",
    "weekday_night": "Weekday night (midnight to 6 am)",
    "saturday": "Saturday",
    "sunday": "Sunday",
    "public_holiday": "Public holiday",
    "travel_km": "Travel, per kilometre",
}

# Provider travel time, minutes each way, by MMM zone (6-7: by agreement).
TRAVEL_CAP_EACH_WAY = {1: 30, 2: 30, 3: 30, 4: 60, 5: 60}


@dataclass(frozen=True)
class Price:
    support_number: str
    name: str
    unit: str  # H an hour, E each (a kilometre)
    band: str
    price_limit_cents: int


@dataclass(frozen=True)
class PriceListData:
    name: str
    source: str
    effective_from: dt.date
    caution: str
    items: tuple[Price, ...]
    id: int = 0


@dataclass(frozen=True)
class HolidayListData:
    state: str
    name: str
    source: str
    covers_from: dt.date
    covers_to: dt.date
    days: dict[dt.date, str] = field(default_factory=dict)

    def covers(self, day: dt.date) -> bool:
        return self.covers_from <= day <= self.covers_to


def band_for(local_start: dt.datetime, holiday: bool, minutes: int = 0) -> str:
    """The time-of-day band of a support starting at ``local_start`` (wall-clock time) and
    lasting ``minutes``. A weekday support that runs past midnight is a weekday night support
    (the NDIS Pricing Arrangements: one that starts at or before midnight on a weekday and
    finishes after it), whatever band it started in; one that ends at midnight is not."""
    if holiday:
        return "public_holiday"
    weekday = local_start.weekday()
    if weekday == 5:
        return "saturday"
    if weekday == 6:
        return "sunday"
    clock = local_start.time()
    midnight = dt.datetime.combine(local_start.date() + dt.timedelta(days=1), dt.time(0, 0),
                                   local_start.tzinfo)
    if clock < DAY_STARTS or local_start + dt.timedelta(minutes=minutes) > midnight:
        return "weekday_night"
    if clock < EVENING_STARTS:
        return "weekday_daytime"
    return "weekday_evening"


def travel_cap_each_way(mmm_zone: int, agreed_cap: int | None) -> int | None:
    """Minutes of provider travel each way that may be claimed; None: none may be (MMM 6-7
    without an agreed cap)."""
    if mmm_zone in TRAVEL_CAP_EACH_WAY:
        return TRAVEL_CAP_EACH_WAY[mmm_zone]
    return agreed_cap


def time_zone(name: str) -> dt.tzinfo | None:
    """The named zone (Australia/Melbourne), or None for this computer's own."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def wall_clock(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


class PriceBook:
    """Every loaded price list and holiday list, asked by day."""

    def __init__(self, price_lists: list[PriceListData], holiday_lists: list[HolidayListData]):
        self._lists = sorted(price_lists, key=lambda p: p.effective_from)
        self._holidays = list(holiday_lists)  # in load order: the newest decides

    @property
    def empty(self) -> bool:
        return not self._lists

    def names(self) -> dict[str, str]:
        """Each support item's plain name (the newest list that has it names it)."""
        return {p.support_number: p.name for plist in self._lists for p in plist.items}

    def list_on(self, day: dt.date) -> PriceListData | None:
        found = None
        for price_list in self._lists:
            if price_list.effective_from <= day:
                found = price_list
        return found

    def item_for(self, band: str, day: dt.date) -> Price | None:
        price_list = self.list_on(day)
        if price_list is None:
            return None
        return next((p for p in price_list.items if p.band == band), None)

    def limit(self, support_number: str, day: dt.date) -> int | None:
        price_list = self.list_on(day)
        if price_list is None:
            return None
        return next((p.price_limit_cents for p in price_list.items
                     if p.support_number == support_number), None)

    def holiday_list(self, state: str, day: dt.date) -> HolidayListData | None:
        found = None
        for holidays in self._holidays:
            if holidays.state == state and holidays.covers(day):
                found = holidays
        return found

    def holiday(self, state: str, day: dt.date) -> str:
        """The holiday's name, or "" on an ordinary day."""
        holidays = self.holiday_list(state, day)
        return holidays.days.get(day, "") if holidays else ""

    def band(self, local_start: dt.datetime, state: str, minutes: int = 0) -> str:
        return band_for(local_start, bool(self.holiday(state, local_start.date())), minutes)
