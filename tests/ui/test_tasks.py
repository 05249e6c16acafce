"""The task runner: results and errors come back on the GUI thread; writes are serialised."""

from __future__ import annotations

import threading

from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui import tasks
from recoverydesk.ui.bus import change_bus


def test_thread_runner_delivers_on_gui_thread(qtbot):
    tasks.use_thread_runner()
    gui = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    got = []
    tasks.Op(None, work).success(lambda r: got.append((r, threading.get_ident()))).run()
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [(42, gui)]
    assert seen["worker"] != gui


def test_writes_run_one_at_a_time(qtbot):
    tasks.use_thread_runner()
    active, overlap, done = [0], [], []
    lock = threading.Lock()

    def write(i):
        with lock:
            active[0] += 1
            overlap.append(active[0])
        threading.Event().wait(0.01)
        with lock:
            active[0] -= 1
        return i

    for i in range(6):
        tasks.Op(None, lambda i=i: write(i)).success(done.append).run()
    qtbot.waitUntil(lambda: len(done) == 6, timeout=5000)
    assert max(overlap) == 1
    assert done == list(range(6))


def test_failure_goes_to_callback_and_change_not_published(qtbot):
    published, failures = [], []
    change_bus().changed.connect(published.append)

    def boom():
        raise ValidationError.single("x", "Nope.")

    tasks.Op(None, boom).emits(ChangeSet.of("goal")).failure(failures.append).run()
    assert len(failures) == 1 and str(failures[0]) == "Nope."
    assert published == []
    change_bus().changed.disconnect(published.append)


def test_success_publishes_change(qtbot):
    published = []
    change_bus().changed.connect(published.append)
    tasks.Op(None, lambda: 7).emits(lambda r: ChangeSet.of("goal", participant_id=r)).run()
    assert published == [ChangeSet.of("goal", participant_id=7)]
    change_bus().changed.disconnect(published.append)


def test_unexpected_error_shows_plain_message_with_details(qtbot, message_boxes):
    tasks.Op(None, lambda: 1 / 0).run()
    assert any("did not expect" in m for m in message_boxes.shown)


def test_slow_work_shows_progress_then_closes_it(qtbot):
    from PySide6.QtWidgets import QProgressDialog, QWidget

    tasks.use_thread_runner()
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release, got = threading.Event(), []
    tasks.Op(parent, lambda: release.wait(10) and "saved").with_progress("Saving…") \
        .success(got.append).run()

    def progress():
        return [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(progress()), timeout=5000)
    assert progress()[0].labelText() == "Saving…"
    release.set()
    qtbot.waitUntil(lambda: got == ["saved"], timeout=5000)
    assert progress() == []


def test_quick_work_never_flashes_a_progress_dialog(qtbot):
    from PySide6.QtWidgets import QProgressDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    got = []
    tasks.Op(parent, lambda: 5).with_progress("Saving…").success(got.append).run()
    qtbot.wait(600)
    assert got == [5]
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
