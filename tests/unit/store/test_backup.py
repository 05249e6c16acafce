"""Rolling backups: only when something changed, verified, encrypted, rotated; restore."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from recoverydesk.paths import backups_dir_for
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.services.practice import passphrase as practice_passphrase
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.transfer import IOService
from recoverydesk.store import backup as b
from recoverydesk.store import crypto


def export(services) -> dict:
    doc = IOService(services._store).export_data()
    doc.pop("exported_at")
    return doc


def test_auto_backup_only_when_something_changed(services):
    path = services.practice.path
    t0 = dt.datetime(2026, 3, 2, 9, 0)
    services.participants.list()  # the first open turns on write-ahead logging (a change)
    first = services.practice.backup_if_due(now=t0)
    assert first is not None and first.path.parent == backups_dir_for(path)
    assert b.verify_file(first.path) == []
    # Nothing changed: no new backup, even on close.
    assert services.practice.backup_if_due(now=t0 + dt.timedelta(hours=5)) is None
    services.participants.list()  # reading is not a change
    assert (
        services.practice.backup_if_due(closing=True, now=t0 + dt.timedelta(hours=6)) is None
    )
    services.participants.create(ParticipantDraft(given_name="Ari", family_name="Nguyen"))
    # Changed, but the last backup is recent: wait while in use, back up on close.
    assert services.practice.backup_if_due(now=t0 + dt.timedelta(minutes=30)) is None
    closing = services.practice.backup_if_due(closing=True, now=t0 + dt.timedelta(minutes=40))
    assert closing is not None
    assert len(backups.list_backups(path)) == 2


def test_backup_is_encrypted_with_the_same_key(tmp_practice):
    crypto.encrypt_in_place(tmp_practice, "sunny beach path")
    services = open_services(tmp_practice, passphrase="sunny beach path")
    services.participants.create(ParticipantDraft(given_name="Ari", family_name="Quokkason"))
    row = services.practice.backup_now()
    services.close()
    assert b"Quokkason" not in row.path.read_bytes()
    assert crypto.is_encrypted(row.path)
    assert b.verify_file(row.path, "sunny beach path") == []
    assert b.verify_file(row.path, None) != []


def test_retention_over_simulated_months(tmp_practice):
    folder = backups_dir_for(tmp_practice)
    folder.mkdir()
    start = dt.datetime(2025, 1, 1, 8, 30)
    for day in range(540):  # a year and a half, two backups a day
        for hour in (0, 9):
            when = start + dt.timedelta(days=day, hours=hour)
            (folder / b.backup_name(tmp_practice, when)).write_bytes(b"x")
        b.rotate(tmp_practice)
    kept = [x.taken_at for x in b.list_backups(tmp_practice)]
    newest = kept[0]
    assert newest == start + dt.timedelta(days=539, hours=9)
    days = {t.date() for t in kept}
    assert all(newest.date() - dt.timedelta(days=i) in days for i in range(10))
    weeks = {tuple(t.isocalendar())[:2] for t in kept}
    months = {(t.year, t.month) for t in kept}
    assert len(weeks) >= 8 and len(months) == 12
    assert len(kept) <= 2 + 10 + 8 + 12
    # The oldest kept is about a year back, not older.
    assert (newest - kept[-1]).days < 370


def test_to_keep_keeps_everything_from_the_last_day():
    t = dt.datetime(2026, 5, 1, 12)
    times = [t - dt.timedelta(hours=h) for h in range(0, 48, 3)]
    keep = b.to_keep(times)
    assert all(x in keep for x in times if t - x < dt.timedelta(hours=24))


def test_restore_reproduces_the_data_exactly(services):
    path = services.practice.path
    p = services.participants.create(ParticipantDraft(given_name="Mele", family_name="Tupou")).value
    services.participants.add_strength(p.id, "skills", "Fixes bikes for the neighbours")
    before = export(services)
    row = services.practice.backup_now()
    services.participants.update(p.id, ParticipantDraft(given_name="Changed", family_name="Later"))
    services.participants.create(ParticipantDraft(given_name="Another", family_name="One"))
    services.close()
    kept = backups.restore(path, row.path, None)
    assert kept is not None and kept.exists()
    after = open_services(path)
    assert export(after) == before
    after.close()
    # the file it replaced is itself a good backup, with the later changes in it
    replaced = open_services(kept)
    assert {r.full_name for r in replaced.participants.list()} == {"Changed Later", "Another One"}
    replaced.close()


def test_restore_refuses_a_bad_backup_and_changes_nothing(services, tmp_path):
    path = services.practice.path
    services.close()
    bad = tmp_path / "bad.rdk"
    bad.write_bytes(b"not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(backups.BackupError, match="cannot be used"):
        backups.restore(path, bad, None)
    assert path.read_bytes() == before


def test_back_up_to_a_chosen_folder(services, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    out = services.practice.back_up_to(stick)
    assert out.parent == stick and b.verify_file(out) == []
    state = (
        json.loads((backups_dir_for(services.practice.path) / b.STATE_FILE).read_text())
        if (backups_dir_for(services.practice.path) / b.STATE_FILE).exists()
        else {}
    )
    assert "token" not in state  # a copy elsewhere is not a rolling backup


def test_half_made_copies_from_a_crash_are_cleared_away(services, tmp_path):
    import os

    practice = services.practice.path
    folder = backups_dir_for(practice)
    folder.mkdir()
    old = [folder / "practice-20260101-090000.rdk.partial", practice.with_name("practice.rdk.rekey"),
           practice.with_name("practice.rdk.rekey-journal")]
    fresh = folder / "practice-20260102-090000.rdk.partial"  # maybe still being written
    for p in (*old, fresh):
        p.write_bytes(b"half")
    hour_ago = dt.datetime.now().timestamp() - 2 * 3600
    for p in old:
        os.utime(p, (hour_ago, hour_ago))
    keep = folder / "practice-20260101-080000.rdk"
    keep.write_bytes(b"a finished backup")
    download = practice.with_name("holiday-photos.zip.partial")  # not ours: never touched
    download.write_bytes(b"someone else's")
    os.utime(download, (hour_ago, hour_ago))
    services.practice.backup_now()  # rotation clears the backups folder
    services.close()
    reopened = open_services(practice, lock=True)  # opening clears the practice folder
    reopened.close()
    assert not any(p.exists() for p in old)
    assert fresh.exists() and keep.exists() and practice.exists() and download.exists()


OLD_WORDS, NEW_WORDS = "gum trees by the creek", "kookaburra at first light"


def _stick_copy_under_the_old_passphrase(tmp_practice, tmp_path):
    """A protected practice, backed up to a stick, whose passphrase was changed since."""
    crypto.encrypt_in_place(tmp_practice, OLD_WORDS)
    services = open_services(tmp_practice, passphrase=OLD_WORDS)
    p = services.participants.create(ParticipantDraft(given_name="Mele", family_name="Tupou")).value
    services.participants.add_strength(p.id, "skills", "Fixes bikes for the neighbours")
    before = export(services)
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = services.practice.back_up_to(stick)
    services.participants.create(ParticipantDraft(given_name="Later", family_name="Added"))
    services.close()
    practice_passphrase.change_passphrase(tmp_practice, OLD_WORDS, NEW_WORDS)
    return copy, before


def test_a_backup_under_an_old_passphrase_is_restored_locked_with_the_current_one(
    tmp_practice, tmp_path
):
    copy, before = _stick_copy_under_the_old_passphrase(tmp_practice, tmp_path)
    stick_bytes = copy.read_bytes()
    assert backups.backup_needs_passphrase(copy, NEW_WORDS)
    with pytest.raises(backups.BackupError, match="cannot be used"):
        backups.restore(tmp_practice, copy, NEW_WORDS)  # without the old one: refused
    kept = backups.restore(tmp_practice, copy, NEW_WORDS, backup_passphrase=OLD_WORDS)
    assert b.verify_file(tmp_practice, NEW_WORDS) == []
    assert b.verify_file(tmp_practice, OLD_WORDS)  # the old passphrase opens nothing here
    assert b"Tupou" not in tmp_practice.read_bytes()
    after = open_services(tmp_practice, passphrase=NEW_WORDS)
    assert export(after) == before
    after.close()
    assert copy.read_bytes() == stick_bytes  # the stick's copy was only read
    replaced = open_services(kept, passphrase=NEW_WORDS)  # what it replaced was kept
    assert len(replaced.participants.list()) == 2
    replaced.close()
    assert not list(tmp_practice.parent.glob("*.restoring*"))


def test_a_wrong_old_passphrase_or_a_failed_copy_changes_nothing(
    tmp_practice, tmp_path, monkeypatch
):
    copy, _ = _stick_copy_under_the_old_passphrase(tmp_practice, tmp_path)
    with pytest.raises(backups.BackupError, match="does not open"):
        backups.check_backup_passphrase(copy, "not the old one")
    with pytest.raises(backups.BackupError, match="cannot be used"):
        backups.restore(tmp_practice, copy, NEW_WORDS, backup_passphrase="not the old one")

    def broken_check(*_args):
        raise crypto.RekeyError("The re-locked copy did not pass its check, so nothing was "
                                "changed.")

    monkeypatch.setattr(crypto, "_verify_copy", broken_check)
    with pytest.raises(backups.BackupError, match="did not pass its check"):
        backups.restore(tmp_practice, copy, NEW_WORDS, backup_passphrase=OLD_WORDS)
    services = open_services(tmp_practice, passphrase=NEW_WORDS)
    assert len(services.participants.list()) == 2  # the practice as it was, whole
    services.close()
    assert not list(tmp_practice.parent.glob("*.restoring*"))


def test_a_plain_backup_is_restored_into_a_protected_practice_encrypted(tmp_practice, tmp_path):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Mele", family_name="Tupou"))
    before = export(services)
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = services.practice.back_up_to(stick)  # made before it was protected
    services.close()
    practice_passphrase.encrypt_practice(tmp_practice, NEW_WORDS)
    assert not backups.backup_needs_passphrase(copy, NEW_WORDS)
    backups.restore(tmp_practice, copy, NEW_WORDS)
    assert b"Tupou" not in tmp_practice.read_bytes()
    after = open_services(tmp_practice, passphrase=NEW_WORDS)
    assert export(after) == before
    after.close()
