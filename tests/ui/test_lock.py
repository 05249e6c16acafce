"""Auto-lock: idle or Ctrl+L hides every participant's data and closes the practice; unlocking
comes back to the same participant and tab. Also the passphrase and restore dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolTip,
)

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice import backups
from recoverydesk.store import crypto
from recoverydesk.ui.dialogs.passphrase import NEW, UNLOCK, PassphraseDialog
from recoverydesk.ui.dialogs.restore import RestoreDialog

NAME = "Marigold Featherstonehaugh"


def model_texts(m) -> list[str]:
    root = QModelIndex()
    try:
        columns = m.columnCount(root)
    except TypeError:  # list models keep columnCount private
        columns = 1
    return [
        str(m.data(m.index(r, c, root)) or "")
        for r in range(min(m.rowCount(root), 500))
        for c in range(columns)
    ]


def visible_texts() -> str:
    """Every piece of text any visible widget shows, including item views' cells."""
    parts = []
    for w in QApplication.allWidgets():
        if not w.isVisible():
            continue
        parts.append(w.windowTitle())
        parts.append(w.toolTip())
        if isinstance(w, QLabel | QLineEdit | QAbstractButton):
            parts.append(w.text())
        if isinstance(w, QTextEdit | QPlainTextEdit):
            parts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            parts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractSpinBox):
            parts.append(w.text())
        if isinstance(w, QTabBar):
            parts += [w.tabText(i) + w.tabToolTip(i) for i in range(w.count())]
        if isinstance(w, QGroupBox):
            parts.append(w.title())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            parts += model_texts(w.model())
    return "\n".join(parts)


def add_person(services):
    given, family = NAME.split()
    return services.participants.create(ParticipantDraft(given_name=given, family_name=family)).value


def test_auto_lock_after_idle_hides_every_name(qtbot, main_window, services):
    p = add_person(services)
    main_window.open_participant(p.id, "network")
    assert "Featherstonehaugh" in visible_texts()
    tab_before = main_window.workspace.tabs.currentWidget().key
    controller = main_window.parts.lock
    controller.set_idle_timeout_ms(150)
    qtbot.waitUntil(lambda: controller.locked, timeout=5000)
    qtbot.wait(20)
    text = visible_texts()
    assert "Featherstonehaugh" not in text and "Marigold" not in text
    assert "locked" in text
    assert not services._store.is_open and services._store.passphrase is None
    assert services._store.engine.pool.checkedin() == 0  # the practice is closed
    controller.screen.unlock_button.click()
    assert not controller.locked
    assert main_window.current_participant_id() == p.id
    assert main_window.workspace.tabs.currentWidget().key == tab_before
    assert "Featherstonehaugh" in visible_texts()
    main_window.services.close()


def test_ctrl_l_locks_and_saves_drafts_first(qtbot, main_window, services):
    p = add_person(services)
    main_window.open_participant(p.id)
    page = main_window.workspace.tabs.currentWidget()
    saved = []
    page.has_unsaved_changes = lambda: True
    page.save_draft = lambda: saved.append(main_window.services is not None)
    main_window.parts.lock.set_idle_timeout_ms(0)
    qtbot.keyClick(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main_window.parts.lock.locked
    assert saved and saved[0] is True  # drafts saved while the practice was still open
    # something changed since the last backup, so locking took one (with the key, before
    # dropping it)
    assert backups.list_backups(services.practice.path)
    assert "Featherstonehaugh" not in visible_texts()
    main_window.parts.lock.unlock()
    main_window.services.close()


def test_unlocking_an_encrypted_practice_needs_the_passphrase(qtbot, tmp_practice, file_opener):
    from recoverydesk.ui.main_window import MainWindow

    crypto.encrypt_in_place(tmp_practice, "quiet morning walk")
    services = file_opener.open(tmp_practice, passphrase="quiet morning walk")
    p = add_person(services)
    window = MainWindow(file_opener, services)
    qtbot.addWidget(window)
    window.show()
    window.open_participant(p.id)
    qtbot.wait(10)  # what the window does once open (offering drafts) runs first
    window.parts.lock.lock()
    screen = window.parts.lock.screen
    assert screen.passphrase.isVisible()
    screen.passphrase.setText("wrong words here")
    screen.unlock_button.click()
    assert window.parts.lock.locked
    assert "does not open" in screen.error.text()
    assert "Featherstonehaugh" not in visible_texts()
    # the next try waits (a countdown on the button, the window never freezes)
    assert not screen.unlock_button.isEnabled() and "Try again in" in screen.unlock_button.text()
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=3000)
    screen.passphrase.setText("quiet morning walk")
    screen.unlock_button.click()
    assert not window.parts.lock.locked
    assert window.current_participant_id() == p.id
    window.services.close()


