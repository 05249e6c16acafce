"""Export the schedule as an iCalendar (.ics) file any calendar app can import.

Only what a calendar needs goes out: when, how long, where, and a first name with the family
initial. Notes never leave the practice file this way. Each session keeps its UID, and cancelled
ones go out marked CANCELLED with a higher SEQUENCE, so importing a fresh export moves or
cancels what an earlier one put in the coach's calendar.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.private_files import write_atomic
from recoverydesk.services.sessions.service import SessionService
from recoverydesk.services.sessions.types import (
    LOCATION_LABELS,
    SessionDTO,
    local_midnight,
    now_utc,
)
from recoverydesk.services.settings.service import SettingsService
from recoverydesk.store.session import Store

PRODID = "-//RecoveryDesk//Session schedule//EN"
PRACTICE_UID_KEY = "calendar.practice_uid"
SEQUENCE_EPOCH = 1_750_000_000  # seconds since 1970 in mid-2025: keeps SEQUENCE small


@dataclass(frozen=True)
class IcsExport:
    sessions: int  # planned (or done) sessions in the file
    cancelled: int = 0  # cancelled ones, there so calendars can take them out


def sequence_of(changed: dt.datetime) -> int:
    """An iCalendar SEQUENCE that grows with every saved change to a session."""
    return max(0, int(changed.timestamp()) - SEQUENCE_EPOCH)


def short_name(full: str) -> str:
    """ "Zoë Hartley" -> "Zoë H." (enough for the coach, little for anyone else)."""
    parts = full.split()
    if len(parts) < 2:
        return full
    return f"{' '.join(parts[:-1])} {parts[-1][0]}."


def session_uid(session_id: int, practice_uid: str) -> str:
    """A calendar UID stable for the session and unique to its practice: two practices (a
    demo and the real one, or two coaches' on one laptop) never overwrite each other's events."""
    return f"session-{session_id}.{practice_uid}@recoverydesk"


def sessions_to_ics(sessions: list[SessionDTO], practice_uid: str,
                    stamp: dt.datetime | None = None) -> bytes:
    # Only an export needs icalendar: it is imported here, not with the practice.
    from icalendar import Calendar, Event

    stamp = stamp or now_utc()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Coaching sessions")
    for s in sessions:
        event = Event()
        event.add("uid", session_uid(s.id, practice_uid))
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
        if s.updated_at is not None:
            changed = s.updated_at.astimezone(dt.UTC)
            event.add("last-modified", changed)
            # Later edits must carry a higher SEQUENCE for calendars to apply them.
            event.add("sequence", sequence_of(changed))
        event.add("categories", ["Coaching"])
        cal.add_component(event)
    return cal.to_ical()


class CalendarService:
    def __init__(self, store: Store):
        self._store = store
        self._sessions = SessionService(store)
        self._settings = SettingsService(store)

    def practice_uid(self) -> str:
        """This practice's own random id for calendar UIDs, made on first use and kept in the
        practice's settings (so it moves with the file, its backups and restores). Two first
        exports at once (the window and a command) agree on one."""
        return self._settings.get_or_make(PRACTICE_UID_KEY, lambda: uuid.uuid4().hex)

    def schedule(self, start: dt.date, end: dt.date, participant_id: int | None = None,
                 include_past: bool = False) -> list[SessionDTO]:
        """Planned and cancelled (and, if asked, completed) sessions with local dates
        start..end."""
        statuses = ("planned", "cancelled", "completed") if include_past else (
            "planned", "cancelled")
        return self._sessions.between(local_midnight(start),
                                      local_midnight(end + dt.timedelta(days=1)),
                                      statuses, participant_id)

    def export_ics(self, path: Path, start: dt.date, end: dt.date,
                   participant_id: int | None = None, include_past: bool = False) -> IcsExport:
        """Write the schedule to ``path`` (all or nothing); says how many sessions it holds."""
        sessions = self.schedule(start, end, participant_id, include_past)
        data = sessions_to_ics(sessions, self.practice_uid())
        write_atomic(path, data)  # owner-only, whole or not at all
        cancelled = sum(1 for s in sessions if s.status == "cancelled")
        return IcsExport(len(sessions) - cancelled, cancelled)
