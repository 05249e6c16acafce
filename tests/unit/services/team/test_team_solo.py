"""On a solo practice file the team is dormant: nothing to see, nothing to change, and the audit
trail names no coach (its one coach). The rules for a new coach are plain words. (issue 20)"""

from __future__ import annotations

import pytest

from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.team.types import CoachInfo, NewCoach, TeamError, check_new_coach
from recoverydesk.services.types import ValidationError
from recoverydesk.store.session import Store


@pytest.fixture
def solo(tmp_practice):
    """A practice file (on its own: this is about the file, not run on the server too)."""
    services = Services(Store(tmp_practice))
    yield services
    services.close()


def test_a_practice_file_has_no_team(solo):
    services = solo
    assert services.team.view().is_team is False
    assert services.team.coaches() == [] and services.team.assignments() == []
    with pytest.raises(TeamError, match="not a team practice"):
        services.team.add_coach(NewCoach("kim", "Kim Lee"), "a-long-password")
    p = services.participants.create(ParticipantDraft(given_name="Tui")).value
    with pytest.raises(TeamError):
        services.team.assign(p.id, "kim")
    assert [(e.action, e.coach) for e in services.participants.audit_trail(p.id)] == [
        ("participant.created", "")]


@pytest.mark.parametrize("role, name, password, field", [
    ("", "Kim", "a-long-password", "role"),
    ("Kim", "Kim", "a-long-password", "role"),
    ("kim lee", "Kim", "a-long-password", "role"),
    ("kim;drop", "Kim", "a-long-password", "role"),
    ("pg_kim", "Kim", "a-long-password", "role"),
    ("recoverydesk_coach", "Kim", "a-long-password", "role"),
    ("k" * 64, "Kim", "a-long-password", "role"),
    ("kim", "  ", "a-long-password", "display_name"),
    ("kim", "Kim", "short", "password"),
])
def test_a_new_coach_is_checked_in_plain_words(role, name, password, field):
    with pytest.raises(ValidationError) as caught:
        check_new_coach(NewCoach(role, name), password)
    assert list(caught.value.errors) == [field]


def test_a_good_new_coach_is_kept_trimmed_and_labelled():
    kept = check_new_coach(NewCoach(" kim_lee ", " Kim Lee ", lead=True), None)
    assert kept == NewCoach("kim_lee", "Kim Lee", True)
    assert CoachInfo("kim_lee", "Kim Lee", True, True).label == "Kim Lee (kim_lee)"
