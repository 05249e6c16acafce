"""Long practice work counts where it can and stops only where nothing is half-done: the
passphrase change counts the practice and each backup re-keyed; an import counts its rows and,
stopped, leaves no practice behind; an export stopped leaves no file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import passphrase as practice_passphrase
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import BackupRow, PracticeInfo, Reopened
from recoverydesk.services.types import Cancelled, Progress
from recoverydesk.store import crypto


class Steps(Progress):
    def __init__(self, stop_after: int | None = None):
        self.seen: list[tuple[int, int]] = []
        super().__init__(lambda done, total, _text: self.seen.append((done, total)),
                         lambda: stop_after is not None and len(self.seen) >= stop_after)


def test_changing_the_passphrase_counts_the_practice_and_each_backup(tmp_practice):
    services = open_services(tmp_practice)
    base = dt.datetime(2026, 1, 5, 9, 0)
    for day in range(3):
        services.practice.backup_now(now=base + dt.timedelta(days=day))
    services.close()
    steps = Steps()
    done = practice_passphrase.change_passphrase(tmp_practice, None, "tide pools at dawn", steps)
    assert done == 3
    assert steps.seen[0] == (0, 4) and steps.seen[-1] == (4, 4)
    assert [d for d, _ in steps.seen] == sorted(d for d, _ in steps.seen)  # only forward
    assert crypto.is_encrypted(tmp_practice)


def test_the_open_practice_changes_its_passphrase_and_opens_again(tmp_practice):
    services = open_services(tmp_practice, lock=True)
    services.participants.create(ParticipantDraft(given_name="Aroha", family_name="Tide"))
    assert services.practice.info() == PracticeInfo(tmp_practice, encrypted=False, is_open=True)
    reopened = services.practice.change_passphrase("sea wall at low tide", Steps())
    assert isinstance(reopened, Reopened) and reopened.problem is None
    again = reopened.opened.services
    try:
        assert again.practice.is_encrypted and again.practice.path == tmp_practice
        assert [r.full_name for r in reopened.opened.caseload] == ["Aroha Tide"]
        assert again.practice.is_current_passphrase("sea wall at low tide")
        assert not again.practice.is_current_passphrase("something else")
    finally:
        again.close()


def test_an_import_counts_its_rows_and_stopped_leaves_no_practice(tmp_path, tmp_practice):
    from recoverydesk.services.practice.opening import create_filled
    from recoverydesk.services.practice.transfer import IOService

    services = open_services(tmp_practice)
    for n in range(5):
        services.participants.create(ParticipantDraft(given_name=f"Kai{n}", family_name="Row"))
    export = tmp_path / "all.json"
    counts = services.practice.export_to(export, Steps())
    services.close()
    steps = Steps()
    target = tmp_path / "imported.rdk"
    made = create_filled(target, lambda store: IOService(store).import_from(export, steps))
    made.close()
    total = sum(counts.values())
    assert steps.seen[0] == (0, total) and steps.seen[-1][0] == total
    stopped = tmp_path / "stopped.rdk"
    with pytest.raises(Cancelled):
        create_filled(stopped, lambda store: IOService(store).import_from(export, Steps(1)))
    assert not stopped.exists()  # one transaction into a new file: nothing half-made is left


def test_an_export_stopped_leaves_no_file(tmp_path, services):
    out = tmp_path / "all.json"
    with pytest.raises(Cancelled):
        services.practice.export_to(out, Steps(2))
    assert not out.exists() and not list(tmp_path.glob("all.json*"))


def test_backup_rows_say_their_size_in_words():
    row = BackupRow(Path("/x/p-20260105-090000.rdk"), None, 2048)
    assert row.name == "p-20260105-090000.rdk" and row.size_label == "2.0 KB"
    assert BackupRow(Path("/x/a.rdk"), None, 900).size_label == "900 bytes"
