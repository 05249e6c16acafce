import dataclasses
import datetime as dt

import pytest
from live_dialogs import click_save, drive
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QStyleOptionViewItem

from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.dialogs.wrap_review import WrapReviewDialog
from recoverydesk.ui.extensions import PARTICIPANT_PAGES
from recoverydesk.ui.pages.wrap import WrapPage
from recoverydesk.ui.qtmodels.wrap import COL_PROGRESS, KeyRole


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Joseph", family_name="Nguyen", preferred_name="Joe")
    ).value.id


@pytest.fixture
def page(qtbot, services, pid):
    p = WrapPage(services)
    qtbot.addWidget(p)
    change_bus().changed.connect(p.on_changed)
    p.set_participant(pid)
    p.resize(1300, 800)
    p.show()
    yield p
    change_bus().changed.disconnect(p.on_changed)


def type_and_enter(qtbot, editor, text):
    editor.entry.setFocus()
    qtbot.keyClicks(editor.entry, text)
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)


def test_wrap_page_is_registered_as_a_tab():
    assert WrapPage in PARTICIPANT_PAGES


def test_wrap_page_enter_adds_the_next_item_and_keeps_typing(qtbot, page, services, pid):
    editor = page.editors["toolbox"]
    type_and_enter(qtbot, editor, "Walk on the beach")
    type_and_enter(qtbot, editor, "Call my sister")
    assert [i.text for i in services.wrap.get(pid).part("toolbox").items] == [
        "Walk on the beach",
        "Call my sister",
    ]
    assert editor.texts() == ["Walk on the beach", "Call my sister"]
    assert editor.entry.text() == "" and editor.entry.hasFocus()
    assert page.outline_model.item(0, COL_PROGRESS).text() == "1/1"
    assert page.outline_model.item(0, COL_PROGRESS).toolTip() == "Wellness Toolbox: Started"
    assert "Joe" in page.heading.text()


def test_wrap_page_alt_arrows_move_items(qtbot, page, services, pid):
    for text in ("one", "two", "three"):
        services.wrap.add_item(pid, "triggers", text)
    page.refresh()
    editor = page.editors["triggers"]
    editor.list.setFocus()
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [i.text for i in services.wrap.get(pid).part("triggers").items] == [
        "two",
        "one",
        "three",
    ]
    assert editor.texts() == ["two", "one", "three"]


