"""Connecting the window to a team practice on a real PostgreSQL server, the way a coach does:
the welcome screen's button and File > Connect to a team practice…, the Connect dialog driven
through its real ``exec()`` (a wrong password, then the right one; a server that does not
answer), ``--db postgresql://…`` at start asking for the password, and what the window shows
and hides once a team practice is open (its title, the file-only commands, the lock)."""

from __future__ import annotations

import pytest
from live_dialogs import ACCEPTED, REJECTED, click_cancel, click_save, drive
from PySide6.QtCore import QSettings
from team_server import (
    close_team_practice,
    new_team_practice,
    tcp_address,
    team_address,
    wait_until_connected,
)

from recoverydesk.ui.dialogs.connect_team import ConnectTeamDialog
from recoverydesk.ui.main_window import MainWindow


@pytest.fixture
def welcome_window(qtbot, opener, request):
    """A window with no practice open: the welcome screen."""
    window = MainWindow(opener)
    qtbot.addWidget(window)
    window.show()
    yield window
    close_team_practice(window)


@pytest.fixture
def coach(request, pg_password_role):
    """(address without password, role, password, database) of a fresh team practice for a
    role that must give its password over TCP (a superuser: this is about signing in)."""
    pg_cluster, database = new_team_practice(request)
    role, password = pg_password_role
    pg_cluster.execute(f"ALTER ROLE {role} SUPERUSER")
    return tcp_address(pg_cluster, database, role), role, password, database, pg_cluster


def _parts(dialog, coach) -> None:
    _address, role, _password, database, pg_cluster = coach
    dialog.host.setText("127.0.0.1")
    dialog.port.setText(str(pg_cluster.port))
    dialog.database.setText(database)
    dialog.coach.setText(role)


def _visible_errors(dialog) -> list[str]:
    return [e.text() for e in dialog.findChildren(type(dialog.message))
            if e.property("role") == "error" and e.isVisibleTo(dialog) and e.text()]


def test_from_the_welcome_screen_a_wrong_password_then_the_right_one(qtbot, welcome_window,
                                                                    coach, monkeypatch):
    address, role, password, database, pg_cluster = coach
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    seen: dict = {}

    def act(dialog: ConnectTeamDialog) -> None:
        _parts(dialog, coach)
        dialog.password.setText("not-the-password")
        click_save(dialog)
        assert dialog.isVisible(), "a wrong password closed the dialog"
        seen["errors"] = _visible_errors(dialog)
        seen["kept"] = (dialog.host.text(), dialog.port.text(), dialog.database.text(),
                        dialog.coach.text())
        seen["focus"] = dialog.password.hasFocus() or dialog.focusWidget() is dialog.password
        dialog.password.setText(password)
        click_save(dialog)

    run = drive(qtbot, ConnectTeamDialog, welcome_window.welcome.team_button.click, act)
    assert run.problems == []
    assert run.codes == [ACCEPTED]
    [error] = seen["errors"]
    assert "That password does not let" in error and role in error
    assert seen["kept"] == ("127.0.0.1", str(pg_cluster.port), database, role)
    assert seen["focus"]

    window = welcome_window
    wait_until_connected(qtbot, window)
    info = window.services.practice.info()
    assert info.is_team and info.coach == role
    where = f"127.0.0.1:{pg_cluster.port}/{database}"
    assert window.windowTitle().startswith(f"{database} — team practice on {where}, as {role}")
    assert window.practice_label.text() == f"Team practice on {where}, as {role}"
    last = str(QSettings().value("practice/last"))
    assert last.startswith(f"postgresql://{role}@127.0.0.1:{pg_cluster.port}/{database}")
    assert password not in last


def test_a_server_that_does_not_answer_is_said_in_the_dialog_with_the_fields_kept(
        qtbot, main_window):
    file_services = main_window.services
    seen: dict = {}

    def act(dialog: ConnectTeamDialog) -> None:
        dialog.host.setText("127.0.0.1")
        dialog.port.setText("1")
        dialog.database.setText("practice")
        dialog.coach.setText("sam")
        click_save(dialog)
        seen["message"] = dialog.message.text() if dialog.message.isVisible() else ""
        seen["kept"] = (dialog.host.text(), dialog.port.text(), dialog.coach.text())
        click_cancel(dialog)

    run = drive(qtbot, ConnectTeamDialog, main_window.commands["connect_team"].trigger, act)
    assert run.problems == [] and run.codes == [REJECTED]
    assert "did not answer" in seen["message"]
    assert seen["kept"] == ("127.0.0.1", "1", "sam")
    assert main_window.services is file_services  # the practice open before stays open


