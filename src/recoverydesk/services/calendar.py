"""Export the schedule as an iCalendar (.ics) file any calendar app can import.

Only what a calendar needs goes out: when, how long, where, and a first name with the family
initial. Notes never leave the practice file this way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recoverydesk.services.sessions import LOCATION_LABELS, SessionDTO, SessionService, now_utc
from recoverydesk.store import Store

PRODID = "-//RecoveryDesk//Session schedule//EN"


def short_name(full: str) -> str:
    """ "Zoë Hartley" -> "Zoë H." (enough for the coach, little for anyone else)."""
    parts = full.split()
    if len(parts) < 2:
        return full
    return f"{' '.join(parts[:-1])} {parts[-1][0]}."


def sessions_to_ics(sessions: list[SessionDTO], stamp: dt.datetime | None = None) -> bytes:
    from icalendar import Calendar, Event

    stamp = stamp or now_utc()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Coaching sessions")
    for s in sessions:
        event = Event()
        event.add("uid", f"session-{s.id}@recoverydesk")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", s.starts_at.astimezone(dt.UTC))
        event.add("dtend", s.ends_at.astimezone(dt.UTC))
        kind = "Phone call" if s.location_kind == "phone" else (
            "Video call" if s.location_kind == "video" else "Session")
        event.add("summary", f"{kind} with {short_name(s.participant_name)}")
        where = s.location_text or LOCATION_LABELS.get(s.location_kind, "")
        if where:
            event.add("location", where)
        event.add("status", "CANCELLED" if s.status in ("cancelled", "no_show") else "CONFIRMED")
        event.add("categories", ["Coaching"])
        cal.add_component(event)
    return cal.to_ical()


class CalendarService:
    def __init__(self, store: Store):
        self._store = store
        self._sessions = SessionService(store)

    def schedule(self, start: dt.date, end: dt.date, participant_id: int | None = None,
                 include_past: bool = False) -> list[SessionDTO]:
        """Planned (and, if asked, completed) sessions with local dates start..end."""
        from recoverydesk.services.sessions import local_midnight

        statuses = ("planned", "completed") if include_past else ("planned",)
        return self._sessions.between(local_midnight(start),
                                      local_midnight(end + dt.timedelta(days=1)),
                                      statuses, participant_id)

    def export_ics(self, path: Path, start: dt.date, end: dt.date,
                   participant_id: int | None = None, include_past: bool = False) -> int:
        """Write the schedule to ``path``; returns how many sessions it holds."""
        sessions = self.schedule(start, end, participant_id, include_past)
        data = sessions_to_ics(sessions)
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        return len(sessions)