def test_new_practice_passphrase_can_only_be_declined_by_ticking_the_warning(qtbot):
    dialog = PassphraseDialog(NEW, "practice.rdk")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.new_edit.setText("cat")
    dialog.confirm_edit.setText("cat")
    assert not dialog.ok_button.isEnabled()
    assert "Too short" in dialog.hint.text()
    dialog.new_edit.setText("purple lagoon bench tea")
    assert not dialog.ok_button.isEnabled()  # not yet typed twice
    dialog.confirm_edit.setText("purple lagoon bench tea")
    assert dialog.ok_button.isEnabled() and dialog.meter.value() >= 3
    dialog.new_edit.clear()
    assert dialog.ok_button.text() == "Protect"
    dialog.decline.setChecked(True)
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Continue without protection"
    assert not dialog.new_edit.isEnabled()
    dialog.ok_button.click()
    assert dialog.passphrase is None


def test_passphrase_can_be_shown_while_typing(qtbot):
    from PySide6.QtWidgets import QLineEdit

    dialog = PassphraseDialog(NEW, "practice.rdk")
    qtbot.addWidget(dialog)
    assert dialog.new_edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_typed.setChecked(True)
    assert dialog.new_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.confirm_edit.echoMode() == QLineEdit.EchoMode.Normal


def test_unlock_dialog_counts_down_after_a_wrong_try(qtbot):
    dialog = PassphraseDialog(UNLOCK, "practice.rdk", "That passphrase does not open",
                              retry_after=1.2)
    qtbot.addWidget(dialog)
    dialog.new_edit.setText("second try")
    assert not dialog.ok_button.isEnabled() and "Try again in 2 s" in dialog.ok_button.text()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=3000)
    assert dialog.ok_button.text() == "Open"


def test_change_dialog_says_in_place_when_the_current_passphrase_is_wrong(qtbot):
    from recoverydesk.ui.dialogs.passphrase import CHANGE

    dialog = PassphraseDialog(CHANGE, "practice.rdk", check_current=lambda t: t == "old words")
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("not it")
    dialog.new_edit.setText("purple lagoon bench tea")
    dialog.confirm_edit.setText("purple lagoon bench tea")
    dialog.ok_button.click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "not the current passphrase" in dialog.error.text()
    dialog.current_edit.setText("old words")
    dialog.ok_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.passphrase == "purple lagoon bench tea" and dialog.current == "old words"


def test_unlock_dialog_returns_the_passphrase(qtbot):
    dialog = PassphraseDialog(UNLOCK, "practice.rdk", message="That passphrase does not open")
    qtbot.addWidget(dialog)
    assert "does not open" in dialog.error.text()
    dialog.new_edit.setText("anything at all")
    dialog.ok_button.click()
    assert dialog.passphrase == "anything at all"


def test_restore_dialog_lists_date_and_size(qtbot, services):
    row = services.practice.backup_now(now=dt.datetime(2026, 2, 14, 16, 30))
    rows = backups.list_backups(services.practice.path)
    dialog = RestoreDialog(rows)
    qtbot.addWidget(dialog)
    item = dialog.list.topLevelItem(0)
    assert "2026" in item.text(0) and "14" in item.text(0)
    assert item.text(1).endswith("KB")
    dialog.restore_button.click()
    assert dialog.chosen == row.path


