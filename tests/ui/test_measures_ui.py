"""The measures screen (issue 23, item 3): load a measure template file (wording and licence the
coach's), record a reading with the template's scoring, list readings; readings show as dated
moments on the Recovery story tab, in the lane of each process the template gives items for."""

from __future__ import annotations

import datetime as dt

import pytest
from live_dialogs import drive
from measure_files import write_template
from PySide6.QtWidgets import QDialog

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.measure_reading import MeasureReadingDialog
from recoverydesk.ui.dialogs.measures import MeasuresDialog
from recoverydesk.ui.pages.story import StoryPage


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Mia", family_name="Tran")).value.id


def test_load_a_template_then_record_a_reading(qtbot, services, pid, tmp_path):
    screen = MeasuresDialog(services, pid)
    qtbot.addWidget(screen)
    assert not screen.record_button.isEnabled()
    assert "ships no questionnaire wording" in screen.loaded.text()
    screen.load_template(str(write_template(tmp_path)))
    qtbot.waitUntil(lambda: screen.record_button.isEnabled())
    assert "used under: Used with the authors' permission (test)" in screen.loaded.text()
    assert screen.message.text() == "Loaded Process of recovery (test wording)."

    def answer(dialog: MeasureReadingDialog) -> None:
        assert dialog.source.text().startswith("Wording from: Typed in by the coach")
        assert dialog.total.text() == "0 of 6 answered: no total until 5 are"
        for box, value in zip(dialog.answers, (4, 3, 2, 1, 0, None), strict=True):
            box.setCurrentIndex(box.findData(value))
        assert dialog.answers[0].currentText() == "4 · Agree strongly"
        assert dialog.total.text() == "Total 10 of 24"
        dialog.taken_on.set_value(dt.date(2026, 3, 4))
        dialog.note.setText("Together at the library")
        dialog.save()

    run = drive(qtbot, MeasureReadingDialog, screen.record, answer)  # its real exec()
    assert run.problems == [] and run.ended
    reading = services.chime.measures.readings(pid)[0]
    assert (reading.taken_on, reading.answers, reading.total) == (
        dt.date(2026, 3, 4), (4, 3, 2, 1, 0, None), 10)
    assert screen.readings.item(0).text() == (
        "4 Mar 2026 · Process of recovery (test wording) · total 10 of 24 "
        "(Together at the library)")


def test_a_reading_needs_a_day_and_an_answer(qtbot, services, pid, tmp_path):
    services.chime.measures.load_template(write_template(tmp_path))
    dialog = MeasureReadingDialog(services, pid, services.chime.measures.templates())
    qtbot.addWidget(dialog)
    dialog.taken_on.set_value(None)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problems() == {"taken_on": "Say which day the reading was taken."}
    dialog.taken_on.set_value(dt.date(2026, 3, 4))
    assert dialog.problems() == {"answers": "Choose at least one answer."}
    assert services.chime.measures.readings(pid) == []
    qtbot.wait(5)  # the error lines settle (their re-layout waits for the event loop)


def test_a_file_that_is_not_a_template_is_refused_in_plain_words(qtbot, services, pid,
                                                                  tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    screen = MeasuresDialog(services, pid)
    qtbot.addWidget(screen)
    screen.load_template(str(bad))
    qtbot.waitUntil(lambda: "not a measure template" in screen.message.text())
    assert services.chime.measures.templates() == []


def test_readings_are_dated_moments_on_the_story_tab(qtbot, services, pid, tmp_path):
    services.chime.measures.load_template(write_template(tmp_path))
    services.chime.measures.record(pid, "qpr-test", dt.date(2026, 3, 4), [4, 3, 2, 1, 0, 4])
    services.chime.measures.record(pid, "qpr-test", dt.date(2026, 9, 1), [1, 1, 1, 1, 1, 1])
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.set_participant(pid)
    page.show()
    assert page.empty.isHidden() and not page.lanes_row.isHidden()
    connected = page.lanes["connectedness"]  # items 1 and 6
    assert connected.count() == 2
    assert connected.text(0) == (
        "1 Sep 2026 · Process of recovery (test wording)\nConnectedness items: 2 of 8")
    assert connected.text(1).endswith("Connectedness items: 8 of 8")
    assert page.lanes["hope"].text(1).endswith("Hope items: 3 of 4")
    assert page.readings_label.text().startswith(
        "Readings: 1 Sep 2026 · Process of recovery (test wording) · total 6 of 24")
