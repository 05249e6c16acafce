"""The conflict window driven for real (issue 20 item 4): the participant form open with a new
phone, another coach's save of the same participant meanwhile, Save in the form; then each way
on, through the dialog's own exec() loop."""

from __future__ import annotations

import dataclasses

import pytest
from dialog_cases import World, goal_world
from dialog_cases_conflict import open_conflict
from live_dialogs import ACCEPTED, REJECTED, click_cancel, drive, press_escape
from PySide6.QtWidgets import QWidget

from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.participants.types import FIELD_LABELS, ParticipantDraft
from recoverydesk.ui.dialogs.edit_conflict import EditConflictDialog
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.together.wrap_section import WrapSection


@pytest.fixture
def world(main_window, qtbot, tmp_path, monkeypatch, message_boxes):
    return World(main_window, qtbot, tmp_path, monkeypatch, message_boxes)


def _stored(world):
    p = world.services.participants.get(world.ids["pid"])
    return p.phone, p.pronouns, p.about, p.version


def _click(attr):
    return lambda dialog: getattr(dialog, attr).click()


@pytest.mark.parametrize("act, expected", [
    (_click("keep_mine_button"), ("0411 111 111", "they/them", "", 3)),
    (_click("take_theirs_button"), ("0400 999 999", "", "Likes the beach.", 2)),
])
def test_keep_mine_or_take_theirs_saves_and_closes_the_form(world, act, expected):
    form = open_conflict(world)
    run = drive(world.qtbot, EditConflictDialog, form.save, act)
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert _stored(world) == expected
    assert not form.isVisible() and form.saved is not None
    assert world.message_boxes.shown == []


def test_a_merge_by_hand_saves_the_picks_and_the_edits_and_is_audited(world):
    form = open_conflict(world)

    def merge(dialog):
        assert set(dialog.picks) == {"pronouns", "phone", "about"}  # the fields that differ
        dialog.picks["about"].setCurrentIndex(1)  # theirs
        dialog.results["phone"].setText("0400 999 999 (mobile)")
        dialog.save_button.click()

    run = drive(world.qtbot, EditConflictDialog, form.save, merge)
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert _stored(world) == ("0400 999 999 (mobile)", "they/them", "Likes the beach.", 3)
    trail = world.services.participants.audit_trail(world.ids["pid"])
    assert trail[0].action == "participant.conflict_merged"


@pytest.mark.parametrize("way", [press_escape, click_cancel])
def test_back_to_the_form_saves_nothing_and_keeps_what_was_typed(world, way):
    form = open_conflict(world)
    run = drive(world.qtbot, EditConflictDialog, form.save, way)
    assert run.problems == [] and run.codes == [REJECTED]
    assert _stored(world) == ("0400 999 999", "", "Likes the beach.", 2)
    assert form.isVisible() and form.phone.text() == "0411 111 111"


def test_a_merge_with_a_problem_says_so_beside_the_field_and_stays_open(world):
    form = open_conflict(world)
    seen = []

    def bad_then_escape(dialog):
        # the capability's own check of the merged draft (a participant's phone has no rule)
        dialog.conflict.problems = lambda d: (
            {"phone": "That phone number is too long."} if len(d.phone) > 20 else {})
        dialog.results["phone"].setText("0" * 30)
        dialog.save_button.click()
        seen.append((dialog.isVisible(), dialog.row_errors["phone"].text(), dialog.resolution))
        press_escape(dialog)

    run = drive(world.qtbot, EditConflictDialog, form.save, bad_then_escape)
    assert run.problems == [] and run.codes == [REJECTED]
    assert seen == [(True, "That phone number is too long.", None)]
    assert _stored(world) == ("0400 999 999", "", "Likes the beach.", 2)


def test_both_versions_are_shown_field_by_field_and_can_be_copied(world):
    form = open_conflict(world)
    shots = []

    def look(dialog):
        text = dialog.both_versions_text()
        assert "Phone: 0411 111 111" in text and "Phone: 0400 999 999" in text
        assert "In their words: Likes the beach." in text
        dialog.copy_button.click()
        shots.append(dialog.grab())
        dialog.reject()

    drive(world.qtbot, EditConflictDialog, form.save, look)
    assert shots[0].save(str(world.tmp_path / "team-conflict.png"))


def test_the_goal_editor_meets_the_conflict_window_too(world):
    """Not a FormDialog: the Goals tab's editor saves through Op, which shows the window."""
    gid = goal_world(world)
    page = world.page("goals")
    page.editor.specific.setPlainText("Walk to the surf club and back")
    stored = world.services.goals.get(gid)
    world.services.goals.update(gid, dataclasses.replace(stored.to_draft(), measure="Days a week"))

    def keep_mine(dialog):
        assert set(dialog.picks) == {"specific", "measure"}
        dialog.keep_mine_button.click()

    run = drive(world.qtbot, EditConflictDialog, page.save_goal, keep_mine)
    assert run.problems == [] and run.codes == [ACCEPTED]
    goal = world.services.goals.get(gid)
    assert (goal.specific, goal.measure, goal.version) == ("Walk to the surf club and back", "", 3)


def test_the_plan_goals_typed_in_the_form_are_saved_with_the_answer(world):
    form = open_conflict(world)
    form.plan_goals.setPlainText("Join a choir")
    run = drive(world.qtbot, EditConflictDialog, form.save, _click("take_theirs_button"))
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert [g.text for g in world.services.participants.ndis_goals(world.ids["pid"])] == [
        "Join a choir"]
    assert _stored(world)[0] == "0400 999 999"


def test_going_back_tells_the_ops_failure_callback_and_shows_no_error_box(qtbot, message_boxes):
    """What counts saves in flight (the Together sections) settles; nothing else is said."""
    parent = QWidget()
    qtbot.addWidget(parent)
    conflict = EditConflict(
        ParticipantDraft(given_name="Kiri", base_version=1),
        ParticipantDraft(given_name="Kiri-Ann", base_version=2), ("given_name",),
        labels=FIELD_LABELS, version=2, what="participant", save_again=lambda d, how: None)
    told, saved = [], []

    def refuse():
        raise conflict

    def open_it():
        Op(parent, refuse).success(saved.append).failure(told.append).run()

    run = drive(qtbot, EditConflictDialog, open_it, press_escape)
    assert run.problems == [] and run.codes == [REJECTED]
    assert told == [conflict] and saved == [] and message_boxes.shown == []


def test_together_wrap_edits_send_the_version_shown_and_the_next_starts_from_the_saved(
        services, qtbot):
    pid = services.participants.create(ParticipantDraft(given_name="Kiri")).value.id
    item = services.wrap.add_item(pid, "daily_well", "Up early").value
    section = WrapSection(services, pid, "Kiri")
    qtbot.addWidget(section)
    section.load()
    section.go(next(i for i, s in enumerate(section.sections)
                    if any(p.key == "daily_well" for p in s.parts)))
    edit, _kept = section.item_edits[item.id]
    for words in ("Up early, walk the dog", "Up early, walk the dog, tea"):
        edit.setText(words)
        section._item_edited(item.id)
    assert services.wrap.item(item.id).text == "Up early, walk the dog, tea"
    assert section.versions[item.id] == services.wrap.item(item.id).version == 3