def test_idle_minutes_setting_is_kept(qtbot, main_window):
    from PySide6.QtCore import QSettings

    from recoverydesk.ui.lock import LOCK_MINUTES_KEY, lock_minutes

    controller = main_window.parts.lock
    assert controller.idle_ms == lock_minutes() * 60_000
    ten = next(a for a in controller.minutes_menu.actions() if a.data() == 10)
    ten.trigger()
    assert int(QSettings().value(LOCK_MINUTES_KEY)) == 10
    assert controller.idle_ms == 600_000 and controller.timer.isActive()
    never = next(a for a in controller.minutes_menu.actions() if a.data() == 0)
    never.trigger()
    assert not controller.timer.isActive()
    QSettings().remove(LOCK_MINUTES_KEY)


def _unlock_screen(controller):
    """The lock screen the coach can type into (the main window's, or an open dialog's)."""
    return next(s for s in controller.state.screens() if s.unlock_button.isVisibleTo(s))


def test_auto_lock_with_a_dialog_open_hides_it_and_keeps_what_was_typed(
    qtbot, main_window, services
):
    p = add_person(services)
    main_window.open_participant(p.id)
    controller = main_window.parts.lock
    seen = {}

    def while_dialog_is_open():
        dialog = QApplication.activeModalWidget()
        dialog.about.setPlainText("Typed but not saved yet")
        seen["before"] = visible_texts()
        QToolTip.showText(QPoint(10, 10), NAME, dialog.given_name)
        controller.set_idle_timeout_ms(100)
        qtbot.waitUntil(lambda: controller.locked, timeout=5000)
        seen["text"] = visible_texts()
        seen["tooltip"] = QToolTip.isVisible()
        seen["dialog_title"] = dialog.windowTitle()
        seen["window_title"] = main_window.windowTitle()
        seen["closed"] = not services._store.is_open
        dialog.close()  # a close while locked is refused: the typed text must survive
        seen["still_open"] = dialog.isVisible()
        screen = _unlock_screen(controller)
        seen["form_on_dialog"] = screen.parentWidget() is dialog
        screen.unlock_button.click()
        seen["after"] = dialog.about.toPlainText()
        seen["given"] = dialog.given_name.text()
        seen["shown_again"] = dialog.given_name.isVisible()
        controller.set_idle_timeout_ms(0)
        dialog.reject()

    QTimer.singleShot(0, while_dialog_is_open)
    main_window.commands["edit_participant"].trigger()  # a modal dialog, in its own loop
    assert "Featherstonehaugh" in seen["before"] and "Typed but not saved" in seen["before"]
    assert seen["closed"] and seen["still_open"] and seen["form_on_dialog"]
    assert "Featherstonehaugh" not in seen["text"] and "Marigold" not in seen["text"]
    assert "Typed but not saved" not in seen["text"]
    assert not seen["tooltip"]
    assert "Marigold" not in seen["dialog_title"] + seen["window_title"]
    assert "Locked" in seen["window_title"]
    assert seen["after"] == "Typed but not saved yet" and seen["given"] == "Marigold"
    assert seen["shown_again"] and not controller.locked
    main_window.services.close()


