"""The participant workspace builds its tabs one per turn of the event loop (the first at once),
so opening a practice never holds the window still for all of them; asking for a page builds
it at once."""

from __future__ import annotations

from recoverydesk.ui.extensions import PARTICIPANT_PAGES
from recoverydesk.ui.workspace import ParticipantWorkspace

ORDERED = sorted(PARTICIPANT_PAGES, key=lambda c: c.order)


def test_the_first_tab_at_once_the_others_soon_after(qtbot, services):
    workspace = ParticipantWorkspace(services, PARTICIPANT_PAGES)
    qtbot.addWidget(workspace)
    assert workspace.tabs.count() == 1
    assert type(workspace.tabs.widget(0)) is ORDERED[0]
    qtbot.waitUntil(lambda: workspace.tabs.count() == len(ORDERED), timeout=5000)
    assert [type(workspace.tabs.widget(i)) for i in range(len(ORDERED))] == ORDERED


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
