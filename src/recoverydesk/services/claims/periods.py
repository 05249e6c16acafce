"""An NDIS plan's funding periods, laid out from its dates (DOMAIN.md: funding is released per
period of 1 to 12 months, default 3). Plain Python: the Add plan budget dialog shows these for
the coach to change, and the demo practice releases its budgets the same way."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from recoverydesk.dates import add_months

ONE_DAY = dt.timedelta(days=1)


def funding_periods(start: dt.date, end: dt.date, months: int,
                    amount_cents: int) -> list[tuple[dt.date, dt.date, int]]:
    """Periods of ``months`` from the plan's start, the last ending with the plan, each with the
    cents released in it: every whole period an equal share, and a shorter last period a share
    in proportion to its days (a plan that runs to the day of its anniversary does not release
    a quarter's money for that one day). The odd cents go to the first period."""
    if end < start or months < 1:
        return []
    bounds: list[tuple[dt.date, dt.date]] = []
    first, whole_last = start, start
    while first <= end:
        following = add_months(start, months * (len(bounds) + 1))
        bounds.append((first, min(end, following - ONE_DAY)))
        first, whole_last = following, following - ONE_DAY
    last_first, last_end = bounds[-1]
    part = Fraction((last_end - last_first).days + 1, (whole_last - last_first).days + 1)
    weights = [Fraction(1)] * (len(bounds) - 1) + [part]
    total, whole = max(0, amount_cents), sum(weights)
    shares = [int(total * w / whole) for w in weights]  # rounded down
    shares[0] += total - sum(shares)
    return [(a, b, cents) for (a, b), cents in zip(bounds, shares, strict=True)]
