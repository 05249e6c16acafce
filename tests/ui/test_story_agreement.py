"""Agree the story… on the Recovery story tab (issue 23 item 4): tick moments per part, their
words and typed name, agree; the preview of the story PDF follows; Story PDF… shows the story
as last agreed; the review report's dialog offers to attach it."""

from __future__ import annotations

import datetime as dt

import pytest
from live_dialogs import click_save, drive

from recoverydesk.services.chime.types import STORY_EXCERPTS_MAX
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.dialogs.agree_story import AgreeStoryDialog
from recoverydesk.ui.dialogs.review_draft import ReviewDraftDialog
from recoverydesk.ui.pages.story import StoryPage
from recoverydesk.ui.printing import _attach_story

NOTE = ("We walked along the beach. Mia said she feels hopeful about the TAFE course. "
        "She rang her sister for the first time in a year.")


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Mia", family_name="Tran")).value.id


def tagged_note(services, pid, day, text=NOTE):
    start = dt.datetime.combine(day, dt.time(10)).astimezone()
    sid = services.sessions.create(pid, SessionInput(starts_at=start, talked_about=text)).value.id
    for g in services.chime.suggest("session", sid):
        services.chime.accept(g.draft())
    return sid


def test_agree_the_story_then_its_preview(qtbot, services, pid):
    tagged_note(services, pid, dt.date(2026, 2, 3))
    page = StoryPage(services)
    qtbot.addWidget(page)
    page.set_participant(pid)
    buttons = page.agreement
    assert buttons.agree_button.isEnabled() and not buttons.pdf_button.isEnabled()

    def agree(dialog):
        assert [len(dialog.boxes[k]) for k in dialog.boxes] == [1, 1, 0, 1, 0]
        dialog.boxes["hope"][0].setChecked(True)
        dialog.own_words.setPlainText("I am getting there, one walk at a time.")
        dialog.typed_name.setText("Mia Tran")
        click_save(dialog)

    run = drive(qtbot, AgreeStoryDialog, buttons.agree_button.click, agree)
    assert run.problems == []
    (story,) = services.chime.stories.history(pid)
    assert [e.process for e in story.excerpts] == ["hope"]
    assert story.typed_name == "Mia Tran" and story.own_words.startswith("I am getting there")
    qtbot.waitUntil(lambda: buttons.preview is not None and buttons.preview.dialog is not None,
                    timeout=20000)
    preview = buttons.preview.dialog
    assert preview.page_count >= 1 and "Mia" in preview.windowTitle()
    preview.close()
    page.on_changed(ChangeSet.of("chime_agreed_story", participant_id=pid))
    assert buttons.pdf_button.isEnabled() and "agreed on" in buttons.pdf_button.toolTip()

    # agreeing again starts from the story last agreed
    dialog = AgreeStoryDialog(services, pid, "Mia", services.chime.story(pid), story)
    qtbot.addWidget(dialog)
    assert dialog.boxes["hope"][0].isChecked() and not dialog.boxes["connectedness"][0].isChecked()
    assert dialog.typed_name.text() == "Mia Tran"


def test_the_form_says_what_is_missing_and_keeps_each_part_short(qtbot, services, pid):
    for day in range(1, STORY_EXCERPTS_MAX + 3):
        tagged_note(services, pid, dt.date(2026, 3, day), "Mia feels hopeful.")
    dialog = AgreeStoryDialog(services, pid, "Mia", services.chime.story(pid))
    qtbot.addWidget(dialog)
    assert set(dialog.problems()) == {"excerpts"}
    hope = dialog.boxes["hope"]
    for box in hope[:STORY_EXCERPTS_MAX]:
        box.setChecked(True)
    assert not hope[-1].isEnabled()  # the part is full: the rest grey out
    hope[0].setChecked(False)
    assert hope[-1].isEnabled()
    assert dialog.problems() == {}
    dialog.agreed_on.set_value(dt.date.today() + dt.timedelta(days=2))
    assert set(dialog.problems()) == {"agreed_on"}


def test_the_review_report_offers_to_attach_the_agreed_story(qtbot, services, pid):
    tagged_note(services, pid, dt.date(2026, 2, 3))
    review = services.reviews.start(pid).value
    before = ReviewDraftDialog(services, review, "Mia", lambda *_: None, lambda *_: None)
    qtbot.addWidget(before)
    assert not before.attach_story.isEnabled() and not _attach_story(before)
    (hope,) = services.chime.tags_of(pid, process="hope")
    services.chime.stories.agree(pid, [hope.id], "My words.", agreed_on=dt.date(2026, 6, 1))
    dialog = ReviewDraftDialog(services, review, "Mia", lambda *_: None, lambda *_: None)
    qtbot.addWidget(dialog)
    assert dialog.attach_story.isEnabled() and not dialog.attach_story.isChecked()
    assert "1 Jun 2026" in dialog.attach_story.text()
    dialog.attach_story.setChecked(True)
    assert _attach_story(dialog)
