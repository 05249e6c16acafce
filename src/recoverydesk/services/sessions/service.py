"""Coaching sessions: the use cases the window and the commands call, over one practice.

Reading lives here; each kind of write lives in a module of its own job (``notes``: write up,
change, remove; ``drafts``: keep what is being typed; ``planning``: plan a series, move;
``summaries``: hours delivered) and every write returns ``Changed``: its result and exactly
what it changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from recoverydesk.models import Participant
from recoverydesk.models.sessions import CoachingSession, SessionNoteDraft, SessionStatus
from recoverydesk.services.sessions import drafts as note_drafts
from recoverydesk.services.sessions import notes, planning, rows, summaries, tab
from recoverydesk.services.sessions.summaries import ParticipantHours, SessionSummary
from recoverydesk.services.sessions.types import (
    DraftDTO,
    NotePrefill,
    SessionDTO,
    SessionInput,
    SessionsTabDTO,
    draft_key,
    local_date,
    local_midnight,
    now_utc,
)
from recoverydesk.services.types import Changed, NotFoundError
from recoverydesk.store.session import Store


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
        with self._store.read() as s:
            return tab.ids_in(s, participant_id, statuses, goal_id, tool, start, end, limit)

    def rows(self, ids: list[int]) -> list[SessionDTO]:
        """The sessions with these ids, in the order given (for lazily filled lists)."""
        if not ids:
            return []
        with self._store.read() as s:
            return tab.rows_in(s, ids)

    def tab(self, participant_id: int, statuses: tuple[str, ...] | None = None,
            goal_id: int | None = None, tool: str | None = None, *, goal_titles: bool = True,
            hours: bool = True, around: int | None = None, first: int = 50, today: dt.date | None = None
            ) -> SessionsTabDTO:
        """The Sessions tab's reads in one transaction: the ids as filtered with the first
        ``first`` rows (and those from ``around`` on, wherever it is in the list), the rhythm,
        (``hours``) the hours from ``hours_start(today)``, the newest draft and (``goal_titles``)
        the goal filter's titles."""
        with self._store.read() as s:
            return tab.read_tab(s, participant_id, statuses, goal_id, tool,
                                goal_titles=goal_titles, hours=hours, around=around, first=first,
                                today=today or dt.date.today())

    def get(self, session_id: int) -> SessionDTO:
        with self._store.read() as s:
            dtos = rows.dtos(s, select(CoachingSession).where(CoachingSession.id == session_id))
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
            return rows.dtos(s, stmt.order_by(CoachingSession.starts_at, CoachingSession.id))

    def last_completed(self, participant_id: int, before: dt.datetime | None = None
                       ) -> SessionDTO | None:
        stmt = select(CoachingSession).where(
            CoachingSession.participant_id == participant_id,
            CoachingSession.status == SessionStatus.COMPLETED)
        if before is not None:
            stmt = stmt.where(CoachingSession.starts_at < before)
        with self._store.read() as s:
            dtos = rows.dtos(s, stmt.order_by(CoachingSession.starts_at.desc()).limit(1))
        return dtos[0] if dtos else None

    def prefill(self, participant_id: int, now: dt.datetime | None = None) -> NotePrefill:
        """A new note starts from today's planned session (or the latest one not written up in
        the past week) and shows the last session's next steps."""
        now = now or now_utc()
        today = local_date(now)
        window_start = local_midnight(today - dt.timedelta(days=7))
        window_end = local_midnight(today + dt.timedelta(days=1))
        with self._store.read() as s:
            planned = rows.dtos(s, select(CoachingSession).where(
                CoachingSession.participant_id == participant_id,
                CoachingSession.status == SessionStatus.PLANNED,
                CoachingSession.starts_at >= window_start,
                CoachingSession.starts_at < window_end,
            ).order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc()))
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
            starts = ended - dt.timedelta(minutes=length)
            if starts.date() != ended.date():
                # Written just after midnight: the note holds one day, so the guess is a
                # session that ended late that evening, never one that runs past midnight.
                starts = starts.replace(hour=23, minute=45) - dt.timedelta(minutes=length)
            base = SessionInput(starts_at=starts, duration_minutes=length, status="completed")
            if last is not None:
                base = replace(base, location_kind=last.location_kind,
                               location_text=last.location_text,
                               face_to_face=last.face_to_face)
        return NotePrefill(input=base, planned=chosen, last=last)

    # -- hours --------------------------------------------------------------------------
    def summary(self, participant_id: int, start: dt.date, end: dt.date) -> SessionSummary:
        """Hours, counts, face to face or not, travel, by month, for sessions with local dates
        from ``start`` to ``end`` inclusive."""
        with self._store.read() as s:
            return tab.summary_in(s, participant_id, start, end)

    def hours_by_participant(self, start: dt.date, end: dt.date) -> list[ParticipantHours]:
        """Practice-wide: completed sessions and hours per participant, for local dates from
        ``start`` to ``end`` inclusive (for example one month, for claiming)."""
        done = self.between(local_midnight(start), local_midnight(end + dt.timedelta(days=1)),
                            ("completed",))
        return summaries.per_participant(done)

    # -- writing (see notes.py and planning.py) -----------------------------------------
    def create(self, participant_id: int, data: SessionInput, draft: str | None = None
               ) -> Changed[SessionDTO]:
        """Save a new note; ``draft`` (its key) is removed in the same transaction."""
        return notes.create(self._store, participant_id, data, draft)

    def update(self, session_id: int, data: SessionInput, draft: str | None = None
               ) -> Changed[SessionDTO]:
        return notes.update(self._store, session_id, data, draft)

    def set_status(self, session_id: int, status: str, reason: str = "") -> Changed[SessionDTO]:
        return notes.set_status(self._store, self.get(session_id), status, reason)

    def delete(self, session_id: int) -> Changed[SessionDTO]:
        """Remove a session (a planned one made by mistake); the DTO lets the UI offer Undo."""
        return notes.remove(self._store, session_id)

    def plan_series(self, participant_id: int, first: SessionInput, every_days: int = 7,
                    count: int = 8) -> Changed[list[SessionDTO]]:
        """Plan ``count`` sessions, ``every_days`` apart, starting with ``first``."""
        return planning.plan_series(self._store, participant_id, first, every_days, count)

    def move(self, session_id: int, new_start: dt.datetime, later_in_series: bool = False
             ) -> Changed[list[SessionDTO]]:
        """Move a planned session (and, if asked, the later ones in its series by as much)."""
        return planning.move(self._store, session_id, new_start, later_in_series)

    # -- drafts (see drafts.py) ---------------------------------------------------------
    def save_draft(self, participant_id: int, session_id: int | None, data: SessionInput
                   ) -> Changed[str]:
        """Keep what the editor holds (no validation: a draft may be half-typed)."""
        return note_drafts.save(self._store, participant_id, session_id, data)

    def draft(self, participant_id: int, session_id: int | None) -> DraftDTO | None:
        found = note_drafts.find(self._store,
                            SessionNoteDraft.key == draft_key(participant_id, session_id))
        return found[0] if found else None

    def drafts(self, participant_id: int | None = None) -> list[DraftDTO]:
        """Notes left unfinished (for example by a crash), newest first."""
        if participant_id is None:
            return note_drafts.find(self._store)
        return note_drafts.find(self._store, SessionNoteDraft.participant_id == participant_id)

    def discard_draft(self, key: str) -> Changed[None]:
        return note_drafts.discard(self._store, key)
