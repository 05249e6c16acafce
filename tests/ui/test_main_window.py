"""The main window as a coach uses it: create, find, edit, archive participants."""

from __future__ import annotations

from live_dialogs import click_cancel, click_save, drive
from PySide6.QtCore import Qt

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.participant_dialog import ParticipantDialog


def add(services, given, family="Test", **kw):
    return services.participants.create(ParticipantDraft(given_name=given, family_name=family,
                                                         **kw)).value


def test_create_participant_through_dialog(qtbot, services):
    dialog = ParticipantDialog(services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.given_name, "Aroha")
    qtbot.keyClicks(dialog.family_name, "O'Brien-Ngata")
    qtbot.keyClicks(dialog.ndis_number, "431 234 567")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    rows = services.participants.list()
    assert [r.display_name for r in rows] == ["Aroha O'Brien-Ngata"]
    assert services.participants.get(rows[0].id).ndis_number == "431234567"


def test_bad_ndis_number_shows_message_beside_field(qtbot, services):
    dialog = ParticipantDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.given_name, "Robin")
    qtbot.keyClicks(dialog.ndis_number, "12345")
    error = dialog._errors["ndis_number"]
    assert error.isVisible() and "9 digits" in error.text()
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert services.participants.list() == []
    qtbot.keyClicks(dialog.ndis_number, "6789")
    assert not error.isVisible()


def test_list_filters_as_you_type(qtbot, main_window, services):
    for name in ("Zoë", "Minh", "Margaret"):
        add(services, name)
    panel = main_window.list_panel
    panel.reload()
    assert panel.model.rowCount() == 3
    qtbot.keyClicks(panel.filter_edit, "m")
    assert panel.model.rowCount() == 2
    qtbot.keyClicks(panel.filter_edit, "inh")
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "Minh Test"


def test_status_filter_and_archived_hidden(qtbot, main_window, services):
    add(services, "Active")
    add(services, "Paused", status="paused")
    gone = add(services, "Gone")
    services.participants.archive(gone.id)
    panel = main_window.list_panel
    panel.reload()
    assert panel.model.rowCount() == 2
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("paused"))
    assert [panel.model.index(i, 0).data() for i in range(panel.model.rowCount())] == [
        "Paused Test"]
    panel.status_combo.setCurrentIndex(0)
    assert panel.count_label.text() == "2 participants · 1 archived not shown"
    panel.archived_check.setChecked(True)
    assert panel.model.rowCount() == 3
    assert panel.count_label.text() == "3 participants"


def test_selecting_shows_workspace_and_archive_with_undo(qtbot, main_window, services,
                                                          message_boxes):
    p = add(services, "Kiri", "Walker")
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    assert main_window.right.currentWidget() is main_window.workspace
    assert main_window.workspace.name_label.text() == "Kiri Walker"
    main_window.toggle_archive()
    assert services.participants.get(p.id).archived
    assert main_window.list_panel.model.rowCount() == 0
    assert main_window.undo_button.isVisible()
    main_window.undo_last()
    assert not services.participants.get(p.id).archived
    assert main_window.list_panel.model.rowCount() == 1


def test_new_participant_shortcut_opens_dialog(qtbot, main_window):
    main_window.activateWindow()
    run = drive(qtbot, ParticipantDialog, lambda: qtbot.keyClick(
        main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier), click_cancel)
    assert run.problems == [] and run.codes == [0]


def test_overview_shows_details_and_strengths(qtbot, main_window, services):
    p = add(services, "Minh", "Nguyễn", pronouns="he/him", ndis_number="430000001")
    services.participants.add_strength(p.id, "skills", "Great cook")
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    page = main_window.workspace.page("overview")
    texts = [page.strength_list.item(i).text() for i in range(page.strength_list.count())]
    assert any("Great cook" in t for t in texts)
    labels = " ".join(w.text() for w in page.findChildren(type(main_window.practice_label)))
    assert "430000001" in labels and "he/him" in labels


def test_welcome_screen_without_practice(qtbot, opener):
    from recoverydesk.ui.main_window import MainWindow

    window = MainWindow(opener)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.welcome
    assert not window.commands["new_participant"].isEnabled()
    window.open_demo()
    assert window.services is not None
    assert window.list_panel.model.rowCount() == 4
    window.services.close()


