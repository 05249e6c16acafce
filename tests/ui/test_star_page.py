"""The Recovery Star tab as a coach uses it: empty state, a reading made together in the
dialog (stage names live, unscored flagged), comparing readings, the scores table, templates."""

from __future__ import annotations

import datetime as dt

import pytest
from live_dialogs import click_cancel, click_save, drive
from PySide6.QtCore import Qt

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.star.types import ReadingDraft
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
    ).value.id


def add(services, pid, day, base):
    return services.star.add_reading(pid, ReadingDraft(day, {k: base for k in KEYS})).value


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
    # The table: a row per domain (named in the row header), a column per date, the change.
    model = page.model
    assert model.rowCount() == 10 and model.columnCount() == 4
    assert model.headerData(0, Qt.Orientation.Vertical) == "Managing mental health"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "10 Jan 2025"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Change"
    assert model.index(0, 2).data() == "5" and model.index(0, 3).data() == "+2"
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
    ringed = [b.text() for b in control.group.buttons() if b.property("previous")]
    assert ringed == ["4"]  # last time's score is ringed faintly on the control too
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

    def change_to_seven(dialog):
        seen["value"] = dialog.controls["trust_hope"].value()
        dialog.controls["trust_hope"].set_value(7)
        click_save(dialog)

    assert drive(qtbot, ReadingDialog, page.edit_reading, change_to_seven).problems == []
    assert seen["value"] == 4
    assert services.star.readings(pid)[0].scores["trust_hope"] == 7
    assert page.model.index(9, 0).data() == "7"  # the bus refreshed the tab
    main_window.undo_last()  # changed a score by mistake: put it back
    assert services.star.readings(pid)[0].scores["trust_hope"] == 4
    assert page.model.index(9, 0).data() == "4"


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
    dialog.domains.setCurrentCell(1, 0)
    assert dialog.about_label.text() == "Description of “Physical health and self-care”"
    licensed = "Stuck: ...\n\nAccepting help: ...\n\nLicensed paragraphs pasted here."
    dialog.about.setPlainText(licensed)  # paragraphs keep their line breaks
    dialog.save_current()
    saved = next(t for t in services.star.templates() if t.name == "Our star")
    assert saved.version_number == 2
    assert saved.definition.domains[1].description == licensed
    assert [d.key for d in saved.definition.domains] == KEYS  # keys never change


def test_a_new_template_is_named_domain_by_domain(qtbot, services):
    dialog = TemplateDialog(services)
    qtbot.addWidget(dialog)
    dialog.start_new()
    assert dialog.save_button.isEnabled() and dialog.domains.rowCount() == 1
    dialog.name.setText("Our five areas")
    for i, text in enumerate(["Home", "Money and bills", "Friends", "Where I live"]):
        if i:
            dialog.add_domain.click()
        dialog.domains.item(i, 0).setText(text)
    dialog.save_current()
    saved = next(t for t in services.star.templates() if t.name == "Our five areas")
    assert [(d.key, d.label) for d in saved.definition.domains] == [
        ("home", "Home"),
        ("money_and_bills", "Money and bills"),
        ("friends", "Friends"),
        ("where_i_live", "Where I live"),
    ]
    assert [s.name for s in saved.definition.stages][0] == "Stuck"
    assert dialog.current().id == saved.id  # the list shows it, no "not saved yet" left over
    assert dialog.list.count() == len(services.star.templates())


def test_a_template_file_is_added_or_refused_naming_file_and_field(
    qtbot, services, tmp_path, monkeypatch
):
    import json

    from PySide6.QtWidgets import QFileDialog

    good = {
        "key": "org-star",
        "name": "Our organisation's star",
        "domains": [
            {"key": k, "label": k.title(), "description": f"About {k}"}
            for k in ("home", "money", "friends")
        ],
    }
    bad = dict(good, domains=good["domains"][:2] + [{"key": "friends"}])
    (tmp_path / "org.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "broken.json").write_text(json.dumps(bad), encoding="utf-8")
    dialog = TemplateDialog(services)
    qtbot.addWidget(dialog)
    chosen = {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen["path"], ""))
    chosen["path"] = str(tmp_path / "broken.json")
    dialog.import_file()
    assert "broken.json: The third life domain has no label." in dialog.error.text()
    assert len(services.star.templates()) == 2  # nothing added
    chosen["path"] = str(tmp_path / "org.json")
    dialog.import_file()
    added = dialog.current()
    assert added.name == "Our organisation's star" and not added.bundled
    assert added.definition.domains[0].description == "About home"


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


