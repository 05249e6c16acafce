"""Hours against funded: the hours of hourly supports in claim lines (kilometres left out), and
the weekday daytime rate a plan's budget is counted in (the agreed rate, else the price limit).
Plain data in (the price book, the agreement), numbers out; used by the Overview's line and the
plan review report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from recoverydesk.services.claims.pricing import PriceBook
from recoverydesk.services.claims.types import Agreement

DAYTIME_BAND = "weekday_daytime"


def hours_used(lines: Iterable[tuple[str, dt.date, int]], book: PriceBook) -> int:
    """Hundredths of an hour in ``lines`` of (support number, day, quantity in hundredths),
    counting only the items a price list prices by the hour."""
    total = 0
    for number, day, quantity in lines:
        price_list = book.list_on(day)
        unit = next((p.unit for p in (price_list.items if price_list else ())
                     if p.support_number == number), "H")
        if unit == "H":
            total += quantity
    return total


def daytime_rate(book: PriceBook, agreement: Agreement | None, day: dt.date) -> int | None:
    """The weekday daytime rate on ``day``: the agreement's, else the price limit."""
    item = book.item_for(DAYTIME_BAND, day)
    if item is None:
        return None
    agreed = next((i.rate_cents for i in (agreement.items if agreement else ())
                   if i.support_number == item.support_number and i.rate_cents), None)
    return agreed or item.price_limit_cents


def funded_hours(amount_cents: int, rate_cents: int | None) -> int | None:
    """Hundredths of an hour the budget buys at ``rate_cents`` an hour."""
    return 100 * amount_cents // rate_cents if rate_cents else None


def hours_text(centi: int) -> str:
    return f"{centi / 100:,.1f} hours"
