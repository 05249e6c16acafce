"""Every sessions write says exactly what it changed (issue 16): the window's Op publishes that
ChangeSet and the pages showing it reload once. And the forms' rules in sessions/types.py give
the same answers as the service, before anything is saved."""

import datetime as dt

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import (
    SessionInput,
    check_frequency,
    check_series,
    clean_session,
    draft_key,
)
from recoverydesk.services.types import Changed, ChangeSet, ValidationError, problems_of


def ago(**kw) -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(**kw)


def test_each_write_returns_what_it_changed(services):
    p = services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee")).value
    sessions, session = services.sessions, ChangeSet.of("session", participant_id=p.id)
    drafts = ChangeSet.of("session_draft", participant_id=p.id)

    kept = sessions.save_draft(p.id, None, SessionInput(talked_about="Half"))
    assert kept == Changed(draft_key(p.id, None), drafts)
    made = sessions.create(p.id, SessionInput(starts_at=ago(days=1)), draft=kept.value)
    assert made.changes == session | drafts and made.value.participant_id == p.id
    assert sessions.drafts(p.id) == []
    edited = sessions.update(made.value.id, SessionInput(starts_at=ago(days=1),
                                                         went_well="A good laugh"))
    assert edited.changes == session and edited.value.went_well == "A good laugh"

    planned = sessions.plan_series(p.id, SessionInput(starts_at=ago(days=-2)), 7, 3)
    assert planned.changes == session and len(planned.value) == 3
    moved = sessions.move(planned.value[0].id, ago(days=-3))
    assert moved.changes == session and [s.id for s in moved.value] == [planned.value[0].id]
    cancelled = sessions.set_status(planned.value[1].id, "cancelled", "Away")
    assert cancelled.changes == session and cancelled.value.status == "cancelled"
    removed = sessions.delete(planned.value[2].id)
    assert removed.changes == session and removed.value.id == planned.value[2].id

    sessions.save_draft(p.id, None, SessionInput(talked_about="Again"))
    assert sessions.discard_draft(draft_key(p.id, None)).changes == drafts
    rhythm = services.rhythm.set_frequency(p.id, "fortnightly")
    assert rhythm.changes == ChangeSet.of("rhythm", participant_id=p.id)
    assert rhythm.value.kind == "fortnightly"


def test_the_forms_rules_are_the_services_rules(services):
    p = services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee")).value
    start = ago(days=1)
    wrong = SessionInput(starts_at=start, ends_at=start - dt.timedelta(minutes=5),
                         travel_km=-1, location_kind="moon")
    problems = problems_of(clean_session, wrong)
    assert set(problems) == {"ends_at", "travel_km", "location_kind"}
    with pytest.raises(ValidationError) as refused:
        services.sessions.create(p.id, wrong)
    assert refused.value.errors == problems  # the same problems, by field
    assert problems_of(clean_session, SessionInput(starts_at=start)) == {}
    assert set(problems_of(check_series, 0, 200)) == {"every_days", "count"}
    assert set(problems_of(check_frequency, "custom", None)) == {"every_days"}
    assert problems_of(check_frequency, "weekly", None) == {}
