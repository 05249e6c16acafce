import datetime as dt

import pytest
from practice_databases import reopened

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput, draft_key
from recoverydesk.services.types import ValidationError

UTC = dt.UTC


def person(services, given="Robin"):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Tester")).value


def ago(**kw) -> dt.datetime:
    return dt.datetime.now(UTC).replace(microsecond=0) - dt.timedelta(**kw)


def test_completed_session_round_trips_with_defaults(services):
    p = person(services)
    s = services.sessions.create(p.id, SessionInput(
        starts_at=ago(days=1), location_kind="beach", location_text=" Main beach ",
        tools=("wrap", "strengths"), talked_about="Swimming plans", next_steps="Buy goggles",
        travel_km=12.34, travel_minutes=20)).value
    assert s.duration_minutes == 60
    assert s.face_to_face is True
    assert s.location_text == "Main beach"
    assert s.tools == ("wrap", "strengths")
    assert s.travel_km == 12.3
    assert s.starts_at.tzinfo is not None
    assert services.sessions.get(s.id).talked_about == "Swimming plans"


def test_phone_and_video_are_not_face_to_face_by_default(services):
    p = person(services)
    phone = services.sessions.create(p.id, SessionInput(starts_at=ago(days=2),
                                                        location_kind="phone")).value
    walk = services.sessions.create(p.id, SessionInput(starts_at=ago(days=1),
                                                       location_kind="walk")).value
    assert phone.face_to_face is False
    assert walk.face_to_face is True


def test_end_before_start_is_refused_in_plain_words(services):
    p = person(services)
    start = ago(days=1)
    with pytest.raises(ValidationError) as err:
        services.sessions.create(p.id, SessionInput(starts_at=start,
                                                    ends_at=start - dt.timedelta(minutes=30)))
    assert "ends before it starts" in err.value.errors["ends_at"]


def test_end_time_sets_the_duration(services):
    p = person(services)
    start = ago(days=1)
    s = services.sessions.create(p.id, SessionInput(starts_at=start,
                                                    ends_at=start + dt.timedelta(minutes=90))).value
    assert s.duration_minutes == 90


@pytest.mark.parametrize("minutes", [0, -15])
def test_zero_or_negative_duration_is_refused(services, minutes):
    p = person(services)
    with pytest.raises(ValidationError) as err:
        services.sessions.create(p.id, SessionInput(starts_at=ago(days=1),
                                                    duration_minutes=minutes))
    assert "more than zero minutes" in err.value.errors["duration_minutes"]


def test_completed_session_in_the_future_is_refused_but_planned_is_fine(services):
    p = person(services)
    later = dt.datetime.now(UTC) + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as err:
        services.sessions.create(p.id, SessionInput(starts_at=later, status="completed"))
    assert "future" in err.value.errors["status"]
    planned = services.sessions.create(p.id, SessionInput(starts_at=later, status="planned")).value
    assert planned.status == "planned"


def test_negative_travel_is_refused(services):
    p = person(services)
    with pytest.raises(ValidationError) as err:
        services.sessions.create(p.id, SessionInput(starts_at=ago(days=1), travel_km=-3))
    assert "travel_km" in err.value.errors


@pytest.mark.parametrize("clock", ["00:00", "00:20", "00:59"])
def test_a_note_written_just_after_midnight_is_guessed_on_the_evening_before(services, clock):
    """The note holds one day, so the guessed session never runs past midnight (it did: the
    form then said the session ended before it started)."""
    p = person(services)
    hour, minute = map(int, clock.split(":"))
    now = dt.datetime(2026, 3, 4, hour, minute).astimezone()
    guess = services.sessions.prefill(p.id, now=now).input
    start = guess.starts_at.astimezone()
    end = start + dt.timedelta(minutes=guess.duration_minutes)
    assert start.date() == end.date() == dt.date(2026, 3, 3)
    assert guess.duration_minutes == 60


def test_a_note_written_later_in_the_day_ends_at_the_last_quarter_hour(services):
    p = person(services)
    guess = services.sessions.prefill(
        p.id, now=dt.datetime(2026, 3, 4, 14, 20).astimezone()).input
    assert guess.starts_at.astimezone() == dt.datetime(2026, 3, 4, 13, 15).astimezone()


def test_new_note_prefills_from_the_planned_session_and_shows_last_next_steps(services):
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=7),
                                                next_steps="Call the housing office"))
    planned = services.sessions.create(p.id, SessionInput(
        starts_at=ago(hours=2), status="planned", location_kind="cafe",
        location_text="Corner café", duration_minutes=45)).value
    prefill = services.sessions.prefill(p.id)
    assert prefill.planned is not None and prefill.planned.id == planned.id
    assert prefill.input.location_text == "Corner café"
    assert prefill.input.duration_minutes == 45
    assert prefill.input.status == "completed"
    assert prefill.last_next_steps == "Call the housing office"


def test_new_note_without_a_plan_starts_from_the_last_place(services):
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=7), location_kind="walk",
                                                location_text="Headland track"))
    prefill = services.sessions.prefill(p.id)
    assert prefill.planned is None
    assert prefill.input.location_kind == "walk"
    ends = prefill.input.starts_at + dt.timedelta(minutes=prefill.input.duration_minutes)
    assert ends <= dt.datetime.now(UTC)


