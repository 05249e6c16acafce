import datetime as dt

from live_dialogs import click_save, drive
from PySide6.QtCore import QDate, QTime

from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import ChangeSet
from recoverydesk.store.session import Store
from recoverydesk.ui.dialogs.session_note import SessionNoteDialog
from recoverydesk.ui.pages import sessions_actions as sessions_page
from recoverydesk.ui.qtmodels.sessions import SessionListModel
from recoverydesk.ui.widgets.common import month_name
from recoverydesk.ui.widgets.hours_table import MonthlyHours


def person(services, given="Zoë"):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Hartley")).value


def ago(**kw):
    return dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(**kw)


def open_page(window, pid):
    window.open_participant(pid, "sessions")
    return window.workspace.page("sessions")


def test_timeline_lists_sessions_and_filters_by_tool(main_window, services):
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=14), tools=("wrap",),
                                                talked_about="Went over the WRAP list"))
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=7),
                                                tools=("recovery_star",),
                                                talked_about="Star reading together"))
    page = open_page(main_window, p.id)
    assert page.model.rowCount() == 2
    assert "Star reading together" in page.detail.toPlainText()
    page.tool_filter.setCurrentIndex(page.tool_filter.findData("wrap"))
    assert page.model.rowCount() == 1
    assert "WRAP list" in page.detail.toPlainText()
    assert "2 sessions" not in page.count_label.text()


def test_empty_sessions_tab_says_what_to_do(main_window, services):
    p = person(services)
    page = open_page(main_window, p.id)
    assert page.empty.isVisibleTo(page)
    assert "Plan sessions" in page.empty.text()


def test_writing_a_note_saves_a_session_and_clears_the_draft(main_window, services, qtbot):
    p = person(services)
    page = open_page(main_window, p.id)
    dialog = page.write_note()
    qtbot.addWidget(dialog)
    dialog.talked_about.setPlainText("Talked about the beach swim.")
    dialog.next_steps.setPlainText("Buy goggles")
    dialog.autosave()
    assert services.sessions.draft(p.id, None) is not None
    dialog.save_button.click()
    done = services.sessions.sessions(p.id)
    assert [s.talked_about for s in done] == ["Talked about the beach swim."]
    assert services.sessions.drafts() == []
    assert page.model.rowCount() == 1


def test_note_editor_refuses_end_before_start_in_plain_words(main_window, services, qtbot):
    p = person(services)
    page = open_page(main_window, p.id)
    dialog = page.write_note()
    qtbot.addWidget(dialog)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    dialog.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    dialog.start_edit.setTime(QTime(11, 0))
    dialog.end_edit.setTime(QTime(10, 0))
    dialog.save_button.click()
    assert "ends before it starts" in dialog._errors["ends_at"].text()
    assert dialog.isVisible()
    assert services.sessions.sessions(p.id) == []


def test_a_session_past_midnight_ends_the_next_day(main_window, services, qtbot):
    p = person(services)
    page = open_page(main_window, p.id)
    dialog = page.write_note()
    qtbot.addWidget(dialog)
    assert not dialog.next_day.isVisibleTo(dialog)  # an hour in the day: nothing to ask
    two_days_ago = dt.date.today() - dt.timedelta(days=2)
    dialog.date_edit.setDate(QDate(two_days_ago.year, two_days_ago.month, two_days_ago.day))
    dialog.start_edit.setTime(QTime(23, 0))
    dialog.end_edit.setTime(QTime(1, 30))
    assert dialog.next_day.isVisibleTo(dialog)  # offered beside "ends before it starts"
    assert dialog.when_panel.length_label.text() == "ends before it starts"
    dialog.next_day.setChecked(True)
    assert dialog.when_panel.length_label.text() == "2 h 30 min"
    dialog.talked_about.setPlainText("Sat with her at the hospital until the night nurse came.")
    dialog.save_button.click()
    [saved] = services.sessions.sessions(p.id)
    start, end = saved.starts_at.astimezone(), saved.ends_at.astimezone()
    assert (start.date(), start.hour, end.date(), end.hour, end.minute) == (
        two_days_ago, 23, two_days_ago + dt.timedelta(days=1), 1, 30)
    assert saved.duration_minutes == 150

    reopened = SessionNoteDialog(services, p.id, saved)  # opened again: still the next day
    qtbot.addWidget(reopened)
    assert reopened.next_day.isChecked() and reopened.next_day.isVisibleTo(reopened)
    assert reopened.when_panel.length_label.text() == "2 h 30 min"
    assert reopened.current_input().ends_at == saved.ends_at
    assert not reopened.has_unsaved_changes()


