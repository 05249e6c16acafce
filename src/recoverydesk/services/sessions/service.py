"""Coaching sessions: write up a note, plan ahead (one-off or in series), move, summarise.

Times are timezone-aware (stored UTC, shown local). A note's draft is kept in the practice file
while the coach types (see ``save_draft``), so a crash loses at most a few seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import Base, Participant
from recoverydesk.models.sessions import (
    CoachingSession,
    LocationKind,
    SessionNoteDraft,
    SessionStatus,
)
from recoverydesk.services import audit
from recoverydesk.services.participants.service import display_name
from recoverydesk.services.types import NotFoundError, OverviewLine, ValidationError, Validator
from recoverydesk.store import Store

LOCATION_LABELS = {
    "cafe": "Café",
    "beach": "Beach",
    "walk": "Walk",
    "home": "Their home",
    "community": "Community venue",
    "office": "Office",
    "phone": "Phone",
    "video": "Video call",
}
REMOTE_KINDS = frozenset({"phone", "video"})
STATUS_LABELS = {
    "planned": "Planned",
    "completed": "Completed",
    "cancelled": "Cancelled",
    "no_show": "Did not attend",
}
TOOL_LABELS = {
    "recovery_star": "Recovery Star",
    "wrap": "WRAP",
    "smart_goals": "SMART goals",
    "strengths": "Strengths",
    "other": "Other",
}


def default_face_to_face(location_kind: str) -> bool:
    """Phone and video sessions are not face to face; everything else is."""
    return location_kind not in REMOTE_KINDS


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date()


def _wall(moment: dt.datetime) -> dt.datetime:
    """The computer's local wall-clock time of ``moment`` (naive, as on a clock on the wall;
    a naive ``moment`` is UTC, as stored). ``naive.astimezone(tz)`` reads it back as local."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().replace(tzinfo=None)


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in the computer's time zone, as an aware datetime."""
    return dt.datetime.combine(day, dt.time()).astimezone()


@dataclass(frozen=True)
class SessionInput:
    """What the coach entered for a session (the service cleans and checks it)."""

    starts_at: dt.datetime | None = None
    duration_minutes: int = 60
    ends_at: dt.datetime | None = None  # when given, the duration follows from it
    location_kind: str = "cafe"
    location_text: str = ""
    face_to_face: bool | None = None  # None: follows the location kind
    status: str = "completed"
    status_reason: str = ""
    goal_ids: tuple[int, ...] = ()
    tools: tuple[str, ...] = ()
    tools_other: str = ""
    talked_about: str = ""
    went_well: str = ""
    next_steps: str = ""
    travel_km: float = 0.0
    travel_minutes: int = 0

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("starts_at", "ends_at"):
            out[key] = out[key].isoformat() if out[key] else None
        out["goal_ids"] = list(self.goal_ids)
        out["tools"] = list(self.tools)
        return out

    @classmethod
    def from_json(cls, data: dict) -> SessionInput:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("starts_at", "ends_at"):
            if known.get(key):
                known[key] = dt.datetime.fromisoformat(known[key])
        known["goal_ids"] = tuple(int(g) for g in known.get("goal_ids", ()))
        known["tools"] = tuple(known.get("tools", ()))
        return cls(**known)


