"""The dated reference data of claims: NDIS price lists and state public holiday lists, read from
JSON files (the shipped ones in resources/ndis/, or one the coach loads each July) into the
practice, and read back as a PriceBook. The figures live only in those files."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from recoverydesk.models import HolidayList, PriceItem, PriceList, PublicHoliday
from recoverydesk.paths import resource
from recoverydesk.services.claims.pricing import (
    BANDS,
    HolidayListData,
    Price,
    PriceBook,
    PriceListData,
)
from recoverydesk.services.claims.types import STATES, check_support_number, parse_centi
from recoverydesk.services.core_read import Read, core_rows, grouped
from recoverydesk.services.types import ValidationError

SHIPPED_PRICE_LISTS = ("price_list_2025-26.json",)
SHIPPED_HOLIDAYS = ("public_holidays_2025-26.json",)
PRICE_KIND = "recoverydesk-ndis-price-list"
HOLIDAY_KIND = "recoverydesk-public-holidays"


def _refuse(where: str, what: str) -> ValidationError:
    return ValidationError.single("file", f"{where}: {what}")


def _document(text: str, where: str, kind: str) -> dict:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise _refuse(where, f"this is not JSON (line {err.lineno}).") from err
    if not isinstance(doc, dict) or doc.get("kind") != kind:
        raise _refuse(where, f"this is not a file of kind '{kind}'.")
    return doc


def _day(value, where: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise _refuse(where, f"{name} should be a date like 2025-07-01.") from err


def parse_price_list(text: str, where: str) -> PriceListData:
    doc = _document(text, where, PRICE_KIND)
    for key in ("name", "source", "effective_from", "items"):
        if not doc.get(key):
            raise _refuse(where, f"'{key}' is missing.")
    items = []
    for n, item in enumerate(doc["items"], start=1):
        number = str(item.get("support_number", ""))
        cents = parse_centi(str(item.get("price_limit", "")))
        if not check_support_number(number):
            raise _refuse(where, f"item {n}: '{number}' is not a support item number.")
        if cents is None or cents <= 0:
            raise _refuse(where, f"item {n} ({number}): the price limit is not an amount.")
        band = str(item.get("band", ""))
        if band and band not in BANDS:
            raise _refuse(where, f"item {n} ({number}): '{band}' is not a time of day we know.")
        items.append(Price(number, str(item.get("name", "")), str(item.get("unit", "H")), band,
                           cents))
    return PriceListData(str(doc["name"]), str(doc["source"]),
                         _day(doc["effective_from"], where, "effective_from"),
                         str(doc.get("caution", "")), tuple(items))


def parse_holidays(text: str, where: str) -> list[HolidayListData]:
    doc = _document(text, where, HOLIDAY_KIND)
    source = str(doc.get("source", ""))
    if not source:
        raise _refuse(where, "'source' is missing.")
    lists = []
    for part in doc.get("lists", []):
        state = str(part.get("state", ""))
        if state not in STATES:
            raise _refuse(where, f"'{state}' is not an Australian state or territory.")
        days = {_day(h.get("day"), where, "a holiday's day"): str(h.get("name", ""))
                for h in part.get("holidays", [])}
        first = _day(part.get("covers_from"), where, "covers_from")
        last = _day(part.get("covers_to"), where, "covers_to")
        if last < first or any(not first <= d <= last for d in days):
            raise _refuse(where, f"{state}: a holiday falls outside the dates the list covers.")
        lists.append(HolidayListData(state, str(part.get("name", state)), source, first, last,
                                     days))
    if not lists:
        raise _refuse(where, "there are no holiday lists in it.")
    return lists


def store_price_list(s: Session, data: PriceListData) -> tuple[PriceList, bool]:
    """Keep a price list (once: a list with the same name and date is left as it was)."""
    row = s.scalars(select(PriceList).where(PriceList.name == data.name,
                                            PriceList.effective_from == data.effective_from)).first()
    if row is not None:
        return row, False
    row = PriceList(name=data.name, source=data.source, effective_from=data.effective_from,
                    caution=data.caution)
    s.add(row)
    s.flush()
    s.add_all(PriceItem(price_list_id=row.id, support_number=p.support_number, name=p.name,
                        unit=p.unit, band=p.band, price_limit_cents=p.price_limit_cents)
              for p in data.items)
    return row, True


def store_holidays(s: Session, lists: list[HolidayListData]) -> int:
    """Keep holiday lists (a list already kept with the same state, name and dates is left)."""
    added = 0
    for data in lists:
        same = s.scalars(select(HolidayList).where(
            HolidayList.state == data.state, HolidayList.name == data.name,
            HolidayList.covers_from == data.covers_from,
            HolidayList.covers_to == data.covers_to)).first()
        if same is not None:
            continue
        row = HolidayList(state=data.state, name=data.name, source=data.source,
                          covers_from=data.covers_from, covers_to=data.covers_to)
        s.add(row)
        s.flush()
        s.add_all(PublicHoliday(holiday_list_id=row.id, day=d, name=n)
                  for d, n in sorted(data.days.items()))
        added += 1
    return added


def ensure_shipped(s: Session) -> bool:
    """The shipped lists, loaded into a practice that has none yet. True when it loaded any."""
    loaded = False
    if s.scalars(select(PriceList.id)).first() is None:
        for name in SHIPPED_PRICE_LISTS:
            path = resource("ndis", name)
            store_price_list(s, parse_price_list(path.read_text("utf-8"), path.name))
            loaded = True
    if s.scalars(select(HolidayList.id)).first() is None:
        for name in SHIPPED_HOLIDAYS:
            path = resource("ndis", name)
            store_holidays(s, parse_holidays(path.read_text("utf-8"), path.name))
            loaded = True
    return loaded


def read_file(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise _refuse(path.name, "it could not be read as a text file.") from err


@cache
def _price_lists() -> Select:
    """Every price list (by date, then id) with its items by support number; a list without
    items gives one row of NULL item columns. No params."""
    return (select(PriceList.id, PriceList.name, PriceList.source, PriceList.effective_from,
                   PriceList.caution, PriceItem.support_number, PriceItem.name, PriceItem.unit,
                   PriceItem.band, PriceItem.price_limit_cents)
            .outerjoin(PriceItem, PriceItem.price_list_id == PriceList.id)
            .order_by(PriceList.effective_from, PriceList.id, PriceItem.support_number))


@cache
def _holiday_lists() -> Select:
    """Every holiday list (oldest loaded first) with its days; a list without days gives one
    row of NULL day columns. No params."""
    return (select(HolidayList.id, HolidayList.state, HolidayList.name, HolidayList.source,
                   HolidayList.covers_from, HolidayList.covers_to, PublicHoliday.day,
                   PublicHoliday.name)
            .outerjoin(PublicHoliday, PublicHoliday.holiday_list_id == HolidayList.id)
            .order_by(HolidayList.loaded_at, HolidayList.id, PublicHoliday.day))


def price_book_reads() -> list[Read]:
    """The reads ``price_book`` makes."""
    return [(_price_lists(), {}), (_holiday_lists(), {})]


def price_book(s: Session) -> PriceBook:
    """Every price list and holiday list, in two reads whatever their number."""
    lists = [PriceListData(*row[1:5], tuple(Price(*item) for item in items), row[0])
             for row, items in grouped(core_rows(s, _price_lists()).all(), 5).values()]
    holidays = [HolidayListData(*row[1:6], dict(days))
                for row, days in grouped(core_rows(s, _holiday_lists()).all(), 6).values()]
    return PriceBook(lists, holidays)
