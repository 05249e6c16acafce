import datetime as dt

import pytest
from icalendar import Calendar
from practice_databases import db_arg

from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.calendar import sequence_of, session_uid, short_name
from recoverydesk.services.sessions.types import SessionInput


def test_schedule_exports_as_ics_that_icalendar_parses(services, tmp_path):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley")).value
    first = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0) + dt.timedelta(days=1)
    series = services.sessions.plan_series(p.id, SessionInput(
        starts_at=first, duration_minutes=45, location_kind="cafe",
        location_text="Beachside café", talked_about="private"), 7, 3).value
    services.sessions.create(p.id, SessionInput(starts_at=first - dt.timedelta(days=3),
                                                talked_about="Private note text"))
    out = tmp_path / "schedule.ics"
    done = services.calendar.export_ics(out, dt.date.today(),
                                        dt.date.today() + dt.timedelta(days=60))
    assert done.sessions == 3 and done.cancelled == 0
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


def events_by_uid(path):
    return {str(e["uid"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_a_fresh_export_moves_and_cancels_what_an_earlier_one_put_in(services, tmp_path):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley")).value
    first = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0) + dt.timedelta(days=1)
    a, b = services.sessions.plan_series(p.id, SessionInput(starts_at=first), 7, 2).value
    span = (dt.date.today(), dt.date.today() + dt.timedelta(days=30))
    services.calendar.export_ics(tmp_path / "before.ics", *span)
    services.sessions.move(a.id, a.starts_at + dt.timedelta(days=1, minutes=30))
    services.sessions.set_status(b.id, "cancelled", "Away")
    done = services.calendar.export_ics(tmp_path / "after.ics", *span)
    assert (done.sessions, done.cancelled) == (1, 1)
    before, after = events_by_uid(tmp_path / "before.ics"), events_by_uid(tmp_path / "after.ics")
    assert before.keys() == after.keys()  # the same events, updated in place on import
    practice = services.calendar.practice_uid()
    uid_a, uid_b = session_uid(a.id, practice), session_uid(b.id, practice)
    assert after[uid_a].decoded("dtstart") == a.starts_at + dt.timedelta(days=1, minutes=30)
    assert str(after[uid_b]["status"]) == "CANCELLED"
    for sid, uid in ((a.id, uid_a), (b.id, uid_b)):
        changed = services.sessions.get(sid).updated_at
        assert int(after[uid]["sequence"]) == sequence_of(changed) >= int(before[uid]["sequence"])
        assert after[uid].decoded("last-modified") == changed.replace(microsecond=0)


def test_a_failed_write_leaves_the_old_calendar_file_and_no_part_file(services, tmp_path,
                                                                       monkeypatch):
    import os

    out = tmp_path / "schedule.ics"
    out.write_bytes(b"old")

    def full_disk(fd):  # the disk filled before the data reached it
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        services.calendar.export_ics(out, dt.date.today(), dt.date.today())
    monkeypatch.undo()
    assert out.read_bytes() == b"old"
    assert not (tmp_path / "schedule.ics.part").exists()


def test_two_practices_never_share_a_calendar_uid_and_each_keeps_its_own(
        services, tmp_path, _template_practice):
    """A demo and the real practice both have a session 1: imported into one calendar, one
    must not overwrite the other. Reopening the practice keeps its UIDs, so updates still land."""
    import shutil

    from recoverydesk.store.session import Store

    other_path = tmp_path / "other.rdk"
    shutil.copyfile(_template_practice, other_path)
    other = Services(Store(other_path))
    span = (dt.date.today(), dt.date.today() + dt.timedelta(days=30))
    first = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0) + dt.timedelta(days=1)
    try:
        for practice, out in ((services, "mine.ics"), (other, "other.ics")):
            p = practice.participants.create(ParticipantDraft(given_name="Ari",
                                                              family_name="Lane")).value
            practice.sessions.plan_series(p.id, SessionInput(starts_at=first), 7, 3)
            practice.calendar.export_ics(tmp_path / out, *span)
        mine, theirs = events_by_uid(tmp_path / "mine.ics"), events_by_uid(tmp_path / "other.ics")
        assert len(mine) == len(theirs) == 3
        assert not mine.keys() & theirs.keys()
        other.close()
        other = Services(Store(other_path))  # opened again later: the same UIDs
        other.calendar.export_ics(tmp_path / "again.ics", *span)
        assert events_by_uid(tmp_path / "again.ics").keys() == theirs.keys()
    finally:
        other.close()


def test_short_name_keeps_only_the_family_initial():
    assert short_name("Zoë Hartley") == "Zoë H."
    assert short_name("Minh") == "Minh"


def test_schedule_ics_command_writes_a_calendar_and_refuses_a_wrong_suffix(
        services, store, tmp_path, capsys):
    from recoverydesk.cli import main

    p = services.participants.create(ParticipantDraft(given_name="Minh", family_name="Nguyen")).value
    services.sessions.plan_series(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=2)), 14, 2)
    services.close()
    out = tmp_path / "plan.ics"
    assert main(["schedule-ics", "--db", db_arg(store), "--out", str(out)]) == 0
    assert "Wrote 2 sessions" in capsys.readouterr().out
    assert len(list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))) == 2
    assert main(["schedule-ics", "--db", db_arg(store), "--out", str(tmp_path / "x.txt")]) == 2
    assert ".ics" in capsys.readouterr().err


def test_due_command_lists_overdue_people(services, store, capsys):
    from recoverydesk.cli import main

    p = services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Walker")).value
    services.rhythm.set_frequency(p.id, "weekly", effective_from=dt.date(2026, 1, 1))
    services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=20)))
    services.close()
    assert main(["due", "--db", db_arg(store)]) == 0
    assert "OVERDUE  Kiri Walker" in capsys.readouterr().out


def test_hours_command_prints_a_month_and_refuses_a_bad_month(services, store, capsys):
    from recoverydesk.cli import main

    p = services.participants.create(ParticipantDraft(given_name="Mei", family_name="Chen")).value
    services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime(2026, 3, 10, 1, tzinfo=dt.UTC), duration_minutes=90))
    services.close()
    assert main(["hours", "--db", db_arg(store), "--month", "2026-03"]) == 0
    out = capsys.readouterr().out
    assert "Hours delivered in Mar 2026" in out and "Mei Chen" in out and "1.5" in out
    assert main(["hours", "--db", db_arg(store), "--month", "March"]) == 2
