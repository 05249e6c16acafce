"""Everything RecoveryDesk writes is readable by the coach's account only: 0600 files, 0700
folders, whatever the umask, and a practice an older version left 0644 is tightened on open.

Each test starts from the usual umask (022, so files would be 0644) to show that the helpers,
not a lucky umask, make the files private; the command-line test runs the real program.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from recoverydesk.demo.practice import create_demo
from recoverydesk.private_files import (
    open_private,
    private_dir,
    private_file,
    private_settings,
    write_atomic,
)
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.transfer import IOService

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (no-ops there)")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    before = os.umask(0o022)
    yield
    os.umask(before)


def not_private(root: Path) -> list[str]:
    """Every file under ``root`` that is not 0600 and every folder that is not 0700."""
    bad = []
    for p in sorted(root.rglob("*")):
        if p.relative_to(root).parts[0].startswith("xdg-"):
            continue  # the test's stand-in home folders (matplotlib's font cache...)
        want = 0o700 if p.is_dir() else 0o600
        if mode(p) != want:
            bad.append(f"{p.relative_to(root)} {oct(mode(p))}")
    return bad


def test_helpers_make_files_and_folders_owner_only(tmp_path):
    folder = private_dir(tmp_path / "a" / "b")
    assert mode(folder) == mode(folder.parent) == 0o700
    with open_private(folder / "notes.txt", "w", encoding="utf-8") as fh:
        fh.write("Zoë walked to the jetty\n")
    assert mode(folder / "notes.txt") == 0o600
    old = folder / "old.txt"
    old.write_text("x")
    old.chmod(0o644)
    with open_private(old, "a", encoding="utf-8") as fh:  # an existing file is tightened too
        fh.write("y")
    assert mode(old) == 0o600 and old.read_text() == "xy"
    write_atomic(folder / "chart.png", b"\x89PNG")
    assert mode(folder / "chart.png") == 0o600
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []
    assert private_file(folder / "missing") == folder / "missing"  # never fails


def test_a_failed_write_leaves_nothing_and_names_the_target(tmp_path):
    target = tmp_path / "gone" / "plan.pdf"  # the folder does not exist
    with pytest.raises(FileNotFoundError) as err:
        write_atomic(target, b"%PDF")
    assert err.value.filename == str(target)  # not plan.pdf.part


def test_practice_backups_exports_pdfs_charts_and_calendars_are_private(tmp_path):
    db = tmp_path / "demo.rdk"
    services = create_demo(db, participants=2, years=1, seed=5)
    try:
        services.practice.backup_now()
        IOService(services._store).export_to(tmp_path / "all.json")
        pid = services.participants.list()[0].id
        services.printing.print_plan(pid, tmp_path / "plan.pdf")
        services.calendar.export_ics(tmp_path / "sessions.ics", *_weeks())
        services.resources.export_csv(tmp_path / "resources.csv")
    finally:
        services.close()
    tmp_path.chmod(0o700)  # pytest's own folder: not ours to judge
    names = {p.name for p in tmp_path.rglob("*")}
    assert {"demo.rdk", "all.json", "plan.pdf", "sessions.ics", "resources.csv"} <= names
    assert any(p.suffix == ".rdk" for p in (tmp_path / "demo-backups").iterdir())
    assert not_private(tmp_path) == []


def _weeks():
    import datetime as dt

    today = dt.date.today()
    return today - dt.timedelta(days=400), today + dt.timedelta(days=90)


def test_an_existing_readable_practice_is_tightened_on_open(tmp_path, tmp_practice):
    for p in (tmp_practice, Path(f"{tmp_practice}-wal")):
        p.touch()
        p.chmod(0o644)
    open_services(tmp_practice).close()
    assert mode(tmp_practice) == 0o600
    assert not [p for p in tmp_practice.parent.glob(f"{tmp_practice.name}*") if mode(p) != 0o600]


def test_the_log_and_settings_are_private(tmp_path, monkeypatch):
    from recoverydesk.ui import errors

    monkeypatch.setattr(errors.log, "handlers", [])
    log_dir = tmp_path / "state" / "RecoveryDesk" / "log"
    errors.configure_logging(log_dir)
    try:
        errors.log.error("unexpected error: ValueError")
        assert mode(log_dir) == 0o700 and mode(log_dir / "recoverydesk.log") == 0o600
    finally:
        for handler in errors.log.handlers:
            handler.close()
        errors.log.handlers = []
    settings = tmp_path / "config" / "RecoveryDesk" / "RecoveryDesk.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[practice]\nlast=/home/coach/practice.rdk\n")
    private_settings(str(settings))
    assert mode(settings.parent) == 0o700 and mode(settings) == 0o600
    logging.getLogger("recoverydesk").handlers = []


def test_the_command_line_writes_only_private_files(tmp_path):
    """The real program, started under the usual 022 umask."""
    db = tmp_path / "work" / "demo.rdk"
    db.parent.mkdir(mode=0o700)
    run = [sys.executable, "-m", "recoverydesk"]
    env = {k: v for k, v in os.environ.items() if k != "RECOVERYDESK_PASSPHRASE"}
    for args in (
        ["demo", "--db", str(db), "--participants", "2", "--years", "1"],
        ["backup", "--db", str(db)],
        ["export", "--db", str(db), "--out", str(db.parent / "all.json")],
        ["print-plan", "1", "--db", str(db), "--out", str(db.parent / "plan.pdf")],
        ["star-chart", "1", "--db", str(db), "--out", str(db.parent / "star.png")],
        ["schedule-ics", "--db", str(db), "--out", str(db.parent / "cal.ics")],
    ):
        done = subprocess.run([*run, *args], capture_output=True, text=True, env=env,
                              timeout=120, preexec_fn=lambda: os.umask(0o022))
        assert done.returncode == 0, (args, done.stderr)
    assert {"demo.rdk", "all.json", "plan.pdf", "star.png", "cal.ics", "demo-backups"} <= {
        p.name for p in db.parent.iterdir()}
    assert not_private(db.parent) == []


def test_a_folder_named_like_the_temporary_file_neither_stops_the_write_nor_is_named(tmp_path):
    """Before, removing the half-written file failed on the folder and that error, naming
    plan.pdf.part, replaced the real one."""
    (tmp_path / "plan.pdf.part").mkdir()
    write_atomic(tmp_path / "plan.pdf", b"%PDF")
    assert (tmp_path / "plan.pdf").read_bytes() == b"%PDF"
    assert (tmp_path / "plan.pdf.part").is_dir()  # not ours: left alone
    blocker = tmp_path / "taken.pdf"
    blocker.mkdir()
    (tmp_path / "taken.pdf.part").mkdir()
    with pytest.raises(OSError) as err:
        write_atomic(blocker, b"%PDF")
    assert err.value.filename == str(blocker)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf", "plan.pdf.part", "taken.pdf", "taken.pdf.part"]
