"""The Recovery Star tab as a coach uses it: empty state, a reading made together in the
dialog (stage names live, unscored flagged), comparing readings, the scores table, templates."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from recoverydesk.services.participants import ParticipantDraft
from recoverydesk.services.star import ReadingDraft
from recoverydesk.ui.dialogs.reading_dialog import ReadingDialog
from recoverydesk.ui.dialogs.template_dialog import TemplateDialog
from recoverydesk.ui.pages.star import StarPage

KEYS = [
    "managing_mental_health",
    "physical_health",
    "living_skills",
    "social_networks",
    "work",
    "relationships",
    "addictive_behaviour",
    "responsibilities",
    "identity_self_esteem",
    "trust_hope",
]


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Zoë", family_name="Hartley")
    ).id


def add(services, pid, day, base):
    return services.star.add_reading(pid, ReadingDraft(day, {k: base for k in KEYS}))


@pytest.fixture
def page(qtbot, services, pid):
    page = StarPage(services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_participant(pid)
    return page


def test_empty_state_says_what_to_do_next(page):
    assert page.stack.currentWidget() is page.empty
    assert "Start a Recovery Star reading together" in page.empty.text()
    assert not page.edit_button.isEnabled()


def test_first_and_latest_are_compared_by_default(qtbot, page, services, pid):
    for i, day in enumerate([dt.date(2025, 1, 10), dt.date(2025, 5, 2), dt.date(2025, 9, 1)]):
        add(services, pid, day, 3 + i)
    page.refresh()
    assert page.list.count() == 3
    assert len(page.checked_ids()) == 2
    lines = [ln for ln in page.radar.figure.axes[0].lines if ln.get_gid() == "reading"]
    assert len(lines) == 2
    # Tick the middle one too: three overlaid; a fourth tick would drop the oldest other.
    page.list.item(1).setCheckState(Qt.CheckState.Checked)
    lines = [ln for ln in page.radar.figure.axes[0].lines if ln.get_gid() == "reading"]
    assert len(lines) == 3
    # The table: a row per domain, a column per date, then the change.
    model = page.model
    assert model.rowCount() == 10 and model.columnCount() == 5
    assert model.headerData(2, Qt.Orientation.Horizontal) == "10 Jan 2025"
    assert model.index(0, 1).data() == "+2" and model.index(0, 4).data() == "5"
    page.tabs.setCurrentWidget(page.trends)
    assert len([ax for ax in page.trends.figure.axes if ax.get_visible()]) == 10


def test_reading_dialog_shows_stage_live_and_flags_unscored(qtbot, services, pid):
    earlier = add(services, pid, dt.date(2025, 1, 10), 4)
    template = services.star.template_for(pid)
    dialog = ReadingDialog(services, pid, template, previous=earlier)
    qtbot.addWidget(dialog)
    control = dialog.controls["work"]
    qtbot.keyClick(control, Qt.Key.Key_6)
    assert control.value() == 6 and dialog.stage_labels["work"].text() == "Believing"
    assert dialog.previous_labels["work"].text() == "last time 4"
    control.group.button(9).click()
    assert dialog.stage_labels["work"].text() == "Self-reliance"
    assert "Not scored yet (9 of 10)" in dialog.flag.text()
    dialog.notes["work"].setText("Started at the op shop")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = services.star.readings(pid)[-1]
    assert saved.scores["work"] == 9 and saved.notes["work"] == "Started at the op shop"
    assert len(saved.unscored) == 9


def test_editing_a_reading_from_the_tab(qtbot, main_window, services, pid, monkeypatch):
    add(services, pid, dt.date(2025, 1, 10), 4)
    main_window.list_panel.reload()
    main_window.open_participant(pid, "star")
    page = main_window.workspace.page("star")
    assert main_window.workspace.tabs.currentWidget() is page
    seen = {}

    def fake_exec(dialog):
        seen["value"] = dialog.controls["trust_hope"].value()
        dialog.controls["trust_hope"].set_value(7)
        dialog.save()
        return 1

    monkeypatch.setattr(ReadingDialog, "exec", fake_exec)
    page.edit_reading()
    assert seen["value"] == 4
    assert services.star.readings(pid)[0].scores["trust_hope"] == 7
    assert page.model.index(9, 2).data() == "7"  # the bus refreshed the tab
    main_window.undo_last()  # changed a score by mistake: put it back
    assert services.star.readings(pid)[0].scores["trust_hope"] == 4
    assert page.model.index(9, 2).data() == "4"


def test_template_dialog_copies_and_versions_a_template(qtbot, services):
    dialog = TemplateDialog(services)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # the bundled Recovery Star is read-only
    star = dialog.current()
    services.star.copy_template(star.id, "Our star")
    dialog.reload()
    mine = next(i for i, t in enumerate(dialog._templates) if t.name == "Our star")
    dialog.list.setCurrentRow(mine)
    assert dialog.save_button.isEnabled()
    dialog.domains.item(0, 2).setText("Licensed words pasted here")
    dialog.save_current()
    saved = next(t for t in services.star.templates() if t.name == "Our star")
    assert saved.version_number == 2
    assert saved.definition.domains[0].description == "Licensed words pasted here"


def test_star_is_drawn_at_full_screen_resolution(qtbot, page, services, pid):
    add(services, pid, dt.date(2025, 1, 10), 5)
    page.refresh()
    canvas = page.radar.canvas
    ratio = canvas.device_pixel_ratio
    assert page.radar.figure.bbox.width == pytest.approx(canvas.width() * ratio, abs=2)
    assert page.radar.figure.bbox.height == pytest.approx(canvas.height() * ratio, abs=2)


def test_a_reading_with_nothing_scored_is_not_saved(qtbot, services, pid):
    dialog = ReadingDialog(services, pid, services.star.template_for(pid))
    qtbot.addWidget(dialog)
    assert dialog.flag.text() == "No domains scored yet."
    dialog.save()
    assert "Score at least one domain" in dialog.error.text()
    assert services.star.readings(pid) == []
