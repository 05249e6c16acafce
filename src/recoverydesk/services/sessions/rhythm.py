"""The weekly rhythm: how often each participant meets their coach, and who is due or overdue.

Rules (in plain words, also shown to the coach):
- The frequency in force is the latest one that started on or before today. A participant with
  none recorded is seen weekly from when they joined.
- The next session is due one interval after the last completed session (weekly 7 days,
  fortnightly 14, monthly one calendar month, custom N days).
- When the frequency changed after the last session, nobody becomes overdue backwards in time:
  the due date is never earlier than the day the new frequency started.
- Someone with a planned session from today on is "booked", not due. Paused, exited or archived
  participants ("paused" / "exited"), and those with "no regular sessions", are never due.
- "Due" means the due date falls within the next few days; "overdue" means it has passed.
- Someone with no session yet (none written up, none booked) is "first": nothing is late, the
  first session is simply still to plan. A brand-new participant is never "due today".
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from functools import cache

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import Participant, ParticipantStatus
from recoverydesk.models.sessions import (
    CoachingSession,
    FrequencyKind,
    SessionFrequency,
    SessionStatus,
)
from recoverydesk.services import audit
from recoverydesk.services.core_read import Read, core_rows
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.sessions.types import (
    DUE_SOON_DAYS,
    FrequencyDTO,
    RhythmStatus,
    check_frequency,
    local_date,
    local_midnight,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError
from recoverydesk.store.session import Store


def add_interval(day: dt.date, kind: str, every_days: int | None) -> dt.date:
    if kind == "weekly":
        return day + dt.timedelta(days=7)
    if kind == "fortnightly":
        return day + dt.timedelta(days=14)
    if kind == "monthly":
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return day.replace(year=year, month=month,
                           day=min(day.day, calendar.monthrange(year, month)[1]))
    if kind == "custom":
        return day + dt.timedelta(days=every_days or 7)
    raise ValueError(f"no interval for {kind}")


def frequency_on(history: list[FrequencyDTO], day: dt.date) -> FrequencyDTO | None:
    """The frequency in force on ``day`` (history in any order)."""
    started = [f for f in history if f.effective_from <= day]
    if not started:
        return None
    return max(started, key=lambda f: (f.effective_from, f.id or 0))


def due_date(last: dt.date | None, frequency: FrequencyDTO) -> dt.date | None:
    """When the next session is due under ``frequency`` (None: never due)."""
    if frequency.kind == "none":
        return None
    if last is None:
        return frequency.effective_from
    due = add_interval(last, frequency.kind, frequency.every_days)
    if frequency.effective_from > last:
        due = max(due, frequency.effective_from)
    return due


def rhythm_state(due_on: dt.date | None, next_planned: dt.datetime | None, today: dt.date,
                 within_days: int = DUE_SOON_DAYS) -> str:
    if next_planned is not None and local_date(next_planned) >= today:
        return "booked"
    if due_on is None:
        return "none"
    if due_on < today:
        return "overdue"
    if due_on <= today + dt.timedelta(days=within_days):
        return "due"
    return "ok"


class RhythmService:
    def __init__(self, store: Store):
        self._store = store

    def set_frequency(self, participant_id: int, kind: str, every_days: int | None = None,
                      effective_from: dt.date | None = None, note: str = ""
                      ) -> Changed[FrequencyDTO]:
        """Record a new frequency from a date on (the old one stays in the history)."""
        effective_from = effective_from or dt.date.today()
        check_frequency(kind, every_days)
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            row = SessionFrequency(participant_id=participant_id, kind=FrequencyKind(kind),
                                   every_days=every_days if kind == "custom" else None,
                                   effective_from=effective_from, note=note.strip())
            s.add(row)
            s.flush()
            audit.record(s, "rhythm.changed", "session_frequency", row.id, participant_id)
            dto = _dto(row)
        return Changed(dto, ChangeSet.of("rhythm", participant_id=participant_id))

    def history(self, participant_id: int) -> list[FrequencyDTO]:
        """Every frequency recorded, newest first."""
        with self._store.read() as s:
            rows = s.scalars(select(SessionFrequency)
                             .where(SessionFrequency.participant_id == participant_id)
                             .order_by(SessionFrequency.effective_from.desc(),
                                       SessionFrequency.id.desc()))
            return [_dto(r) for r in rows]

    def frequency(self, participant_id: int, day: dt.date | None = None) -> FrequencyDTO:
        status = self.status(participant_id, day)
        return status.frequency

    def status(self, participant_id: int, today: dt.date | None = None) -> RhythmStatus:
        today = today or dt.date.today()
        found = self._statuses(today, [participant_id])
        if not found:
            raise NotFoundError(f"There is no participant with id {participant_id}.")
        return found[0]

    def due(self, today: dt.date | None = None, within_days: int = DUE_SOON_DAYS,
            include_first: bool = False) -> list[RhythmStatus]:
        """Active participants due or overdue for a session, most overdue first; with
        ``include_first``, then those with no session yet (calmly: their first is to plan)."""
        today = today or dt.date.today()
        states = ("due", "overdue", "first") if include_first else ("due", "overdue")
        found = [st for st in self._statuses(today, None, within_days, active_only=True)
                 if st.state in states]
        return sorted(found, key=lambda st: (st.state == "first", st.due_on or today,
                                             st.participant_name.casefold(), st.participant_id))

    def _statuses(self, today: dt.date, ids: list[int] | None, within_days: int = DUE_SOON_DAYS,
                  active_only: bool = False) -> list[RhythmStatus]:
        with self._store.read() as s:
            return statuses_in(s, today, ids, within_days, active_only)


def statuses_in(s: Session, today: dt.date, ids: list[int] | None,
                within_days: int = DUE_SOON_DAYS, active_only: bool = False
                ) -> list[RhythmStatus]:
    """The rhythm of each participant (``ids``, or everyone), inside the caller's session."""
    persons = core_rows(s, *people_read(today, ids, active_only)).all()
    return statuses_of(s, persons, today, within_days)


