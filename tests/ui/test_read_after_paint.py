"""A read that waits for the paint (``read_then(..., after_paint=True)``, the Overview's lines):
with the app's thread runner it starts only once Qt has laid out and painted the turn that asked
for it, so it does not contend with that layout for the GIL; a newer ask before it started
replaces it; and the Overview of a participant still fills its lines in a real event loop."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui import tasks
from recoverydesk.ui.today import read_then


@pytest.fixture
def thread_runner():
    tasks.use_thread_runner()
    yield
    tasks.shutdown()
    tasks.use_synchronous_runner()


def test_the_read_starts_after_the_turn_that_asked(qtbot, thread_runner):
    widget = QWidget()
    qtbot.addWidget(widget)
    started, shown = [], []

    def read() -> str:
        started.append(threading.current_thread() is threading.main_thread())
        return "lines"

    read_then(widget, read, shown.append, after_paint=True)
    time.sleep(0.3)  # a reader started now would have read by then
    assert started == []  # not in the turn that asked (nor on a reader beside it)
    qtbot.waitUntil(lambda: shown == ["lines"], timeout=5000)
    assert started == [False]  # then on a reader thread


def test_only_the_newest_of_two_asks_is_read(qtbot, thread_runner):
    widget = QWidget()
    qtbot.addWidget(widget)
    read_for, shown = [], []

    def reader(n: int):
        def read() -> int:
            read_for.append(n)
            return n
        return read

    read_then(widget, reader(1), shown.append, after_paint=True)
    read_then(widget, reader(2), shown.append, after_paint=True)
    qtbot.waitUntil(lambda: shown == [2], timeout=5000)
    for _ in range(5):
        QApplication.processEvents()
    assert read_for == [2]


def test_without_waiting_it_reads_at_once_on_a_reader(qtbot, thread_runner):
    widget = QWidget()
    qtbot.addWidget(widget)
    gate, shown = threading.Event(), []

    def read() -> str:
        gate.set()
        return "now"

    read_then(widget, read, shown.append)
    assert gate.wait(5)  # began without the event loop turning
    qtbot.waitUntil(lambda: shown == ["now"], timeout=5000)


def test_the_overview_fills_its_lines_in_a_real_event_loop(qtbot, main_window, services,
                                                           thread_runner):
    pid = services.participants.create(ParticipantDraft(given_name="Avery",
                                                        family_name="Quill")).value.id
    main_window.open_participant(pid, "overview")
    page = main_window.workspace.page("overview")

    def star_line() -> bool:
        return any("No readings yet" in w.text() for w in page.findChildren(QLabel)
                   if w.isVisibleTo(page))

    assert not star_line()  # (the lines are read after this turn is painted)
    qtbot.waitUntil(star_line, timeout=10000)