def test_change_on_bus_refreshes_list(qtbot, main_window, services):
    from recoverydesk.services.types import ChangeSet
    from recoverydesk.ui.bus import change_bus

    add(services, "Late", "Arrival")
    assert main_window.list_panel.model.rowCount() == 0
    change_bus().publish(ChangeSet.of("participant"))
    assert main_window.list_panel.model.rowCount() == 1


def test_welcome_choices_are_never_cut_off_and_no_idle_toolbar(qtbot, opener):
    from recoverydesk.ui.main_window import MainWindow

    window = MainWindow(opener)
    qtbot.addWidget(window)
    window.resize(window.minimumSize())
    window.show()
    qtbot.waitExposed(window)
    welcome = window.welcome
    for button in (welcome.new_button, welcome.demo_button, welcome.open_button):
        assert button.isVisible()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert not window.toolbar.isVisible()
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.services is not None and window.toolbar.isVisible()
    assert window.stack.currentWidget() is not welcome
    window.services.close()


def test_status_bar_and_title_name_the_open_practice(qtbot, main_window, services):
    assert str(services.practice.path) in main_window.practice_label.text()
    assert main_window.practice_label.isVisible()
    assert services.practice.path.stem in main_window.windowTitle()


def test_window_geometry_is_remembered(qtbot, opener, services):
    from recoverydesk.ui.main_window import MainWindow

    first = MainWindow(opener, services)
    qtbot.addWidget(first)
    first.resize(1111, 677)
    first.show()
    first.close()
    second = MainWindow(opener, services)
    qtbot.addWidget(second)
    # The offscreen screen is 800 px wide, so Qt fits the width to the screen (and the
    # window's minimum); the height shows what was remembered (the default is 800).
    assert second.height() == 677


def test_menus_hold_the_actions_with_standard_shortcuts(qtbot, main_window):
    from PySide6.QtGui import QKeySequence

    expected = {"new_participant": QKeySequence.StandardKey.New,
                "open_practice": QKeySequence.StandardKey.Open,
                "quit": QKeySequence.StandardKey.Quit,
                "undo": QKeySequence.StandardKey.Undo}
    for key, standard in expected.items():
        assert main_window.commands[key].shortcut() == QKeySequence(standard), key
    in_menus = {a for menu in (main_window.file_menu, main_window.edit_menu,
                               main_window.participant_menu, main_window.view_menu)
                for a in menu.actions()}
    for key in ("new_practice", "open_practice", "quit", "undo", "new_participant",
                "edit_participant", "archive_participant", "home", "find_participant"):
        assert main_window.commands[key] in in_menus, key
    assert main_window.commands["new_participant"] in main_window.toolbar.actions()
    assert "Ctrl+N" in main_window.commands["new_participant"].toolTip()


def test_edit_details_through_the_dialog_updates_header_and_list(qtbot, main_window, services):
    p = add(services, "Margaret", "Sullivan")
    main_window.list_panel.reload()
    main_window.open_participant(p.id)

    def edit(dialog):
        assert dialog.given_name.text() == "Margaret"  # the form starts from what is saved
        dialog.preferred_name.setText("Maggie")
        dialog.status.setCurrentIndex(dialog.status.findData("paused"))
        click_save(dialog)

    assert drive(qtbot, ParticipantDialog, main_window.edit_participant, edit).problems == []
    assert main_window.workspace.name_label.text() == "Maggie Sullivan"
    assert main_window.workspace.status_chip.text() == "Paused"
    assert main_window.list_panel.model.index(0, 0).data() == "Maggie Sullivan"
    trail = [e.action for e in services.participants.audit_trail(p.id)]  # newest first
    assert trail[0] == "participant.updated"


def test_restore_an_archived_participant_needs_no_question(qtbot, main_window, services,
                                                           message_boxes):
    p = add(services, "Sam", "Osei")
    services.participants.archive(p.id)
    main_window.list_panel.reload()
    main_window.open_participant(p.id)  # shows archived people to reach them
    assert main_window.workspace.archive_button.text() == "Restore"
    asked = len(message_boxes.shown)
    main_window.toggle_archive()
    assert len(message_boxes.shown) == asked
    assert not services.participants.get(p.id).archived
    assert main_window.workspace.archive_button.text() == "Archive"


