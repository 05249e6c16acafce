"""A session becomes claim lines: direct, NF2F, short-notice cancellation, travel time capped
by zone, travel kilometres; and what holds a session back."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_world import MELBOURNE, local

from recoverydesk.services.claims.lines import (
    HeldBackError,
    Place,
    SessionFacts,
    Terms,
    lines_for,
)
from recoverydesk.services.claims.pricing import HolidayListData, Price, PriceBook, PriceListData

ALL = {f"07_10{n}_0106_6_3": None for n in range(1, 7)} | {"07_799_0106_6_3": None}
BOOK = PriceBook([PriceListData("test", "a test", dt.date(2025, 7, 1), "", (
    Price("07_101_0106_6_3", "", "H", "weekday_daytime", 10543),
    Price("07_102_0106_6_3", "", "H", "weekday_evening", 11616),
    Price("07_103_0106_6_3", "", "H", "weekday_night", 11831),
    Price("07_104_0106_6_3", "", "H", "saturday", 14836),
    Price("07_105_0106_6_3", "", "H", "sunday", 19129),
    Price("07_106_0106_6_3", "", "H", "public_holiday", 23423),
    Price("07_799_0106_6_3", "", "E", "travel_km", 99),
))], [HolidayListData("VIC", "VIC", "a test", dt.date(2025, 7, 1), dt.date(2026, 6, 30),
                      {dt.date(2026, 3, 9): "Labour Day"})])
CITY = Place("VIC", 1, MELBOURNE)


def facts(start=None, minutes=60, **changes) -> SessionFacts:
    values = dict(id=7, participant_id=1, starts_at=start or local(2026, 3, 2, 10),
                  duration_minutes=minutes, face_to_face=True, status="completed")
    values.update(changes)
    return SessionFacts(**values)


def terms(**changes) -> Terms:
    values = dict(nf2f_agreed=False, cancellation_percent=100, travel_time_agreed=True,
                  travel_km_agreed=True, rates=dict(ALL))
    values.update(changes)
    return Terms(**values)


def test_a_completed_face_to_face_session_is_one_direct_line():
    (line,) = lines_for(facts(minutes=90), terms(), CITY, BOOK)
    assert (line.source_key, line.support_number, line.claim_type) == (
        "s7:service", "07_101_0106_6_3", "")
    assert (line.quantity_centi, line.unit_price_cents) == (150, 10543)
    assert line.support_date == dt.date(2026, 3, 2)


def test_the_local_start_decides_the_item_not_utc():
    # 7:30 pm Melbourne daylight time is 08:30 UTC: evening rate from 8 pm local only.
    (line,) = lines_for(facts(local(2026, 3, 2, 19, 30)), terms(), CITY, BOOK)
    assert line.support_number == "07_101_0106_6_3"
    (line,) = lines_for(facts(local(2026, 3, 2, 20, 0)), terms(), CITY, BOOK)
    assert line.support_number == "07_102_0106_6_3"


def test_a_public_holiday_from_the_states_list():
    (line,) = lines_for(facts(local(2026, 3, 9, 10)), terms(), CITY, BOOK)
    assert (line.support_number, line.unit_price_cents) == ("07_106_0106_6_3", 23423)
    (line,) = lines_for(facts(local(2026, 3, 9, 10)), terms(), Place("NSW", 1, MELBOURNE), BOOK)
    assert line.support_number == "07_101_0106_6_3"


def test_an_agreed_rate_below_the_limit_is_used_and_one_above_is_capped():
    (line,) = lines_for(facts(), terms(rates=ALL | {"07_101_0106_6_3": 9500}), CITY, BOOK)
    assert line.unit_price_cents == 9500
    (line,) = lines_for(facts(), terms(rates=ALL | {"07_101_0106_6_3": 12000}), CITY, BOOK)
    assert line.unit_price_cents == 10543


def test_an_item_not_in_the_agreement_holds_the_session_back():
    saturday = facts(local(2026, 3, 7, 10))
    with pytest.raises(HeldBackError, match="07_104_0106_6_3 is not an agreed item"):
        lines_for(saturday, terms(rates={"07_101_0106_6_3": None}), CITY, BOOK)


def test_no_agreement_no_lines():
    with pytest.raises(HeldBackError, match="No service agreement covers 2026-03-02"):
        lines_for(facts(), None, CITY, BOOK)


def test_no_price_list_in_force():
    with pytest.raises(HeldBackError, match="No price list in force"):
        lines_for(facts(local(2025, 6, 30, 10)), terms(), CITY, BOOK)


def test_non_face_to_face_only_when_agreed():
    phone = facts(face_to_face=False)
    with pytest.raises(HeldBackError, match="does not include non-face-to-face"):
        lines_for(phone, terms(), CITY, BOOK)
    (line,) = lines_for(phone, terms(nf2f_agreed=True), CITY, BOOK)
    assert line.claim_type == "NF2F" and line.source_key == "s7:service"


def test_a_no_show_is_a_short_notice_cancellation_at_the_agreements_percentage():
    no_show = facts(local(2026, 3, 2, 20, 30), status="no_show", status_reason="Missed the bus")
    (line,) = lines_for(no_show, terms(cancellation_percent=90), CITY, BOOK)
    assert (line.claim_type, line.cancellation_reason) == ("CANC", "NSDT")
    assert line.support_number == "07_102_0106_6_3"
    assert line.unit_price_cents == 10454  # 90% of 116.16 = 104.544 -> 104.54
    assert line.source_key == "s7:service"  # delivered or cancelled: one source, one claim


def test_a_cancellation_only_when_short_notice_and_the_agreement_has_a_fee():
    assert lines_for(facts(status="cancelled", status_reason="moved"), terms(), CITY, BOOK) == ()
    short = facts(status="cancelled", status_reason="Short notice: family")
    (line,) = lines_for(short, terms(), CITY, BOOK)
    assert line.cancellation_reason == "NSDF"
    with pytest.raises(HeldBackError, match="no short-notice cancellation fee"):
        lines_for(short, terms(cancellation_percent=0), CITY, BOOK)
    assert lines_for(facts(status="planned"), terms(), CITY, BOOK) == ()


@pytest.mark.parametrize("zone, travelled, claimed", [
    (1, 50, 83), (1, 60, 100), (2, 90, 100), (3, 200, 100),  # 30 minutes each way
    (4, 90, 150), (5, 120, 200), (5, 150, 200),  # 60 minutes each way
])
def test_provider_travel_time_is_capped_by_zone(zone, travelled, claimed):
    lines = lines_for(facts(travel_minutes=travelled), terms(), Place("VIC", zone, MELBOURNE),
                      BOOK)
    travel = [line for line in lines if line.source_key == "s7:travel"]
    assert len(travel) == 1
    assert travel[0].claim_type == "TRAN" and travel[0].support_number == "07_101_0106_6_3"
    assert travel[0].quantity_centi == claimed


def test_remote_travel_needs_an_agreed_cap_and_the_service_is_still_claimed():
    remote = Place("VIC", 6, MELBOURNE)
    with pytest.raises(HeldBackError, match="MMM zone 6") as info:
        lines_for(facts(travel_minutes=100), terms(), remote, BOOK)
    assert [line.source_key for line in info.value.lines] == ["s7:service"]
    lines = lines_for(facts(travel_minutes=200), terms(travel_cap_minutes=75), remote, BOOK)
    assert lines[1].quantity_centi == 250  # 150 minutes


def test_travel_only_when_agreed():
    lines = lines_for(facts(travel_minutes=60, travel_km=10),
                      terms(travel_time_agreed=False, travel_km_agreed=False), CITY, BOOK)
    assert [line.source_key for line in lines] == ["s7:service"]


def test_travel_kilometres_on_the_per_km_item():
    lines = lines_for(facts(travel_km=23.4), terms(), CITY, BOOK)
    km = lines[-1]
    assert (km.source_key, km.support_number, km.claim_type) == (
        "s7:km", "07_799_0106_6_3", "TRAN")
    assert (km.quantity_centi, km.unit_price_cents) == (2340, 99)
