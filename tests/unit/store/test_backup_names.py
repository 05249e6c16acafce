"""Backup names: every backup taken is listed (offered for restoring, rotated), even several
within one second."""

from __future__ import annotations

import datetime as dt

from recoverydesk.paths import backups_dir_for
from recoverydesk.services.practice import backups
from recoverydesk.store import backup as b


def test_three_backups_in_one_second_are_all_listed_newest_first(tmp_practice):
    now = dt.datetime(2026, 5, 4, 10, 30, 15)
    taken = [b.take_backup(tmp_practice, None, now) for _ in range(3)]
    names = [t.path.name for t in taken]
    assert len(set(names)) == 3 and all(t.path.exists() for t in taken)
    listed = b.list_backups(tmp_practice)
    assert [x.path.name for x in listed] == list(reversed(names))  # the latest first
    assert [r.name for r in backups.list_backups(tmp_practice)] == list(reversed(names))
    assert b.newest_good_backup(tmp_practice).path == taken[-1].path


def test_a_dozen_in_one_second_keep_their_order(tmp_practice):
    now = dt.datetime(2026, 5, 4, 10, 30, 15)
    taken = [b.take_backup(tmp_practice, None, now).path.name for _ in range(12)]
    assert [x.name for x in b.list_backups(tmp_practice)] == list(reversed(taken))


def test_same_second_backups_are_rotated_like_any_other(tmp_practice):
    old = dt.datetime(2025, 1, 6, 9, 0, 0)
    for _ in range(3):
        b.take_backup(tmp_practice, None, old)
    b.take_backup(tmp_practice, None, old.replace(hour=18))  # the newest of that day
    b.take_backup(tmp_practice, None, dt.datetime(2026, 3, 1, 9, 0, 0))
    left = sorted(p.name for p in backups_dir_for(tmp_practice).glob("*.rdk"))
    assert left == ["practice-20250106-180000.rdk", "practice-20260301-090000.rdk"]
