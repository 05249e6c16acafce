import datetime as dt

import pytest

from recoverydesk.models.goals import Goal
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import ValidationError


def person(services, given="Robin"):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Tester")).value


def goal(store, pid, title):
    with store.unit_of_work() as s:
        g = Goal(participant_id=pid, title=title, started_on=dt.date(2026, 1, 5))
        s.add(g)
        s.flush()
        return g.id


def ago(days):
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=days)


def test_sessions_record_goals_worked_on_and_filter_by_goal(services, store):
    p = person(services)
    swim = goal(store, p.id, "Swim at the beach every week")
    work = goal(store, p.id, "Find part-time kitchen work")
    a = services.sessions.create(p.id, SessionInput(starts_at=ago(3), goal_ids=(swim,))).value
    b = services.sessions.create(p.id, SessionInput(starts_at=ago(2), goal_ids=(swim, work))).value
    services.sessions.create(p.id, SessionInput(starts_at=ago(1)))
    assert a.goal_titles == ("Swim at the beach every week",)
    assert set(b.goal_ids) == {swim, work}
    assert [s.id for s in services.sessions.sessions(p.id, goal_id=swim)] == [b.id, a.id]
    assert [s.id for s in services.sessions.sessions(p.id, goal_id=work)] == [b.id]
    updated = services.sessions.update(b.id, SessionInput(starts_at=b.starts_at,
                                                          goal_ids=(work,))).value
    assert updated.goal_ids == (work,)
    assert [s.id for s in services.sessions.sessions(p.id, goal_id=swim)] == [a.id]


def test_someone_elses_goal_is_refused(services, store):
    p, other = person(services), person(services, "Sam")
    theirs = goal(store, other.id, "Their goal")
    with pytest.raises(ValidationError) as err:
        services.sessions.create(p.id, SessionInput(starts_at=ago(1), goal_ids=(theirs,)))
    assert "goal_ids" in err.value.errors


def test_goals_are_found_by_search_and_follow_edits(services, store):
    p = person(services)
    gid = goal(store, p.id, "Join the community choir")
    results = services.search.search("choir")
    assert [(r.kind, r.ref, r.page) for r in results] == [("goal", gid, "goals")]
    assert results[0].title_html == "Join the community <b>choir</b>"
    with store.unit_of_work() as s:
        s.get(Goal, gid).title = "Join the community band"
    assert services.search.search("choir") == []
    assert [r.ref for r in services.search.search("band")] == [gid]
