"""Encryption at rest: wrong passphrase, passphrase change, encrypt in place, no plaintext left."""

from __future__ import annotations

import logging

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import PassphraseNeededError
from recoverydesk.store import crypto
from recoverydesk.store.backup import verify_file
from recoverydesk.store.crypto import RetryGate
from recoverydesk.store.errors import WrongPassphraseError

NAME = "Wilhelmina Zebrowski"
NOTE = "Talked about the quiet bench by the lagoon"


def add_someone(services):
    p = services.participants.create(
        ParticipantDraft(given_name="Wilhelmina", family_name="Zebrowski", ndis_number="430111222")
    ).value
    services.participants.add_strength(p.id, "interests", NOTE)
    return p


def test_encrypt_in_place_removes_plaintext_and_keeps_data(tmp_practice):
    services = open_services(tmp_practice)
    p = add_someone(services)
    services.close()
    assert b"Zebrowski" in tmp_practice.read_bytes()
    crypto.encrypt_in_place(tmp_practice, "lagoon bench morning tea")
    raw = tmp_practice.read_bytes()
    assert b"Zebrowski" not in raw and NOTE.encode() not in raw and b"430111222" not in raw
    assert crypto.is_encrypted(tmp_practice)
    assert not list(tmp_practice.parent.glob("*.rekey*"))
    services = open_services(tmp_practice, passphrase="lagoon bench morning tea")
    assert services.participants.get(p.id).full_name == NAME
    assert [s.text for s in services.participants.get(p.id).strengths] == [NOTE]
    services.close()


def test_wrong_passphrase_is_refused_and_file_untouched(tmp_practice):
    crypto.encrypt_in_place(tmp_practice, "right one here")
    before = tmp_practice.read_bytes()
    with pytest.raises(PassphraseNeededError, match="passphrase does not open"):
        open_services(tmp_practice, passphrase="wrong guess")
    with pytest.raises(PassphraseNeededError, match="locked with a passphrase"):
        open_services(tmp_practice)
    assert tmp_practice.read_bytes() == before
    gate = crypto.retry_gate(tmp_practice)
    assert gate.failures >= 1


def test_retry_gate_waits_longer_after_each_wrong_try():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    gate = RetryGate(base=1.0, cap=8.0, sleep=sleep, clock=lambda: now[0])
    gate.wait()
    for _ in range(5):
        gate.failed()
        gate.wait()
    assert slept == [1.0, 2.0, 4.0, 8.0, 8.0]
    # the wait counts from the failure: time spent typing the next try is already waited
    gate.failed()
    now[0] += 5
    assert gate.remaining() == 3.0
    gate.succeeded()
    assert gate.wait() == 0 and gate.remaining() == 0


def test_change_passphrase(tmp_practice):
    crypto.encrypt_in_place(tmp_practice, "first pass phrase")
    services = open_services(tmp_practice, passphrase="first pass phrase")
    add_someone(services)
    services.close()
    crypto.change_passphrase(tmp_practice, "first pass phrase", "second pass phrase")
    assert verify_file(tmp_practice, "first pass phrase")
    assert verify_file(tmp_practice, "second pass phrase") == []
    services = open_services(tmp_practice, passphrase="second pass phrase")
    assert [r.full_name for r in services.participants.list()] == [NAME]
    services.close()
    with pytest.raises(WrongPassphraseError):
        crypto.change_passphrase(tmp_practice, "first pass phrase", "third")


def test_env_passphrase_creates_an_encrypted_practice(tmp_path, monkeypatch):
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "from the environment")
    path = tmp_path / "new.rdk"
    services = open_services(path, create=True)
    add_someone(services)
    services.close()
    assert crypto.is_encrypted(path)
    assert b"Zebrowski" not in path.read_bytes()
    assert verify_file(path, "from the environment") == []


def test_logs_never_hold_personal_details(services, caplog):
    from recoverydesk.ui.errors import log_exception

    p = add_someone(services)
    try:
        raise ValueError(f"could not save {NAME} {NOTE} 430111222 (id {p.id})")
    except ValueError as exc:
        with caplog.at_level(logging.INFO, logger="recoverydesk"):
            log_exception(exc)
    text = caplog.text
    assert "ValueError" in text
    assert "Zebrowski" not in text and "lagoon" not in text and "430111222" not in text


def test_temporary_data_stays_in_memory(tmp_practice):
    from recoverydesk.store.engine import connect_raw

    for readonly in (False, True):
        conn = connect_raw(tmp_practice, readonly=readonly)
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        conn.close()


def test_write_ahead_log_and_journal_of_an_encrypted_practice_hold_no_plaintext(tmp_practice):
    crypto.encrypt_in_place(tmp_practice, "tidal flats at noon")
    services = open_services(tmp_practice, passphrase="tidal flats at noon")
    add_someone(services)  # committed to the write-ahead log, not yet folded into the file
    wal = tmp_practice.with_name(tmp_practice.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    side_files = b"".join(
        p.read_bytes() for p in tmp_practice.parent.glob(tmp_practice.name + "-*")
    )
    assert b"Zebrowski" not in side_files and b"lagoon" not in side_files
    assert b"430111222" not in side_files
    with services._store.read() as s:  # every pooled connection keeps temporary data in memory
        from sqlalchemy import text

        assert s.execute(text("PRAGMA temp_store")).scalar() == 2
    services.close()
    assert b"Zebrowski" not in tmp_practice.read_bytes()