def test_new_note_shows_last_next_steps_and_prefills_the_planned_session(
        main_window, services, qtbot):
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=7),
                                                next_steps="Call the choir leader"))
    # Yesterday at 10:00, not an hour ago: between midnight and one in the morning an hour's
    # session an hour ago runs past midnight, which a note (one day) cannot hold.
    yesterday_ten = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1),
                                        dt.time(10, 0)).astimezone()
    planned = services.sessions.create(p.id, SessionInput(
        starts_at=yesterday_ten, status="planned", location_kind="beach",
        location_text="North beach")).value
    page = open_page(main_window, p.id)
    dialog = page.write_note()
    qtbot.addWidget(dialog)
    assert dialog.last_steps is not None and "choir leader" in dialog.last_steps.text()
    assert dialog.location_text.text() == "North beach"
    assert dialog.session_id == planned.id
    dialog.talked_about.setPlainText("Swam between the flags.")
    dialog.save_button.click()
    assert services.sessions.get(planned.id).status == "completed"


def test_draft_left_by_a_crash_is_offered_back_on_restart(
        qtbot, services, tmp_practice, opener, message_boxes):
    from recoverydesk.ui.main_window import MainWindow

    p = person(services)
    first = MainWindow(opener, services)
    qtbot.addWidget(first)
    dialog = open_page(first, p.id).write_note()
    dialog.talked_about.setPlainText("Half way through writing this")
    dialog._timer.timeout.emit()  # the autosave tick
    # Power cut: the window never closes. A new run opens the same practice file.
    dialog._closing_saved = True
    restarted = Services(Store(tmp_practice))
    second = MainWindow(opener, restarted)
    qtbot.addWidget(second)
    page = second.workspace.page("sessions")
    qtbot.waitUntil(lambda: page.note_dialog is not None)
    assert any("unfinished session note for Zoë Hartley" in m for m in message_boxes.shown)
    assert page.note_dialog.talked_about.toPlainText() == "Half way through writing this"
    cursor = page.note_dialog.talked_about.textCursor()
    assert cursor.position() == len("Half way through writing this")  # typing carries on
    assert page.note_dialog.banner.isVisibleTo(page.note_dialog)
    page.note_dialog._closing_saved = True
    page.note_dialog.close()
    restarted.close()


def test_plan_a_series_and_move_one(main_window, services, qtbot):
    p = person(services)
    page = open_page(main_window, p.id)

    def weekly_from_tomorrow(dialog):
        dialog.date_edit.setDate(QDate.currentDate().addDays(1))
        dialog.count.setValue(8)
        click_save(dialog)

    run = drive(qtbot, sessions_page.PlanSessionsDialog, page.plan_sessions, weekly_from_tomorrow)
    assert run.problems == []
    assert page.model.rowCount() == 8
    chosen = page.selected()
    assert chosen.status == "planned" and page.move_button.isEnabled()
    local = chosen.starts_at.astimezone()

    def two_days_later(dialog):
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(2))
        click_save(dialog)

    run = drive(qtbot, sessions_page.MoveSessionDialog, page.move_selected, two_days_later)
    assert run.problems == []
    moved = services.sessions.get(chosen.id).starts_at.astimezone()
    assert moved.date() == local.date() + dt.timedelta(days=2)
    assert (moved.hour, moved.minute) == (local.hour, local.minute)


