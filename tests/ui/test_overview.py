"""The Overview tab: the person, their strengths in full, and one line from each capability."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from recoverydesk.charts import theme as charts_theme
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui import theme

LONG = ("Knows every bus route between Seaview and the city, and which drivers wait for "
        "people running late")


def shown(layout) -> list:
    """The widgets of a layout that are not hidden (rows are kept and refilled)."""
    widgets = (layout.itemAt(i).widget() for i in range(layout.count()))
    return [w for w in widgets if w is not None and not w.isHidden()]


def open_overview(main_window, services, **kw):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley",
                                                      **kw)).value
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
    p = services.participants.create(ParticipantDraft(given_name="Ahmed", family_name="Karimi")).value
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    page = main_window.workspace.page("overview")
    assert not page.strength_list.isVisible()
    assert page._strength_hint.isVisible() and "Ask what they are good at" in \
        page._strength_hint.text()


def test_glance_lines_open_their_tab_and_the_empty_text_fits_any_case(qtbot, main_window,
                                                                      services, monkeypatch):
    from recoverydesk.services import overview

    monkeypatch.setattr(overview, "GLANCES", [lambda s, pid, today: [
        overview.OverviewLine("Goals", "2 active goals <and> counting.", page="goals"),
        overview.OverviewLine("Action steps", "1 step is overdue.", attention=True)]])
    _p, page = open_overview(main_window, services)
    assert len(shown(page._lines_host)) == 2
    goals, steps = shown(page._lines_host)
    assert goals.heading.text() == "Goals"
    # Shown as written, never read as markup.
    assert goals.body.text() == "2 active goals <and> counting."
    assert goals.body.textFormat() == Qt.TextFormat.PlainText
    assert "href='goals'" in goals.open_link.text() and steps.open_link.text() == ""
    assert goals.page == "goals" and steps.page is None
    # Only the overdue line in the attention colour, as the app's style sheet draws it.
    assert steps.attention and not goals.attention
    page.setStyleSheet(theme.stylesheet(dark=False))
    ink = QPalette.ColorRole.WindowText
    assert steps.body.palette().color(ink) == QColor(charts_theme.ATTENTION)
    assert goals.body.palette().color(ink) != QColor(charts_theme.ATTENTION)
    page.setStyleSheet("")
    assert goals.accessibleName() == "Goals: 2 active goals <and> counting."
    opened = []
    page.open_page.connect(lambda key, ref: opened.append(key))
    goals.open_link.linkActivated.emit("goals")
    assert opened == ["goals"]

    monkeypatch.setattr(overview, "GLANCES", [])
    page.refresh()
    [empty] = [w.text() for w in shown(page._lines_host)]
    assert "Nothing to follow up yet" in empty and "strengths" not in empty.lower()


def test_details_show_what_is_known_and_skip_blanks(qtbot, main_window, services):
    _p, page = open_overview(main_window, services, pronouns="she/her", ndis_number="430000001")
    texts = [w.text() for w in shown(page._grid)]
    assert "NDIS number" in texts and "430000001" in texts and "she/her" in texts
    assert "Email" not in texts and "Phone" not in texts


def test_switching_people_leaves_nothing_of_the_last_one(qtbot, main_window, services,
                                                          monkeypatch):
    from recoverydesk.services import overview

    first = services.participants.create(ParticipantDraft(
        given_name="Kiri", family_name="Walker", email="kiri@example.com", phone="0400 111 222")).value
    second = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Lane")).value
    monkeypatch.setattr(overview, "GLANCES", [lambda s, pid, today: [
        overview.OverviewLine("Goals", f"Goals of {pid}."),
        *([overview.OverviewLine("WRAP", "Half done.")] if pid == first.id else [])]])
    main_window.list_panel.reload()
    main_window.open_participant(first.id)
    page = main_window.workspace.page("overview")
    assert "kiri@example.com" in [w.text() for w in shown(page._grid)]
    assert len(shown(page._lines_host)) == 2
    main_window.open_participant(second.id)
    texts = [w.text() for w in shown(page._grid)]
    assert "Ari Lane" in texts and "Email" not in texts and "kiri@example.com" not in texts
    [line] = shown(page._lines_host)
    assert line.body.text() == f"Goals of {second.id}."


def test_a_strength_saved_in_its_dialog_shows_after_one_reload(qtbot, main_window, services):
    """The dialog saves through Op, which publishes what changed; the Overview (watching every
    kind of change) reloads once, from the bus, with the new strength in its list."""
    from live_dialogs import when_modal

    from recoverydesk.ui.dialogs.strength_dialog import StrengthDialog

    p, page = open_overview(main_window, services)
    reloads: list[int] = []
    real = page.refresh
    page.refresh = lambda: (reloads.append(1), real())

    def act(dialog: StrengthDialog) -> None:
        dialog.text.setText("Makes everyone laugh")
        dialog.save()

    seen = when_modal(StrengthDialog, act)
    page.add_strength()
    assert seen and seen[0].result() == seen[0].DialogCode.Accepted
    qtbot.waitUntil(lambda: page.strength_list.count() == 7)
    assert "Makes everyone laugh" in [page.strength_list.item(i).text() for i in range(7)]
    assert reloads == [1]
