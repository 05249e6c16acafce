"""Command-line writes and an open window (issue 15.4), with real processes.

A window-like process holds the practice (as the app does) and saves a participant every few
milliseconds while `resources-import` and `print-plan` run: each command is refused with one
plain sentence (no traceback, nothing changed) and the window loses no save. Without a window,
a command waits for another writer instead of failing, and two commands take turns.
"""

from __future__ import annotations

import os
import subprocess
import sys

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services

WINDOW = r"""
import sys, time
from pathlib import Path
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.participants.service import ParticipantDraft
services = open_services(sys.argv[1], lock=True)
print("open", flush=True)
saved = failed = 0
deadline = time.monotonic() + 120
while time.monotonic() < deadline and not Path(sys.argv[2]).exists():
    try:
        services.participants.create(ParticipantDraft(given_name=f"Saved{saved}",
                                                      family_name="Window"))
        saved += 1
    except Exception as err:
        failed += 1
        print("FAILED", type(err).__name__, err, flush=True)
    time.sleep(0.01)
services.close()
print("saved", saved, "failed", failed, flush=True)
"""

HOLDER = r"""
import sys, time
from recoverydesk.store.engine import connect_raw
conn = connect_raw(sys.argv[1])
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "recoverydesk", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "RECOVERYDESK_PASSPHRASE": ""})


def _csv(path, name: str):
    path.write_text(f"Name,Category,Cost\n{name},peer support,Free\n", encoding="utf-8")
    return path


def _count(practice) -> tuple[int, int]:
    services = open_services(practice)
    try:
        return (len(services.participants.list(include_archived=True)),
                len(services.resources.list()))
    finally:
        services.close()


def test_commands_that_write_are_refused_in_words_while_the_window_saves(
    tmp_practice, tmp_path
):
    services = open_services(tmp_practice)
    services.participants.create(ParticipantDraft(given_name="Ana", family_name="Fifita"))
    services.close()
    csv = _csv(tmp_path / "peer.csv", "Harbour Peer Café")

    stop = tmp_path / "close-the-window"
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(tmp_practice), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "open"
        runs = []
        for n in range(3):
            runs.append(_cli("resources-import", str(csv), "--db", str(tmp_practice)))
            runs.append(_cli("print-plan", "Ana", "--db", str(tmp_practice),
                             "--out", str(tmp_path / f"plan{n}.pdf")))
            for proc in runs[-2:]:
                proc.wait(timeout=60)
        results = [(p.returncode, p.stdout.read() + p.stderr.read()) for p in runs]
    finally:
        stop.touch()
        report = window.communicate(timeout=60)[0]
    assert "FAILED" not in report
    saved = int(report.split("saved ")[1].split()[0])
    for code, text in results:
        assert code == 1, text
        assert "Traceback" not in text
        assert text.strip() == (
            f"recoverydesk: {tmp_practice.name} is open in RecoveryDesk on this computer; "
            "close it there or try again later. Nothing was changed."
        )
    assert not list(tmp_path.glob("plan*.pdf"))
    assert _count(tmp_practice) == (1 + saved, 0)  # every window save kept, no import


def test_a_command_waits_for_another_writer_and_two_commands_take_turns(
    tmp_practice, tmp_path
):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_practice), "1.5"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    first = _cli("resources-import", str(_csv(tmp_path / "a.csv", "Harbour Peer Café")),
                 "--db", str(tmp_practice))
    second = _cli("resources-import", str(_csv(tmp_path / "b.csv", "Seaview Housing Hub")),
                  "--db", str(tmp_practice))
    outputs = [p.communicate(timeout=60) for p in (first, second)]
    assert holder.wait(timeout=30) == 0
    for proc, (out, err) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, err
        assert "1 added" in out
    assert _count(tmp_practice) == (0, 2)
