import datetime as dt

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.rhythm import add_interval, due_date
from recoverydesk.services.sessions.types import FrequencyDTO, SessionInput, local_midnight
from recoverydesk.services.types import ValidationError

TODAY = dt.date(2026, 6, 15)  # a Monday


def person(services, given="Robin", **kw):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Tester",
                                                         **kw)).value


def session_on(services, pid, day, status="completed"):
    start = local_midnight(day) + dt.timedelta(hours=10)
    return services.sessions.create(pid, SessionInput(starts_at=start, status=status)).value


def test_weekly_participant_is_due_then_overdue(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, TODAY - dt.timedelta(days=5))
    status = services.rhythm.status(p.id, TODAY)
    assert status.due_on == TODAY + dt.timedelta(days=2)
    assert status.state == "due"
    later = services.rhythm.status(p.id, TODAY + dt.timedelta(days=4))
    assert later.state == "overdue" and later.days_overdue == 2
    assert "2 days ago" in later.sentence


def test_fortnightly_is_not_due_after_one_week(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "fortnightly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, TODAY - dt.timedelta(days=7))
    assert services.rhythm.status(p.id, TODAY).state == "ok"


def test_change_to_more_often_never_makes_someone_overdue_backwards(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "monthly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, TODAY - dt.timedelta(days=20))
    assert services.rhythm.status(p.id, TODAY).state == "ok"
    # From today, weekly: last session was 20 days ago, but they are due today, not overdue.
    services.rhythm.set_frequency(p.id, "weekly", effective_from=TODAY)
    status = services.rhythm.status(p.id, TODAY)
    assert status.due_on == TODAY and status.state == "due"
    assert services.rhythm.status(p.id, TODAY + dt.timedelta(days=1)).state == "overdue"


def test_change_to_less_often_pushes_the_due_date_out(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, TODAY - dt.timedelta(days=9))
    assert services.rhythm.status(p.id, TODAY).state == "overdue"
    services.rhythm.set_frequency(p.id, "monthly", effective_from=TODAY - dt.timedelta(days=3))
    status = services.rhythm.status(p.id, TODAY)
    assert status.state == "ok"
    assert status.due_on == add_interval(TODAY - dt.timedelta(days=9), "monthly", None)


def test_history_keeps_every_change_and_the_past_rule_applies_to_past_days(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    services.rhythm.set_frequency(p.id, "custom", every_days=10,
                                  effective_from=dt.date(2026, 5, 1))
    history = services.rhythm.history(p.id)
    assert [h.kind for h in history] == ["custom", "weekly"]
    assert history[0].label == "Every 10 days"
    assert services.rhythm.frequency(p.id, dt.date(2026, 3, 1)).kind == "weekly"
    assert services.rhythm.frequency(p.id, TODAY).kind == "custom"


def test_a_planned_session_means_booked_not_due(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, dt.date.today() - dt.timedelta(days=20))
    assert services.rhythm.status(p.id).state == "overdue"
    session_on(services, p.id, dt.date.today() + dt.timedelta(days=2), status="planned")
    assert services.rhythm.status(p.id).state == "booked"


def test_due_list_skips_paused_and_no_rhythm_and_sorts_most_overdue_first(services):
    a, b = person(services, "Ada"), person(services, "Bea")
    paused = person(services, "Cal", status="paused")
    none = person(services, "Dee")
    for p in (a, b, paused, none):
        services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    services.rhythm.set_frequency(none.id, "none", effective_from=dt.date(2026, 2, 1))
    session_on(services, a.id, TODAY - dt.timedelta(days=8))
    session_on(services, b.id, TODAY - dt.timedelta(days=30))
    session_on(services, paused.id, TODAY - dt.timedelta(days=30))
    due = services.rhythm.due(TODAY)
    assert [d.participant_name for d in due] == ["Bea Tester", "Ada Tester"]


def test_custom_frequency_needs_a_number_of_days(services):
    p = person(services)
    with pytest.raises(ValidationError) as err:
        services.rhythm.set_frequency(p.id, "custom")
    assert "every how many days" in err.value.errors["every_days"]


def test_monthly_interval_keeps_to_the_end_of_short_months():
    assert add_interval(dt.date(2026, 1, 31), "monthly", None) == dt.date(2026, 2, 28)
    assert add_interval(dt.date(2026, 12, 5), "monthly", None) == dt.date(2027, 1, 5)


def test_no_session_yet_is_due_from_when_the_rhythm_began():
    freq = FrequencyDTO(1, "weekly", None, dt.date(2026, 6, 1))
    assert due_date(None, freq) == dt.date(2026, 6, 1)
    assert due_date(None, FrequencyDTO(1, "none", None, dt.date(2026, 6, 1))) is None


def test_overview_flags_an_overdue_session(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, dt.date.today() - dt.timedelta(days=10))
    lines = [line for line in services.overview.lines(p.id) if line.heading == "Session rhythm"]
    assert lines and lines[0].attention and "3 days ago" in lines[0].text


def test_a_paused_or_exited_person_is_never_shown_as_overdue(services):
    paused = person(services, "Cal", status="paused")
    exited = person(services, "Eve", status="exited")
    for p in (paused, exited):
        services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
        session_on(services, p.id, dt.date.today() - dt.timedelta(days=30))
    paused_status = services.rhythm.status(paused.id)
    assert paused_status.state == "paused" and "paused" in paused_status.sentence
    assert services.rhythm.status(exited.id).state == "exited"
    assert not [line for line in services.overview.lines(paused.id)
                if line.heading == "Session rhythm"]


def test_next_due_is_said_without_a_leading_zero(services):
    p = person(services)
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    session_on(services, p.id, dt.date(2026, 3, 1))
    status = services.rhythm.status(p.id, dt.date(2026, 3, 2))
    assert status.state == "ok" and status.sentence == "Weekly sessions; next due 8 Mar."


def test_a_brand_new_participant_is_not_due_today_but_has_a_first_session_to_plan(services):
    p = person(services)
    status = services.rhythm.status(p.id)
    assert status.state == "first"
    assert status.sentence == "No session yet: plan the first one."
    later = services.rhythm.status(p.id, dt.date.today() + dt.timedelta(days=30))
    assert later.state == "first" and later.days_overdue == 0  # calm, never overdue
    assert services.rhythm.due() == []
    assert [st.state for st in services.rhythm.due(include_first=True)] == ["first"]
    assert not [line for line in services.overview.lines(p.id)
                if line.heading == "Session rhythm"]
    session_on(services, p.id, dt.date.today() + dt.timedelta(days=2), status="planned")
    assert services.rhythm.status(p.id).state == "booked"