def test_ctrl_l_works_inside_a_dialog(qtbot, main_window, services):
    p = add_person(services)
    main_window.open_participant(p.id)
    controller = main_window.parts.lock
    controller.set_idle_timeout_ms(0)
    seen = {}

    def press_ctrl_l():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClick(dialog.family_name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        seen["locked"] = controller.locked
        seen["text"] = visible_texts()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape does not close the hidden dialog
        seen["open"] = dialog.isVisible()
        controller.unlock()
        seen["name"] = dialog.family_name.text()
        dialog.reject()

    QTimer.singleShot(0, press_ctrl_l)
    main_window.commands["edit_participant"].trigger()
    assert seen["locked"] and seen["open"]
    assert "Featherstonehaugh" not in seen["text"]
    assert seen["name"] == "Featherstonehaugh"
    main_window.services.close()


def test_lock_hides_the_search_popup_and_the_resource_directory(qtbot, main_window, services):
    from recoverydesk.services.resources.types import ResourceDraft

    p = add_person(services)
    services.resources.create(ResourceDraft(name="Featherstonehaugh Community Garden",
                                            category="recreation"))
    main_window.open_participant(p.id)
    main_window.commands["resource_directory"].trigger()
    directory = main_window.parts.resources.directory
    main_window.commands["search"].trigger()
    search = main_window.parts.search.dialog
    search.edit.setText("Featherstonehaugh")
    qtbot.waitUntil(lambda: search.view.model().rowCount() > 0, timeout=3000)
    assert directory.isVisible() and search.isVisible()
    controller = main_window.parts.lock
    controller.set_idle_timeout_ms(0)
    qtbot.keyClick(search.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert controller.locked
    assert not search.isVisible() and not directory.isVisible()
    assert "Featherstonehaugh" not in visible_texts()
    assert controller.unlock()
    assert search.isVisible() and directory.isVisible()
    assert search.edit.text() == "Featherstonehaugh"
    main_window.services.close()


def test_while_locked_the_practice_refuses_every_use(qtbot, main_window, services):
    from recoverydesk.services.practice.types import PracticeLockedError

    add_person(services)
    main_window.parts.lock.lock()
    try:
        services.participants.list()
    except PracticeLockedError:
        pass
    else:
        raise AssertionError("a locked practice answered a query")
    assert not main_window.commands["new_participant"].isEnabled()
    main_window.parts.lock.unlock()
    assert main_window.commands["new_participant"].isEnabled()
    assert [r.full_name for r in services.participants.list()] == [NAME]
    main_window.services.close()


class FakeWallClock:
    """Real (wall-clock) time that the test moves on; Qt's own timers do not see it, just as
    they do not see the time a laptop spends asleep."""

    def __init__(self, monkeypatch):
        from recoverydesk.ui import lock

        self.now = 1_800_000_000.0
        monkeypatch.setattr(lock, "wall_clock", lambda: self.now)

    def pass_minutes(self, minutes: float) -> None:
        self.now += minutes * 60


def test_waking_from_sleep_locks_at_the_first_touch_and_the_key_is_not_typed(
    qtbot, main_window, services, monkeypatch
):
    clock = FakeWallClock(monkeypatch)
    p = add_person(services)
    main_window.open_participant(p.id)
    controller = main_window.parts.lock
    controller.set_idle_minutes(5)  # the Qt timer cannot fire within this test
    edit = main_window.list_panel.filter_edit
    edit.setFocus()
    clock.pass_minutes(4)
    qtbot.keyClick(edit, Qt.Key.Key_M)  # activity within the limit counts as activity
    assert not controller.locked and edit.text() == "m"
    clock.pass_minutes(4)  # 8 minutes since the start, but only 4 since the key
    qtbot.mouseMove(main_window, QPoint(40, 40))
    assert not controller.locked
    clock.pass_minutes(60)  # the lid is shut in a café for an hour
    assert controller.timer.isActive() and controller.timer.remainingTime() > 60_000
    qtbot.keyClick(edit, Qt.Key.Key_A)
    assert controller.locked
    assert edit.text() == "m"  # the waking key went nowhere
    assert not services._store.is_open
    assert "Featherstonehaugh" not in visible_texts()
    assert controller.unlock()
    controller.check_real_idle()  # unlocking is activity: the clock starts again
    assert not controller.locked
    main_window.services.close()


def test_a_woken_laptop_left_alone_locks_within_seconds(qtbot, main_window, services, monkeypatch):
    clock = FakeWallClock(monkeypatch)
    add_person(services)
    controller = main_window.parts.lock
    controller.set_idle_minutes(5)
    controller.wall_check.setInterval(20)
    qtbot.wait(60)
    assert not controller.locked  # real time has not passed the limit
    clock.pass_minutes(6)
    qtbot.waitUntil(lambda: controller.locked, timeout=2000)
    assert "Featherstonehaugh" not in visible_texts()
    controller.unlock()
    main_window.services.close()


def test_becoming_the_active_app_again_checks_real_idle_time(qtbot, main_window, services,
                                                              monkeypatch):
    clock = FakeWallClock(monkeypatch)
    controller = main_window.parts.lock
    controller.set_idle_minutes(5)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert not controller.locked
    clock.pass_minutes(5)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert controller.locked
    controller.unlock()
    main_window.services.close()


def test_never_lock_ignores_real_time_too(qtbot, main_window, services, monkeypatch):
    clock = FakeWallClock(monkeypatch)
    controller = main_window.parts.lock
    controller.set_idle_minutes(0)
    clock.pass_minutes(600)
    qtbot.mouseMove(main_window, QPoint(30, 30))
    controller.check_real_idle()
    assert not controller.locked and not controller.wall_check.isActive()
    main_window.services.close()


def _clipboard_after_lock(qtbot, main_window, services, then=lambda guard: None) -> str:
    """Copy a participant's name from the window, let ``then`` happen, lock: what is left on
    the clipboard while locked."""
    add_person(services)
    edit = main_window.list_panel.filter_edit
    edit.setText(NAME)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == NAME
    controller = main_window.parts.lock
    then(controller.clipboard)
    controller.lock()
    left = QApplication.clipboard().text()
    controller.unlock()
    main_window.services.close()
    return left


def test_locking_clears_a_name_copied_from_recoverydesk(qtbot, main_window, services):
    assert _clipboard_after_lock(qtbot, main_window, services) == ""


def test_locking_keeps_what_another_program_put_on_the_clipboard(
    qtbot, main_window, services, monkeypatch
):
    def coach_copies_a_number_in_their_email(guard):
        monkeypatch.setattr(guard, "_owned", lambda: False)  # the platform: not ours now
        QApplication.clipboard().setText("0400 000 111")

    left = _clipboard_after_lock(qtbot, main_window, services, coach_copies_a_number_in_their_email)
    assert left == "0400 000 111"


def test_our_text_kept_by_a_clipboard_manager_is_still_cleared(
    qtbot, main_window, services, monkeypatch
):
    def a_clipboard_manager_takes_it_over(guard):
        monkeypatch.setattr(guard, "_owned", lambda: False)  # same text, another owner
        QApplication.clipboard().dataChanged.emit()
        assert guard.holds_ours()

    assert _clipboard_after_lock(qtbot, main_window, services,
                                 a_clipboard_manager_takes_it_over) == ""


def test_while_the_worker_works_the_event_filter_is_off_and_idle_time_stands_still(
        qtbot, main_window, services, monkeypatch):
    """The app-wide filter would make every Qt event wait for the GIL the worker holds."""
    from recoverydesk.ui import tasks

    controller = main_window.parts.lock
    controller.set_idle_minutes(5)
    running: set = set()
    monkeypatch.setattr(tasks, "_running", running)
    controller._follow_worker()
    assert controller._filtering and controller.timer.isActive()
    running.add(object())  # an Op on the worker
    controller._follow_worker()
    assert not controller._filtering and not controller.timer.isActive()
    controller.set_idle_minutes(5)  # a new setting still waits for the work
    assert not controller.timer.isActive()
    running.clear()
    controller._follow_worker()
    assert controller._filtering and controller.timer.isActive()
    running.add(object())
    controller._follow_worker()
    controller.lock()  # Ctrl+L from the main window's menu while the worker works
    assert controller.locked and controller._filtering  # only the lock screens take keys
    controller._follow_worker()
    assert controller._filtering
    running.clear()
    controller.unlock("")
    assert not controller.locked and controller._filtering
