"""Participant > Write a session note (Ctrl+Shift+N) from another tab, with the real thread
runner as in the app: the Sessions tab's first read goes to a reader thread with the editor's,
and the tab comes forward, filled, with the editor once both have landed (issue 16: read on the
window's thread, then the editor's read starving the tab's first painting of the interpreter,
the window stood still 100-130 ms on the large practice). Switching participant meanwhile opens
nothing and leaves the coach where they went."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui import session_actions, tasks, today
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.dialogs.session_note import SessionNoteDialog


def _person(services, given="Mere"):
    return services.participants.create(
        ParticipantDraft(given_name=given, family_name="Tane")).value


def _session(services, pid, text="Walked to the river"):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=3)
    return services.sessions.create(pid, SessionInput(
        starts_at=start, ends_at=start + dt.timedelta(hours=1), status="completed",
        talked_about=text)).value


@pytest.fixture
def tab_reads(services, monkeypatch):
    """The thread each read of the Sessions tab ran on (``SessionService.tab``)."""
    threads: list[str] = []
    real = services.sessions.tab

    def watched(*a, **k):
        threads.append(threading.current_thread().name)
        return real(*a, **k)

    monkeypatch.setattr(services.sessions, "tab", watched)
    tasks.use_thread_runner()
    yield threads
    tasks.shutdown()


def _editors(window) -> list[SessionNoteDialog]:
    return [d for d in window.findChildren(SessionNoteDialog) if d.isVisible()]


def test_the_tab_never_shown_is_read_on_a_reader_and_comes_forward_with_the_editor(
        main_window, services, qtbot, tab_reads):
    p = _person(services)
    written = _session(services, p.id)
    main_window.open_participant(p.id, "overview")
    tabs = main_window.workspace.tabs
    overview = tabs.currentWidget()
    main_window.commands["write_note"].trigger()
    page = main_window.workspace.page("sessions")  # built in the command's turn, not read
    assert tab_reads == [] and tabs.currentWidget() is overview and _editors(main_window) == []
    qtbot.waitUntil(lambda: len(_editors(main_window)) == 1)
    assert tab_reads and threading.main_thread().name not in tab_reads
    assert tabs.currentWidget() is page and not page.property("stale")
    assert page.model.rowCount() == 1 and page.selected().id == written.id  # filled, not empty
    assert page.note_dialog is _editors(main_window)[0]
    assert page.note_dialog.participant_id == p.id
    page.note_dialog._closing_saved = True
    page.note_dialog.close()


def test_an_unfinished_note_shows_on_the_tab_that_came_forward(main_window, services, qtbot,
                                                              tab_reads):
    p = _person(services)
    services.sessions.save_draft(p.id, None, SessionInput(
        starts_at=dt.datetime.now(dt.UTC).replace(microsecond=0), talked_about="Half a thought"))
    main_window.open_participant(p.id, "overview")
    main_window.commands["write_note"].trigger()
    qtbot.waitUntil(lambda: len(_editors(main_window)) == 1)
    page = main_window.workspace.page("sessions")
    assert page.draft_banner.isVisible() and page.draft_banner.draft is not None
    assert threading.main_thread().name not in tab_reads
    editor = page.note_dialog
    assert editor.talked_about.toPlainText() == "Half a thought"  # carried on with the draft
    editor._closing_saved = True
    editor.close()


def test_switching_participant_before_the_read_lands_opens_nothing(main_window, services, qtbot,
                                                                   tab_reads):
    first, second = _person(services), _person(services, "Hemi")
    _session(services, first.id)
    main_window.open_participant(first.id, "overview")
    main_window.commands["write_note"].trigger()
    page = main_window.workspace.page("sessions")
    main_window.open_participant(second.id, "overview")  # before the reads came back
    qtbot.wait(session_actions.SETTLE_MS + 50)  # (the reads start this much after the building)
    qtbot.waitUntil(lambda: not page._note_opening)
    qtbot.wait(50)
    assert _editors(main_window) == []
    assert main_window.workspace.tabs.currentWidget() is not page  # where the coach went
    assert page.participant_id == second.id and page.property("stale")
    main_window.workspace.show_page("sessions")  # shown now: the second participant's, empty
    assert page.model.rowCount() == 0


def test_asked_again_while_on_its_way_opens_one_editor(main_window, services, qtbot,
                                                       tab_reads):
    p = _person(services)
    main_window.open_participant(p.id, "overview")
    command = main_window.commands["write_note"]
    command.trigger()
    command.trigger()
    page = main_window.workspace.page("sessions")
    qtbot.waitUntil(lambda: len(_editors(main_window)) == 1)
    qtbot.wait(50)
    assert len(page.findChildren(SessionNoteDialog)) == 1
    command.trigger()  # open already: brought forward, not another
    assert len(page.findChildren(SessionNoteDialog)) == 1
    page.note_dialog._closing_saved = True
    page.note_dialog.close()


def test_the_hidden_today_card_reads_a_saved_note_later_or_when_shown(main_window, services,
                                                                     qtbot, monkeypatch):
    """Home's Today card, hidden behind the participant, does not read beside the Sessions
    tab's reload when a note is saved: a moment later, or at once when the coach goes home."""
    p = _person(services)
    card = next(c for c in main_window.home.cards if isinstance(c, today.TodayCard))
    reads: list[int] = []
    real = today.read_today
    monkeypatch.setattr(today, "read_today", lambda *a: reads.append(1) or real(*a))
    main_window.open_participant(p.id, "sessions")
    page = main_window.workspace.page("sessions")
    dialog = page.write_note()
    dialog.talked_about.setPlainText("Down to the river")
    dialog.save_button.click()
    assert page.model.rowCount() == 1 and reads == []  # the tab reloaded; Today not yet
    assert not card.isVisible()
    main_window.show_home()
    assert reads == [1]  # shown: read now, once
    qtbot.wait(today.HIDDEN_REFRESH_MS + 200)
    assert reads == [1]
    main_window.open_participant(p.id, "sessions")
    _session(services, p.id)  # (published by hand: a write outside the window)
    change_bus().publish(ChangeSet.of("session", participant_id=p.id))
    assert reads == [1]
    qtbot.waitUntil(lambda: reads == [1, 1], timeout=today.HIDDEN_REFRESH_MS + 2000)
