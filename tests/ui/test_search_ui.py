import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput


def setup(services):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley",
                                                      about="Loves the ocean")).value
    s1 = services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=9),
        talked_about="Swimming at the ocean pool")).value
    s2 = services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2),
        talked_about="Signed up for the choir")).value
    return p, s1, s2


def open_search(window, text):
    window.commands["search"].trigger()
    dialog = window.parts.search.dialog
    dialog.edit.setText(text)
    dialog.run_search()
    return dialog


def test_search_has_ctrl_k_and_ctrl_f(main_window):
    keys = {s.toString() for s in main_window.commands["search"].shortcuts()}
    assert "Ctrl+K" in keys
    assert QKeySequence(QKeySequence.StandardKey.Find).toString() in keys


def test_typing_shows_ranked_results_with_matches_marked(main_window, services):
    p, _s1, _s2 = setup(services)
    dialog = open_search(main_window, "ocea")
    results = dialog.results()
    assert {r.kind for r in results} == {"participant", "session"}
    assert all("<b>" in (r.title_html + r.snippet_html) for r in results)
    assert dialog.status.text() == "2 matches"


def test_enter_jumps_to_the_session_note(main_window, services, qtbot):
    p, _s1, s2 = setup(services)
    dialog = open_search(main_window, "choir")
    assert [r.ref for r in dialog.results()] == [s2.id]
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert main_window.current_participant_id() == p.id
    page = main_window.workspace.tabs.currentWidget()
    assert page.key == "sessions"
    assert page.selected().id == s2.id
    assert not dialog.isVisible()


def test_arrow_keys_move_through_results(main_window, services, qtbot):
    setup(services)
    dialog = open_search(main_window, "o")
    assert dialog.model.rowCount() >= 2
    assert dialog.view.currentIndex().row() == 0
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.view.currentIndex().row() == 1
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)
    assert dialog.view.currentIndex().row() == 0


def test_no_match_says_what_to_try(main_window, services):
    setup(services)
    dialog = open_search(main_window, "xylophone")
    assert dialog.model.rowCount() == 0
    assert "Try fewer words" in dialog.empty.text()


def test_a_goal_result_opens_the_goals_tab(main_window, services, store, qtbot):
    from recoverydesk.models.goals import Goal

    p, _s1, _s2 = setup(services)
    with store.unit_of_work() as s:
        s.add(Goal(participant_id=p.id, title="Learn to surf", started_on=dt.date(2026, 2, 1)))
    dialog = open_search(main_window, "surf")
    assert [r.kind for r in dialog.results()] == ["goal"]
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert main_window.current_participant_id() == p.id
    expected = "goals" if main_window.workspace.page("goals") is not None else "overview"
    assert main_window.workspace.tabs.currentWidget().key == expected


def test_a_wrap_result_opens_the_wrap_tab_on_that_item(main_window, services, qtbot):
    p, _s1, _s2 = setup(services)
    services.wrap.add_item(p.id, "toolbox", "Walk the dog")
    item = services.wrap.add_item(p.id, "warning_signs", "Skipping breakfast").value
    dialog = open_search(main_window, "breakfast")
    assert [(r.kind, r.ref) for r in dialog.results()] == [("wrap", item.id)]
    assert "early warning signs" in dialog.results()[0].plain_title.lower()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    page = main_window.workspace.tabs.currentWidget()
    assert main_window.current_participant_id() == p.id and page.key == "wrap"
    editor = page.editors["warning_signs"]
    assert page.stack.currentIndex() == page._section_index["warning"]
    assert editor.list.currentItem().text() == "Skipping breakfast"


def test_a_resource_result_opens_the_directory_on_it(main_window, services, store, qtbot):
    from recoverydesk.models.resources import Resource

    setup(services)
    with store.unit_of_work() as s:
        s.add(Resource(name="Seaview Men's Shed", offers="Woodwork and a cuppa"))
    dialog = open_search(main_window, "woodwork")
    assert [r.kind for r in dialog.results()] == ["resource"]
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    directory = main_window.parts.resources.directory
    qtbot.addWidget(directory)
    assert directory.isVisible()
    assert directory.search.text() == "Seaview Men's Shed"


def test_a_snippet_that_wraps_gets_a_taller_row(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Tester")).value
    for words in ("kayak", "kayak " + "and a long paddle along the river past the old mill " * 3):
        services.sessions.create(p.id, SessionInput(
            starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3), talked_about=words))
    dialog = open_search(main_window, "kayak")
    dialog.view.setFixedWidth(380)  # narrow enough for a 16-word snippet to wrap
    rows = {len(r.plain_snippet): dialog.model.index(i) for i, r in enumerate(dialog.results())}
    short, long = rows[min(rows)], rows[max(rows)]
    height = dialog.view.sizeHintForIndex
    assert height(long).height() > height(short).height()


def test_no_search_runs_after_the_box_is_closed(main_window, services):
    setup(services)
    dialog = open_search(main_window, "ocea")
    dialog.edit.setText("choir")  # starts the wait for the next keystroke
    assert dialog._timer.isActive()
    dialog.hide()
    assert not dialog._timer.isActive()