def test_series_plans_weekly_sessions_and_move_shifts_later_ones(services):
    p = person(services)
    first = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(days=1)
    series = services.sessions.plan_series(p.id, SessionInput(starts_at=first), 7, 8).value
    assert len(series) == 8
    assert all(s.status == "planned" for s in series)
    assert {s.series_key for s in series} == {series[0].series_key}
    assert (series[-1].local_date - series[0].local_date).days == 49
    moved = services.sessions.move(series[2].id, series[2].starts_at + dt.timedelta(days=1),
                                   later_in_series=True).value
    assert len(moved) == 6
    assert services.sessions.get(series[7].id).starts_at == series[7].starts_at + \
        dt.timedelta(days=1)
    assert services.sessions.get(series[1].id).starts_at == series[1].starts_at


def test_only_planned_sessions_can_be_moved(services):
    p = person(services)
    done = services.sessions.create(p.id, SessionInput(starts_at=ago(days=1))).value
    with pytest.raises(ValidationError):
        services.sessions.move(done.id, ago(days=2))


def test_draft_survives_a_crash_and_is_offered_back(services):
    p = person(services)
    typed = SessionInput(starts_at=ago(hours=1), talked_about="Half a thought about the")
    services.sessions.save_draft(p.id, None, typed)
    # A crash: nothing closes cleanly; a new process opens the same practice.
    again = reopened(services)
    try:
        drafts = again.sessions.drafts()
        assert len(drafts) == 1
        assert drafts[0].participant_name == "Robin Tester"
        assert drafts[0].input.talked_about == "Half a thought about the"
        assert drafts[0].input.starts_at == typed.starts_at
        # Saving the note clears the draft in the same step.
        again.sessions.create(p.id, drafts[0].input, draft=drafts[0].key)
        assert again.sessions.drafts() == []
    finally:
        again.close()


def test_draft_is_replaced_not_duplicated_and_can_be_discarded(services):
    p = person(services)
    services.sessions.save_draft(p.id, None, SessionInput(talked_about="one"))
    services.sessions.save_draft(p.id, None, SessionInput(talked_about="one two"))
    drafts = services.sessions.drafts(p.id)
    assert [d.input.talked_about for d in drafts] == ["one two"]
    services.sessions.discard_draft(draft_key(p.id, None))
    assert services.sessions.draft(p.id, None) is None


def test_summary_counts_hours_face_to_face_and_months(services):
    p = person(services)
    base = dt.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
    services.sessions.create(p.id, SessionInput(starts_at=base, duration_minutes=60,
                                                travel_km=10, travel_minutes=15))
    services.sessions.create(p.id, SessionInput(starts_at=base + dt.timedelta(days=7),
                                                duration_minutes=30, location_kind="phone"))
    services.sessions.create(p.id, SessionInput(starts_at=base + dt.timedelta(days=30),
                                                duration_minutes=90))
    services.sessions.create(p.id, SessionInput(starts_at=base + dt.timedelta(days=14),
                                                status="no_show", status_reason="Unwell"))
    summary = services.sessions.summary(p.id, dt.date(2026, 3, 1), dt.date(2026, 4, 30))
    assert summary.completed == 3 and summary.no_show == 1
    assert summary.hours == pytest.approx(3.0)
    assert summary.face_to_face_hours == pytest.approx(2.5)
    assert summary.other_hours == pytest.approx(0.5)
    assert summary.travel_km == 10
    assert [m.month.month for m in summary.by_month] == [3, 4]
    assert summary.by_month[0].hours == pytest.approx(1.5)


def test_filter_by_tool_and_status(services):
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=3), tools=("wrap",)))
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=2),
                                                tools=("recovery_star", "smart_goals")))
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=1), status="cancelled",
                                                status_reason="Car broke down"))
    assert len(services.sessions.sessions(p.id, tool="wrap")) == 1
    assert len(services.sessions.sessions(p.id, tool="smart_goals")) == 1
    cancelled = services.sessions.sessions(p.id, statuses=("cancelled",))
    assert cancelled[0].status_reason == "Car broke down"


def test_overview_line_mentions_the_last_session(services):
    p = person(services)
    services.sessions.create(p.id, SessionInput(starts_at=ago(days=1)))
    lines = [line for line in services.overview.lines(p.id) if line.heading == "Sessions"]
    assert lines and "Last session" in lines[0].text


def test_hours_by_participant_counts_only_completed_sessions_in_the_month(services):
    a, b = person(services, "Ada"), person(services, "Bea")
    day = dt.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
    services.sessions.create(a.id, SessionInput(starts_at=day, duration_minutes=90))
    services.sessions.create(a.id, SessionInput(starts_at=day + dt.timedelta(days=7),
                                                location_kind="phone", duration_minutes=30))
    services.sessions.create(b.id, SessionInput(starts_at=day, status="cancelled"))
    services.sessions.create(b.id, SessionInput(starts_at=day + dt.timedelta(days=40)))
    rows = services.sessions.hours_by_participant(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert [(r.participant_name, r.sessions) for r in rows] == [("Ada Tester", 2)]
    assert rows[0].hours == pytest.approx(2.0)
    assert rows[0].other_hours == pytest.approx(0.5)
