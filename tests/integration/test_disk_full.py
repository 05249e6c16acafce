"""A really full disk: the practice (and a backup, an export, encrypting) on a tiny tmpfs.

Each test runs a child process in a private mount namespace (``unshare -m``) with a tmpfs of a
few hundred kilobytes, so nothing outside the test sees the mount and it vanishes with the
child. The child fills the disk by saving notes until a save fails, then checks, still on the
full disk, that every note whose save returned is there and the file is whole.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services

CHILD = textwrap.dedent(
    r"""
    import json, sys
    from pathlib import Path
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.services.practice import backups
    from recoverydesk.services.practice import passphrase as practice_passphrase
    from recoverydesk.services.types import ServiceError
    from recoverydesk.services.practice.transfer import IOService
    from recoverydesk.store.backup import verify_file
    from recoverydesk.store.errors import is_disk_full

    path, pid = Path(sys.argv[1]), int(sys.argv[2])
    services = open_services(path)
    saved, failure = [], None
    for i in range(100_000):
        text = f"note {i} about the walk by the river, the dog and the café"
        try:
            services.participants.add_strength(pid, "interests", text)
        except Exception as exc:  # the disk is full now
            failure = {"disk_full": is_disk_full(exc), "type": type(exc).__name__}
            break
        saved.append(text)
    report = {"saved": len(saved), "failure": failure}
    # Still on the full disk: a backup and an export refuse in plain words, leaving no
    # half-written file behind.
    for name, job in (
        ("backup", lambda: services.practice.back_up_to(path.parent / "copy.rdk")),
        ("export", lambda: IOService(services._store).export_to(path.parent / "all.json")),
    ):
        try:
            job()
            report[name] = "made"
        except ServiceError as err:
            report[name] = str(err)
    services.close()
    try:  # encrypting needs room for a whole copy: refused, the plain file kept as it was
        practice_passphrase.encrypt_practice(path, "sea spray at dawn")
        report["encrypt"] = "made"
    except ServiceError as err:
        report["encrypt"] = str(err)
    report["left_over"] = sorted(p.name for p in path.parent.iterdir()
                                 if p.name not in {path.name, path.name + "-wal",
                                                   path.name + "-shm",
                                                   # the lock file stays, by design
                                                   path.name + ".lock"})
    again = open_services(path)
    texts = {s.text for s in again.participants.get(pid).strengths}
    report["all_saved_present"] = set(saved) <= texts
    report["earlier_present"] = "Swims at the rock pool every morning" in texts
    again.close()
    report["problems"] = verify_file(path)
    print(json.dumps(report))
    """
)


def _can_mount_privately() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _can_mount_privately(),
    reason="needs root and unshare for a private tmpfs (CI and the dev machines have both)",
)


def test_a_really_full_disk_loses_nothing_saved_and_says_so(tmp_practice, tmp_path):
    services = open_services(tmp_practice)
    pid = services.participants.create(
        ParticipantDraft(given_name="Tama", family_name="Fullstop")
    ).value.id
    services.participants.add_strength(pid, "interests", "Swims at the rock pool every morning")
    services.close()
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    size_kb = tmp_practice.stat().st_size // 1024 + 400
    script = (
        f"mount -t tmpfs -o size={size_kb}k tmpfs {tiny} && cp {tmp_practice} {tiny}/ && "
        f'"{sys.executable}" -c "$CHILD" {tiny / tmp_practice.name} {pid}'
    )
    run = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CHILD": CHILD},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["saved"] > 0 and report["failure"]["disk_full"], report
    assert report["all_saved_present"] and report["earlier_present"], report
    assert report["problems"] == [], report
    assert "not enough free space" in report["backup"], report
    assert "not enough free space" in report["export"], report
    assert "not enough free space" in report["encrypt"], report
    assert report["left_over"] == [], report  # no partial backup or export left behind
    assert not any(tiny.iterdir())  # the tmpfs never showed outside the child
