"""The leaving PIN of the "With the participant" view: kept as a slow, salted hash (scrypt) in
the practice's settings, never in clear, and checked here; a few wrong PINs in a row and only
the passphrase opens the way out (``types.MAX_PIN_TRIES``) until the coach has left once.

A wrong passphrase on the way out makes the next try wait, exactly as on the lock screen: it is
the same gate (``store.crypto.retry_gate`` of the practice file), so guesses here and there add
up, and a right one here or there clears it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import TYPE_CHECKING

from recoverydesk.models.settings import PracticeSetting
from recoverydesk.services import audit
from recoverydesk.services.together.types import (
    MAX_PIN_TRIES,
    PassphraseWaitError,
    PinLockedError,
    clean_pin,
)
from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.store.crypto import retry_gate

if TYPE_CHECKING:
    from recoverydesk.services.practice.service import PracticeService
    from recoverydesk.store.session import Store

PIN_KEY = "together.pin"
CHANGES = ChangeSet.of("practice_settings")
# scrypt's cost: about 30-60 ms a try on a laptop, so guessing a 4-digit PIN from a copied
# file takes minutes, not microseconds (the passphrase still guards the file itself).
_N, _R, _P = 2**14, 8, 1
# A practice without a passphrase has nothing else to fall back on: there the PIN waits this long
# after the wrong tries (doubling each time) instead.
PIN_WAIT_SECONDS = 60


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, kept: str) -> bool:
    try:
        kind, n, r, p, salt, digest = kept.split("$")
        if kind != "scrypt":
            return False
        typed = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                               p=int(p), dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(typed.hex(), digest)


class TogetherService:
    def __init__(self, store: Store, practice: PracticeService):
        self._store = store
        self._practice = practice
        self._wrong_pins = 0
        self._waits = 0
        self._pin_again_at = 0.0

    # -- the PIN ------------------------------------------------------------------------------
    def has_pin(self) -> bool:
        with self._store.read() as s:
            row = s.get(PracticeSetting, PIN_KEY)
            return row is not None and bool(row.value)

    def set_pin(self, pin: str, again: str) -> Changed[None]:
        """Keep a new PIN (its hash); raises ValidationError."""
        kept = hash_pin(clean_pin(pin, again))
        with self._store.unit_of_work() as s:
            row = s.get(PracticeSetting, PIN_KEY)
            if row is None:
                s.add(PracticeSetting(key=PIN_KEY, value=kept))
            else:
                row.value = kept
            audit.record(s, "practice.updated", "practice_settings", None, None, "together_pin")
        self._wrong_pins = 0
        return Changed(None, CHANGES)

    @property
    def pin_tries_left(self) -> int:
        return max(0, MAX_PIN_TRIES - self._wrong_pins)

    # -- leaving --------------------------------------------------------------------------------
    def check_pin(self, typed: str) -> bool:
        """True when ``typed`` is the PIN. Raises PinLockedError once too many were wrong."""
        self._refuse_while_locked()
        with self._store.read() as s:
            row = s.get(PracticeSetting, PIN_KEY)
            kept = "" if row is None else row.value
        if kept and pin_matches(typed, kept):
            self._wrong_pins = 0
            return True
        self._wrong_pins += 1
        if self.pin_tries_left == 0 and not self._practice.is_encrypted:
            self._pin_again_at = time.monotonic() + PIN_WAIT_SECONDS * 2**self._waits
            self._waits += 1
        self._refuse_while_locked()
        return False

    def _refuse_while_locked(self) -> None:
        if self.pin_tries_left > 0:
            return
        if self._practice.is_encrypted:
            raise PinLockedError("Too many wrong PINs: please use the practice passphrase.")
        wait = self._pin_again_at - time.monotonic()
        if wait > 0:
            raise PinLockedError(f"Too many wrong PINs: please wait {int(wait + 0.999)} seconds.")
        self._wrong_pins = MAX_PIN_TRIES - 1  # one more try, then a longer wait

    def check_passphrase(self, typed: str) -> bool:
        """True when ``typed`` is the practice's passphrase (which also clears wrong PINs). A
        wrong one makes the next try wait longer (the lock screen's gate); raises
        PassphraseWaitError while a try must still wait."""
        if not self._practice.is_encrypted:
            return False
        gate = retry_gate(self._practice.path)
        wait = gate.remaining()
        if wait > 0:
            raise PassphraseWaitError(wait)
        if not self._practice.is_current_passphrase(typed):
            gate.failed()
            return False
        gate.succeeded()
        self._wrong_pins = 0
        return True

    def passphrase_wait(self) -> float:
        """Seconds the next passphrase try must still wait after wrong ones (0: it may go)."""
        if not self._practice.is_encrypted:
            return 0.0
        return retry_gate(self._practice.path).remaining()

    @property
    def passphrase_works(self) -> bool:
        """A practice without a passphrase can be left with its PIN only."""
        return self._practice.is_encrypted
