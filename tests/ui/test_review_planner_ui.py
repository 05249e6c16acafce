"""The planner's parts, driven in the real dialogs (issue 17 item 12): the review draft's own
words and risks-assessed choice, the goal editor's NDIS plan goal, the participant's plan goals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.participant_dialog import ParticipantDialog
from recoverydesk.ui.dialogs.review_draft import ReviewDraftDialog
from recoverydesk.ui.widgets.goal_editor import GoalEditor


def _ana(services):
    return services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lo")).value


def test_the_review_draft_keeps_their_words_and_the_risks_choice(qtbot, services):
    ana = _ana(services)
    review = services.reviews.start(ana.id, dt.date(2026, 3, 20)).value
    dialog = ReviewDraftDialog(services, review, "Ana", lambda *_a: None, lambda *_a: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "In Ana's words" in dialog.texts["participant_view"].accessibleName()
    qtbot.keyClicks(dialog.texts["participant_view"], "I feel braver")
    qtbot.keyClicks(dialog.texts["different_views"], "We see work differently")
    combo = dialog.risks_assessed
    assert combo.currentData() == "not_assessed"  # never assumed assessed
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "none_identified"
    dialog.save_button.click()
    saved = services.reviews.current(ana.id)
    assert saved.participant_view == "I feel braver"
    assert saved.different_views == "We see work differently"
    assert saved.risks_assessed == "none_identified"


def test_the_goal_editor_links_a_goal_to_a_plan_goal(qtbot, services):
    ana = _ana(services)
    plan = services.participants.set_ndis_goals(ana.id, ["Make friends", "Find paid work"]).value
    editor = GoalEditor()
    qtbot.addWidget(editor)
    editor.set_plan_goals([(g.id, g.text) for g in plan])
    editor.load(None)
    qtbot.keyClicks(editor.title, "Join the art group")
    assert editor.draft().ndis_goal_id is None
    editor.plan_goal.setFocus()
    qtbot.keyClick(editor.plan_goal, Qt.Key.Key_Down)
    assert editor.draft().ndis_goal_id == plan[0].id and editor.is_dirty()
    goal = services.goals.create(ana.id, editor.draft()).value
    editor.load(goal)
    assert editor.plan_goal.currentText() == "Make friends" and not editor.is_dirty()


def test_the_participant_dialog_keeps_the_plans_goals(qtbot, services):
    dialog = ParticipantDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.given_name, "Ana")
    dialog.plan_goals.setFocus()
    qtbot.keyClicks(dialog.plan_goals, "Make friends")
    qtbot.keyClick(dialog.plan_goals, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.plan_goals, "Find paid work")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    pid = services.participants.list()[0].id
    assert [g.text for g in services.participants.ndis_goals(pid)] == [
        "Make friends",
        "Find paid work",
    ]
    again = ParticipantDialog(services, services.participants.get(pid))
    qtbot.addWidget(again)
    assert again.plan_goals.toPlainText() == "Make friends\nFind paid work"


def test_too_many_plan_goals_get_a_plain_sentence_and_nothing_is_saved(qtbot, services):
    dialog = ParticipantDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.given_name, "Ana")
    dialog.plan_goals.setPlainText("\n".join(f"Goal {i}" for i in range(21)))
    dialog.save()
    assert dialog.plan_goals_error.isVisible()
    assert "20 plan goals or fewer" in dialog.plan_goals_error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert services.participants.list() == []