def people_read(today: dt.date, ids: list[int] | None, active_only: bool = False) -> Read:
    """The read ``statuses_in`` makes first (then ``frequencies_read`` of those found)."""
    params = day_params(today)
    if ids is not None:
        params["ids"] = list(ids)
    return _people(ids is not None, active_only), params


def statuses_of(s: Session, persons: Sequence[Row], today: dt.date,
                within_days: int = DUE_SOON_DAYS) -> list[RhythmStatus]:
    """The rhythm of participants already read with ``person_columns`` (their frequencies are
    read here, in one statement), in the order given."""
    history: dict[int, list[FrequencyDTO]] = {}
    if persons:
        for row in core_rows(s, *frequencies_read([p.id for p in persons])).all():
            history.setdefault(row.participant_id, []).append(_dto(row))
    return [_status(p, history.get(p.id, []), today, within_days) for p in persons]


def _status(p: Row, history: list[FrequencyDTO], today: dt.date, within_days: int
            ) -> RhythmStatus:
    last_day = _as_local_date(p.last)
    joined = local_date(p.created_at) if p.created_at else today
    default = FrequencyDTO(None, "weekly", None, min(joined, last_day or joined))
    freq = frequency_on(history, today) or default
    due_on = due_date(last_day, freq)
    nxt = p.upcoming
    if nxt is not None and nxt.tzinfo is None:
        nxt = nxt.replace(tzinfo=dt.UTC)
    state = rhythm_state(due_on, nxt, today, within_days)
    if last_day is None and state in ("due", "overdue", "ok"):
        state = "first"
    if p.archived or p.status == ParticipantStatus.EXITED:
        state = "exited"
    elif p.status == ParticipantStatus.PAUSED and state != "booked":
        state = "paused"
    return RhythmStatus(
        participant_id=p.id,
        participant_name=display_name(p.given_name, p.family_name, p.preferred_name),
        frequency=freq, last_session=last_day, next_planned=nxt, due_on=due_on,
        state=state, today=today)


def day_params(today: dt.date) -> dict:
    """The bound days ``person_columns`` read the sessions around."""
    return {"end_of_today": local_midnight(today + dt.timedelta(days=1)),
            "start_of_today": local_midnight(today)}


def person_columns() -> list:
    """What the rhythm reads of each participant: who they are, their status, and their latest
    completed session and next planned one, looked up participant by participant (the index on
    (participant_id, starts_at) read from one end, stopping at the first): a max() over
    everyone's completed sessions read every one of them (1.8 s as a coach on the benchmark's
    team practice, where a coach's 300 participants' 100,000 notes lie among a million). The
    days are the parameters of ``day_params``; for statements built once."""
    latest = (select(CoachingSession.starts_at)
              .where(CoachingSession.participant_id == Participant.id,
                     CoachingSession.status == SessionStatus.COMPLETED,
                     CoachingSession.starts_at < bindparam("end_of_today"))
              .order_by(CoachingSession.starts_at.desc()).limit(1)
              .correlate(Participant).scalar_subquery())
    upcoming = (select(CoachingSession.starts_at)
                .where(CoachingSession.participant_id == Participant.id,
                       CoachingSession.status == SessionStatus.PLANNED,
                       CoachingSession.starts_at >= bindparam("start_of_today"))
                .order_by(CoachingSession.starts_at).limit(1)
                .correlate(Participant).scalar_subquery())
    return [Participant.id, Participant.given_name, Participant.family_name,
            Participant.preferred_name, Participant.created_at, Participant.status,
            Participant.archived, latest.label("last"), upcoming.label("upcoming")]


@cache
def _people(some: bool, active_only: bool) -> Select:
    """The participants (``some``: those of the ``ids`` parameter) with ``person_columns``.
    Built once, the days bound parameters: building it was most of the rhythm's Python per
    read."""
    people = select(*person_columns())
    if some:
        people = people.where(Participant.id.in_(bindparam("ids", expanding=True)))
    if active_only:
        people = people.where(Participant.archived.is_(False),
                              Participant.status == ParticipantStatus.ACTIVE)
    return people


def frequencies_read(participant_ids: list[int]) -> Read:
    """The read of every frequency recorded for these participants."""
    return _frequencies(), {"pids": participant_ids}


@cache
def _frequencies() -> Select:
    """Every frequency recorded for the participants of ``pids``."""
    return select(SessionFrequency.__table__).where(
        SessionFrequency.participant_id.in_(bindparam("pids", expanding=True)))


def _as_local_date(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return local_date(moment)


def _dto(row: SessionFrequency | Row) -> FrequencyDTO:
    return FrequencyDTO(row.id, row.kind.value, row.every_days, row.effective_from, row.note)
