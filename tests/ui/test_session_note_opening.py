"""The session note editor opens without standing the window still: what it starts from is read
on a reader thread and the editor is built a part per turn of the event loop (on the large
practice, reading and building it in one go kept the window waiting 140-170 ms)."""

from __future__ import annotations

import threading

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui import tasks
from recoverydesk.ui.dialogs import session_note


def _person(services, given="Mere"):
    return services.participants.create(
        ParticipantDraft(given_name=given, family_name="Tane")).value


def _sessions_page(window, pid):
    window.open_participant(pid, "sessions")
    return window.workspace.page("sessions")


def _threads_reading(services, monkeypatch) -> list[str]:
    """The thread each of the editor's reads ran on."""
    seen: list[str] = []
    for svc, names in ((services.participants, ("get",)),
                       (services.sessions, ("prefill", "draft", "last_completed", "get")),
                       (services.goals, ("goals",))):
        for name in names:
            real = getattr(svc, name)

            def watched(*a, _real=real, **k):
                seen.append(threading.current_thread().name)
                return _real(*a, **k)

            monkeypatch.setattr(svc, name, watched)
    return seen


def test_the_editor_is_read_on_a_reader_and_built_over_several_turns(
        main_window, services, qtbot, monkeypatch):
    p = _person(services)
    services.goals.create(p.id, GoalDraft(title="Walk to the river"))
    page = _sessions_page(main_window, p.id)
    seen = _threads_reading(services, monkeypatch)
    parts: list[int] = []
    real_next = session_note.SessionNoteDialog.build_next
    monkeypatch.setattr(session_note.SessionNoteDialog, "build_next",
                        lambda self: parts.append(1) or real_next(self))
    tasks.use_thread_runner()
    assert page.write_note() is None  # on its way: nothing read or built on this turn
    assert page.note_dialog is None and parts == []
    assert page.write_note() is None  # asked again meanwhile: still one editor
    qtbot.waitUntil(lambda: page.note_dialog is not None and page.note_dialog.isVisible())
    dialog = page.note_dialog
    assert seen and threading.main_thread().name not in seen
    assert len(parts) == 5 and dialog.is_built
    assert dialog.goal_list.count() == 1
    assert page.findChildren(session_note.SessionNoteDialog) == [dialog]
    tasks.use_synchronous_runner()
    dialog.talked_about.setPlainText("Down to the river and back")
    dialog.save_button.click()
    assert [s.talked_about for s in services.sessions.sessions(p.id)] == [
        "Down to the river and back"]


def test_an_editor_for_someone_the_coach_has_left_is_not_shown(main_window, services, qtbot):
    first, second = _person(services), _person(services, "Hemi")
    page = _sessions_page(main_window, first.id)
    tasks.use_thread_runner()
    page.write_note()
    main_window.open_participant(second.id, "sessions")  # before the editor came
    qtbot.waitUntil(lambda: not page._note_opening)
    qtbot.wait(50)
    assert page.note_dialog is None
    assert not any(d.isVisible() for d in page.findChildren(session_note.SessionNoteDialog))


def test_with_the_synchronous_runner_the_editor_is_open_at_once(main_window, services, qtbot):
    p = _person(services)
    dialog = _sessions_page(main_window, p.id).write_note()
    assert dialog is not None and dialog.is_built and dialog.isVisible()
    dialog._closing_saved = True
    dialog.close()
