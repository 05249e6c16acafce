import datetime as dt

from icalendar import Calendar

from recoverydesk.services.calendar import short_name
from recoverydesk.services.participants import ParticipantDraft
from recoverydesk.services.sessions import SessionInput


def test_schedule_exports_as_ics_that_icalendar_parses(services, tmp_path):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley"))
    first = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0) + dt.timedelta(days=1)
    series = services.sessions.plan_series(p.id, SessionInput(
        starts_at=first, duration_minutes=45, location_kind="cafe",
        location_text="Beachside café", talked_about="private"), 7, 3)
    services.sessions.create(p.id, SessionInput(starts_at=first - dt.timedelta(days=3),
                                                talked_about="Private note text"))
    out = tmp_path / "schedule.ics"
    count = services.calendar.export_ics(out, dt.date.today(),
                                         dt.date.today() + dt.timedelta(days=60))
    assert count == 3
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 3
    first_event = min(events, key=lambda e: e.decoded("dtstart"))
    assert first_event.decoded("dtstart") == series[0].starts_at
    assert first_event.decoded("dtend") - first_event.decoded("dtstart") == \
        dt.timedelta(minutes=45)
    assert str(first_event["summary"]) == "Session with Zoë H."
    assert str(first_event["location"]) == "Beachside café"
    assert len({str(e["uid"]) for e in events}) == 3
    assert b"Private note" not in out.read_bytes()


def test_short_name_keeps_only_the_family_initial():
    assert short_name("Zoë Hartley") == "Zoë H."
    assert short_name("Minh") == "Minh"
