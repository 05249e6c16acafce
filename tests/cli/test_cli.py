"""The command line: exit codes and plain messages, never a traceback for a user mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    from recoverydesk.services.practice.opening import open_services

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
    # demo's --db may come before the command too, so it is checked after parsing.
    assert main(["demo"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--participants", "many"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_demo_rejects_silly_counts(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "x.rdk"), "--participants", "0"]) == 2
    assert "--participants" in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "recoverydesk", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "RecoveryDesk" in out.stdout


@pytest.mark.parametrize("argv", [["--db"], ["--db="], ["--dbx", "a.rdk"], ["--db", "--version"]])
def test_incomplete_db_option_is_usage_error_not_a_window(argv, monkeypatch, capsys):
    import recoverydesk.cli as cli

    opened = []
    monkeypatch.setattr(cli, "run_gui", lambda db: opened.append(db) or 0)
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code in (0, 2)  # "--db --version" prints the version
    assert opened == []
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("argv,db", [([], None), (["--db", "p.rdk"], "p.rdk"),
                                     (["--db=p.rdk"], "p.rdk")])
def test_plain_start_opens_the_window(argv, db, monkeypatch):
    import recoverydesk.cli as cli

    opened = []
    monkeypatch.setattr(cli, "run_gui", lambda path: opened.append(path) or 0)
    assert cli.main(argv) == 0
    assert opened == [None if db is None else Path(db)]


def test_no_screen_is_one_plain_sentence(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "recoverydesk", "--db", str(tmp_path / "p.rdk")],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 1
    assert out.stderr.startswith("recoverydesk: there is no screen")
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert not (tmp_path / "p.rdk").exists()


def test_check_changes_nothing_on_disk(tmp_path, capsys):
    db = tmp_path / "demo.rdk"
    assert main(["demo", "--db", str(db), "--participants", "3", "--years", "1"]) == 0
    for journal_mode in ("DELETE", "WAL"):
        import sqlite3

        con = sqlite3.connect(db)
        con.execute(f"PRAGMA journal_mode = {journal_mode}")
        con.close()
        before = sorted(p.name for p in tmp_path.iterdir()), db.read_bytes()
        assert main(["check", "--db", str(db)]) == 0
        assert (sorted(p.name for p in tmp_path.iterdir()), db.read_bytes()) == before


def test_check_finds_a_damaged_page_and_says_which_version(tmp_path, capsys):
    db = tmp_path / "demo.rdk"
    assert main(["demo", "--db", str(db), "--participants", "8", "--years", "1"]) == 0
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = DELETE")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    data[start + 8:start + page_size] = b"\xff" * (page_size - 8)  # scribble over one page
    db.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "Schema version:" in out and "Integrity: damaged" in out
