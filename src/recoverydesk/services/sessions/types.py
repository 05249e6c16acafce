"""The sessions capability's contract: what a session, a draft, a rhythm and an hours summary
look like, their labels, and the pure rules a form checks before saving. Standard library,
``recoverydesk.dates`` and ``services.types`` only: this is what the window may import.

Times are timezone-aware (stored UTC, shown in the computer's local time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk.dates import day_month, time_ago
from recoverydesk.services.types import Validator

# -- labels and kinds -----------------------------------------------------------------------
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
REMOTE_KINDS = frozenset({"phone", "video"})  # the modes that are not face to face
STATUS_LABELS = {
    "planned": "Planned",
    "completed": "Completed",
    "cancelled": "Cancelled",
    "no_show": "Did not attend",
}
NOT_HELD = frozenset({"cancelled", "no_show"})  # statuses that come with a reason
TOOL_LABELS = {
    "recovery_star": "Recovery Star",
    "wrap": "WRAP",
    "smart_goals": "SMART goals",
    "strengths": "Strengths",
    "other": "Other",
}
FREQUENCY_LABELS = {
    "weekly": "Weekly",
    "fortnightly": "Fortnightly",
    "monthly": "Monthly",
    "custom": "Every few days",
    "none": "No regular sessions",
}
DUE_SOON_DAYS = 3

# One label per field, for the forms, the validation messages and anything printed.
FIELD_LABELS = {
    "starts_at": "Date",
    "ends_at": "Time",
    "duration_minutes": "Length",
    "location_kind": "Where",
    "location_text": "Place",
    "face_to_face": "Face to face",
    "status": "How it went",
    "status_reason": "Why",
    "goal_ids": "Goals worked on",
    "tools": "Tools used",
    "tools_other": "Which other tool",
    "talked_about": "What we talked about",
    "went_well": "What went well",
    "next_steps": "Next steps",
    "travel_km": "Travel",
    "travel_minutes": "Travel time",
    "count": "How many",
    "every_days": "Every",
    "kind": "Meet",
    "effective_from": "From",
    "note": "Note",
}


def default_face_to_face(location_kind: str) -> bool:
    """Phone and video sessions are not face to face; everything else is."""
    return location_kind not in REMOTE_KINDS


# -- time -----------------------------------------------------------------------------------
def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date()


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in the computer's time zone, as an aware datetime."""
    return dt.datetime.combine(day, dt.time()).astimezone()


def wall_clock(moment: dt.datetime) -> dt.datetime:
    """The computer's local wall-clock time of ``moment`` (naive, as on a clock on the wall;
    a naive ``moment`` is UTC, as stored). ``naive.astimezone(tz)`` reads it back as local."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().replace(tzinfo=None)


# -- sessions -------------------------------------------------------------------------------
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


def draft_key(participant_id: int, session_id: int | None) -> str:
    return f"participant:{participant_id}:session:{session_id or 'new'}"


# -- the rules a form checks before saving ---------------------------------------------------
def clean_session(data: SessionInput, now: dt.datetime | None = None) -> dict:
    """Check a session in plain words (every problem at once, as ``ValidationError``) and
    return its cleaned values (plain strings for the kinds, the start in UTC)."""
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
        "location_kind": data.location_kind,
        "location_text": data.location_text.strip(),
        "face_to_face": bool(face),
        "status": data.status,
        "status_reason": data.status_reason.strip() if data.status != "completed" else "",
        "tools": ",".join(tools),
        "tools_other": data.tools_other.strip() if "other" in tools else "",
        "talked_about": data.talked_about.strip(),
        "went_well": data.went_well.strip(),
        "next_steps": data.next_steps.strip(),
        "travel_km": round(float(data.travel_km), 1),
        "travel_minutes": int(data.travel_minutes),
    }


def check_series(every_days: int, count: int) -> None:
    """A series of planned sessions: how many and how far apart."""
    v = Validator()
    v.check(1 <= count <= 104, "count", "Plan between 1 and 104 sessions at a time.")
    v.check(1 <= every_days <= 365, "every_days", "Choose a gap between 1 and 365 days.")
    v.raise_if_any()


def check_frequency(kind: str, every_days: int | None) -> None:
    v = Validator()
    v.check(kind in FREQUENCY_LABELS, "kind", "Please choose how often you meet.")
    if kind == "custom":
        v.check(every_days is not None and 1 <= every_days <= 365, "every_days",
                "Please say every how many days, between 1 and 365.")
    v.raise_if_any()


# -- the rhythm -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FrequencyDTO:
    id: int | None
    kind: str
    every_days: int | None
    effective_from: dt.date
    note: str = ""

    @property
    def label(self) -> str:
        if self.kind == "custom" and self.every_days:
            return f"Every {self.every_days} days"
        return FREQUENCY_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class RhythmStatus:
    participant_id: int
    participant_name: str
    frequency: FrequencyDTO
    last_session: dt.date | None
    next_planned: dt.datetime | None
    due_on: dt.date | None
    state: str  # "booked", "due", "overdue", "ok", "first", "none", "paused" or "exited"
    today: dt.date

    @property
    def days_overdue(self) -> int:
        if self.due_on is None or self.state != "overdue":
            return 0
        return (self.today - self.due_on).days

    @property
    def sentence(self) -> str:
        """One plain sentence for the Today card and the Overview."""
        if self.state == "overdue":
            return f"{self.frequency.label} sessions; due {time_ago(self.due_on, self.today)}."
        if self.state == "due":
            days = (self.due_on - self.today).days
            when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
            return f"{self.frequency.label} sessions; due {when}."
        if self.state == "booked" and self.next_planned is not None:
            day = local_date(self.next_planned)
            return f"Next session booked for {day_month(day)}."
        if self.state == "first":
            return "No session yet: plan the first one."
        if self.state == "none":
            return "No regular sessions at the moment."
        if self.state == "paused":
            return "Support is paused, so no session is due."
        if self.state == "exited":
            return "Support has ended, so no session is due."
        return f"{self.frequency.label} sessions; next due {day_month(self.due_on)}."


@dataclass(frozen=True)
class SessionsTabDTO:
    """What the Sessions tab shows for one participant, read in one go (SessionService.tab)."""

    participant_id: int
    ids: list[int]  # the timeline, newest first, as filtered
    rows: list[SessionDTO]  # the first rows, and those around the session asked for
    rhythm: RhythmStatus
    summary: object  # the hours from hours_start(today) to today (a SessionSummary); None:
    # not asked for
    draft: DraftDTO | None  # the newest unfinished note
    goal_titles: list[tuple[int, str]] | None  # None: not asked for


def hours_start(today: dt.date) -> dt.date:
    """The first day of the month eleven months back: twelve months with this one (the Sessions
    tab's hours by month)."""
    return (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