def test_archive_asks_first_and_no_means_nothing_changes(qtbot, main_window, services,
                                                          message_boxes):
    from PySide6.QtWidgets import QMessageBox

    p = add(services, "Kiri", "Walker")
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    message_boxes.answer = QMessageBox.StandardButton.No
    main_window.toggle_archive()
    assert "every record is kept" in message_boxes.shown[-1]
    assert not services.participants.get(p.id).archived


def test_dialog_shows_every_problem_when_saving_and_keeps_the_form(qtbot, services):
    import datetime as dt

    dialog = ParticipantDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.setText("robin@")
    dialog.plan_start.set_value(dt.date(2026, 5, 1))
    dialog.plan_end.set_value(dt.date(2026, 4, 1))
    dialog.save()
    shown = {k for k, e in dialog._errors.items() if e.isVisible()}
    assert shown == {"given_name", "email", "plan_end"}
    assert dialog.focusWidget() is dialog.given_name  # the first problem, ready to fix
    assert dialog.email.text() == "robin@" and services.participants.list() == []


def test_dialog_makes_room_for_messages_and_tabs_down_each_column(qtbot, services):
    dialog = ParticipantDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.email, "robin@")
    qtbot.keyClicks(dialog.ndis_number, "43123")
    for key in ("email", "ndis_number"):
        error = dialog._errors[key]
        qtbot.waitUntil(lambda e=error: e.height() >= e.heightForWidth(e.width()))
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    chain, widget = [], dialog.given_name
    for _ in range(len(dialog._fields) - 1):
        widget = widget.nextInFocusChain()
        while widget not in dialog._fields.values():
            widget = widget.nextInFocusChain()
        chain.append(next(k for k, w in dialog._fields.items() if w is widget))
    assert chain[:6] == ["family_name", "preferred_name", "pronouns", "date_of_birth", "status",
                         "phone"]
    assert chain[-1] == "about"


def test_a_closed_window_stops_following_changes(qtbot, opener, services):
    from recoverydesk.services.types import ChangeSet
    from recoverydesk.ui.bus import change_bus
    from recoverydesk.ui.main_window import MainWindow

    window = MainWindow(opener, services)
    qtbot.addWidget(window)
    window.show()
    add(services, "Late", "Arrival")
    window.close()
    services.close()  # as the app does after closing its window
    change_bus().publish(ChangeSet.of("participant"))  # a reload now would hit a closed store
    assert window.list_panel.model.rowCount() == 0


def test_opening_a_participant_loads_their_overview_once(qtbot, main_window, services,
                                                         monkeypatch):
    first, second = add(services, "Kiri", "Walker"), add(services, "Ari", "Lane")
    main_window.list_panel.reload()
    main_window.open_participant(first.id)
    calls = []
    real = services.overview.lines
    monkeypatch.setattr(services.overview, "lines",
                        lambda pid, *a, **k: calls.append(pid) or real(pid, *a, **k))
    main_window.open_participant(second.id)  # from Today or a search: the list selects too
    assert calls == [second.id]
    assert main_window.workspace.name_label.text() == "Ari Lane"
    main_window.open_participant(second.id)  # already open: nothing is loaded again
    assert calls == [second.id]


def _click_person(qtbot, window, pid):
    view = window.list_panel.view
    row = window.list_panel.model.row_for_id(pid)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(row, 0)).center())


def test_after_home_clicking_the_person_just_left_opens_them_again(qtbot, main_window, services):
    ann, bo = add(services, "Ann"), add(services, "Bo")
    main_window.list_panel.reload()
    _click_person(qtbot, main_window, ann.id)
    assert main_window.current_participant_id() == ann.id
    main_window.show_home()
    assert main_window.current_participant_id() is None
    assert not main_window.list_panel.view.selectionModel().hasSelection()
    _click_person(qtbot, main_window, ann.id)  # it stayed current behind the home view
    assert main_window.current_participant_id() == ann.id
    _click_person(qtbot, main_window, bo.id)
    assert main_window.current_participant_id() == bo.id
