"""One copy of the app per practice: the lock file, and stale locks after a crash."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recoverydesk.bootstrap import PracticeOpenError, open_services
from recoverydesk.store.errors import PracticeInUseError
from recoverydesk.store.lockfile import PracticeLock, is_locked, is_stale, lock_path_for


def test_second_copy_is_refused_with_a_clear_message(tmp_practice):
    first = open_services(tmp_practice, lock=True)
    try:
        assert is_locked(tmp_practice)
        with pytest.raises(PracticeOpenError, match="already open in another RecoveryDesk"):
            open_services(tmp_practice, lock=True)
    finally:
        first.close()
    assert not lock_path_for(tmp_practice).exists()
    again = open_services(tmp_practice, lock=True)
    again.close()


def test_lock_held_by_another_process_is_refused(tmp_practice):
    code = (
        "import sys, time\n"
        "from recoverydesk.store.lockfile import PracticeLock\n"
        f"PracticeLock({str(tmp_practice)!r}).acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(30)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(PracticeInUseError):
            PracticeLock(tmp_practice).acquire()
        assert str(proc.pid) in lock_path_for(tmp_practice).read_text()
    finally:
        proc.kill()
        proc.wait()
    # The owner died without cleaning up: the lock file is left behind, but it is stale.
    assert lock_path_for(tmp_practice).exists()
    assert is_stale(tmp_practice)
    with PracticeLock(tmp_practice) as lock:
        assert lock.held
    assert not is_locked(tmp_practice)


def test_a_folder_that_cannot_be_written_is_said_in_words(tmp_path):
    from recoverydesk.store.errors import PracticeFileError

    blocker = tmp_path / "stick"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(PracticeFileError, match="cannot write in the folder"):
        PracticeLock(blocker / "practice.rdk").acquire()
    with pytest.raises(PracticeOpenError, match="cannot write in the folder"):
        open_services(blocker / "practice.rdk", lock=True)