@dataclass(frozen=True)
class SessionDTO:
    id: int
    participant_id: int
    participant_name: str
    starts_at: dt.datetime
    duration_minutes: int
    location_kind: str
    location_text: str
    face_to_face: bool
    status: str
    status_reason: str
    tools: tuple[str, ...]
    tools_other: str
    talked_about: str
    went_well: str
    next_steps: str
    travel_km: float
    travel_minutes: int
    series_key: str | None
    goal_ids: tuple[int, ...] = ()
    goal_titles: tuple[str, ...] = ()
    updated_at: dt.datetime | None = None

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def local_date(self) -> dt.date:
        return local_date(self.starts_at)

    @property
    def location_label(self) -> str:
        kind = LOCATION_LABELS.get(self.location_kind, self.location_kind)
        return f"{kind} · {self.location_text}" if self.location_text else kind

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def tool_labels(self) -> tuple[str, ...]:
        labels = [TOOL_LABELS.get(t, t) for t in self.tools if t != "other"]
        if "other" in self.tools:
            labels.append(self.tools_other or TOOL_LABELS["other"])
        return tuple(labels)

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60

    def to_input(self) -> SessionInput:
        return SessionInput(
            starts_at=self.starts_at, duration_minutes=self.duration_minutes,
            location_kind=self.location_kind, location_text=self.location_text,
            face_to_face=self.face_to_face, status=self.status,
            status_reason=self.status_reason, goal_ids=self.goal_ids, tools=self.tools,
            tools_other=self.tools_other, talked_about=self.talked_about,
            went_well=self.went_well, next_steps=self.next_steps, travel_km=self.travel_km,
            travel_minutes=self.travel_minutes)


@dataclass(frozen=True)
class NotePrefill:
    """What a new note starts from: the planned session (if any) and the last session's steps."""

    input: SessionInput
    planned: SessionDTO | None
    last: SessionDTO | None

    @property
    def last_next_steps(self) -> str:
        return self.last.next_steps if self.last else ""


@dataclass(frozen=True)
class DraftDTO:
    key: str
    participant_id: int
    participant_name: str
    session_id: int | None
    saved_at: dt.datetime
    input: SessionInput


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
class ParticipantHours:
    participant_id: int
    participant_name: str
    sessions: int
    hours: float
    face_to_face_hours: float
    other_hours: float
    travel_km: float
    travel_minutes: int


def draft_key(participant_id: int, session_id: int | None) -> str:
    return f"participant:{participant_id}:session:{session_id or 'new'}"


def goal_link_tables() -> tuple[Table, Table] | None:
    """(session_goals, goals) once the goals capability and the link table exist."""
    link, goals = Base.metadata.tables.get("session_goals"), Base.metadata.tables.get("goals")
    return (link, goals) if link is not None and goals is not None else None


def clean_input(data: SessionInput, now: dt.datetime | None = None) -> dict:
    """Check a session in plain words (every problem at once) and return column values."""
    now = now or now_utc()
    v = Validator()
    start = data.starts_at
    if start is None:
        v.add("starts_at", "Please choose the date and time of the session.")
    elif start.tzinfo is None:
        raise ValueError("starts_at must be timezone-aware")
    duration = data.duration_minutes
    if data.ends_at is not None and start is not None:
        if data.ends_at <= start:
            v.add("ends_at", "The session ends before it starts. Please check the times.")
        else:
            duration = round((data.ends_at - start).total_seconds() / 60)
    if "ends_at" not in v.errors:
        v.check(duration > 0, "duration_minutes",
                "A session needs a length of more than zero minutes.")
        v.check(duration <= 24 * 60, "duration_minutes",
                "A session can be at most 24 hours long.")
    v.check(data.location_kind in LOCATION_LABELS, "location_kind", "Please choose where you met.")
    v.check(data.status in STATUS_LABELS, "status", "Please choose how the session went.")
    if data.status == "completed" and start is not None and start > now:
        v.add("status", "This session is in the future, so it can't be completed yet. Keep it "
                        "as planned, or check the date.")
    unknown = [t for t in data.tools if t not in TOOL_LABELS]
    v.check(not unknown, "tools", "Please choose tools from the list.")
    v.check(data.travel_km >= 0, "travel_km", "Travel distance can't be negative.")
    v.check(data.travel_minutes >= 0, "travel_minutes", "Travel time can't be negative.")
    v.check(data.travel_km <= 2000, "travel_km", "Please check the travel distance.")
    v.check(len(data.location_text.strip()) <= 200, "location_text",
            "Please keep the place under 200 characters.")
    v.raise_if_any()
    face = data.face_to_face
    if face is None:
        face = default_face_to_face(data.location_kind)
    tools = [t for t in TOOL_LABELS if t in data.tools]
    return {
        "starts_at": start.astimezone(dt.UTC),
        "duration_minutes": int(duration),
        "location_kind": LocationKind(data.location_kind),
        "location_text": data.location_text.strip(),
        "face_to_face": bool(face),
        "status": SessionStatus(data.status),
        "status_reason": data.status_reason.strip() if data.status != "completed" else "",
        "tools": ",".join(tools),
        "tools_other": data.tools_other.strip() if "other" in tools else "",
        "talked_about": data.talked_about.strip(),
        "went_well": data.went_well.strip(),
        "next_steps": data.next_steps.strip(),
        "travel_km": round(float(data.travel_km), 1),
        "travel_minutes": int(data.travel_minutes),
    }


