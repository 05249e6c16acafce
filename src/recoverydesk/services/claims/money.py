"""Money and quantities of a claim, as the NDIS counts them: cents and hundredths of a unit kept
as integers (never floats), their one rounding rule, and how they are typed and shown.

Standard library only; ``claims.types`` re-exports these names for the window.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def line_amount(quantity_centi: int, unit_price_cents: int) -> int:
    """Quantity (hundredths) times unit price (cents), in cents, rounded half up."""
    exact = Decimal(quantity_centi) * Decimal(unit_price_cents) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_centi(value: int) -> str:
    """150 -> "1.50"; 10543 -> "105.43" (hundredths and cents alike)."""
    sign = "-" if value < 0 else ""
    whole, part = divmod(abs(value), 100)
    return f"{sign}{whole}.{part:02d}"


def parse_centi(text: str) -> int | None:
    """ "1.5" -> 150, "105.43" -> 10543; None when it is not a number with at most 2 decimals."""
    try:
        value = Decimal(text.strip().replace("$", "").replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        return None
    return int(value * 100)


def claim_reference(line_id: int) -> str:
    return f"RD-{line_id}"
