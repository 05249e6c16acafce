"""The benchmark's stall meter sees the GUI thread blocked, and only then."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.stall_meter import StallMeter, answer_when_shown, settle, wait_until  # noqa: E402


def test_a_blocked_gui_thread_is_measured(qapp):
    meter = StallMeter()
    meter.start()
    QTimer.singleShot(50, lambda: time.sleep(0.25))  # the GUI thread busy for 250 ms
    settle(400)
    worst = meter.stop()
    assert 240 <= worst < 1000
    assert meter.ticks > 5  # it ticked before and after the block


def test_a_free_event_loop_reports_no_block_of_that_size(qapp):
    meter = StallMeter()
    meter.start()
    settle(200)
    assert meter.stop() < 240  # a loaded machine adds jitter, never a quarter of a second idle


def test_the_time_since_the_last_tick_counts_when_stopping(qapp):
    meter = StallMeter()
    meter.start()
    time.sleep(0.15)  # blocked from the start to the stop: no tick came at all
    assert meter.stop() >= 140


def test_a_dialog_is_answered_in_its_own_event_loop(qapp):
    from PySide6.QtWidgets import QDialog

    class AskDialog(QDialog):
        pass

    dialog = AskDialog()
    answer_when_shown("AskDialog", lambda d: d.accept())
    assert dialog.exec() == QDialog.DialogCode.Accepted.value
    assert wait_until(lambda: not dialog.isVisible(), 5)


def test_the_sampler_notes_where_the_gui_thread_was_stuck(qapp):
    meter = StallMeter(sample=True)
    meter.start()

    def slow_page_refresh() -> None:
        time.sleep(0.3)

    QTimer.singleShot(20, slow_page_refresh)
    settle(450)
    meter.stop()
    places = dict(meter.hotspots())
    assert any("slow_page_refresh" in place for place in places), places
    assert max(places.values()) >= 100
