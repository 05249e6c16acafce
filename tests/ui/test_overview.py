"""The Overview tab: the person, their strengths in full, and one line from each capability."""

from __future__ import annotations

from recoverydesk.services.participants import ParticipantDraft

LONG = ("Knows every bus route between Seaview and the city, and which drivers wait for "
        "people running late")


def open_overview(main_window, services, **kw):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley",
                                                      **kw))
    for category, text in (("skills", "Draws and paints"), ("environment", LONG),
                           ("values", "Family comes first"), ("interests", "Ocean swimming"),
                           ("personal", "Kind and patient"), ("relationships", "Close to Jo")):
        services.participants.add_strength(p.id, category, text)
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    return p, main_window.workspace.page("overview")


def test_every_strength_shows_in_full_without_an_inner_scroll_bar(qtbot, main_window, services):
    main_window.resize(1100, 700)
    _p, page = open_overview(main_window, services)
    strengths = page.strength_list
    qtbot.waitUntil(lambda: strengths.isVisible())
    assert strengths.count() == 6
    assert strengths.verticalScrollBar().maximum() == 0  # the list is as tall as its rows
    rows = [strengths.visualItemRect(strengths.item(i)) for i in range(strengths.count())]
    assert all(strengths.viewport().rect().contains(r) for r in rows)
    long_row = next(r for i, r in enumerate(rows) if strengths.item(i).text() == LONG)
    assert long_row.height() > rows[0].height()  # the long one wraps instead of being cut
    # Narrower window: it re-wraps and still fits.
    main_window.resize(960, 700)
    qtbot.waitUntil(lambda: strengths.verticalScrollBar().maximum() == 0)
    last = strengths.visualItemRect(strengths.item(strengths.count() - 1))
    assert last.bottom() <= strengths.viewport().height()


def test_no_strengths_gives_a_next_step_and_no_empty_list(qtbot, main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Ahmed", family_name="Karimi"))
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    page = main_window.workspace.page("overview")
    assert not page.strength_list.isVisible()
    assert page._strength_hint.isVisible() and "Ask what they are good at" in \
        page._strength_hint.text()


def test_glance_lines_open_their_tab_and_the_empty_text_fits_any_case(qtbot, main_window,
                                                                      services, monkeypatch):
    from recoverydesk.services import overview

    monkeypatch.setattr(overview, "PROVIDERS", [lambda s, pid, today: [
        overview.OverviewLine("Goals", "2 active goals <and> counting.", page="goals"),
        overview.OverviewLine("Action steps", "1 step is overdue.", attention=True)]])
    _p, page = open_overview(main_window, services)
    assert page._lines_host.count() == 2
    goals, steps = (page._lines_host.itemAt(i).widget() for i in range(2))
    assert "2 active goals &lt;and&gt; counting." in goals.text()  # plain text, never markup
    assert "href='goals'" in goals.text() and "href" not in steps.text()
    assert "color" in steps.text() and "color" not in goals.text()  # only the overdue line
    opened = []
    page.open_page.connect(lambda key, ref: opened.append(key))
    goals.linkActivated.emit("goals")
    assert opened == ["goals"]

    monkeypatch.setattr(overview, "PROVIDERS", [])
    page.refresh()
    empty = page._lines_host.itemAt(0).widget().text()
    assert "Nothing to follow up yet" in empty and "strengths" not in empty.lower()


def test_details_show_what_is_known_and_skip_blanks(qtbot, main_window, services):
    _p, page = open_overview(main_window, services, pronouns="she/her", ndis_number="430000001")
    shown = [page._grid.itemAt(i).widget().text() for i in range(page._grid.count())]
    assert "NDIS number" in shown and "430000001" in shown and "she/her" in shown
    assert "Email" not in shown and "Phone" not in shown