def test_readings_list_shows_whole_dates_and_flags_partial_readings(page, services, pid):
    add(services, pid, dt.date(2025, 1, 10), 4)
    services.star.add_reading(pid, ReadingDraft(dt.date(2025, 6, 2), {"work": 5}))
    page.refresh()
    texts = [page.list.item(i).text() for i in range(page.list.count())]
    # Newest first; one template, so no template name crowding the date.
    assert texts == ["2 Jun 2025\n1 of 10 scored", "10 Jan 2025"]  # the app's month names
    assert page.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_scores_table_opens_at_the_newest_reading_with_domains_in_view(qtbot, page, services, pid):
    for month in range(1, 13):
        add(services, pid, dt.date(2024, month, 1), 1 + month % 9)
    page.resize(700, 600)
    page.refresh()
    page.tabs.setCurrentWidget(page.table)
    qtbot.waitUntil(lambda: page.table.horizontalScrollBar().value() > 0)
    header = page.table.horizontalHeader()
    last = page.model.columnCount() - 1
    viewport = page.table.viewport().width()
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= viewport + 1
    assert page.table.verticalHeader().isVisible()  # the domain names do not scroll away


def test_star_is_designed_afresh_for_a_new_size(qtbot, page, services, pid):
    add(services, pid, dt.date(2025, 1, 10), 5)
    page.refresh()
    before = tuple(page.radar.figure.get_size_inches())
    page.resize(900, 1000)
    qtbot.waitUntil(lambda: tuple(page.radar.figure.get_size_inches()) != before, timeout=2000)
    fig = page.radar.figure
    lines = [ln for ln in fig.axes[0].lines if ln.get_gid() == "reading"]
    assert len(lines) == 1 and lines[0].get_label() == "10 Jan 2025"


LAZY_AND_SHARP = """
import datetime as dt, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.participants.service import ParticipantDraft
from recoverydesk.services.star.types import ReadingDraft
from recoverydesk.ui import tasks
from recoverydesk.ui.pages.star import StarPage
tasks.use_synchronous_runner()
services = open_services(Path(sys.argv[1]), create=True)
pid = services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee")).value.id
page = StarPage(services)
page.resize(1000, 700)
page.show()
page.set_participant(pid)
app.processEvents()
print("loaded before a reading:", "matplotlib.backends.backend_agg" in sys.modules)
services.star.add_reading(pid, ReadingDraft(dt.date(2025, 1, 10), {"work": 5}))
page.refresh()
app.processEvents()
canvas = page.radar.canvas
print("loaded after:", "matplotlib.backends.backend_agg" in sys.modules)
print("ratio:", canvas.device_pixel_ratio)
print("pixels:", round(page.radar.figure.bbox.width), canvas.width() * canvas.device_pixel_ratio)
services.close()
"""


