"""The leaving PIN (services/together): kept only as a slow salted hash, checked, and three
wrong tries in a row give way to the passphrase (or, with no passphrase, to a wait)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoverydesk.services.together import service as together
from recoverydesk.services.together.service import TogetherService, hash_pin, pin_matches
from recoverydesk.services.together.types import PassphraseWaitError, PinLockedError, check_pin
from recoverydesk.services.types import ValidationError
from recoverydesk.store import crypto


class _Practice:
    def __init__(self, passphrase: str | None, path: Path | None = None):
        self.passphrase = passphrase
        self.path = path or Path("/nowhere/together-test.rdk")

    @property
    def is_encrypted(self) -> bool:
        return self.passphrase is not None

    def is_current_passphrase(self, typed: str) -> bool:
        return typed == self.passphrase


def test_pin_rules():
    assert check_pin("2580", "2580") == {}
    assert "pin" in check_pin("12", "12")
    assert "pin" in check_pin("abcd", "abcd")
    assert "pin" in check_pin("1111", "1111")
    assert "pin" in check_pin("1234", "1234")
    assert "again" in check_pin("2580", "2581")


def test_the_pin_is_kept_as_a_salted_hash_never_in_clear(store):
    from recoverydesk.services.settings.service import SettingsService

    svc = TogetherService(store, _Practice(None))
    assert not svc.has_pin()
    svc.set_pin("2580", "2580")
    kept = SettingsService(store).get(together.PIN_KEY)
    assert "2580" not in kept and kept.startswith("scrypt$")
    assert hash_pin("2580") != hash_pin("2580")  # salted
    assert pin_matches("2580", kept) and not pin_matches("2581", kept)
    assert svc.check_pin("2580")
    with pytest.raises(ValidationError):
        svc.set_pin("1", "1")


@pytest.fixture
def clock(monkeypatch):
    """The passphrase gate's clock, by hand (the gates live for the process: a fresh one)."""
    now = [1000.0]
    gates: dict[str, crypto.RetryGate] = {}

    def gate(path):
        return gates.setdefault(str(path), crypto.RetryGate(sleep=lambda s: None,
                                                            clock=lambda: now[0]))

    monkeypatch.setattr(together, "retry_gate", gate)
    return now


def test_three_wrong_pins_then_only_the_passphrase(store, clock):
    svc = TogetherService(store, _Practice("quiet morning walk"))
    svc.set_pin("2580", "2580")
    assert svc.check_pin("0000") is False
    assert svc.check_pin("0001") is False
    with pytest.raises(PinLockedError, match="passphrase"):
        svc.check_pin("0002")
    with pytest.raises(PinLockedError):
        svc.check_pin("2580")  # even the right one, now
    assert not svc.check_passphrase("wrong")
    clock[0] += 1
    assert svc.check_passphrase("quiet morning walk")
    assert svc.check_pin("2580")  # the coach left once: the PIN works again


def test_a_wrong_passphrase_slows_the_next_try_as_the_lock_screen_does(store, clock):
    svc = TogetherService(store, _Practice("quiet morning walk"))
    assert svc.passphrase_wait() == 0
    assert not svc.check_passphrase("guess one")
    assert svc.passphrase_wait() == 1.0
    with pytest.raises(PassphraseWaitError, match="wait 1 seconds") as waiting:
        svc.check_passphrase("quiet morning walk")  # even the right one, while it waits
    assert waiting.value.seconds == 1.0
    clock[0] += 1
    assert not svc.check_passphrase("guess two")
    assert svc.passphrase_wait() == 2.0  # doubling, as the lock screen's
    clock[0] += 2
    assert not svc.check_passphrase("guess three")
    assert svc.passphrase_wait() == 4.0
    clock[0] += 4
    assert svc.check_passphrase("quiet morning walk")
    assert svc.passphrase_wait() == 0  # the right one clears the wait


def test_the_way_out_and_the_lock_screen_share_one_gate(store, tmp_path):
    """Guesses on the way out and on the lock screen add up (the practice file's one gate)."""
    path = tmp_path / "shared-gate.rdk"
    svc = TogetherService(store, _Practice("quiet morning walk", path))
    assert not svc.check_passphrase("guess")
    assert crypto.retry_gate(path).remaining() > 0  # what the lock screen's unlock consults
    crypto.retry_gate(path).failed()  # a wrong try on the lock screen
    assert svc.passphrase_wait() > 1.0


def test_without_a_passphrase_wrong_pins_wait(store, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(together.time, "monotonic", lambda: clock[0])
    svc = TogetherService(store, _Practice(None))
    svc.set_pin("2580", "2580")
    svc.check_pin("0000")
    svc.check_pin("0001")
    with pytest.raises(PinLockedError, match="wait 60 seconds"):
        svc.check_pin("0002")
    with pytest.raises(PinLockedError):
        svc.check_pin("2580")
    assert not svc.check_passphrase("")
    clock[0] += 61
    assert svc.check_pin("2580")
