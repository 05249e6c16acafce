"""The "With the participant" view's contract with the window: the leaving PIN's rules.

The coach leaves the view with the practice passphrase or with a short PIN of their own. The
PIN is kept only as a slow, salted hash (``service.py``); a few wrong tries in a row and only
the passphrase opens the way out until the coach has left once.

Standard library only: this is the one together module ``ui/`` may import.
"""

from __future__ import annotations

import math

from recoverydesk.services.types import ServiceError, ValidationError

FIELD_LABELS = {"pin": "PIN", "again": "PIN again"}
PIN_MIN = 4
PIN_MAX = 8
MAX_PIN_TRIES = 3  # wrong PINs in a row before only the passphrase will do


class PinLockedError(ServiceError):
    """Too many wrong PINs: the passphrase is needed now."""


class PassphraseWaitError(ServiceError):
    """A wrong passphrase was typed a moment ago: the next try waits ``seconds`` more."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"Please wait {math.ceil(seconds)} seconds, then try again.")


def check_pin(pin: str, again: str) -> dict[str, str]:
    """What is wrong with a new PIN, by field (empty when it can be kept)."""
    errors: dict[str, str] = {}
    if not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        errors["pin"] = f"A PIN is {PIN_MIN} to {PIN_MAX} digits."
    elif len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        errors["pin"] = "Choose digits that are harder to guess than a run or one digit."
    elif pin != again:
        errors["again"] = "The two PINs are not the same."
    return errors


def clean_pin(pin: str, again: str) -> str:
    """The PIN to keep; raises ValidationError."""
    errors = check_pin(pin, again)
    if errors:
        raise ValidationError(errors)
    return pin
