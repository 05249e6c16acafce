"""backup, restore, export, import and encrypt from the command line."""

from __future__ import annotations

import json

from recoverydesk.cli import main
from recoverydesk.paths import backups_dir_for
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services


def make_practice(path, name="Sina Faleolo"):
    services = open_services(path, create=True)
    given, family = name.split()
    services.participants.create(ParticipantDraft(given_name=given, family_name=family))
    services.close()


def test_backup_then_restore(tmp_path, capsys):
    db = tmp_path / "p.rdk"
    make_practice(db)
    assert main(["backup", "--db", str(db)]) == 0
    assert "passed its check" in capsys.readouterr().out
    [backup] = [p for p in backups_dir_for(db).glob("*.rdk")]
    services = open_services(db)
    services.participants.create(ParticipantDraft(given_name="Later", family_name="Person"))
    services.close()
    assert main(["restore", str(backup), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "kept at" in out
    services = open_services(db)
    assert [r.full_name for r in services.participants.list()] == ["Sina Faleolo"]
    services.close()


def test_backup_to_a_file(tmp_path, capsys):
    db = tmp_path / "p.rdk"
    make_practice(db)
    out = tmp_path / "stick" / "copy.rdk"
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 0
    services = open_services(out)
    assert services.participants.count()
    services.close()


def test_restore_refused_while_the_app_has_it_open(tmp_path, capsys):
    db = tmp_path / "p.rdk"
    make_practice(db)
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "b.rdk")]) == 0
    app = open_services(db, lock=True)
    try:
        assert main(["restore", str(tmp_path / "b.rdk"), "--db", str(db)]) == 1
        assert "open in RecoveryDesk" in capsys.readouterr().err
    finally:
        app.close()


def test_export_and_import(tmp_path, capsys):
    db = tmp_path / "p.rdk"
    make_practice(db)
    out = tmp_path / "all.json"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["participants"][0]["family_name"] == "Faleolo"
    new = tmp_path / "new.rdk"
    assert main(["import", str(out), "--db", str(new)]) == 0
    assert "Imported 1 participants" in capsys.readouterr().out
    assert main(["import", str(out), "--db", str(new)]) == 2
    assert "new, empty practice" in capsys.readouterr().err


def test_import_of_a_bad_file_leaves_no_practice_behind(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    new = tmp_path / "new.rdk"
    assert main(["import", str(bad), "--db", str(new)]) == 2
    assert "not a RecoveryDesk export" in capsys.readouterr().err
    assert not new.exists()


def test_encrypt_and_passphrase_from_environment(tmp_path, capsys, monkeypatch):
    db = tmp_path / "p.rdk"
    make_practice(db)
    assert main(["encrypt", "--db", str(db)]) == 2
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "gentle hill walk")
    assert main(["encrypt", "--db", str(db)]) == 0
    assert b"Faleolo" not in db.read_bytes()
    monkeypatch.delenv("RECOVERYDESK_PASSPHRASE")
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "x.json")]) == 1
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "wrong words")
    assert main(["backup", "--db", str(db)]) == 1
    assert "does not open" in capsys.readouterr().err


def test_restore_a_stick_backup_made_under_an_earlier_passphrase(tmp_path, capsys,
                                                                 monkeypatch):
    from recoverydesk.services.practice import passphrase as practice_passphrase
    from recoverydesk.store import crypto

    db, stick = tmp_path / "p.rdk", tmp_path / "stick" / "copy.rdk"
    make_practice(db)
    crypto.encrypt_in_place(db, "old words by the sea")
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "old words by the sea")
    assert main(["backup", "--db", str(db), "--out", str(stick)]) == 0
    practice_passphrase.change_passphrase(db, "old words by the sea", "new words by the sea")
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "new words by the sea")
    assert main(["restore", str(stick), "--db", str(db)]) == 1  # the stick needs the old one
    assert "RECOVERYDESK_BACKUP_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("RECOVERYDESK_BACKUP_PASSPHRASE", "wrong words entirely")
    assert main(["restore", str(stick), "--db", str(db)]) == 1
    assert "does not open copy.rdk" in capsys.readouterr().err
    monkeypatch.setattr(crypto.RetryGate, "remaining", lambda self: 0.0)  # a later run
    monkeypatch.setenv("RECOVERYDESK_BACKUP_PASSPHRASE", "old words by the sea")
    assert main(["restore", str(stick), "--db", str(db)]) == 0
    services = open_services(db, passphrase="new words by the sea")  # locked with the new one
    assert [r.full_name for r in services.participants.list()] == ["Sina Faleolo"]
    services.close()
