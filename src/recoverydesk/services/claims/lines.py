"""A session becomes claim lines, by the NDIS rules and the participant's service agreement:

- the service itself on the time-of-day item (direct, or NF2F when not face to face and the
  agreement allows non-face-to-face work); a short-notice cancellation (a no-show, or a
  cancellation the coach marked "short notice") instead, as CANC with its reason and the
  agreement's percentage of the agreed fee;
- provider travel time (TRAN) on the same item, capped by MMM zone: 30 minutes each way in MMM
  1-3, 60 in MMM 4-5, by agreement in 6-7 (a session's travel minutes are the return trip);
- travel kilometres on the price list's per-kilometre item (07_799), claim type TRAN.

Each line has a source key ("s42:service", "s42:travel", "s42:km"): a session's service is one
source whether it was delivered or cancelled, so it can never be claimed both ways. Plain data
in and out; the service reads the rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from recoverydesk.services.claims.pricing import PriceBook, travel_cap_each_way, wall_clock
from recoverydesk.services.claims.types import CANCELLATION_REASONS
from recoverydesk.services.types import ValidationError


@dataclass(frozen=True)
class SessionFacts:
    id: int
    participant_id: int
    starts_at: dt.datetime  # aware
    duration_minutes: int
    face_to_face: bool
    status: str
    status_reason: str = ""
    travel_km: float = 0.0
    travel_minutes: int = 0


@dataclass(frozen=True)
class Terms:
    """The service agreement in force on the session's day."""

    nf2f_agreed: bool = False
    cancellation_percent: int = 0
    travel_time_agreed: bool = False
    travel_km_agreed: bool = False
    travel_cap_minutes: int | None = None
    rates: dict[str, int | None] = field(default_factory=dict)  # item -> agreed cents


@dataclass(frozen=True)
class Place:
    state: str
    mmm_zone: int
    zone: dt.tzinfo | None = None  # the practice's time zone (None: this computer's)


@dataclass(frozen=True)
class LineDraft:
    source_key: str
    support_date: dt.date
    support_number: str
    claim_type: str
    cancellation_reason: str
    quantity_centi: int
    unit_price_cents: int


def hours_centi(minutes: int) -> int:
    """Minutes as hundredths of an hour (50 minutes -> 83, i.e. 0.83), rounded half up."""
    return int((Decimal(minutes) * 100 / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))

def km_centi(km: float) -> int:
    return int((Decimal(str(km)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

def reason_from_words(words: str) -> str:
    """A cancellation reason code from the coach's words on the session (default NSDO)."""
    text = words.lower()
    for code in CANCELLATION_REASONS:
        if code.lower() in text.split():
            return code
    if any(w in text for w in ("sick", "unwell", "health", "hospital", "flu", "covid")):
        return "NSDH"
    if "family" in text:
        return "NSDF"
    if any(w in text for w in ("transport", "bus", "train", "lift", "car ")):
        return "NSDT"
    return "NSDO"

def is_short_notice(status: str, words: str) -> bool:
    """A no-show is short notice by definition; a cancellation only when the coach said so on
    the session ("short notice"), since the app does not know when it was called off."""
    return status == "no_show" or (status == "cancelled" and "short notice" in words.lower())


class HeldBackError(ValidationError):
    """The session gives no line (or not all its lines): ``str(err)`` says why in plain words."""

    def __init__(self, reason: str, lines: tuple[LineDraft, ...] = ()):
        self.reason = reason
        self.lines = lines
        super().__init__({"session": reason})


def support_day(facts: SessionFacts, place: Place) -> dt.date:
    return wall_clock(facts.starts_at, place.zone).date()


def _rate(book: PriceBook, terms: Terms, support_number: str, day: dt.date) -> int:
    limit = book.limit(support_number, day)
    if limit is None:
        raise HeldBackError(f"{support_number} is not in the price list in force on {day}.")
    if support_number not in terms.rates:
        raise HeldBackError(f"{support_number} is not an agreed item in the service agreement.")
    agreed = terms.rates[support_number]
    return limit if agreed is None else min(agreed, limit)


def _percent_of(cents: int, percent: int) -> int:
    exact = Decimal(cents) * Decimal(percent) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def lines_for(facts: SessionFacts, terms: Terms | None, place: Place,
              book: PriceBook) -> tuple[LineDraft, ...]:
    """The session's claim lines. Raises HeldBackError (with any lines it could still make)
    when something keeps all or part of it from being claimed."""
    if facts.status == "planned":
        return ()
    if facts.status != "completed" and not is_short_notice(facts.status, facts.status_reason):
        return ()  # cancelled with notice: nothing to claim
    local = wall_clock(facts.starts_at, place.zone)
    day = local.date()
    if terms is None:
        raise HeldBackError(f"No service agreement covers {day}.")
    band = book.band(local, place.state, facts.duration_minutes)
    item = book.item_for(band, day)
    if item is None:
        raise HeldBackError(f"No price list in force on {day} has an item for this time of day.")
    rate = _rate(book, terms, item.support_number, day)
    key = f"s{facts.id}"
    hours = hours_centi(facts.duration_minutes)
    if facts.status != "completed":
        if terms.cancellation_percent <= 0:
            raise HeldBackError("The service agreement has no short-notice cancellation fee.")
        reason = reason_from_words(facts.status_reason)
        return (LineDraft(f"{key}:service", day, item.support_number, "CANC", reason, hours,
                          _percent_of(rate, terms.cancellation_percent)),)
    if not facts.face_to_face and not terms.nf2f_agreed:
        raise HeldBackError("Not face to face, and the service agreement does not include "
                            "non-face-to-face work.")
    claim_type = "" if facts.face_to_face else "NF2F"
    lines = [LineDraft(f"{key}:service", day, item.support_number, claim_type, "", hours, rate)]
    problems = []
    if facts.travel_minutes > 0 and terms.travel_time_agreed:
        cap = travel_cap_each_way(place.mmm_zone, terms.travel_cap_minutes)
        if cap is None:
            problems.append(f"Travel time in MMM zone {place.mmm_zone} needs a cap agreed in the "
                            "service agreement.")
        elif cap > 0:
            minutes = min(facts.travel_minutes, 2 * cap)
            lines.append(LineDraft(f"{key}:travel", day, item.support_number, "TRAN", "",
                                   hours_centi(minutes), rate))
    if facts.travel_km > 0 and terms.travel_km_agreed:
        km_item = book.item_for("travel_km", day)
        km = km_centi(facts.travel_km)
        if km_item is None:
            problems.append(f"No price list in force on {day} has a per-kilometre travel item.")
        elif km > 0:
            limit = km_item.price_limit_cents
            agreed = terms.rates.get(km_item.support_number)
            lines.append(LineDraft(f"{key}:km", day, km_item.support_number, "TRAN", "", km,
                                   limit if agreed is None else min(agreed, limit)))
    if problems:
        raise HeldBackError(" ".join(problems), tuple(lines))
    return tuple(lines)
