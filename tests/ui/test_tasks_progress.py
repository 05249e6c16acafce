"""Op's progress for long work, with the real thread runner and the real event loop: a counted
bar moved by reports from the worker thread, Cancel pressed mid-way (button, Esc), and quiet
endings for cancelled work."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from recoverydesk.services.types import Cancelled, ChangeSet, Progress
from recoverydesk.ui import tasks
from recoverydesk.ui.bus import change_bus


@pytest.fixture
def parent(qtbot):
    tasks.use_thread_runner()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def visible_progress(parent: QWidget) -> list[QProgressDialog]:
    return [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def the_dialog(qtbot, parent: QWidget) -> QProgressDialog:
    qtbot.waitUntil(lambda: bool(visible_progress(parent)), timeout=5000)
    return visible_progress(parent)[0]


def cancel_button(dialog: QProgressDialog) -> QPushButton | None:
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    return buttons[0] if buttons else None


def test_counted_work_moves_the_bar_from_the_worker_thread(qtbot, parent):
    gui = threading.get_ident()
    reported_from, release, got = [], threading.Event(), []

    def work(progress: Progress):
        reported_from.append(threading.get_ident())
        progress.step(3, 10, "Copying 3 of 10 backups…")
        release.wait(10)
        return "copied"

    tasks.Op(parent, work).with_progress("Copying…", counted=True).success(got.append).run()
    dialog = the_dialog(qtbot, parent)
    qtbot.waitUntil(lambda: dialog.maximum() == 10 and dialog.value() == 3, timeout=5000)
    assert dialog.labelText() == "Copying 3 of 10 backups…"
    assert cancel_button(dialog) is None  # Cancel only when asked for
    assert reported_from and reported_from[0] != gui
    release.set()
    qtbot.waitUntil(lambda: got == ["copied"], timeout=5000)
    assert visible_progress(parent) == []


def test_the_bar_is_busy_until_the_work_counts(qtbot, parent):
    release, started = threading.Event(), threading.Event()

    def work(progress: Progress):
        started.set()
        release.wait(10)
        progress.step(1, 2)

    done = []
    tasks.Op(parent, work).with_progress("Opening…", counted=True) \
        .success(done.append).run()
    dialog = the_dialog(qtbot, parent)
    assert (dialog.minimum(), dialog.maximum()) == (0, 0)
    assert dialog.labelText() == "Opening…"
    release.set()
    qtbot.waitUntil(lambda: done == [None], timeout=5000)


def test_many_reports_end_with_the_last_one_shown(qtbot, parent):
    release, reported = threading.Event(), threading.Event()

    def work(progress: Progress):
        for i in range(1, 5001):
            progress.step(i, 5000, f"Row {i}")
        reported.set()
        release.wait(10)

    done = []
    tasks.Op(parent, work).with_progress("Importing…", counted=True) \
        .success(done.append).run()
    dialog = the_dialog(qtbot, parent)
    qtbot.waitUntil(reported.is_set, timeout=5000)
    qtbot.waitUntil(lambda: dialog.value() == 5000, timeout=5000)
    assert dialog.labelText() == "Row 5000"
    release.set()
    qtbot.waitUntil(lambda: done == [None], timeout=5000)


def _cancellable_work(at_step: threading.Event, go_on: threading.Event, steps: list[int]):
    def work(progress: Progress):
        progress.step(1, 3, "Step 1 of 3")
        steps.append(1)
        at_step.set()
        go_on.wait(10)
        progress.step(2, 3, "Step 2 of 3")  # raises Cancelled once Cancel was pressed
        steps.append(2)
        return "finished"

    return work


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_mid_way_stops_the_work_quietly(qtbot, parent, message_boxes, how):
    at_step, go_on, steps = threading.Event(), threading.Event(), []
    got, stopped, published = [], [], []
    change_bus().changed.connect(published.append)
    tasks.Op(parent, _cancellable_work(at_step, go_on, steps)) \
        .with_progress("Changing the passphrase…", cancel=True) \
        .emits(ChangeSet.of("settings")) \
        .success(got.append).cancelled(lambda: stopped.append(True)).run()
    dialog = the_dialog(qtbot, parent)
    qtbot.waitUntil(at_step.is_set, timeout=5000)
    button = cancel_button(dialog)
    assert button is not None and button.text() == "Cancel"
    if how == "button":
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    # The dialog stays while the work finishes its step, and says so.
    assert dialog.isVisible()
    assert dialog.labelText() == "Stopping…"
    assert not button.isEnabled()
    go_on.set()
    qtbot.waitUntil(lambda: stopped == [True], timeout=5000)
    assert steps == [1]
    assert got == []
    assert published == []
    assert message_boxes.shown == []
    assert visible_progress(parent) == []
    change_bus().changed.disconnect(published.append)


def test_without_cancel_esc_does_not_hide_the_dialog(qtbot, parent):
    release, done = threading.Event(), []
    tasks.Op(parent, lambda: release.wait(10)).with_progress("Backing up…") \
        .success(done.append).run()
    dialog = the_dialog(qtbot, parent)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: done == [True], timeout=5000)
    assert visible_progress(parent) == []


def test_work_cancelled_while_waiting_its_turn_never_starts(qtbot, parent):
    release, started, stopped, firsts = threading.Event(), [], [], []
    tasks.Op(parent, lambda: release.wait(10)).success(firsts.append).run()  # holds the writer
    second = tasks.Op(parent, lambda progress: started.append(True)) \
        .with_progress("Importing…", cancel=True).cancelled(lambda: stopped.append(True))
    second.run()
    second.request_cancel()
    release.set()
    qtbot.waitUntil(lambda: stopped == [True], timeout=5000)
    assert firsts == [True]
    assert started == []


def test_cancelled_without_a_callback_ends_quietly(qtbot, message_boxes):
    tasks.use_synchronous_runner()
    got = []

    def work(progress: Progress):
        raise Cancelled

    tasks.Op(None, work).with_progress("Printing…", cancel=True).success(got.append).run()
    assert got == []
    assert message_boxes.shown == []


def test_quick_counted_work_never_flashes_a_dialog(qtbot, parent):
    got = []

    def work(progress: Progress):
        for i in range(3):
            progress.step(i + 1, 3)
        return "quick"

    tasks.Op(parent, work).with_progress("Saving…", counted=True, cancel=True) \
        .success(got.append).run()
    qtbot.waitUntil(lambda: got == ["quick"], timeout=5000)
    qtbot.wait(600)
    assert visible_progress(parent) == []


def test_plain_progress_calls_the_function_without_an_argument(qtbot):
    got = []
    tasks.Op(None, lambda: 5).with_progress("Saving…").success(got.append).run()
    assert got == [5]
