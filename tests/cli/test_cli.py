"""The command line: exit codes and plain messages, never a traceback for a user mistake."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recoverydesk.cli import main


def test_demo_then_check(tmp_path, capsys):
    db = tmp_path / "demo.rdk"
    assert main(["demo", "--db", str(db), "--participants", "5", "--years", "1"]) == 0
    assert "5 fictional participants" in capsys.readouterr().out
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Integrity: ok" in out


def test_demo_is_deterministic(tmp_path):
    from recoverydesk.bootstrap import open_services

    names = []
    for i in range(2):
        db = tmp_path / f"d{i}.rdk"
        assert main(["demo", "--db", str(db), "--participants", "20", "--seed", "3"]) == 0
        svc = open_services(db)
        names.append([(r.display_name, r.status) for r in svc.participants.list(
            include_archived=True)])
        svc.close()
    assert names[0] == names[1] and len(names[0]) == 20


def test_demo_refuses_to_overwrite(tmp_path, capsys):
    db = tmp_path / "demo.rdk"
    db.write_text("precious")
    assert main(["demo", "--db", str(db)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert db.read_text() == "precious"


def test_check_reports_damage_with_exit_1(tmp_path, capsys):
    db = tmp_path / "broken.rdk"
    db.write_bytes(b"\x00garbage" * 100)
    assert main(["check", "--db", str(db)]) == 1
    assert "not a RecoveryDesk practice file" in capsys.readouterr().out


def test_missing_practice_is_usage_error(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "nope.rdk")]) == 2
    err = capsys.readouterr().err
    assert "There is no practice file" in err and "Traceback" not in err


def test_bad_arguments_exit_2(capsys):
    assert_exit = pytest.raises(SystemExit)
    with assert_exit as exc:
        main(["demo"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_demo_rejects_silly_counts(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "x.rdk"), "--participants", "0"]) == 2
    assert "--participants" in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "recoverydesk", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "RecoveryDesk" in out.stdout