def drop(widget, row: int, pos) -> None:
    """Drop the list's row ``row`` at ``pos`` (what a mouse drag ends with)."""
    widget.setCurrentRow(row)
    mime = widget.model().mimeData([widget.model().index(row, 0)])
    event = QDropEvent(QPointF(pos), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def test_wrap_page_drag_order_is_saved(qtbot, page, services, pid):
    for t in ("a", "b", "c"):
        services.wrap.add_item(pid, "daily_every", t)
    page.show_part("daily_every")
    page.refresh()
    widget = page.editors["daily_every"].list
    first, last = (widget.visualItemRect(widget.item(i)) for i in (0, 2))
    drop(widget, 2, first.topLeft() + QPoint(8, 2))  # "c" dropped on the top half of "a"
    assert [i.text for i in services.wrap.get(pid).part("daily_every").items] == ["c", "a", "b"]
    assert page.editors["daily_every"].texts() == ["c", "a", "b"]
    drop(widget, 0, last.bottomLeft() + QPoint(8, -2))  # "c" dropped below the last row
    assert [i.text for i in services.wrap.get(pid).part("daily_every").items] == ["a", "b", "c"]


def test_wrap_page_drop_on_itself_changes_nothing(qtbot, page, services, pid):
    for t in ("a", "b"):
        services.wrap.add_item(pid, "daily_every", t)
    page.show_part("daily_every")
    page.refresh()
    widget = page.editors["daily_every"].list
    with qtbot.assertNotEmitted(widget.reordered):
        drop(widget, 0, widget.visualItemRect(widget.item(0)).center() - QPoint(0, 2))
    assert page.editors["daily_every"].texts() == ["a", "b"]


def test_wrap_page_delete_removes_an_item(qtbot, page, services, pid):
    services.wrap.add_item(pid, "post_do", "Rest")
    page.refresh()
    editor = page.editors["post_do"]
    editor.list.setFocus()
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert services.wrap.get(pid).part("post_do").items == ()
    assert editor.texts() == []


def test_wrap_page_ideas_are_offered_not_forced(qtbot, page, services, pid):
    page.show_part("toolbox")
    assert page.ideas.list.count() > 3
    page.ideas.list.setCurrentRow(0)
    idea = page.ideas.list.currentItem().text()
    page.ideas.offer_button.click()
    editor = page.editors["toolbox"]
    assert editor.entry.text() == idea
    assert services.wrap.get(pid).part("toolbox").items == ()  # nothing added yet
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
    assert [i.text for i in services.wrap.get(pid).part("toolbox").items] == [idea]


def test_wrap_page_supporters_from_the_network(qtbot, page, services, pid):
    mai = services.network.add(
        pid,
        ContactDraft(
            name="Mai Nguyen", kind="family", relationship_text="Sister", phone="0491 570 110"
        ),
    ).value
    kev = services.network.add(pid, ContactDraft(name="Kevin Nguyen", kind="family")).value
    services.wrap.add_not_wanted(pid, kev.id)
    change_bus().publish(ChangeSet.of("contact", participant_id=pid))
    people = page.editors["crisis_supporters"]
    offered = [people.picker.itemText(i) for i in range(people.picker.count())]
    assert offered == ["Mai Nguyen (Sister)"]  # Kevin is not wanted: never offered
    people.note.setText("Stay with me")
    people.add_button.click()
    assert [p.name for p in services.wrap.get(pid).part("crisis_supporters").people] == [
        "Mai Nguyen"
    ]
    services.network.update(mai.id, dataclasses.replace(mai.to_draft(), phone="0491 570 999"))
    change_bus().publish(ChangeSet.of("contact", participant_id=pid))
    assert "0491 570 999" in people.list.item(0).text()
    assert page.editors["crisis_not_wanted"].list.item(0).text() == "Kevin Nguyen"


def test_wrap_page_mark_reviewed_keeps_a_version(qtbot, page, services, pid):
    services.wrap.add_item(pid, "toolbox", "Music")
    assert drive(qtbot, WrapReviewDialog, page.mark_reviewed, click_save).problems == []
    versions = services.wrap.versions(pid)
    assert len(versions) == 1 and versions[0].reviewed_on == dt.date.today()
    assert "last reviewed" in page.status.text()


def test_wrap_page_offers_to_copy_what_im_like_when_well(qtbot, page, services, pid):
    editor = page.editors["crisis_well"]
    assert editor.copy_button.isHidden()
    services.wrap.add_item(pid, "daily_well", "Chatty")
    page.refresh()
    assert not editor.copy_button.isHidden()
    editor.copy_button.click()
    assert [i.text for i in services.wrap.get(pid).part("crisis_well").items] == ["Chatty"]
    assert editor.copy_button.isHidden()


def test_wrap_page_supporter_note_edit_and_remove(qtbot, page, services, pid, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    mai = services.network.add(pid, ContactDraft(name="Mai Nguyen", kind="family")).value
    services.wrap.add_supporter(pid, mai.id, "Call me")
    page.refresh()
    people = page.editors["crisis_supporters"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Stay with me", True))
    people.list.itemDoubleClicked.emit(people.list.item(0))
    assert services.wrap.get(pid).part("crisis_supporters").people[0].note == "Stay with me"
    people.list.setFocus()
    people.list.setCurrentRow(0)
    qtbot.keyClick(people.list, Qt.Key.Key_Delete)
    assert services.wrap.get(pid).part("crisis_supporters").people == ()
    assert people.picker.count() == 1  # offered again


def test_wrap_page_removed_item_can_be_undone(qtbot, main_window, services, pid):
    for text in ("Walk", "Music", "Journal"):
        services.wrap.add_item(pid, "toolbox", text)
    main_window.open_participant(pid, "wrap")
    page = main_window.workspace.page("wrap")
    editor = page.editors["toolbox"]
    editor.list.setFocus()
    editor.list.setCurrentRow(1)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert editor.texts() == ["Walk", "Journal"]
    main_window.undo_last()
    assert [i.text for i in services.wrap.get(pid).part("toolbox").items] == [
        "Walk",
        "Music",
        "Journal",
    ]


def test_wrap_page_ideas_wrap_in_full_in_a_narrow_panel(qtbot, page):
    page.show_part("toolbox")
    view = page.ideas.list
    longest = max(range(view.count()), key=lambda i: len(view.item(i).text()))

    def height_at(width: int) -> int:
        view.setFixedWidth(width)
        qtbot.waitUntil(lambda: view.viewport().width() < width)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.widget = view
        return view.itemDelegate().sizeHint(option, view.model().index(longest, 0)).height()

    # Narrow, a long idea gets more lines instead of being cut short with "…".
    assert height_at(150) > height_at(600)


def test_wrap_page_outline_by_keyboard_enter_goes_to_the_part(qtbot, page):
    page.outline.setFocus()
    page._select("part", "triggers_must")
    qtbot.keyClick(page.outline, Qt.Key.Key_Down)  # arrows move through the outline
    assert page.outline.currentIndex().data(KeyRole) == "triggers_might"
    assert page.stack.currentIndex() == page._section_index["triggers"]
    qtbot.keyClick(page.outline, Qt.Key.Key_Return)
    assert page.editors["triggers_might"].entry.hasFocus()
    assert page.ideas.current_part() == "triggers_might"
    page.outline.setFocus()
    page._select("section", "post")
    qtbot.keyClick(page.outline, Qt.Key.Key_Return)  # a section: its first part
    assert page.editors["post_out"].entry.hasFocus()


def test_wrap_page_down_from_an_entry_goes_to_its_list_and_nowhere_else(qtbot, page, services,
                                                                        pid):
    services.wrap.add_item(pid, "toolbox", "Walk")
    services.wrap.add_item(pid, "toolbox", "Swim")
    page.refresh()
    editor = page.editors["toolbox"]
    editor.entry.setFocus()
    qtbot.keyClick(editor.entry, Qt.Key.Key_Down)
    assert editor.list.hasFocus() and editor.list.currentItem().text() == "Swim"
    ideas = page.ideas.list
    ideas.setFocus()
    ideas.setCurrentRow(0)
    qtbot.keyClick(ideas, Qt.Key.Key_Down)  # the arrow is the ideas list's own
    assert ideas.currentRow() == 1


def test_wrap_page_reloads_once_per_write_from_the_bus(qtbot, page, services, pid, monkeypatch):
    reads = []
    real = page.refresh
    monkeypatch.setattr(page, "refresh", lambda: (reads.append(1), real()))
    editor = page.editors["toolbox"]
    type_and_enter(qtbot, editor, "Walk on the beach")
    assert len(reads) == 1 and editor.texts() == ["Walk on the beach"]
    reads.clear()
    type_and_enter(qtbot, editor, "Call my sister")
    editor.list.setFocus()
    editor.list.setCurrentRow(1)
    reads.clear()
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # a move
    assert len(reads) == 1 and editor.texts() == ["Call my sister", "Walk on the beach"]
    reads.clear()
    assert drive(qtbot, WrapReviewDialog, page.mark_reviewed, click_save).problems == []
    assert len(reads) == 1 and len(services.wrap.versions(pid)) == 1
