"""One copy of the app per practice: the lock file, and stale locks after a crash."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import PracticeOpenError
from recoverydesk.store.errors import PracticeInUseError
from recoverydesk.store.lockfile import (
    COMMAND,
    PracticeLock,
    discard,
    is_locked,
    is_stale,
    lock_path_for,
    owner_path_for,
    read_owner,
)


def test_second_copy_is_refused_with_a_clear_message(tmp_practice):
    first = open_services(tmp_practice, lock=True)
    try:
        assert is_locked(tmp_practice)
        with pytest.raises(PracticeOpenError, match="already open in another RecoveryDesk"):
            open_services(tmp_practice, lock=True)
    finally:
        first.close()
    # The lock file stays (every opener locks the same file); nobody holds it now.
    assert lock_path_for(tmp_practice).exists()
    assert not is_locked(tmp_practice)
    assert read_owner(tmp_practice) == {}
    again = open_services(tmp_practice, lock=True)
    again.close()


def test_lock_held_by_another_process_is_refused(tmp_practice):
    code = (
        "import sys, time\n"
        "from recoverydesk.store.lockfile import PracticeLock\n"
        f"held = PracticeLock({str(tmp_practice)!r}).acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(30)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(PracticeInUseError):
            PracticeLock(tmp_practice).acquire()
        assert read_owner(tmp_practice)["pid"] == proc.pid
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


def test_a_command_is_refused_in_words_while_the_window_has_the_practice(tmp_practice):
    with PracticeLock(tmp_practice):
        started = time.monotonic()
        with pytest.raises(PracticeInUseError, match="open in RecoveryDesk on this computer"):
            PracticeLock(tmp_practice, kind=COMMAND, what="resources-import").acquire()
        assert time.monotonic() - started < 2  # a window stays open: no point waiting


def test_a_command_waits_for_another_command_then_goes_ahead(tmp_practice):
    first = PracticeLock(tmp_practice, kind=COMMAND, what="print-plan").acquire()
    assert read_owner(tmp_practice)["what"] == "print-plan"
    if sys.platform != "win32":
        assert owner_path_for(tmp_practice).stat().st_mode & 0o777 == 0o600
        assert lock_path_for(tmp_practice).stat().st_mode & 0o777 == 0o600
    with pytest.raises(PracticeInUseError, match=r"command \(print-plan\) is still working"):
        PracticeLock(tmp_practice, kind=COMMAND, wait=0.2).acquire()
    timer = threading.Timer(0.3, first.release)
    timer.start()
    with PracticeLock(tmp_practice, kind=COMMAND, wait=5) as second:
        assert second.held
    timer.join()


def test_the_lock_can_be_let_go_from_another_thread(tmp_practice):
    lock = PracticeLock(tmp_practice)
    worker = threading.Thread(target=lock.acquire)  # the app opens on its worker thread
    worker.start()
    worker.join()
    assert is_locked(tmp_practice)
    lock.release()
    assert not is_locked(tmp_practice)


def test_a_discarded_practice_leaves_no_lock_file_unless_it_is_held(tmp_practice):
    with PracticeLock(tmp_practice):
        discard(tmp_practice)  # held (by this window): left alone
        assert lock_path_for(tmp_practice).exists() and is_locked(tmp_practice)
    discard(tmp_practice)
    assert not lock_path_for(tmp_practice).exists()
    assert not owner_path_for(tmp_practice).exists()
