"""The restore service never lowers a practice's protection, whoever calls it."""

from __future__ import annotations

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice.opening import open_services
from recoverydesk.store import crypto

WORDS = "banksia cones on the sill"


@pytest.fixture
def protected_with_plain_copy(tmp_practice, tmp_path):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Mele", family_name="Quokkason"))
    copy = services.practice.back_up_to(tmp_path / "plain-copy.rdk")
    services.close()
    crypto.encrypt_in_place(tmp_practice, WORDS)
    return tmp_practice, copy


def test_restoring_into_a_protected_practice_without_its_passphrase_is_refused(
    protected_with_plain_copy
):
    practice, copy = protected_with_plain_copy
    before = practice.read_bytes()
    with pytest.raises(backups.BackupError, match="protected with a passphrase"):
        backups.restore(practice, copy, None)
    assert practice.read_bytes() == before
    assert not list(practice.parent.glob("*.damaged-*"))  # not set aside as if damaged


def test_restoring_with_a_wrong_passphrase_is_refused(protected_with_plain_copy):
    practice, copy = protected_with_plain_copy
    before = practice.read_bytes()
    with pytest.raises(backups.BackupError, match="does not open"):
        backups.restore(practice, copy, "not the right words")
    assert practice.read_bytes() == before
    assert not list(practice.parent.glob("*.damaged-*"))


def test_with_its_passphrase_the_plain_copy_comes_back_protected(protected_with_plain_copy):
    practice, copy = protected_with_plain_copy
    backups.restore(practice, copy, WORDS)
    assert crypto.is_encrypted(practice) and b"Quokkason" not in practice.read_bytes()
    services = open_services(practice, passphrase=WORDS)
    assert [r.full_name for r in services.participants.list()] == ["Mele Quokkason"]
    services.close()
