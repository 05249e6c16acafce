"""Command output into a pipe or a file never dies on a name (issue 18, item 2).

On Windows a pipe or a file gets the ANSI code page (cp1252), which has no "ễ": ``recoverydesk
due > list.txt`` printed "Minh Nguyễn" and died with UnicodeEncodeError. Real processes, a real
demo practice, the output encoding forced the way Windows sets it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from recoverydesk.cli import main

NAME = "Minh Nguyễn"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("enc") / "demo.rdk"
    assert main(["demo", "--db", str(db), "--years", "1"]) == 0
    return db


def _month_with(db, name: str) -> str:
    """A month in which the demo delivered a session to ``name`` (the demo follows today)."""
    from recoverydesk.services.practice.opening import open_services

    services = open_services(db)
    try:
        first = dt.date.today().replace(day=1)
        for _ in range(13):
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            rows = services.sessions.hours_by_participant(first, last - dt.timedelta(days=1))
            if any(r.participant_name == name for r in rows):
                return first.strftime("%Y-%m")
            first = (first - dt.timedelta(days=1)).replace(day=1)
    finally:
        services.close()
    raise AssertionError(f"the demo has no session with {name} in a year")


def _run(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "recoverydesk", *args], env=env,
                          capture_output=True, timeout=120, check=False)


WINDOWS_PIPE = {"PYTHONIOENCODING": "cp1252"}
# No encoding asked for and a locale that cannot write the name (ASCII): UTF-8 is written.
NO_CHOICE = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}


def test_hours_prints_a_vietnamese_name_into_a_cp1252_pipe(demo):
    out = _run(WINDOWS_PIPE, "hours", "--db", str(demo), "--month", _month_with(demo, NAME))
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in out.stderr
    text = out.stdout.decode("cp1252")
    assert "Minh Nguy?n" in text  # the one letter cp1252 lacks, not the whole command
    assert "Total" in text


def test_due_into_a_cp1252_pipe_finishes(demo):
    out = _run(WINDOWS_PIPE, "due", "--db", str(demo), "--within", "60")
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in out.stderr
    assert out.stdout.strip()


def test_with_no_encoding_asked_for_a_file_gets_utf8(demo, tmp_path):
    month = _month_with(demo, NAME)
    listing = tmp_path / "hours.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANGUAGE")}
    env.update(NO_CHOICE)
    with open(listing, "wb") as sink:
        done = subprocess.run([sys.executable, "-m", "recoverydesk", "hours", "--db", str(demo),
                               "--month", month], env=env, stdout=sink,
                              stderr=subprocess.PIPE, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert NAME in listing.read_bytes().decode("utf-8")
