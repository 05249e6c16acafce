"""The app's opener: passphrase prompts, a new practice offered protection, a damaged file
answered with the newest good backup, a second copy refused."""

from __future__ import annotations

import pytest

from recoverydesk import app
from recoverydesk.bootstrap import PracticeOpenError, open_services
from recoverydesk.services import backups
from recoverydesk.services.participants import ParticipantDraft
from recoverydesk.store import crypto
from recoverydesk.ui.dialogs.passphrase import PassphraseDialog


def answer_dialogs(monkeypatch, answers):
    """Each PassphraseDialog.exec() takes the next answer: a passphrase, None (declined), or
    False (cancelled)."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog.mode)
        answer = answers.pop(0)
        if answer is False:
            return 0
        dialog.passphrase = answer
        return 1

    monkeypatch.setattr(PassphraseDialog, "exec", fake_exec)
    return seen


def test_new_practice_is_protected_with_the_chosen_passphrase(qapp, tmp_path, monkeypatch):
    seen = answer_dialogs(monkeypatch, ["sea breeze at noon"])
    path = tmp_path / "new.rdk"
    services = app.Opener().open(path, create=True)
    services.participants.create(ParticipantDraft(given_name="Hemi", family_name="Parata"))
    app.close_practice(services)
    assert seen == ["new"]
    assert crypto.is_encrypted(path) and b"Parata" not in path.read_bytes()
    assert backups.list_backups(path)  # a rolling backup was taken on close


def test_protected_practice_asks_until_the_passphrase_is_right(qapp, tmp_practice, monkeypatch):
    crypto.encrypt_in_place(tmp_practice, "right words here")
    monkeypatch.setattr(crypto.RetryGate, "wait", lambda self: 0.0)
    seen = answer_dialogs(monkeypatch, ["wrong words", "right words here"])
    services = app.Opener().open(tmp_practice)
    assert seen == ["unlock", "unlock"]
    services.close()
    answer_dialogs(monkeypatch, [False])
    with pytest.raises(PracticeOpenError, match="needs its passphrase"):
        app.Opener().open(tmp_practice)


def test_damaged_practice_offers_the_newest_good_backup(qapp, tmp_practice, message_boxes):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Safe"))
    backups.backup_now(services.store)
    services.close()
    data = bytearray(tmp_practice.read_bytes())
    tmp_practice.write_bytes(bytes(data[: len(data) // 2]))
    services = app.Opener().open(tmp_practice)  # the recorder answers Yes
    assert any("damaged" in text for text in message_boxes.shown)
    assert [r.full_name for r in services.participants.list()] == ["Kiri Safe"]
    services.close()
    assert list(tmp_practice.parent.glob("*.damaged-*"))


def test_second_copy_of_the_app_is_refused(qapp, tmp_practice):
    first = app.Opener().open(tmp_practice)
    try:
        with pytest.raises(PracticeOpenError, match="already open"):
            app.Opener().open(tmp_practice)
    finally:
        first.close()
