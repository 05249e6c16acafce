"""Going offline with a team practice, the window's side (issue 21), on a real PostgreSQL server
and real encrypted copies: Take offline… through its real dialog, a held participant in the
caseload and under their name, the lead breaking the hold, the copy's banner, bringing the work
back (and a bring-back that could not finish), and the conflicts from offline resolved in the
conflict window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from live_dialogs import drive, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget

from offline_world import PASSPHRASE, a_goal, a_note, make_world
from recoverydesk.services.offline.types import OfflineError
from recoverydesk.services.practice.team_opening import TeamServices
from recoverydesk.services.practice.types import PasswordNeededError
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import Progress
from recoverydesk.store.server import ServerStore
from recoverydesk.ui.dialogs.edit_conflict import EditConflictDialog
from recoverydesk.ui.dialogs.offline_conflicts import OfflineConflictsDialog
from recoverydesk.ui.dialogs.take_offline import TakeOfflineDialog
from recoverydesk.ui.main_window import MainWindow
from recoverydesk.ui.offline_copies import remember_copy, remembered_copy
from recoverydesk.ui.qtmodels.participants import IdRole
from recoverydesk.ui.widgets.two_line import SubtitleRole


@pytest.fixture
def world(pg_cluster, server_store, tmp_path):
    w, ids = make_world(pg_cluster, server_store, tmp_path)
    yield w, ids
    w.close()


def _team(w, role: str) -> TeamServices:
    """The team practice as the window has it (its practice service knows the server)."""
    services = TeamServices(ServerStore(w.url(role)))
    w._open.append(services)
    return services


def _window(qtbot, file_opener, services) -> MainWindow:
    window = MainWindow(file_opener, services)
    qtbot.addWidget(window)
    window.show()
    return window


def _subtitle(window, pid: int) -> str:
    model = window.list_panel.model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(IdRole) == pid:
            return index.data(SubtitleRole)
    raise AssertionError(f"{pid} not in the caseload")


def _plan(services, pid: int, days: int) -> None:
    start = (dt.datetime.now().astimezone() + dt.timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0)
    services.sessions.plan_series(pid, SessionInput(starts_at=start, status="planned"))


def test_take_offline_ticks_those_seen_soon_asks_a_strong_passphrase_twice_and_takes_them(
        qtbot, world, file_opener, message_boxes):
    w, ids = world
    coach = _team(w, w.a)
    soon, later = ids["a"]
    _plan(coach, soon, 2)
    _plan(coach, later, 20)
    window = _window(qtbot, file_opener, coach)
    assert window.commands["take_offline"].isVisible()
    seen: dict = {}

    def fill(dialog: TakeOfflineDialog) -> None:
        seen["ticked"] = dialog.chosen()
        dialog.days.setValue(30)  # the coach widens the window: both are ticked
        seen["wider"] = dialog.chosen()
        dialog.passphrase.setText("password")
        dialog.confirm.setText("password")
        dialog.save()  # too easy to guess: said beside the field, nothing taken
        seen["errors"] = [e.text() for e in dialog.findChildren(type(dialog.count))
                          if e.property("role") == "error" and e.isVisibleTo(dialog)]
        dialog.passphrase.setText(PASSPHRASE + " lantern")
        dialog.confirm.setText(PASSPHRASE + " lantern")
        dialog.device.setText("kim-laptop")
        dialog.save()
        seen["taken"] = dialog.done_text.text() if dialog.done_text.isVisibleTo(dialog) else ""
        dialog.close_button.click()

    run = drive(qtbot, TakeOfflineDialog, window.commands["take_offline"].trigger, fill)
    assert run.ended and not run.problems
    assert seen["ticked"] == (soon,) and set(seen["wider"]) == {soon, later}
    assert any("guess" in e for e in seen["errors"])
    holds = coach.offline.holds()
    assert set(holds) == {soon, later} and holds[soon].device_name == "kim-laptop"
    said = seen["taken"]
    assert "2 participants" in said and "on this laptop now" in said
    assert "without a connection" in said and message_boxes.shown == []
    copy = remembered_copy(coach.practice.info().address)
    assert copy is not None and copy.is_file()
    # The caseload and the header say who has them
    assert "Offline with Alex Ames" in _subtitle(window, soon)
    window.open_participant(soon)
    note = window.workspace.note_label
    assert note.isVisibleTo(window) and "Taken offline by Alex Ames" in note.text()
    assert "kim-laptop" in note.text()


def test_the_lead_sees_the_hold_and_breaks_it_after_a_warning(qtbot, world, file_opener,
                                                              message_boxes):
    w, ids = world
    pid = ids["a"][0]
    w.take(w.a, [pid], name="alex-laptop")
    lead = _team(w, w.lead)
    window = _window(qtbot, file_opener, lead)
    window.open_participant(pid)
    action = window.commands["break_hold"]
    assert action.isVisible() and action.isEnabled()
    assert window.workspace.note_button.isVisibleTo(window)
    assert "alex-laptop" in window.workspace.note_label.text()
    message_boxes.answer = message_boxes.answer.Cancel
    action.trigger()
    assert pid in lead.offline.holds()  # cancelled: still held
    message_boxes.answer = message_boxes.answer.Yes
    action.trigger()
    assert "come back as a conflict" in message_boxes.shown[-1].replace("comes", "come")
    assert lead.offline.holds() == {}
    assert "Offline with" not in _subtitle(window, pid)  # the change reached the caseload
    assert not window.workspace.note_label.isVisibleTo(window)


def test_a_coach_sees_the_hold_but_cannot_break_it(qtbot, world, file_opener):
    w, ids = world
    pid = ids["a"][0]
    w.take(w.a, [pid])
    window = _window(qtbot, file_opener, _team(w, w.b))
    assert not window.commands["break_hold"].isVisible()


def test_the_copy_shows_it_is_offline_and_brings_the_work_back(qtbot, world, file_opener,
                                                               message_boxes):
    w, ids = world
    pid = ids["a"][0]
    coach = w.as_(w.a)
    gid = a_goal(coach, pid)
    path = w.take(w.a, [pid])
    local = w.copy(path)
    a_note(local, gid, "Offline at the cafe")
    window = _window(qtbot, file_opener, local)
    part = window.parts.offline
    banner = part.banner
    assert banner.isVisibleTo(window) and "Offline copy of" in banner.text.text()
    assert "taken " in banner.text.text() and "bring them back" in banner.text.text()
    assert "1 participant" in banner.text.text()
    state = local.offline.state()  # the service's words, said once
    assert banner.text.text() == state.banner and f"Offline copy of {w.database}" in state.banner
    assert window.practice_label.text() == state.title
    assert window.commands["bring_back"].isVisible()
    assert not window.commands["take_offline"].isVisible()
    part.poll.stop()  # (no automatic bring-back in this test)
    window.commands["bring_back"].trigger()
    said = message_boxes.shown[-1]
    assert "Brought back" in said and "added" in said and "removed" in said
    assert ("Offline at the cafe",) in w.sql("SELECT text FROM progress_notes")
    assert not path.exists()  # removed once on the server, and nothing of it is left
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(path.stem)] == []
    assert coach.offline.holds() == {}
    qtbot.waitUntil(lambda: window.services is not None
                    and window.services.practice.info().is_team, timeout=10_000)
    assert not banner.isVisibleTo(window)
    window.services.close()


def test_a_bring_back_that_cannot_finish_says_nothing_was_lost(qtbot, world, file_opener,
                                                              message_boxes, monkeypatch):
    w, ids = world
    path = w.take(w.a, ids["a"][:1])
    local = w.copy(path)
    window = _window(qtbot, file_opener, local)
    window.parts.offline.poll.stop()

    def cut(*_args, **_kw):
        raise OfflineError("The team practice could not be reached (the connection was cut).")

    monkeypatch.setattr(local.offline, "bring_back", cut)
    window.commands["bring_back"].trigger()
    said = message_boxes.shown[-1]
    assert "Nothing was lost" in said and "finishes next time" in said
    assert window.services is local and path.exists()
    assert window.parts.offline.banner.isVisibleTo(window)


def test_the_poll_brings_back_by_itself_once_the_server_answers(qtbot, world, file_opener,
                                                               message_boxes):
    w, ids = world
    path = w.take(w.a, ids["a"][:1])
    window = _window(qtbot, file_opener, w.copy(path))
    window.parts.offline.poll.stop()
    window.parts.offline._probe()  # (what the timer does: the server answers)
    assert any("Brought back" in m for m in message_boxes.shown)
    assert not path.exists()
    qtbot.waitUntil(lambda: window.services is not None
                    and window.services.practice.info().is_team, timeout=10_000)
    window.services.close()


def test_a_conflict_from_offline_is_resolved_in_the_conflict_window(qtbot, world, file_opener):
    w, ids = world
    pid = ids["a"][0]
    coach = w.as_(w.a)
    strength = coach.participants.add_strength(pid, "personal", "Patient").value
    local = w.copy(w.take(w.a, [pid]))
    local.participants.update_strength(strength.id, "personal", "Patient and kind")
    w.as_(w.lead).participants.update_strength(strength.id, "personal", "Very patient")
    assert local.offline.bring_back().value.conflicts == 1
    window = _window(qtbot, file_opener, _team(w, w.a))
    headings: list[str] = []

    rows: list[tuple[str, bool]] = []
    titles: list[str] = []

    def keep_mine(dialog: EditConflictDialog) -> None:
        headings.append(dialog.findChild(type(dialog.error), "conflictHeading").text())
        titles.append(dialog.windowTitle())
        rows.extend((label.text(), label.property("differs"))
                    for label in dialog.findChildren(type(dialog.error))
                    if label.property("differs") is not None)
        dialog.resize(900, 500)
        dialog.grab().save(str(w.folder / "offline-conflict.png"))
        dialog.keep_mine_button.click()

    def in_list(dialog: OfflineConflictsDialog) -> None:
        headings.append(dialog.table.item(0, 2).text())
        when_modal(EditConflictDialog, keep_mine)
        dialog.resolve_current()
        headings.append(dialog.summary.text())
        dialog.reject()

    when_modal(OfflineConflictsDialog, in_list)
    window.commands["offline_conflicts"].trigger()
    assert headings[0] == "changed offline and on the team practice"
    # The record as its form shows it: the capability's labels, in its order, the change marked
    assert rows == [("Kind", False), ("● Strength", True)]
    assert "while it was offline" in headings[1]
    name = coach.participants.get(pid).display_name
    assert titles == [f"Changed offline and on the team practice: {name}'s strength"]
    assert headings[2].startswith("No conflicts from offline")
    assert w.sql("SELECT text FROM strengths") == [("Patient and kind",)]


def test_start_up_opens_the_copy_when_the_team_practice_cannot_be_reached(
        qtbot, tmp_path, file_opener, monkeypatch):
    import recoverydesk.ui.practice_files as practice_files

    address = "postgresql://kim@127.0.0.1:9/nowhere"
    copy = tmp_path / "copy.rdk"
    copy.write_bytes(b"x")
    remember_copy(address, copy)
    assert remembered_copy(address) == copy
    window = MainWindow(file_opener)
    qtbot.addWidget(window)
    started: list = []

    class Opening:
        def __init__(self, _window, _opener, path, **_kw):
            started.append(path)

        def start(self):
            pass

    monkeypatch.setattr(practice_files, "PracticeOpening", Opening)
    window.practice_files._not_connected(OfflineError("unreachable"), address, True)
    assert started == [copy]


def test_the_team_practice_says_when_its_copy_is_on_this_laptop(qtbot, world, file_opener,
                                                                 monkeypatch):
    w, ids = world
    coach = _team(w, w.a)
    path = w.take(w.a, ids["a"][:1])
    remember_copy(coach.practice.info().address, path)
    window = _window(qtbot, file_opener, coach)
    banner = window.parts.offline.banner
    assert banner.isVisibleTo(window) and path.name in banner.text.text()
    assert banner.button.text() == "Open the copy"
    opened: list = []
    monkeypatch.setattr(window.practice_files, "open", opened.append)
    banner.button.click()
    assert opened == [path]


def test_the_poll_does_not_ask_for_a_password_out_of_nowhere(qtbot, world, file_opener,
                                                            message_boxes, monkeypatch):
    w, ids = world
    path = w.take(w.a, ids["a"][:1])
    local = w.copy(path)
    window = _window(qtbot, file_opener, local)
    part = window.parts.offline
    part.poll.stop()

    def wants_password(*_args, **_kw):
        raise PasswordNeededError("The team practice asks for your password.")

    monkeypatch.setattr(local.offline, "bring_back", wants_password)
    part._probe()
    assert message_boxes.shown == []
    assert "asks for your password" in part.banner.text.text()
    part._probe()  # (no second try until the coach asks)
    assert message_boxes.shown == [] and path.exists()


def test_bringing_back_on_the_worker_thread_ends_on_the_team_practice(qtbot, world, file_opener,
                                                                       message_boxes):
    """With the real worker threads (the other tests run the work in line): the bring-back, the
    copy closed and removed, and the team practice connected, each Op after the last."""
    from recoverydesk.ui import tasks

    w, ids = world
    pid = ids["a"][0]
    gid = a_goal(_team(w, w.a), pid)
    path = w.take(w.a, [pid])
    local = w.copy(path)
    a_note(local, gid, "Written on the ferry")
    window = _window(qtbot, file_opener, local)
    window.parts.offline.poll.stop()
    tasks.use_thread_runner()
    try:
        window.commands["bring_back"].trigger()
        qtbot.waitUntil(lambda: window.services is not None
                        and window.services.practice.info().is_team, timeout=20_000)
        tasks.wait_idle()
    finally:
        tasks.shutdown()
        tasks.use_synchronous_runner()
    assert any("Brought back" in m for m in message_boxes.shown)
    assert not path.exists()
    assert ("Written on the ferry",) in w.sql("SELECT text FROM progress_notes")
    window.services.close()


def test_a_hold_placed_elsewhere_reaches_an_open_window_without_a_restart(qtbot, world,
                                                                          file_opener):
    w, ids = world
    pid = ids["a"][0]
    window = _window(qtbot, file_opener, _team(w, w.lead))
    assert "Offline with" not in _subtitle(window, pid)
    w.take(w.a, [pid])  # coach A, on another computer (the server's change notices)
    qtbot.waitUntil(lambda: "Offline with Alex Ames" in _subtitle(window, pid), timeout=10_000)


def test_after_a_bring_back_with_conflicts_the_team_practice_opens_on_their_list(
        qtbot, world, file_opener, message_boxes):
    w, ids = world
    pid = ids["a"][0]
    strength = _team(w, w.a).participants.add_strength(pid, "personal", "Patient").value
    path = w.take(w.a, [pid])
    local = w.copy(path)
    local.participants.update_strength(strength.id, "personal", "Patient and kind")
    w.as_(w.lead).participants.update_strength(strength.id, "personal", "Very patient")
    window = _window(qtbot, file_opener, local)
    window.parts.offline.poll.stop()
    listed: list[int] = []

    def count_and_close(dialog: OfflineConflictsDialog) -> None:
        listed.append(dialog.table.rowCount())
        dialog.reject()

    when_modal(OfflineConflictsDialog, count_and_close)
    window.commands["bring_back"].trigger()
    assert "1 record changed on both sides" in message_boxes.shown[-1]
    qtbot.waitUntil(lambda: listed == [1], timeout=10_000)
    assert window.services.practice.info().is_team
    window.services.close()


def test_a_copy_being_brought_back_is_read_only_in_the_window_and_says_why(
        qtbot, world, file_opener, message_boxes):
    w, ids = world
    pid = ids["a"][0]
    gid = a_goal(w.as_(w.a), pid)
    local = w.copy(w.take(w.a, [pid]))
    a_note(local, gid, "First")

    class Closed(Exception):
        pass

    class CloseAfterTheServer(Progress):  # the laptop closed once the server had the work
        def step(self, done, total, text=""):
            if done == 2:
                raise Closed

    with pytest.raises(Closed):
        local.offline.bring_back(progress=CloseAfterTheServer())
    window = _window(qtbot, file_opener, local)
    part = window.parts.offline
    part.poll.stop()
    qtbot.waitUntil(lambda: part.state is not None)
    assert "on its way back" in part.banner.text.text()
    window.open_participant(pid)
    workspace = window.workspace
    assert "finish bringing it back first" in workspace.note_label.text()
    assert workspace.note_label.isVisibleTo(window)
    pages = workspace.tabs.findChild(QStackedWidget)
    assert not pages.isEnabled() and workspace.tabs.tabBar().isEnabled()
    assert not workspace.edit_button.isEnabled()
    for key in ("new_participant", "edit_participant", "archive_participant"):
        assert not window.commands[key].isEnabled(), key
    shot = Path(w.folder) / "returning.png"
    window.resize(1366, 768)
    window.grab().save(str(shot))
    # Bringing back finishes in the copy only; the team practice opens, editable
    window.commands["bring_back"].trigger()
    assert any("already on the team practice" in m for m in message_boxes.shown)
    qtbot.waitUntil(lambda: window.services is not None
                    and window.services.practice.info().is_team, timeout=10_000)
    assert w.sql("SELECT text FROM progress_notes") == [("First",)]
    assert window.commands["new_participant"].isEnabled()
    window.services.close()


def test_the_conflicts_list_keeps_every_column_in_sight_when_narrow(qtbot, world):
    """At 200% on a 1366x768 screen the list is ~560 logical pixels wide: no column falls off
    the side, "What happened" wraps in full, and every cell has its words whole as a tooltip."""
    w, ids = world
    pid = ids["a"][0]
    coach = w.as_(w.a)
    strength = coach.participants.add_strength(pid, "personal", "Patient").value
    local = w.copy(w.take(w.a, [pid], name="a-laptop-with-a-rather-long-name"))
    local.participants.update_strength(strength.id, "personal", "Patient and kind")
    w.as_(w.lead).participants.update_strength(strength.id, "personal", "Very patient")
    local.offline.bring_back()
    team = _team(w, w.a)
    dialog = OfflineConflictsDialog(team, None, {pid: "Zephyrinea0 Quillfeather-Montgomery"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    dialog.resize(560, 400)
    qtbot.wait(50)
    table = dialog.table
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    assert sum(widths) <= table.viewport().width() + 1
    assert widths[2] == max(widths)  # "What happened" has the most room
    how = table.item(0, 2)
    lines = table.fontMetrics().boundingRect(
        0, 0, widths[2] - 8, 10_000, int(Qt.TextFlag.TextWordWrap), how.text()).height()
    assert table.rowHeight(0) >= lines  # wrapped, not cut
    assert "while it was offline on a-laptop" in how.toolTip()
    assert all(table.item(0, c).toolTip() for c in range(table.columnCount()))


def test_the_coach_chooses_where_the_copy_goes(qtbot, world, file_opener, message_boxes,
                                               monkeypatch, tmp_path):
    """Change… beside the copy's place: the copy is written where the coach chose (an ``.rdk``
    name added when left out), and the window remembers it there."""
    from PySide6.QtWidgets import QFileDialog

    w, ids = world
    coach = _team(w, w.a)
    window = _window(qtbot, file_opener, coach)
    folder = tmp_path / "chosen place"
    folder.mkdir()
    asked: list = []

    def answer(parent, caption, start, filters):
        asked.append((caption, start, filters))
        return str(folder / "my copy"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    seen: dict = {}

    def fill(dialog: TakeOfflineDialog) -> None:
        seen["default"] = dialog.where.text()
        dialog.place_button.click()
        seen["shown"] = dialog.where.text()
        dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.passphrase.setText(PASSPHRASE + " lantern")
        dialog.confirm.setText(PASSPHRASE + " lantern")
        dialog.save()
        seen["taken"] = dialog.done_text.text() if dialog.done_text.isVisibleTo(dialog) else ""
        dialog.close_button.click()

    run = drive(qtbot, TakeOfflineDialog, window.commands["take_offline"].trigger, fill)
    assert run.ended and not run.problems and message_boxes.shown == []
    chosen = folder / "my copy.rdk"
    assert seen["default"] and seen["default"] != str(chosen)
    assert asked and asked[0][1] == seen["default"] and "*.rdk" in asked[0][2]
    assert seen["shown"] == str(chosen) and seen["taken"]
    assert chosen.is_file() and chosen.stat().st_size > 0
    assert remembered_copy(coach.practice.info().address) == chosen