def test_the_chart_renderer_is_imported_on_first_chart_and_draws_every_screen_pixel(tmp_path):
    """In a fresh process at 200% scale, as on a Retina or 4K laptop (matplotlib's Agg renders
    the chart off the GUI thread; it loads with the first chart, not with the tab)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    out = subprocess.run(
        [sys.executable, "-c", LAZY_AND_SHARP, str(tmp_path / "p.rdk")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(": ", 1) for line in out.stdout.splitlines())
    assert lines["loaded before a reading"] == "False" and lines["loaded after"] == "True"
    assert float(lines["ratio"]) == 2.0
    drawn, screen = (float(v) for v in lines["pixels"].split())
    assert abs(drawn - screen) <= 2


def test_reading_shows_the_description_of_the_domain_being_scored(qtbot, services, pid):
    chime = next(t for t in services.star.templates() if t.key == "chime")
    dialog = ReadingDialog(services, pid, chime)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.about.isVisible()
    assert dialog.about.toPlainText().startswith("Connectedness\nPeople, groups and community")

    dialog.controls["hope"].setFocus()
    qtbot.waitUntil(lambda: dialog.about.toPlainText().startswith("Hope and optimism"))
    dialog.notes["identity"].setFocus()
    qtbot.waitUntil(lambda: "Who I am beyond the illness" in dialog.about.toPlainText())
    # The Recovery Star ships without Triangle's descriptions: no empty box for them.
    star = ReadingDialog(services, pid, services.star.template_for(pid))
    qtbot.addWidget(star)
    assert not star.about.isVisibleTo(star)


def test_closing_a_reading_with_scores_asks_first(qtbot, services, pid, message_boxes):
    from PySide6.QtWidgets import QMessageBox

    dialog = ReadingDialog(services, pid, services.star.template_for(pid))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing entered yet: closes without a question
    assert message_boxes.shown == [] and dialog.result() == dialog.DialogCode.Rejected
    dialog = ReadingDialog(services, pid, services.star.template_for(pid))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.controls["work"].set_value(6)
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(message_boxes.shown) == 1  # kept, scores and all
    assert dialog.controls["work"].value() == 6
    message_boxes.answer = QMessageBox.StandardButton.Discard
    dialog.reject()
    assert not dialog.isVisible() and services.star.readings(pid) == []


def test_enter_on_a_reading_opens_it_for_changes(qtbot, page, services, pid, monkeypatch):
    add(services, pid, dt.date(2025, 1, 10), 4)
    page.refresh()
    page.list.setFocus()
    page.list.setCurrentRow(0)
    run = drive(qtbot, ReadingDialog, lambda: qtbot.keyClick(page.list, Qt.Key.Key_Return),
                click_cancel)
    assert run.problems == [] and run.dialog.reading.id == services.star.readings(pid)[0].id


def test_one_reading_is_one_reading_not_one_readings(qtbot, page, services, pid):
    add(services, pid, dt.date(2025, 3, 4), 4)
    page.set_participant(pid)
    page.refresh()
    assert page.summary.text().startswith("1 reading since 4 Mar 2025.")
    add(services, pid, dt.date(2025, 6, 4), 5)
    page.refresh()
    assert page.summary.text().startswith("2 readings since 4 Mar 2025.")


def test_star_tab_reloads_once_per_write_from_the_bus(qtbot, main_window, services, pid,
                                                      monkeypatch):
    main_window.list_panel.reload()
    main_window.open_participant(pid, "star")
    page = main_window.workspace.page("star")
    reads = []
    real = page.refresh
    monkeypatch.setattr(page, "refresh", lambda: (reads.append(1), real()))

    def score_work(dialog):
        dialog.controls["work"].set_value(6)
        click_save(dialog)

    assert drive(qtbot, ReadingDialog, page.new_reading, score_work).problems == []
    assert len(reads) == 1 and page.list.count() == 1
    reads.clear()

    def copy_the_star(dialog):
        star = dialog.current()
        monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText",
                            lambda *a, **k: ("Our star", True))
        dialog.copy_current()
        assert dialog.current().name == "Our star" and dialog.current().id != star.id
        dialog.reject()

    assert drive(qtbot, TemplateDialog, page.open_templates, copy_the_star).problems == []
    assert len(reads) == 1 and page.template_box.findText("Our star") >= 0


def test_a_template_with_problems_says_so_beside_the_field_and_saves_nothing(qtbot, services):
    from PySide6.QtWidgets import QLabel

    def errors_shown() -> list[str]:
        return [lbl.text() for lbl in dialog.findChildren(QLabel)
                if lbl.property("role") == "error" and lbl.isVisible()]

    dialog = TemplateDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    before = len(services.star.templates())
    dialog.start_new()
    dialog.name.setText("")
    dialog.save_current()
    assert errors_shown() == ["This template: The name of the template is empty."]
    assert dialog.focusWidget() is dialog.name  # the cursor where the problem is
    dialog.name.setText("Our five areas")
    assert errors_shown() == []  # corrected: the line goes as the coach types
    dialog.stages.setText("Stuck one to two")
    dialog.save_current()
    assert errors_shown() == ["'Stuck one to two' should look like 'Stuck 1-2' (a name, then a "
                              "range)."]
    assert dialog.focusWidget() is dialog.stages
    assert len(services.star.templates()) == before


def test_save_chart_writes_the_star_or_the_trends_off_the_window_thread(
        qtbot, page, services, pid, tmp_path, monkeypatch, message_boxes):
    import threading

    from PySide6.QtWidgets import QFileDialog

    from recoverydesk.charts import star as star_charts
    from recoverydesk.ui import tasks

    add(services, pid, dt.date(2025, 1, 10), 4)
    add(services, pid, dt.date(2025, 6, 2), 6)
    page.refresh()
    threads = []
    real = star_charts.figure_to_png

    def png(fig, dpi):
        threads.append(threading.current_thread())
        return real(fig, dpi)

    monkeypatch.setattr(star_charts, "figure_to_png", png)
    chosen = {"path": str(tmp_path / "star.png")}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen["path"], ""))
    tasks.use_thread_runner()
    try:
        page.export_button.click()
        qtbot.waitUntil(lambda: (tmp_path / "star.png").exists(), timeout=10000)
        assert (tmp_path / "star.png").read_bytes()[:4] == b"\x89PNG"
        assert threads and threading.main_thread() not in threads
        page.tabs.setCurrentWidget(page.trends)
        chosen["path"] = str(tmp_path / "trends.svg")
        page.export_button.click()
        qtbot.waitUntil(lambda: (tmp_path / "trends.svg").exists(), timeout=10000)
        assert b"<svg" in (tmp_path / "trends.svg").read_bytes()[:400]
        chosen["path"] = str(tmp_path / "missing" / "star.png")
        page.export_button.click()
        qtbot.waitUntil(lambda: any("Could not save the chart" in m
                                    for m in message_boxes.shown), timeout=10000)
    finally:
        tasks.shutdown()
