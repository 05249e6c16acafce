"""The leaving PIN (services/together): kept only as a slow salted hash, checked, and three
wrong tries in a row give way to the passphrase (or, with no passphrase, to a wait)."""

from __future__ import annotations

import pytest

from recoverydesk.services.together import service as together
from recoverydesk.services.together.service import TogetherService, hash_pin, pin_matches
from recoverydesk.services.together.types import PinLockedError, check_pin
from recoverydesk.services.types import ValidationError


class _Practice:
    def __init__(self, passphrase: str | None):
        self.passphrase = passphrase

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


def test_three_wrong_pins_then_only_the_passphrase(store):
    svc = TogetherService(store, _Practice("quiet morning walk"))
    svc.set_pin("2580", "2580")
    assert svc.check_pin("0000") is False
    assert svc.check_pin("0001") is False
    with pytest.raises(PinLockedError, match="passphrase"):
        svc.check_pin("0002")
    with pytest.raises(PinLockedError):
        svc.check_pin("2580")  # even the right one, now
    assert not svc.check_passphrase("wrong")
    assert svc.check_passphrase("quiet morning walk")
    assert svc.check_pin("2580")  # the coach left once: the PIN works again


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
