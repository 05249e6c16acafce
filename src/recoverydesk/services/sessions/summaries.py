"""Hours delivered, worked out from sessions already read (no store here): a participant's
supports over a period (the Sessions tab, the plan review report) and practice-wide hours per
participant (for example one month, for claiming)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from recoverydesk.services.sessions.types import SessionDTO


@dataclass(frozen=True)
class MonthHours:
    month: dt.date  # the first day of the month
    sessions: int
    hours: float
    face_to_face_hours: float
    other_hours: float
    travel_km: float
    travel_minutes: int


@dataclass(frozen=True)
class SessionSummary:
    """Supports provided over a period, for the Sessions tab and the plan review report."""

    start: dt.date
    end: dt.date
    completed: int
    planned: int
    cancelled: int
    no_show: int
    hours: float
    face_to_face_hours: float
    other_hours: float
    travel_km: float
    travel_minutes: int
    tools: dict[str, int] = field(default_factory=dict)
    by_month: tuple[MonthHours, ...] = ()

    @property
    def sessions(self) -> int:
        return self.completed


@dataclass(frozen=True)
class HoursRow:
    """What a session adds to a summary, without its notes, goals or name (the Sessions tab's
    year of hours reads only these: ``SessionService.summary``)."""

    status: str
    local_date: dt.date
    duration_minutes: int
    face_to_face: bool
    travel_km: float
    travel_minutes: int
    tools: tuple[str, ...]

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60


@dataclass(frozen=True)
class ParticipantHours:
    participant_id: int
    participant_name: str
    sessions: int
    hours: float
    face_to_face_hours: float
    other_hours: float
    travel_km: float
    travel_minutes: int


def summarise(dtos: list[SessionDTO] | list[HoursRow], start: dt.date, end: dt.date
              ) -> SessionSummary:
    """Counts by status, and hours, face to face or not, travel and tools of the completed."""
    status = Counter(d.status for d in dtos)
    done = [d for d in dtos if d.status == "completed"]
    months: dict[dt.date, list] = {}
    for d in done:
        months.setdefault(d.local_date.replace(day=1), []).append(d)
    by_month = tuple(
        MonthHours(
            month=m, sessions=len(rows), hours=sum(r.hours for r in rows),
            face_to_face_hours=sum(r.hours for r in rows if r.face_to_face),
            other_hours=sum(r.hours for r in rows if not r.face_to_face),
            travel_km=round(sum(r.travel_km for r in rows), 1),
            travel_minutes=sum(r.travel_minutes for r in rows))
        for m, rows in sorted(months.items()))
    tools = Counter(t for d in done for t in d.tools)
    return SessionSummary(
        start=start, end=end, completed=status["completed"], planned=status["planned"],
        cancelled=status["cancelled"], no_show=status["no_show"],
        hours=sum(d.hours for d in done),
        face_to_face_hours=sum(d.hours for d in done if d.face_to_face),
        other_hours=sum(d.hours for d in done if not d.face_to_face),
        travel_km=round(sum(d.travel_km for d in done), 1),
        travel_minutes=sum(d.travel_minutes for d in done),
        tools=dict(tools), by_month=by_month)


def per_participant(completed: list[SessionDTO]) -> list[ParticipantHours]:
    """Sessions, hours and travel of each participant in ``completed``, by name."""
    grouped: dict[int, list[SessionDTO]] = {}
    for r in completed:
        grouped.setdefault(r.participant_id, []).append(r)
    out = [ParticipantHours(
        participant_id=pid, participant_name=items[0].participant_name,
        sessions=len(items), hours=sum(i.hours for i in items),
        face_to_face_hours=sum(i.hours for i in items if i.face_to_face),
        other_hours=sum(i.hours for i in items if not i.face_to_face),
        travel_km=round(sum(i.travel_km for i in items), 1),
        travel_minutes=sum(i.travel_minutes for i in items))
        for pid, items in grouped.items()]
    return sorted(out, key=lambda h: (h.participant_name.casefold(), h.participant_id))