def test_export_calendar_writes_an_ics_file(main_window, services, monkeypatch, tmp_path):
    from icalendar import Calendar

    p = person(services)
    services.sessions.plan_series(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)), 7, 3)
    page = open_page(main_window, p.id)
    target = tmp_path / "zoe.ics"
    monkeypatch.setattr(sessions_page.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    page.export_calendar()
    assert len(list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))) == 3


def test_long_timelines_load_in_pages():
    class Fake:
        def rows(self, ids):
            return []

    model = SessionListModel(Fake().rows)
    model.set_ids(list(range(1, 251)))
    assert model.rowCount() == 100 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore()
    assert model.row_for_id(250) == 249


def test_closing_the_practice_keeps_the_open_note_as_a_draft(main_window, services, qtbot):
    p = person(services)
    page = open_page(main_window, p.id)
    dialog = page.write_note()
    dialog.went_well.setPlainText("Laughed a lot")
    assert page.has_unsaved_changes()
    main_window.workspace.save_drafts()  # what locking, quitting or switching practice do
    kept = services.sessions.draft(p.id, None)
    assert kept is not None and kept.input.went_well == "Laughed a lot"
    assert not page.has_unsaved_changes()


def test_hours_by_month_sit_on_their_own_tab_beside_the_note(main_window, services):
    p = person(services)
    services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1), duration_minutes=90,
        location_kind="phone", travel_km=0))
    page = open_page(main_window, p.id)
    assert [page.right_tabs.tabText(i) for i in range(page.right_tabs.count())] == [
        "Note", "Hours by month"]
    assert page.findChildren(MonthlyHours) == []  # made when its tab is first shown
    page.right_tabs.setCurrentIndex(1)
    assert len(page.findChildren(MonthlyHours)) == 1
    day = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).astimezone().date()
    assert page.hours_table.item(0, 0).text() == month_name(day.replace(day=1))
    assert [page.hours_table.item(0, c).text() for c in range(1, 5)] == ["1", "1.5", "0.0", "0"]
    assert "1.5 by phone or video" in page.hours_total.text()
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=1), duration_minutes=60))
    page.on_changed(ChangeSet.of("session", participant_id=p.id))  # as the bus does
    assert page.hours_table.item(0, 1).text() == "2"


def test_hours_are_read_only_once_their_table_is_made(main_window, services):
    """A switch that never shows Hours by month does not read them; shown later, they are the
    participant's now open, not the hours last read for someone else."""
    first, second = person(services), person(services, "Hemi")
    services.sessions.create(second.id, SessionInput(starts_at=ago(days=1), duration_minutes=90))
    page = open_page(main_window, first.id)
    assert page._summary is None  # not read: no table yet
    main_window.open_participant(second.id, "sessions")
    page.right_tabs.setCurrentIndex(1)
    assert [page.hours_table.item(0, c).text() for c in range(1, 3)] == ["1", "1.5"]
    main_window.open_participant(first.id, "sessions")  # the table exists: read with the tab
    assert page._summary is not None
    cell = page.hours_table.item(0, 1)  # (none: a participant with no sessions has no months)
    assert cell is None or cell.text() == "0"


def test_the_unfinished_note_offer_skips_a_practice_locked_meanwhile(
        main_window, services, monkeypatch, message_boxes):
    from recoverydesk.services.practice.types import PracticeLockedError
    from recoverydesk.ui.session_actions import offer_when_still_open

    p = person(services)
    services.sessions.save_draft(p.id, None, SessionInput(talked_about="Half done"))
    offer = offer_when_still_open(main_window)

    def locked():
        raise PracticeLockedError("The practice is locked.")

    monkeypatch.setattr(services.sessions, "drafts", locked)
    offer()  # locked before the offer came up: nothing shown, nothing raised
    assert not any("unfinished" in m for m in message_boxes.shown)


