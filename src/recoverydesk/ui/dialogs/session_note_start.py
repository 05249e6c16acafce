"""What a session note starts from, read in one go (``read_note_start``) so that the reading can
run on a reader thread and the editor be built from the answer without asking the practice
anything on the window's thread: the participant's name, the session the note is for, a draft
left unfinished, the planned session a new note starts from, last time's next steps and the
goals to tick. On the large practice these queries took 30-50 ms of the window's thread each
time the editor opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverydesk.services.sessions.types import DraftDTO, NotePrefill, SessionDTO

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


@dataclass(frozen=True)
class NoteStart:
    name: str  # the participant's display name, for the title
    session: SessionDTO | None  # the session the note is for (asked for, planned or drafted)
    session_id: int | None
    draft: DraftDTO | None  # an unfinished note to carry on with
    prefill: NotePrefill | None  # a new note: what it starts from (the planned session)
    last: SessionDTO | None  # the last completed session before this one (its next steps)
    goals: list  # GoalDTOs: the open ones (and any the note names) are offered to tick


def read_note_start(services: Services, participant_id: int,
                    session: SessionDTO | None = None,
                    draft: DraftDTO | None = None) -> NoteStart:
    """A new note (neither given), an existing session's note, or a recovered draft. Reads
    only: safe on a reader thread."""
    session_id = session.id if session else None
    person = services.participants.get(participant_id)
    prefill = None
    if session is None and draft is None:
        prefill = services.sessions.prefill(participant_id)
        if prefill.planned is not None:
            session_id = prefill.planned.id
            session = prefill.planned
        draft = services.sessions.draft(participant_id, session_id)
    elif draft is None:
        draft = services.sessions.draft(participant_id, session_id)
    elif draft.session_id is not None:
        session_id = draft.session_id
        session = services.sessions.get(draft.session_id)
    last = services.sessions.last_completed(
        participant_id, before=session.starts_at if session and
        session.status == "completed" else None)
    if last is not None and session_id is not None and last.id == session_id:
        last = None
    return NoteStart(person.display_name, session, session_id, draft, prefill, last,
                     _goals(services, participant_id))


def _goals(services: Services, participant_id: int) -> list:
    try:
        return services.goals.goals(participant_id)
    except Exception:  # goals are a help here, never a blocker for writing a note
        return []
