"""Start-up shows the caseload before the services are built (ui/practice_files.py): what the
coach does with the list meanwhile is kept, and done once they arrive."""

from __future__ import annotations

from recoverydesk import app
from recoverydesk.services.participants.caseload import caseload_over
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.holding import hold
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import CaseloadFirst
from recoverydesk.ui import startup_probe
from recoverydesk.ui.main_window import MainWindow


def _practice(tmp_path):
    path = tmp_path / "p.rdk"
    services = open_services(path, create=True)
    for given, family in (("Ana", "Silva"), ("Kiri", "Waititi"), ("Tama", "Ngata")):
        services.participants.create(ParticipantDraft(given_name=given, family_name=family))
    services.close()
    return path


class _Later:
    """Start-up's two halves by hand: the second waits until the test lets it run."""

    def __init__(self, path, *, lock=False):
        self.started = app._StartedPractice(hold(path, lock=lock))
        with self.started.held.raw_read() as conn:
            rows = caseload_over(conn, include_archived=True)
        self.first = CaseloadFirst(rows, self.finish, self.started.give_up)
        self.asked = False

    def finish(self):
        self.asked = True
        return self.started.finish()


def _names(window):
    model = window.list_panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _start(qtbot, tmp_path, monkeypatch, meanwhile):
    """As run_gui starts: the window, then the caseload alone; ``meanwhile(window)`` runs
    while the services are still to come (they are built once the caseload is painted)."""
    moments = []
    monkeypatch.setattr(startup_probe, "report", moments.append)
    later = _Later(_practice(tmp_path))
    window = MainWindow(app.Opener(interactive=False), staged=True)
    qtbot.addWidget(window)

    def start():
        window.start_practice_opened(later.first)
        assert window.services is None and window.workspace is None and not later.asked
        meanwhile(window)

    window.open_when_shown(start)
    window.show()
    qtbot.waitUntil(lambda: "ready" in moments, timeout=30_000)
    assert later.asked and moments == ["window", "caseload", "ready"]
    assert window.list_panel.services is window.services is not None
    return window


def test_a_participant_chosen_before_the_services_come_opens_when_they_do(
        qtbot, tmp_path, monkeypatch):
    def choose(window):
        assert _names(window) == ["Ana Silva", "Kiri Waititi", "Tama Ngata"]
        window.list_panel.select(2)  # Kiri: nothing to open them in yet

    window = _start(qtbot, tmp_path, monkeypatch, choose)
    assert window.current_participant_id() == 2
    window.close()
    window.services.close()


def test_a_search_typed_before_the_services_come_runs_when_they_do(qtbot, tmp_path, monkeypatch):
    def search(window):
        window.list_panel.filter_edit.setText("tam")  # no services yet: kept for later
        assert len(_names(window)) == 3

    window = _start(qtbot, tmp_path, monkeypatch, search)
    assert _names(window) == ["Tama Ngata"]
    window.close()
    window.services.close()


def test_closing_before_the_services_come_lets_the_practice_go(qtbot, tmp_path):
    path = _practice(tmp_path)
    later = _Later(path, lock=True)
    window = MainWindow(app.Opener(interactive=False), staged=True)
    qtbot.addWidget(window)
    window.practice_files._starting = later.first  # as start_opened leaves it
    window.practice_files.give_up_start()  # what run_gui does after the loop ends
    open_services(path, lock=True).close()  # its lock was let go: another opening may hold it


def test_services_that_cannot_be_built_leave_the_welcome_and_say_why(
        qtbot, tmp_path, monkeypatch, message_boxes):
    later = _Later(_practice(tmp_path), lock=True)

    def broken():
        later.started.give_up()
        raise RuntimeError("the models would not load")

    first = CaseloadFirst(later.first.caseload, broken, later.started.give_up)
    window = MainWindow(app.Opener(interactive=False), staged=True)
    qtbot.addWidget(window)
    window.open_when_shown(lambda: window.start_practice_opened(first))
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=30_000)
    assert window.services is None and window.list_panel is None
    assert not window.toolbar.isVisible()
    assert message_boxes.shown  # said in words