class SessionService:
    def __init__(self, store: Store):
        self._store = store

    # -- reading ------------------------------------------------------------------------
    def sessions(
        self,
        participant_id: int,
        statuses: tuple[str, ...] | None = None,
        goal_id: int | None = None,
        tool: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = None,
    ) -> list[SessionDTO]:
        """A participant's sessions, newest first, optionally filtered."""
        ids = self.session_ids(participant_id, statuses, goal_id, tool, start, end, limit)
        return self.rows(ids)

    def session_ids(
        self,
        participant_id: int,
        statuses: tuple[str, ...] | None = None,
        goal_id: int | None = None,
        tool: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = None,
    ) -> list[int]:
        stmt = _filtered(select(CoachingSession.id), participant_id, statuses, goal_id, tool,
                         start, end)
        stmt = stmt.order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc())
        if limit:
            stmt = stmt.limit(limit)
        with self._store.read() as s:
            return list(s.scalars(stmt))

    def rows(self, ids: list[int]) -> list[SessionDTO]:
        """The sessions with these ids, in the order given (for lazily filled lists)."""
        if not ids:
            return []
        with self._store.read() as s:
            found = {d.id: d for d in _dtos(s, select(CoachingSession).where(
                CoachingSession.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def get(self, session_id: int) -> SessionDTO:
        with self._store.read() as s:
            dtos = _dtos(s, select(CoachingSession).where(CoachingSession.id == session_id))
        if not dtos:
            raise NotFoundError("That session no longer exists.")
        return dtos[0]

    def between(self, start: dt.datetime, end: dt.datetime,
                statuses: tuple[str, ...] | None = None,
                participant_id: int | None = None) -> list[SessionDTO]:
        """Practice-wide sessions starting in [start, end), earliest first."""
        stmt = select(CoachingSession).where(CoachingSession.starts_at >= start,
                                             CoachingSession.starts_at < end)
        if statuses:
            stmt = stmt.where(CoachingSession.status.in_([SessionStatus(x) for x in statuses]))
        if participant_id is not None:
            stmt = stmt.where(CoachingSession.participant_id == participant_id)
        stmt = stmt.join(Participant).where(Participant.archived.is_(False))
        with self._store.read() as s:
            return _dtos(s, stmt.order_by(CoachingSession.starts_at))

    def last_completed(self, participant_id: int, before: dt.datetime | None = None
                       ) -> SessionDTO | None:
        stmt = select(CoachingSession).where(
            CoachingSession.participant_id == participant_id,
            CoachingSession.status == SessionStatus.COMPLETED)
        if before is not None:
            stmt = stmt.where(CoachingSession.starts_at < before)
        with self._store.read() as s:
            dtos = _dtos(s, stmt.order_by(CoachingSession.starts_at.desc()).limit(1))
        return dtos[0] if dtos else None

    def prefill(self, participant_id: int, now: dt.datetime | None = None) -> NotePrefill:
        """A new note starts from today's planned session (or the latest one not written up in
        the past week) and shows the last session's next steps."""
        now = now or now_utc()
        today = local_date(now)
        window_start = local_midnight(today - dt.timedelta(days=7))
        window_end = local_midnight(today + dt.timedelta(days=1))
        with self._store.read() as s:
            planned = _dtos(s, select(CoachingSession).where(
                CoachingSession.participant_id == participant_id,
                CoachingSession.status == SessionStatus.PLANNED,
                CoachingSession.starts_at >= window_start,
                CoachingSession.starts_at < window_end,
            ).order_by(CoachingSession.starts_at.desc()))
        chosen = next((p for p in planned if p.starts_at <= now), planned[-1] if planned else None)
        last = self.last_completed(participant_id)
        if chosen is not None:
            base = replace(chosen.to_input(), status="completed")
            if chosen.starts_at > now:  # later today: the coach is writing ahead
                base = replace(base, status="planned")
        else:
            # Written just after: the session ended at the last quarter hour.
            minutes = (now.minute // 15) * 15
            ended = now.astimezone().replace(minute=minutes, second=0, microsecond=0)
            length = last.duration_minutes if last is not None else 60
            base = SessionInput(starts_at=ended - dt.timedelta(minutes=length),
                                duration_minutes=length, status="completed")
            if last is not None:
                base = replace(base, location_kind=last.location_kind,
                               location_text=last.location_text,
                               face_to_face=last.face_to_face)
        return NotePrefill(input=base, planned=chosen, last=last)

    def summary(self, participant_id: int, start: dt.date, end: dt.date) -> SessionSummary:
        """Hours, counts, face to face or not, travel, by month, for sessions with local dates
        from ``start`` to ``end`` inclusive."""
        dtos = self.sessions(participant_id, start=start, end=end)
        return summarise(dtos, start, end)

    def hours_by_participant(self, start: dt.date, end: dt.date) -> list[ParticipantHours]:
        """Practice-wide: completed sessions and hours per participant, for local dates from
        ``start`` to ``end`` inclusive (for example one month, for claiming)."""
        rows = self.between(local_midnight(start), local_midnight(end + dt.timedelta(days=1)),
                            ("completed",))
        grouped: dict[int, list[SessionDTO]] = {}
        for r in rows:
            grouped.setdefault(r.participant_id, []).append(r)
        out = [ParticipantHours(
            participant_id=pid, participant_name=items[0].participant_name,
            sessions=len(items), hours=sum(i.hours for i in items),
            face_to_face_hours=sum(i.hours for i in items if i.face_to_face),
            other_hours=sum(i.hours for i in items if not i.face_to_face),
            travel_km=round(sum(i.travel_km for i in items), 1),
            travel_minutes=sum(i.travel_minutes for i in items))
            for pid, items in grouped.items()]
        return sorted(out, key=lambda h: h.participant_name.casefold())

    # -- writing ------------------------------------------------------------------------
    def create(self, participant_id: int, data: SessionInput, draft: str | None = None
               ) -> SessionDTO:
        values = clean_input(data)
        with self._store.unit_of_work() as s:
            _participant(s, participant_id)
            row = CoachingSession(participant_id=participant_id, **values)
            s.add(row)
            s.flush()
            _set_goals(s, row.id, participant_id, data.goal_ids)
            audit.record(s, "session.created", "session", row.id, participant_id)
            if draft:
                s.execute(delete(SessionNoteDraft).where(SessionNoteDraft.key == draft))
            s.flush()
            return _dtos(s, select(CoachingSession).where(CoachingSession.id == row.id))[0]

    def update(self, session_id: int, data: SessionInput, draft: str | None = None
               ) -> SessionDTO:
        values = clean_input(data)
        with self._store.unit_of_work() as s:
            row = _session(s, session_id)
            changed = [k for k, v in values.items() if getattr(row, k) != v]
            for key in changed:
                setattr(row, key, values[key])
            if _set_goals(s, row.id, row.participant_id, data.goal_ids):
                changed.append("goals")
            if changed:
                audit.record(s, "session.updated", "session", row.id, row.participant_id,
                             ",".join(changed))
            if draft:
                s.execute(delete(SessionNoteDraft).where(SessionNoteDraft.key == draft))
            s.flush()
            return _dtos(s, select(CoachingSession).where(CoachingSession.id == row.id))[0]

    def set_status(self, session_id: int, status: str, reason: str = "") -> SessionDTO:
        current = self.get(session_id)
        return self.update(session_id, replace(current.to_input(), status=status,
                                               status_reason=reason))

    def delete(self, session_id: int) -> SessionDTO:
        """Remove a session (a planned one made by mistake); the DTO lets the UI offer Undo."""
        with self._store.unit_of_work() as s:
            row = _session(s, session_id)
            dto = _dtos(s, select(CoachingSession).where(CoachingSession.id == row.id))[0]
            audit.record(s, "session.deleted", "session", row.id, row.participant_id)
            _set_goals(s, row.id, row.participant_id, ())
            s.delete(row)
            return dto

    def plan_series(self, participant_id: int, first: SessionInput, every_days: int = 7,
                    count: int = 8) -> list[SessionDTO]:
        """Plan ``count`` sessions, ``every_days`` apart, starting with ``first``."""
        v = Validator()
        v.check(1 <= count <= 104, "count", "Plan between 1 and 104 sessions at a time.")
        v.check(1 <= every_days <= 365, "every_days", "Choose a gap between 1 and 365 days.")
        v.raise_if_any()
        first = replace(first, status="planned", talked_about="", went_well="")
        values = clean_input(first)
        key = uuid.uuid4().hex[:12] if count > 1 else None
        local_start = values["starts_at"].astimezone()
        with self._store.unit_of_work() as s:
            _participant(s, participant_id)
            ids = []
            for i in range(count):
                # Step in local days, so 10 am stays 10 am across a daylight-saving change.
                naive = local_start.replace(tzinfo=None) + dt.timedelta(days=every_days * i)
                row = CoachingSession(participant_id=participant_id, series_key=key,
                                      **{**values, "starts_at": naive.astimezone(dt.UTC)})
                s.add(row)
                s.flush()
                _set_goals(s, row.id, participant_id, first.goal_ids)
                ids.append(row.id)
            audit.record(s, "session.planned", "session", ids[0], participant_id,
                         f"count={count}")
            s.flush()
            return _dtos(s, select(CoachingSession).where(CoachingSession.id.in_(ids))
                         .order_by(CoachingSession.starts_at))

    def move(self, session_id: int, new_start: dt.datetime, later_in_series: bool = False
             ) -> list[SessionDTO]:
        """Move a planned session (and, if asked, the later ones in its series by as much)."""
        if new_start.tzinfo is None:
            raise ValueError("new_start must be timezone-aware")
        with self._store.unit_of_work() as s:
            row = _session(s, session_id)
            if row.status != SessionStatus.PLANNED:
                raise ValidationError.single(
                    "starts_at", "Only planned sessions can be moved. To change the date of "
                    "a session that happened, edit its note.")
            # The shift in local wall-clock time (days and hours as the coach sees them), so
            # 10 am stays 10 am across a daylight-saving change, as plan_series steps.
            shift = _wall(new_start) - _wall(row.starts_at)
            rows = [row]
            if later_in_series and row.series_key:
                rows += list(s.scalars(select(CoachingSession).where(
                    CoachingSession.series_key == row.series_key,
                    CoachingSession.status == SessionStatus.PLANNED,
                    CoachingSession.starts_at > row.starts_at,
                    CoachingSession.id != row.id)))
            for r in rows:
                r.starts_at = (_wall(r.starts_at) + shift).astimezone(dt.UTC)
            row.starts_at = new_start.astimezone(dt.UTC)
            audit.record(s, "session.moved", "session", row.id, row.participant_id,
                         f"count={len(rows)}")
            s.flush()
            return _dtos(s, select(CoachingSession).where(
                CoachingSession.id.in_([r.id for r in rows])).order_by(CoachingSession.starts_at))

    # -- drafts -------------------------------------------------------------------------
    def save_draft(self, participant_id: int, session_id: int | None, data: SessionInput
                   ) -> str:
        """Keep what the editor holds (no validation: a draft may be half-typed)."""
        key = draft_key(participant_id, session_id)
        payload = json.dumps(data.to_json(), ensure_ascii=False)
        with self._store.unit_of_work() as s:
            row = s.scalar(select(SessionNoteDraft).where(SessionNoteDraft.key == key))
            if row is None:
                s.add(SessionNoteDraft(key=key, participant_id=participant_id,
                                       session_id=session_id, payload=payload))
            elif row.payload != payload:
                row.payload = payload
                row.saved_at = now_utc()
        return key

    def draft(self, participant_id: int, session_id: int | None) -> DraftDTO | None:
        key = draft_key(participant_id, session_id)
        drafts = self._drafts(SessionNoteDraft.key == key)
        return drafts[0] if drafts else None

    def drafts(self, participant_id: int | None = None) -> list[DraftDTO]:
        """Notes left unfinished (for example by a crash), newest first."""
        if participant_id is None:
            return self._drafts()
        return self._drafts(SessionNoteDraft.participant_id == participant_id)

    def discard_draft(self, key: str) -> None:
        with self._store.unit_of_work() as s:
            s.execute(delete(SessionNoteDraft).where(SessionNoteDraft.key == key))

    def _drafts(self, *where) -> list[DraftDTO]:
        stmt = (select(SessionNoteDraft, Participant.given_name, Participant.family_name,
                       Participant.preferred_name).join(Participant)
                .where(*where).order_by(SessionNoteDraft.saved_at.desc()))
        out = []
        with self._store.read() as s:
            for d, given, family, preferred in s.execute(stmt):
                try:
                    data = SessionInput.from_json(json.loads(d.payload))
                except (ValueError, TypeError):
                    continue  # unreadable: never block the coach over a draft
                out.append(DraftDTO(d.key, d.participant_id, display_name(given, family,
                                                                          preferred),
                                    d.session_id, d.saved_at, data))
        return out


def summarise(dtos: list[SessionDTO], start: dt.date, end: dt.date) -> SessionSummary:
    status = Counter(d.status for d in dtos)
    done = [d for d in dtos if d.status == "completed"]
    months: dict[dt.date, list[SessionDTO]] = {}
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


# -- helpers ------------------------------------------------------------------------------
def _filtered(stmt, participant_id, statuses, goal_id, tool, start, end):
    stmt = stmt.where(CoachingSession.participant_id == participant_id)
    if statuses:
        stmt = stmt.where(CoachingSession.status.in_([SessionStatus(x) for x in statuses]))
    if tool:
        stmt = stmt.where(("," + CoachingSession.tools + ",").like(f"%,{tool},%"))
    if start is not None:
        stmt = stmt.where(CoachingSession.starts_at >= local_midnight(start))
    if end is not None:
        stmt = stmt.where(CoachingSession.starts_at < local_midnight(end + dt.timedelta(days=1)))
    if goal_id is not None:
        tables = goal_link_tables()
        if tables is None:
            return stmt.where(CoachingSession.id.is_(None))
        link = tables[0]
        stmt = stmt.where(CoachingSession.id.in_(
            select(link.c.session_id).where(link.c.goal_id == goal_id)))
    return stmt


def _participant(s: Session, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    return p


def _session(s: Session, session_id: int) -> CoachingSession:
    row = s.get(CoachingSession, session_id)
    if row is None:
        raise NotFoundError("That session no longer exists.")
    return row


def _set_goals(s: Session, session_id: int, participant_id: int, goal_ids) -> bool:
    """Replace the goals a session worked on; returns True when they changed."""
    tables = goal_link_tables()
    if tables is None:
        return False
    link, goals = tables
    wanted = set(int(g) for g in goal_ids)
    if wanted:
        valid = set(s.scalars(select(goals.c.id).where(
            goals.c.id.in_(wanted), goals.c.participant_id == participant_id)))
        if valid != wanted:
            raise ValidationError.single("goal_ids", "One of the chosen goals belongs to "
                                                     "someone else or no longer exists.")
    current = set(s.scalars(select(link.c.goal_id).where(link.c.session_id == session_id)))
    if current == wanted:
        return False
    if current - wanted:
        s.execute(delete(link).where(link.c.session_id == session_id,
                                     link.c.goal_id.in_(current - wanted)))
    if wanted - current:
        s.execute(insert(link), [{"session_id": session_id, "goal_id": g}
                                 for g in sorted(wanted - current)])
    return True


def _dtos(s: Session, stmt) -> list[SessionDTO]:
    rows = list(s.scalars(stmt))
    if not rows:
        return []
    pids = {r.participant_id for r in rows}
    names = {p.id: display_name(p.given_name, p.family_name, p.preferred_name)
             for p in s.execute(select(Participant.id, Participant.given_name,
                                       Participant.family_name, Participant.preferred_name)
                                .where(Participant.id.in_(pids)))}
    goals: dict[int, list[tuple[int, str]]] = {}
    tables = goal_link_tables()
    if tables is not None:
        link, g = tables
        for sid, gid, title in s.execute(
                select(link.c.session_id, g.c.id, g.c.title).join(g, g.c.id == link.c.goal_id)
                .where(link.c.session_id.in_([r.id for r in rows])).order_by(g.c.id)):
            goals.setdefault(sid, []).append((gid, title))
    return [
        SessionDTO(
            id=r.id, participant_id=r.participant_id,
            participant_name=names.get(r.participant_id, ""), starts_at=r.starts_at,
            duration_minutes=r.duration_minutes, location_kind=r.location_kind.value,
            location_text=r.location_text, face_to_face=r.face_to_face,
            status=r.status.value, status_reason=r.status_reason,
            tools=tuple(t for t in r.tools.split(",") if t), tools_other=r.tools_other,
            talked_about=r.talked_about, went_well=r.went_well, next_steps=r.next_steps,
            travel_km=r.travel_km, travel_minutes=r.travel_minutes, series_key=r.series_key,
            goal_ids=tuple(gid for gid, _ in goals.get(r.id, ())),
            goal_titles=tuple(title for _, title in goals.get(r.id, ())),
            updated_at=r.updated_at)
        for r in rows
    ]


# -- the participant's Overview ------------------------------------------------------------
def overview_lines(s: Session, participant_id: int, today: dt.date) -> list:
    last = s.scalar(select(func.max(CoachingSession.starts_at)).where(
        CoachingSession.participant_id == participant_id,
        CoachingSession.status == SessionStatus.COMPLETED))
    upcoming = s.scalar(select(func.min(CoachingSession.starts_at)).where(
        CoachingSession.participant_id == participant_id,
        CoachingSession.status == SessionStatus.PLANNED,
        CoachingSession.starts_at >= local_midnight(today)))
    if last is None and upcoming is None:
        return [OverviewLine("Sessions", "No sessions yet. Plan the first one or "
                                      "write up a note.", page="sessions", order=20,
                                      prompt=True)]
    parts = []
    if last is not None:
        parts.append(f"Last session {short_date(local_date(last.replace(tzinfo=dt.UTC)))}.")
    if upcoming is not None:
        parts.append(f"Next planned {short_date(local_date(upcoming.replace(tzinfo=dt.UTC)))}.")
    else:
        parts.append("Nothing planned yet.")
    return [OverviewLine("Sessions", " ".join(parts), attention=upcoming is None,
                                  page="sessions", order=20)]
