"""Note drafts: what the editor holds is kept in the practice file while the coach types, so a
crash or a power cut loses at most a few seconds. A draft is never validated (it may be
half-typed) and an unreadable one is skipped, never in the coach's way."""

from __future__ import annotations

import json
from functools import cache

from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.orm import Session

from recoverydesk.models import Participant
from recoverydesk.models.sessions import SessionNoteDraft
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.sessions.types import DraftDTO, SessionInput, draft_key, now_utc
from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.store.session import Store


def save(store: Store, participant_id: int, session_id: int | None, data: SessionInput
         ) -> Changed[str]:
    """Keep what the editor holds; the value is the draft's key."""
    key = draft_key(participant_id, session_id)
    payload = json.dumps(data.to_json(), ensure_ascii=False)
    with store.unit_of_work() as s:
        row = s.scalar(select(SessionNoteDraft).where(SessionNoteDraft.key == key))
        if row is None:
            s.add(SessionNoteDraft(key=key, participant_id=participant_id,
                                   session_id=session_id, payload=payload))
        elif row.payload != payload:
            row.payload = payload
            row.saved_at = now_utc()
    return Changed(key, ChangeSet.of("session_draft", participant_id=participant_id))


def discard(store: Store, key: str) -> Changed[None]:
    with store.unit_of_work() as s:
        pid = s.scalar(select(SessionNoteDraft.participant_id)
                       .where(SessionNoteDraft.key == key))
        s.execute(delete(SessionNoteDraft).where(SessionNoteDraft.key == key))
    return Changed(None, ChangeSet.of("session_draft", participant_id=pid))


def find(store: Store, *where) -> list[DraftDTO]:
    """The drafts matching ``where`` (all of them with none), newest first."""
    with store.read() as s:
        return find_in(s, *where)


def find_in(s: Session, *where) -> list[DraftDTO]:
    """``find`` inside the caller's session."""
    return _readable(s.execute(_newest_first().where(*where)))


def of_participant_in(s: Session, participant_id: int) -> list[DraftDTO]:
    """``find_in`` of one participant's drafts (the Sessions tab's), its statement built once."""
    return _readable(core_rows(s, *of_participant_read(participant_id)).all())


def of_participant_read(participant_id: int) -> Read:
    """The read ``of_participant_in`` makes."""
    return of_participant(_of_participant, participant_id)


@cache
def _newest_first() -> Select:
    """Every draft's columns a ``DraftDTO`` shows, with its participant's names, newest first."""
    d = SessionNoteDraft
    return (select(d.key, d.participant_id, d.session_id, d.saved_at, d.payload,
                   Participant.given_name, Participant.family_name, Participant.preferred_name)
            .join(Participant, Participant.id == d.participant_id)
            .order_by(d.saved_at.desc()))


@cache
def _of_participant() -> Select:
    """``_newest_first`` of one participant's (``participant_id``) drafts."""
    return _newest_first().where(SessionNoteDraft.participant_id == bindparam("participant_id"))


def _readable(rows) -> list[DraftDTO]:
    """The drafts of these rows (``_newest_first``'s columns) that can be read."""
    out = []
    for d in rows:
        try:
            data = SessionInput.from_json(json.loads(d.payload))
        except (ValueError, TypeError):
            continue  # unreadable: never block the coach over a draft
        out.append(DraftDTO(d.key, d.participant_id,
                            display_name(d.given_name, d.family_name, d.preferred_name),
                            d.session_id, d.saved_at, data))
    return out