def test_the_unfinished_note_offer_skips_a_practice_switched_meanwhile():
    from types import SimpleNamespace as NS

    from recoverydesk.ui.session_actions import offer_when_still_open

    asked = []
    window = NS(services=NS(sessions=NS(drafts=lambda: asked.append("first") or [])))
    offer = offer_when_still_open(window)
    # Another practice opened before the offer ran: its own opening makes its own offer.
    window.services = NS(sessions=NS(drafts=lambda: asked.append("second") or []))
    offer()
    assert asked == []


def test_ctrl_shift_n_writes_a_note_from_any_tab(main_window, services, qtbot):
    p = person(services)
    action = main_window.commands["write_note"]
    assert action.shortcut().toString() == "Ctrl+Shift+N"
    assert action in main_window.participant_menu.actions()
    assert not action.isEnabled()  # nobody open yet: greyed out, like the other commands
    action.trigger()  # (greyed out: nothing happens)
    assert main_window.findChildren(sessions_page.SessionNoteDialog) == []
    main_window.open_participant(p.id, "overview")
    assert action.isEnabled()
    action.trigger()  # the tab built; read with the editor's start (at once: synchronous runner)
    page = main_window.workspace.page("sessions")
    qtbot.waitUntil(lambda: page.note_dialog is not None and page.note_dialog.isVisible())
    assert main_window.workspace.tabs.currentWidget() is page
    page.note_dialog._closing_saved = True
    page.note_dialog.close()
    main_window.open_participant(p.id, "overview")
    action.trigger()  # the tab built already: shown with the editor at once
    assert main_window.workspace.tabs.currentWidget() is page and page.note_dialog is not None
    page.note_dialog._closing_saved = True
    page.note_dialog.close()


def test_plan_dialog_says_the_first_and_last_date_before_planning(qtbot):
    from recoverydesk.ui.dialogs.session_plan import PlanSessionsDialog

    dialog = PlanSessionsDialog()
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(QDate(2027, 2, 1))
    dialog.time_edit.setTime(QTime(10, 30))
    dialog.count.setValue(8)
    assert dialog.summary.text() == \
        "8 sessions, from Mon 1 Feb 2027, 10:30 am to Mon 22 Mar 2027."
    dialog.repeat.setCurrentIndex(0)  # just once
    assert dialog.summary.text() == "One session: Mon 1 Feb 2027, 10:30 am."


def test_rhythm_dialog_asks_for_days_only_for_a_custom_rhythm(qtbot):
    from recoverydesk.services.sessions.types import FrequencyDTO
    from recoverydesk.ui.dialogs.session_plan import FrequencyDialog

    dialog = FrequencyDialog(FrequencyDTO(1, "weekly", None, dt.date(2026, 3, 1)), [])
    qtbot.addWidget(dialog)
    assert not dialog.form.isRowVisible(dialog.days)
    dialog.kind.setCurrentIndex(dialog.kind.findData("custom"))
    assert dialog.form.isRowVisible(dialog.days)
    assert dialog.values()[:2] == ("custom", 10)


def test_enter_on_a_session_opens_its_note(main_window, services, qtbot):
    from PySide6.QtCore import Qt

    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=2), talked_about="Beach"))
    page = open_page(main_window, p.id)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.note_dialog is not None and page.note_dialog.talked_about.toPlainText() == "Beach"
    page.note_dialog._closing_saved = True
    page.note_dialog.close()


def _count_reloads(page, monkeypatch) -> list[str]:
    seen: list[str] = []
    for name in ("refresh", "_refresh_later", "_reload_list"):
        real = getattr(page, name)
        monkeypatch.setattr(page, name, lambda *a, real=real, name=name, **k: (
            seen.append(name), real(*a, **k))[1])
    return seen


