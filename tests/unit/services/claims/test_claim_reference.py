"""The shipped price and public holiday lists are dated data files with their source, and a
coach can load next July's list from a file; the figures live in the files, never in code."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from recoverydesk.paths import resource
from recoverydesk.services.claims.reference import parse_holidays, parse_price_list
from recoverydesk.services.types import ValidationError

ISSUE_FIGURES = {  # issue 19: the 2025-26 limits found in provider documentation
    "07_101_0106_6_3": 10543, "07_102_0106_6_3": 11616, "07_103_0106_6_3": 11831,
    "07_104_0106_6_3": 14836, "07_105_0106_6_3": 19129, "07_106_0106_6_3": 23423,
    "07_799_0106_6_3": 99,
}


def test_the_shipped_price_list_is_dated_sourced_and_says_to_check_it():
    path = resource("ndis", "price_list_2025-26.json")
    data = parse_price_list(path.read_text("utf-8"), path.name)
    assert data.effective_from == dt.date(2025, 7, 1)
    assert "Pricing Arrangements" in data.source
    assert "checked against the current NDIS Pricing Arrangements" in data.caution
    assert {p.support_number: p.price_limit_cents for p in data.items} == ISSUE_FIGURES
    assert {p.band for p in data.items} == {
        "weekday_daytime", "weekday_evening", "weekday_night", "saturday", "sunday",
        "public_holiday", "travel_km"}


def test_the_shipped_holiday_lists_cover_a_year_per_state():
    path = resource("ndis", "public_holidays_2025-26.json")
    lists = parse_holidays(path.read_text("utf-8"), path.name)
    vic = next(h for h in lists if h.state == "VIC")
    assert vic.days[dt.date(2025, 12, 25)] == "Christmas Day"
    assert dt.date(2025, 11, 4) in vic.days  # Melbourne Cup
    assert all(dt.date(2025, 11, 4) not in h.days for h in lists if h.state != "VIC")
    assert json.loads(path.read_text("utf-8"))["caution"]


@pytest.mark.parametrize("doc, words", [
    ({"kind": "something else"}, "not a file of kind"),
    ({"kind": "recoverydesk-ndis-price-list", "name": "x", "source": "y",
      "effective_from": "2026-07-01"}, "'items' is missing"),
    ({"kind": "recoverydesk-ndis-price-list", "name": "x", "source": "y",
      "effective_from": "1 July", "items": [{"support_number": "07_101_0106_6_3",
                                              "price_limit": "1"}]}, "effective_from"),
    ({"kind": "recoverydesk-ndis-price-list", "name": "x", "source": "y",
      "effective_from": "2026-07-01", "items": [{"support_number": "07-101",
                                                   "price_limit": "1"}]}, "not a support item"),
    ({"kind": "recoverydesk-ndis-price-list", "name": "x", "source": "y",
      "effective_from": "2026-07-01", "items": [{"support_number": "07_101_0106_6_3",
                                                   "price_limit": "cheap"}]}, "not an amount"),
])
def test_a_bad_price_list_file_is_refused_in_plain_words(doc, words):
    with pytest.raises(ValidationError, match=words):
        parse_price_list(json.dumps(doc), "july.json")


def test_a_holiday_outside_its_list_is_refused():
    doc = {"kind": "recoverydesk-public-holidays", "source": "s", "lists": [
        {"state": "VIC", "covers_from": "2026-07-01", "covers_to": "2027-06-30",
         "holidays": [{"day": "2026-01-01", "name": "New Year"}]}]}
    with pytest.raises(ValidationError, match="outside the dates"):
        parse_holidays(json.dumps(doc), "h.json")
