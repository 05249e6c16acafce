"""The Recovery story tab (issue 23): empty until something is tagged; then turning points, the
quarters chart and a lane per CHIME process quoting the participant's words."""

from __future__ import annotations

import datetime as dt

import pytest
from live_dialogs import click_save, drive
from PySide6.QtWidgets import QMenu

from recoverydesk.services.chime.types import TagDraft, TurningPointDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.dialogs.turning_point import TurningPointDialog
from recoverydesk.ui.pages.story import StoryPage

NOTE = ("We walked along the beach. Mia said she feels hopeful about the TAFE course. "
        "She rang her sister for the first time in a year.")


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Mia", family_name="Tran")).value.id


def tagged_note(services, pid, day):
    start = dt.datetime.combine(day, dt.time(10)).astimezone()
    sid = services.sessions.create(pid, SessionInput(starts_at=start, talked_about=NOTE)).value.id
    for g in services.chime.suggest("session", sid):
        services.chime.accept(g.draft())
    return sid


def test_empty_until_something_is_tagged(qtbot, services, pid):
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.set_participant(pid)
    page.show()
    assert not page.empty.isHidden() and page.lanes_row.isHidden()


def test_lanes_quote_the_tagged_words_newest_first(qtbot, services, pid):
    tagged_note(services, pid, dt.date(2026, 2, 3))
    sid = tagged_note(services, pid, dt.date(2026, 8, 4))
    services.chime.accept(TagDraft("session", sid, "identity"))
    services.chime.mark_turning_point(pid, TurningPointDraft(dt.date(2026, 8, 4),
                                                             "Back in touch with her sister"))
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.set_participant(pid)
    page.show()
    qtbot.waitExposed(page)
    assert page.empty.isHidden() and not page.lanes_row.isHidden()
    hope = page.lanes["hope"]
    assert hope.count() == 2
    assert hope.text(0).startswith("4 Aug 2026 · Session note\n“Mia said she feels")
    assert page.lanes["connectedness"].count() == 2
    assert page.lanes["identity"].text(0).endswith("first time in a year.")  # whole note
    assert page.lanes["empowerment"].count() == 0
    assert page.points_list.item(0).text() == "4 Aug 2026 · Back in touch with her sister"
    page._draw()
    assert page.chart.figure is not None
    bars = [b for b in page.chart.figure.axes[0].patches if b.get_gid() == "hope"]
    assert [b.get_height() for b in bars] == [1, 0, 1]  # 2026 Q1, Q2, Q3
    timeline = page.timeline.figure.axes[0]
    (hope_marks,) = [ln for ln in timeline.lines if ln.get_gid() == "hope"]
    assert list(hope_marks.get_xdata()) == [dt.date(2026, 2, 3), dt.date(2026, 8, 4)]
    assert "Back in touch with her sister" in [t.get_text() for t in timeline.texts]


def test_refreshes_when_a_tag_changes(qtbot, services, pid):
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.set_participant(pid)
    tagged_note(services, pid, dt.date(2026, 2, 3))
    page.on_changed(ChangeSet.of("chime_tag", participant_id=pid))
    assert page.lanes["hope"].count() == 1


def test_turning_points_are_marked_changed_and_removed_from_the_tab(qtbot, services, pid):
    tagged_note(services, pid, dt.date(2026, 2, 3))
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.set_participant(pid)

    def enrol(dialog):
        dialog.title.setText("Enrolled at TAFE")
        dialog.tag.setCurrentIndex(1)
        click_save(dialog)

    assert drive(qtbot, TurningPointDialog, page.mark_turning_point, enrol).problems == []
    (point,) = services.chime.turning_points(pid)
    assert point.title == "Enrolled at TAFE" and point.tag_id is not None
    page.on_changed(ChangeSet.of("chime_turning_point", participant_id=pid))
    assert page.points_list.count() == 1

    def rename(dialog):
        assert dialog.point == point and dialog.tag.currentData() == point.tag_id
        dialog.title.setText("First week at TAFE")
        click_save(dialog)

    assert drive(qtbot, TurningPointDialog, page.change_turning_point, rename).problems == []
    assert services.chime.turning_points(pid)[0].title == "First week at TAFE"
    page.on_changed(ChangeSet.of("chime_turning_point", participant_id=pid))
    page.remove_turning_point()
    qtbot.waitUntil(lambda: not services.chime.turning_points(pid))


def test_the_turning_point_form_says_what_is_missing(qtbot, services, pid):
    dialog = TurningPointDialog(services, pid, [])
    qtbot.addWidget(dialog)
    assert dialog.problems() == {"title": "A turning point needs a short title."}
    dialog.title.setText("First bus trip on her own")
    assert dialog.problems() == {}


def test_a_moment_is_tagged_as_another_process_or_its_tag_removed(qtbot, services, pid):
    tagged_note(services, pid, dt.date(2026, 2, 3))
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.set_participant(pid)
    (hope,) = services.chime.tags_of(pid, process="hope")
    page.retag(hope.id, "identity")
    qtbot.waitUntil(lambda: services.chime.tags_of(pid, process="hope") == [])
    page.on_changed(ChangeSet.of("chime_tag", participant_id=pid))
    assert page.lanes["identity"].count() == 1 and page.lanes["hope"].count() == 0
    page.remove_tag(hope.id)
    qtbot.waitUntil(lambda: services.chime.tags_of(pid, process="identity") == [])
    page.on_changed(ChangeSet.of("chime_tag", participant_id=pid))
    assert page.lanes["identity"].count() == 0


def test_the_moment_menu_offers_the_other_processes(qtbot, services, pid):
    tagged_note(services, pid, dt.date(2026, 2, 3))
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.set_participant(pid)
    page.show()
    (hope,) = services.chime.tags_of(pid, process="hope")
    page._moment_menu(hope.id, page.mapToGlobal(page.rect().center()))
    menus = page.findChildren(QMenu)
    (as_menu,) = [m for m in menus if m.title() == "Tag it as"]
    (menu,) = [m for m in menus if m is not as_menu]
    enabled = [a.text() for a in as_menu.actions() if a.isEnabled()]
    assert "Hope and optimism about the future" not in enabled and "Identity" in enabled
    assert "Remove this tag" in [a.text() for a in menu.actions()]
    menu.close()