def test_each_write_reloads_the_sessions_tab_once(main_window, services, qtbot, monkeypatch):
    """The service says what it changed and the bus reloads the tab (read on a reader, shown
    on the GUI thread); nothing after a save reloads it again (it only selects the session)."""
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=3), talked_about="Beach"))
    page = open_page(main_window, p.id)
    seen = _count_reloads(page, monkeypatch)

    def weekly_from_tomorrow(dialog):
        dialog.date_edit.setDate(QDate.currentDate().addDays(1))
        click_save(dialog)

    run = drive(qtbot, sessions_page.PlanSessionsDialog, page.plan_sessions, weekly_from_tomorrow)
    assert run.problems == []
    assert page.model.rowCount() == 9 and page.selected().status == "planned"
    assert seen == ["_refresh_later"]

    seen.clear()
    page.focus_item(page.model.session_at(page.model.rowCount() - 1).id)
    dialog = page._open_editor(page.selected())
    qtbot.addWidget(dialog)
    dialog.went_well.setPlainText("Laughed a lot")
    dialog.save_button.click()
    assert services.sessions.sessions(p.id)[-1].went_well == "Laughed a lot"
    assert seen == ["_refresh_later"]
    assert page.selected().went_well == "Laughed a lot"


def _reads_on(services, monkeypatch) -> list[str]:
    """The thread each of the tab's timeline reads ran on."""
    import threading

    seen: list[str] = []
    real = services.sessions.tab  # (the tab's reads in one)

    def watched(*a, **k):
        seen.append(threading.current_thread().name)
        return real(*a, **k)

    monkeypatch.setattr(services.sessions, "tab", watched)
    return seen


def test_after_a_save_the_tab_reads_on_a_reader_and_shows_the_note(
        main_window, services, qtbot, monkeypatch):
    """A saved note's reload reads on a reader thread (it kept the window still 50-110 ms on
    the large practice); the note just saved is selected once the read has come."""
    import threading

    from recoverydesk.ui import tasks

    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=9), talked_about="Beach"))
    page = open_page(main_window, p.id)
    seen = _reads_on(services, monkeypatch)
    dialog = page.write_note()
    dialog.talked_about.setPlainText("Bus timetable together")
    tasks.use_thread_runner()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page._reading)
    assert seen and threading.main_thread().name not in seen
    assert page.selected().talked_about == "Bus timetable together"
    assert "Bus timetable" in page.detail.toPlainText()
    assert page.count_label.text() == "2 sessions"


def test_a_read_outdated_by_another_participant_is_not_shown(main_window, services, qtbot):
    from recoverydesk.ui import tasks

    first, second = person(services), person(services, "Hemi")
    services.sessions.create(second.id, SessionInput(starts_at=ago(days=2), talked_about="Hi"))
    page = open_page(main_window, first.id)
    tasks.use_thread_runner()
    services.sessions.create(first.id, SessionInput(starts_at=ago(days=1)))
    page.on_changed(ChangeSet.of("session", participant_id=first.id))
    page.focus_item(10_000)  # a save's "show it" while the read is on its way: kept for then
    tasks.use_synchronous_runner()
    page.tool_filter.setCurrentIndex(page.tool_filter.findData("wrap"))
    main_window.open_participant(second.id, "sessions")  # before the read came
    qtbot.wait(200)
    assert page.participant_id == second.id and not page._reading
    # The first participant's session was not looked for among the second's (it would have
    # cleared their filters to find it).
    assert page._focus_after is None and page.tool_filter.currentData() == "wrap"
    page.tool_filter.setCurrentIndex(0)
    assert [page.model.session_at(r).talked_about for r in range(page.model.rowCount())] == [
        "Hi"]


def test_the_model_keeps_the_rows_read_with_the_ids():
    from recoverydesk.services.sessions.types import SessionDTO

    asked: list[list[int]] = []

    class Fake:
        def rows(self, ids):
            asked.append(ids)
            return []

    known = SessionDTO(id=7, participant_id=1, participant_name="", starts_at=ago(days=1),
                       duration_minutes=60, location_kind="office", location_text="",
                       face_to_face=True, status="completed", status_reason="", tools=(),
                       tools_other="", talked_about="Known", went_well="", next_steps="",
                       travel_km=0, travel_minutes=0, series_key=None, goal_ids=(),
                       goal_titles=(), updated_at=None)
    model = SessionListModel(Fake().rows)
    model.set_ids([7, 8], [known])
    assert model.session_at(0) is known and asked == []