def test_missing_parts_are_said_beside_their_fields(qtbot, main_window):
    seen: dict = {}

    def act(dialog: ConnectTeamDialog) -> None:
        dialog.host.setText("db.example.org")
        dialog.port.setText("99999")
        click_save(dialog)
        seen["errors"] = _visible_errors(dialog)
        click_cancel(dialog)

    run = drive(qtbot, ConnectTeamDialog, main_window.commands["connect_team"].trigger, act)
    assert run.problems == [] and run.codes == [REJECTED]
    assert seen["errors"] == ["Port is a number from 1 to 65535 (usually 5432).",
                              "Practice database is needed.", "Coach name is needed."]


def test_starting_with_an_address_asks_for_the_password(qtbot, welcome_window, coach,
                                                       monkeypatch):
    address, role, password, database, _pg = coach
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    seen: dict = {}

    def act(dialog: ConnectTeamDialog) -> None:
        seen["address"] = dialog.address.text()
        seen["errors"] = _visible_errors(dialog)
        seen["focus"] = dialog.focusWidget() is dialog.password
        dialog.password.setText(password)
        click_save(dialog)

    run = drive(qtbot, ConnectTeamDialog, lambda: welcome_window.practice_files.connect_team(
        address, at_start=True), act)
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert seen["address"] == address
    assert seen["errors"] == [f"The team practice at 127.0.0.1:{_pg.port}/{database} needs the "
                              f"password for “{role}”."]
    assert seen["focus"]
    wait_until_connected(qtbot, welcome_window)
    assert welcome_window.services.practice.info().is_team


def test_starting_with_an_address_and_pgpassword_asks_nothing(qtbot, welcome_window, coach,
                                                              monkeypatch):
    address, _role, password, _database, _pg = coach
    monkeypatch.setenv("PGPASSWORD", password)
    welcome_window.practice_files.connect_team(address, at_start=True)
    wait_until_connected(qtbot, welcome_window)
    assert welcome_window.services.practice.info().is_team


def test_a_team_window_hides_the_file_commands_and_locks_with_the_password(
        qtbot, welcome_window, coach, monkeypatch):
    address, _role, password, _database, _pg = coach
    monkeypatch.setenv("PGPASSWORD", password)
    window = welcome_window
    commands = window.commands
    file_only = ("backup_now", "backup_to", "restore", "passphrase")
    assert all(commands[k].isVisible() for k in file_only)
    window.practice_files.connect_team(address)
    wait_until_connected(qtbot, window)
    assert not any(commands[k].isVisible() for k in file_only)
    assert commands["export_all"].isVisible() and commands["connect_team"].isVisible()

    monkeypatch.delenv("PGPASSWORD")  # (the lock asks for it, whatever libpq could find)
    lock = window.parts.lock
    lock.lock()
    practice = window.services.practice
    assert lock.locked and not practice.is_open
    assert lock.screen.passphrase.isVisibleTo(lock.screen)
    assert lock.screen.passphrase.placeholderText() == "Password"  # not a file's passphrase
    assert not lock.unlock("not-it")
    assert lock.locked and "That password does not let" in lock.screen.error.text()
    assert lock.unlock(password)
    assert not lock.locked and practice.is_open
    assert window.services.participants.list(include_archived=True) == []


def test_the_window_starts_on_a_team_practice_once_it_shows(qtbot, opener, request):
    """``recoverydesk --db postgresql://…``: the window shows at once, connects once painted
    (no fast caseload over a file), then builds its pages and parts and starts listening."""
    from recoverydesk.app import start_practice_path

    pg_cluster, database = new_team_practice(request)
    address = team_address(pg_cluster, database)
    assert start_practice_path(address) == address
    window = MainWindow(opener, staged=True)
    qtbot.addWidget(window)
    request.addfinalizer(lambda: close_team_practice(window))
    window.open_when_shown(lambda: window.practice_files.connect_team(address, at_start=True))
    window.show()
    qtbot.waitUntil(lambda: window._parts is not None and window.workspace is not None,
                    timeout=10_000)
    assert window.services.practice.info().is_team
    assert window.parts.server_changes.following is window.services
    assert opener.opened == []  # the file opener was never asked
    assert start_practice_path(None) == str(QSettings().value("practice/last"))


def test_a_start_on_a_team_practice_left_unconnected_shows_the_welcome(qtbot, opener, coach,
                                                                       monkeypatch):
    address, *_rest = coach
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    window = MainWindow(opener, staged=True)
    qtbot.addWidget(window)
    window.open_when_shown(lambda: window.practice_files.connect_team(address, at_start=True))
    run = drive(qtbot, ConnectTeamDialog, window.show, click_cancel)
    qtbot.waitUntil(lambda: run.codes == [REJECTED], timeout=10_000)
    assert run.problems == []
    assert window.services is None
    assert window.stack.currentWidget() is window.welcome
    assert window._parts is not None  # File > Connect… and the rest work from the welcome


def test_recoverydesk_db_may_name_a_team_practice(monkeypatch):
    from recoverydesk.app import start_practice_path

    address = "postgresql://sam@db.ourpractice.org.au/practice"
    monkeypatch.setenv("RECOVERYDESK_DB", address)
    assert start_practice_path(None) == address
