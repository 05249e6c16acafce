"""Which item a support is claimed on: time of day, weekend, public holiday (dated, per state),
the price list in force on its day, and the travel caps by MMM zone."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.services.claims.pricing import (
    HolidayListData,
    Price,
    PriceBook,
    PriceListData,
    band_for,
    travel_cap_each_way,
)

# 2 March 2026 is a Monday.
MONDAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.mark.parametrize("hour, minute, band", [
    (0, 0, "weekday_night"),  # midnight
    (5, 59, "weekday_night"),
    (6, 0, "weekday_daytime"),  # 6 am
    (19, 59, "weekday_daytime"),
    (20, 0, "weekday_evening"),  # 8 pm
    (23, 59, "weekday_evening"),
])
def test_weekday_time_of_day_boundaries(hour, minute, band):
    assert band_for(at(MONDAY, hour, minute), holiday=False) == band


def test_midnight_starts_the_next_days_night():
    tuesday = MONDAY + dt.timedelta(days=1)
    assert band_for(at(tuesday, 0, 0), False) == "weekday_night"


@pytest.mark.parametrize("hour, minute, minutes, band", [
    (23, 0, 150, "weekday_night"),  # 11 pm to 1:30 am: past midnight
    (19, 0, 330, "weekday_night"),  # 7 pm to 0:30 am: from the day's band to the night's
    (22, 0, 120, "weekday_evening"),  # 10 pm to midnight: ends at it, not after
    (20, 0, 60, "weekday_evening"),
])
def test_a_weekday_support_past_midnight_is_a_night_support(hour, minute, minutes, band):
    assert band_for(at(MONDAY, hour, minute), False, minutes) == band
    friday = MONDAY + dt.timedelta(days=4)  # into Saturday: still the weekday's night
    assert band_for(at(friday, hour, minute), False, minutes) == band


def test_a_weekend_or_holiday_support_past_midnight_keeps_its_days_band():
    assert band_for(at(dt.date(2026, 3, 7), 23), False, 120) == "saturday"
    assert band_for(at(MONDAY, 23), True, 120) == "public_holiday"


@pytest.mark.parametrize("hour", [0, 6, 10, 20, 23])
def test_saturday_and_sunday_all_day(hour):
    assert band_for(at(dt.date(2026, 3, 7), hour), False) == "saturday"
    assert band_for(at(dt.date(2026, 3, 8), hour), False) == "sunday"


def test_a_public_holiday_beats_time_of_day_and_weekend():
    assert band_for(at(MONDAY, 10), holiday=True) == "public_holiday"
    assert band_for(at(MONDAY, 21), holiday=True) == "public_holiday"
    assert band_for(at(dt.date(2026, 4, 4), 10), holiday=True) == "public_holiday"  # a Saturday


def _list(day: dt.date, daytime: int) -> PriceListData:
    return PriceListData("test", "a test", day, "", (
        Price("07_101_0106_6_3", "daytime", "H", "weekday_daytime", daytime),
        Price("07_106_0106_6_3", "holiday", "H", "public_holiday", daytime * 2),
    ))


def test_the_price_list_in_force_is_the_latest_that_started_on_or_before_the_day():
    book = PriceBook([_list(dt.date(2026, 7, 1), 11000), _list(dt.date(2025, 7, 1), 10543)], [])
    assert book.list_on(dt.date(2025, 6, 30)) is None
    assert book.limit("07_101_0106_6_3", dt.date(2026, 6, 30)) == 10543
    assert book.limit("07_101_0106_6_3", dt.date(2026, 7, 1)) == 11000
    assert book.item_for("weekday_daytime", dt.date(2026, 7, 1)).price_limit_cents == 11000
    assert book.limit("07_999_0106_6_3", dt.date(2026, 7, 1)) is None


def test_public_holidays_come_from_the_states_dated_list():
    vic = HolidayListData("VIC", "VIC", "a test", dt.date(2025, 7, 1), dt.date(2026, 6, 30),
                          {dt.date(2025, 11, 4): "Melbourne Cup"})
    newer = HolidayListData("VIC", "VIC corrected", "a test", dt.date(2025, 7, 1),
                            dt.date(2026, 6, 30), {dt.date(2025, 11, 5): "Moved"})
    book = PriceBook([_list(dt.date(2025, 7, 1), 10543)], [vic])
    cup = at(dt.date(2025, 11, 4), 10)
    assert book.band(cup, "VIC") == "public_holiday"
    assert book.band(cup, "NSW") == "weekday_daytime"  # not a holiday in NSW
    assert book.holiday("VIC", dt.date(2025, 11, 4)) == "Melbourne Cup"
    assert book.holiday("VIC", dt.date(2026, 11, 3)) == ""  # no list covers it
    corrected = PriceBook([], [vic, newer])  # the newest-loaded list decides
    assert corrected.holiday("VIC", dt.date(2025, 11, 4)) == ""
    assert corrected.holiday("VIC", dt.date(2025, 11, 5)) == "Moved"


@pytest.mark.parametrize("zone, cap", [(1, 30), (2, 30), (3, 30), (4, 60), (5, 60)])
def test_travel_time_caps_by_mmm_zone(zone, cap):
    assert travel_cap_each_way(zone, agreed_cap=90) == cap


def test_remote_zones_travel_by_agreement_only():
    assert travel_cap_each_way(6, agreed_cap=None) is None
    assert travel_cap_each_way(7, agreed_cap=90) == 90
