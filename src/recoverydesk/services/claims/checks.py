"""The NDIS's own identifiers and deadline, checked: an ABN's checksum, a participant's NDIS
number, a support item number, a claim reference, and the two years a support may be claimed in.

Standard library only; ``claims.types`` re-exports these names for the window.
"""

from __future__ import annotations

import datetime as dt
import re

CLAIM_YEARS = 2  # a support must be claimed within two years
_SUPPORT_NUMBER = re.compile(r"^\d{2}_\d{3}_\d{4}_\d_\d$")
_CLAIM_REFERENCE = re.compile(r"^[A-Za-z0-9/_-]{1,50}$")


def check_abn(abn: str) -> bool:
    """11 digits with a valid ABN checksum."""
    digits = abn.replace(" ", "")
    if len(digits) != 11 or not digits.isdigit():
        return False
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    values = [int(d) for d in digits]
    values[0] -= 1
    return sum(w * v for w, v in zip(weights, values, strict=True)) % 89 == 0


def check_ndis_number(number: str | None) -> bool:
    return bool(number) and len(number) == 9 and number.isdigit()


def check_support_number(number: str) -> bool:
    return bool(_SUPPORT_NUMBER.match(number))


def check_claim_reference(reference: str) -> bool:
    return bool(_CLAIM_REFERENCE.match(reference))


def claim_deadline(support_day: dt.date) -> dt.date:
    """The last day a support can be claimed: two years on (29 February -> 28 February)."""
    try:
        return support_day.replace(year=support_day.year + CLAIM_YEARS)
    except ValueError:
        return support_day.replace(year=support_day.year + CLAIM_YEARS, day=28)


def past_deadline(support_day: dt.date, today: dt.date) -> bool:
    return today > claim_deadline(support_day)
