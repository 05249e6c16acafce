"""The participant workspace builds a tab's page when the tab is first shown (or asked for), in
its place, so opening a practice never holds the window still for them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from recoverydesk.ui.extensions import PARTICIPANT_PAGES
from recoverydesk.ui.workspace import ParticipantWorkspace

ORDERED = sorted(PARTICIPANT_PAGES, key=lambda c: c.order)


def test_each_page_is_built_when_its_tab_is_first_shown(qtbot, services):
    from recoverydesk.services.participants.types import ParticipantDraft

    pid = services.participants.create(ParticipantDraft(given_name="Tui",
                                                        family_name="Ngata")).value.id
    workspace = ParticipantWorkspace(services, PARTICIPANT_PAGES)
    qtbot.addWidget(workspace)
    assert workspace.tabs.count() == len(ORDERED)
    assert workspace.tabs.currentIndex() == 0
    assert all(type(workspace.tabs.widget(i)) is QWidget for i in range(len(ORDERED)))
    workspace.set_participant(pid)  # the first tab shows them (built now if not yet)
    assert type(workspace.tabs.widget(0)) is ORDERED[0]
    assert workspace.tabs.widget(0).participant_id == pid
    assert all(type(workspace.tabs.widget(i)) is QWidget for i in range(1, len(ORDERED)))
    qtbot.wait(50)  # nothing else is built behind the coach's back
    assert type(workspace.tabs.widget(2)) is QWidget
    workspace.tabs.setCurrentIndex(2)  # the coach clicks the tab
    assert type(workspace.tabs.widget(2)) is ORDERED[2]
    assert workspace.tabs.currentIndex() == 2
    assert workspace.tabs.tabText(2) == workspace.tabs.widget(2).tab_title()


def test_asking_for_a_page_builds_it_in_its_place(qtbot, services):
    workspace = ParticipantWorkspace(services, PARTICIPANT_PAGES)
    qtbot.addWidget(workspace)
    last = ORDERED[-1]
    page = workspace.page(last.key)
    assert type(page) is last
    assert workspace.tabs.indexOf(page) == len(ORDERED) - 1
    assert workspace.page("no such tab") is None
    assert [type(p) for p in workspace.pages] == ORDERED


def test_a_page_built_later_shows_the_participant_when_opened(qtbot, services):
    from recoverydesk.services.participants.types import ParticipantDraft

    pid = services.participants.create(ParticipantDraft(given_name="Tui",
                                                        family_name="Ngata")).value.id
    workspace = ParticipantWorkspace(services, PARTICIPANT_PAGES)
    qtbot.addWidget(workspace)
    workspace.set_participant(pid)  # before the other tabs exist
    workspace.show_page("sessions")
    page = workspace.page("sessions")
    assert workspace.tabs.currentWidget() is page
    assert page.participant_id == pid
    assert not page.property("stale")


def test_the_first_page_is_built_in_the_next_turn(qtbot, services):
    workspace = ParticipantWorkspace(services, PARTICIPANT_PAGES)
    qtbot.addWidget(workspace)
    assert type(workspace.tabs.widget(0)) is QWidget
    qtbot.waitUntil(lambda: type(workspace.tabs.widget(0)) is ORDERED[0], timeout=2000)
    assert type(workspace.tabs.widget(1)) is QWidget


def test_every_tab_stays_in_sight_with_short_titles_when_the_window_is_narrow(qtbot, services):
    workspace = ParticipantWorkspace(services, PARTICIPANT_PAGES)
    qtbot.addWidget(workspace)
    workspace.resize(2200, 700)
    workspace.show()
    qtbot.waitExposed(workspace)
    tabs = workspace.tabs
    whole = [c.title.replace("&", "&&") for c in ORDERED]
    assert [tabs.tabText(i) for i in range(tabs.count())] == whole
    assert [tabs.tabToolTip(i) for i in range(tabs.count())] == [c.title for c in ORDERED]

    # Just too narrow for the whole titles (as on a 1366-wide laptop, the caseload beside it)
    whole_width = tabs.tabBar().sizeHint().width()
    workspace.resize(workspace.width() - (tabs.width() - whole_width) - 40, 700)
    qtbot.waitUntil(lambda: tabs.short_titles)
    shown = [tabs.tabText(i) for i in range(tabs.count())]
    assert shown == [(c.short_title or c.title).replace("&", "&&") for c in ORDERED]
    assert "Star" in shown and "Recovery Star" not in shown
    assert tabs.tabBar().sizeHint().width() <= tabs.width()  # the last tab too, no arrows
    assert tabs.tabToolTip(shown.index("Star")) == "Recovery Star"  # whole, to hover
    page = workspace.page(ORDERED[-1].key)  # built while the titles are short: it keeps them
    assert tabs.tabText(tabs.indexOf(page)) == shown[-1]

    workspace.resize(2200, 700)
    qtbot.waitUntil(lambda: not tabs.short_titles)
    assert [tabs.tabText(i) for i in range(tabs.count())] == whole
