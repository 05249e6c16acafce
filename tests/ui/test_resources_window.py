"""The Resources window: search and filter the directory, edit it, import and export CSV."""

from __future__ import annotations

import pytest
from live_dialogs import click_save, drive
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.ui.dialogs.referral_dialog import ReferralDialog
from recoverydesk.ui.dialogs.resource_dialog import ResourceDialog
from recoverydesk.ui.directory.window import ResourcesWindow


def seed(services):
    for name, category, offers in (
        ("Seaview Housing Hub", "housing", "Help finding a rental"),
        ("Coastal Jobs Club", "employment", "Mock interviews and résumés"),
        ("Harbour Peer Café", "peer_support", "Drop-in with peer workers"),
    ):
        services.resources.create(ResourceDraft(name=name, category=category, offers=offers))


@pytest.fixture
def window(qtbot, main_window, services):
    seed(services)
    main_window.commands["resource_directory"].trigger()
    win = main_window.parts.resources.directory
    qtbot.addWidget(win)
    return win


def names(win):
    return [r.name for r in win.model.rows()]


def test_view_menu_opens_the_directory(window, main_window):
    assert main_window.commands["resource_directory"] in main_window.view_menu.actions()
    assert window.isVisible()
    assert names(window) == ["Coastal Jobs Club", "Harbour Peer Café", "Seaview Housing Hub"]
    assert "Coastal Jobs Club" in window.detail.toPlainText()


def test_search_and_category_filter(qtbot, window):
    qtbot.keyClicks(window.search, "interview")
    window.refresh()  # the search waits for typing to pause; don't wait in a test
    assert names(window) == ["Coastal Jobs Club"]
    window.search.clear()
    window.category.setCurrentIndex(window.category.findData("peer_support"))
    assert names(window) == ["Harbour Peer Café"]
    assert window.category.currentText() == "Peer support (1)"
    window.category.setCurrentIndex(window.category.findData("legal"))
    assert names(window) == [] and window.no_match.isVisible()


def test_new_resource_through_dialog(qtbot, window, services, monkeypatch):
    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Seaview Community Choir")
        dialog.category.setCurrentIndex(dialog.category.findData("recreation"))
        qtbot.keyClicks(dialog.tags, "Singing, music")
        click_save(dialog)

    assert drive(qtbot, ResourceDialog, window.new_button.click, fill).problems == []
    assert "Seaview Community Choir" in names(window)
    assert window.selected().name == "Seaview Community Choir"
    assert window.selected().tags == "singing, music"


def test_resource_dialog_shows_problems(qtbot, services):
    dialog = ResourceDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email, "nope")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog._errors["name"].isVisible() and dialog._errors["email"].isVisible()


def test_archive_hides_and_show_archived_restores(window, services, message_boxes):
    window.view.selectRow(0)
    window.archive_button.click()
    assert "Coastal Jobs Club" not in names(window)
    window.show_archived.setChecked(True)
    assert "Coastal Jobs Club" in names(window)
    window.view.selectRow(
        window.model.row_for_id(
            next(r.id for r in window.model.rows() if r.name == "Coastal Jobs Club")
        )
    )
    assert window.archive_button.text() == "Restore"
    window.archive_button.click()
    assert not any(r.archived for r in services.resources.list(include_archived=True))


def test_import_good_csv(window, tmp_path, monkeypatch, message_boxes):
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Category,What it offers\nSurf Club Swimmers,recreation,Ocean swims\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    window.import_button.click()
    assert "Surf Club Swimmers" in names(window)
    assert any("1 added" in text for text in message_boxes.shown)


def test_import_bad_csv_reports_line_and_column_and_adds_nothing(
    window, services, tmp_path, monkeypatch, message_boxes
):
    path = tmp_path / "bad.csv"
    path.write_text("Name,Category\nGood Place,housing\nOops,pets\n", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    window.import_button.click()
    assert any("Line 3, column 2 (Category)" in text for text in message_boxes.shown)
    assert "Good Place" not in [r.name for r in services.resources.list()]


def test_export_csv(window, tmp_path, monkeypatch):
    target = tmp_path / "out"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.export_button.click()
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Name,Category")
    assert len(text.splitlines()) == 4


def test_refer_the_open_participant_from_the_directory(qtbot, main_window, services, monkeypatch):
    seed(services)
    pid = services.participants.create(ParticipantDraft(given_name="Minh")).value.id
    main_window.list_panel.reload()
    main_window.open_participant(pid)
    main_window.commands["resource_directory"].trigger()
    win: ResourcesWindow = main_window.parts.resources.directory
    qtbot.addWidget(win)
    win.view.selectRow(0)
    assert win.refer_button.isEnabled() and "Minh" in win.refer_button.text()

    def accept(dialog):
        assert dialog.selected_resource().name == "Coastal Jobs Club"
        click_save(dialog)

    assert drive(qtbot, ReferralDialog, win.refer_button.click, accept).problems == []
    assert [r.resource_name for r in services.referrals.of(pid)] == ["Coastal Jobs Club"]


def test_the_directory_shortcut_clashes_with_no_other_in_the_window(main_window, qtbot):
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    # Every page (and its shortcuts) exists once the window has a practice.
    seen: dict[str, str] = {}
    for action in main_window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {action.text()} and {seen[text]}"
            seen[text] = action.text()
    for shortcut in main_window.findChildren(QShortcut):
        text = shortcut.key().toString()
        if text and shortcut.context() != Qt.ShortcutContext.WidgetShortcut:
            assert text not in seen, f"{text} is also {seen.get(text)}"
    assert main_window.commands["resource_directory"].shortcut() == QKeySequence("Ctrl+Shift+D")


def test_a_hidden_directory_reads_changes_when_it_shows_again(main_window, services, qtbot):
    """Hidden (as while the practice is locked), the directory reads nothing; it catches up
    when it shows again."""
    from recoverydesk.services.resources.types import ResourceDraft

    main_window.commands["resource_directory"].trigger()
    window = main_window.parts.resources.directory
    qtbot.addWidget(window)
    window.hide()
    calls = []
    real = services.resources.category_counts
    services.resources.category_counts = lambda *a, **k: calls.append(1) or real(*a, **k)
    from recoverydesk.services.types import ChangeSet
    from recoverydesk.ui.bus import change_bus

    services.resources.create(ResourceDraft(name="Harbour Housing", category="housing"))
    change_bus().changed.emit(ChangeSet.of("resource"))
    assert calls == []  # nothing read while hidden
    window.show()
    assert calls and window.isVisible()


def test_each_write_reads_the_directory_once(window, services, monkeypatch):
    """The bus reloads the directory after a write; nothing reads it a second time."""
    reads = []
    real = services.resources.list
    monkeypatch.setattr(services.resources, "list", lambda *a, **k: reads.append(1) or real(*a, **k))
    window.view.selectRow(0)
    window.checked_button.click()
    assert reads == [1]
    assert window.selected().last_checked is not None
