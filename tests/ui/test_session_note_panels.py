"""The session note is made of panels (when and where, travel, goals and tools, the note): a
saved session loads into them and comes back out unchanged, and only the coach's own edits
count as unsaved changes."""

from __future__ import annotations

import datetime as dt

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.ui.dialogs.session_note import SessionNoteDialog


def test_a_saved_session_loads_into_the_panels_and_comes_back_unchanged(qtbot, services):
    p = services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee")).value
    goal = services.goals.create(p.id, GoalDraft(title="Swim at the ocean pool")).value
    start = (dt.datetime.now().astimezone() - dt.timedelta(days=2)).replace(
        hour=10, minute=15, second=0, microsecond=0)
    saved = services.sessions.create(p.id, SessionInput(
        starts_at=start, duration_minutes=75, location_kind="phone", location_text="Mobile",
        face_to_face=True, status="no_show", status_reason="Slept in", goal_ids=(goal.id,),
        tools=("wrap", "other"), tools_other="Budget sheet", talked_about="Rang twice",
        went_well="Texted back", next_steps="Try Tuesday", travel_km=2.5,
        travel_minutes=10)).value
    dialog = SessionNoteDialog(services, p.id, saved)
    qtbot.addWidget(dialog)
    typed = dialog.current_input()
    assert typed.starts_at == saved.starts_at and typed.ends_at == saved.ends_at
    expected = saved.to_input()
    for name in ("duration_minutes", "location_kind", "location_text", "face_to_face",
                 "status", "status_reason", "goal_ids", "tools", "tools_other",
                 "talked_about", "went_well", "next_steps", "travel_km", "travel_minutes"):
        assert getattr(typed, name) == getattr(expected, name), name
    assert dialog.status_reason.isVisibleTo(dialog)  # "did not attend" asks why
    assert not dialog.has_unsaved_changes()  # loading is not an edit
    dialog.tool_checks["strengths"].setChecked(True)
    assert dialog.has_unsaved_changes()


def test_the_place_decides_face_to_face_until_the_coach_does(qtbot, services):
    p = services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee")).value
    dialog = SessionNoteDialog(services, p.id)
    qtbot.addWidget(dialog)
    dialog.location_kind.setCurrentIndex(dialog.location_kind.findData("video"))
    assert not dialog.face_to_face.isChecked()
    dialog.location_kind.setCurrentIndex(dialog.location_kind.findData("beach"))
    assert dialog.face_to_face.isChecked()
    dialog.face_to_face.setChecked(False)  # the coach says so: the place no longer decides
    dialog.location_kind.setCurrentIndex(dialog.location_kind.findData("walk"))
    assert not dialog.face_to_face.isChecked()
    dialog._closing_saved = True
