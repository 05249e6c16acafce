"""Encrypting a practice in place is never half-done: a process doing it is killed with SIGKILL
at random moments, and every time the practice is either the old plain file or the new
encrypted one, with every record in it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.store import crypto
from recoverydesk.store.backup import verify_file
from recoverydesk.store.engine import connect_raw

PASSPHRASE = "kelp forest at low tide"
ENCRYPT = r"""
import sys
from recoverydesk.store import crypto
print("ready", flush=True)
crypto.encrypt_in_place(sys.argv[1], sys.argv[2])
print("done", flush=True)
"""


def records(path, passphrase=None) -> list:
    conn = connect_raw(path, passphrase, readonly=True)
    try:
        people = conn.execute("SELECT given_name, family_name FROM participants ORDER BY id")
        notes = conn.execute("SELECT text FROM strengths ORDER BY id")
        return [*people.fetchall(), *notes.fetchall()]
    finally:
        conn.close()


def run_encrypt(path, kill_after: float | None) -> bool:
    """Encrypt in a child; kill it after ``kill_after`` seconds. True when it finished."""
    proc = subprocess.Popen(
        [sys.executable, "-c", ENCRYPT, str(path), PASSPHRASE], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate()
    return "done" in out


def test_encrypt_in_place_killed_at_random_moments_is_never_half_done(tmp_practice, tmp_path):
    services = open_services(tmp_practice)
    for i in range(40):
        p = services.participants.create(
            ParticipantDraft(given_name=f"Ngaio{i}", family_name="Plaintextson")
        ).value
        for j in range(15):
            services.participants.add_strength(p.id, "interests", f"Rock pools, tide {i}-{j}")
    services.close()
    expected = records(tmp_practice)

    # How long one encryption takes here, on a copy, so the kills land all through it.
    trial = tmp_path / "trial.rdk"
    trial.write_bytes(tmp_practice.read_bytes())
    started = time.monotonic()
    assert run_encrypt(trial, None)
    took = time.monotonic() - started

    rng = random.Random(7)
    outcomes = []
    rounds = 6
    for k in range(rounds):  # kill points spread over the whole run, each a little random
        finished = run_encrypt(tmp_practice, took * (k + rng.random()) / rounds)
        assert tmp_practice.exists()
        if crypto.is_encrypted(tmp_practice):
            assert verify_file(tmp_practice, PASSPHRASE) == []
            assert records(tmp_practice, PASSPHRASE) == expected
            assert b"Plaintextson" not in tmp_practice.read_bytes()
            outcomes.append("encrypted")
        else:
            assert not finished
            assert verify_file(tmp_practice) == []  # still the whole plain file
            assert records(tmp_practice) == expected
            outcomes.append("plain")
    assert "plain" in outcomes, outcomes  # some kills came mid-way, and changed nothing
    if "encrypted" not in outcomes:  # every kill came before the switch: let one finish
        assert run_encrypt(tmp_practice, None)
        assert records(tmp_practice, PASSPHRASE) == expected
    raw = tmp_practice.read_bytes()
    assert b"Plaintextson" not in raw and b"Rock pools" not in raw
    for side in ("-wal", "-shm", "-journal"):
        leftover = tmp_practice.with_name(tmp_practice.name + side)
        assert not leftover.exists() or b"Plaintextson" not in leftover.read_bytes()
    assert not list(tmp_path.glob("*.rekey*"))  # no temporary copy left behind
