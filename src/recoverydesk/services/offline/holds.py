"""The server's holds: who has a participant offline, on which device, since when (issue 21
item 4). A participant is taken by one device at a time (the partial unique index of revision
0022 refuses a second live hold, even in a race); the practice lead can break a hold (audited),
and the device's work still comes back, every edit of it as a conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from recoverydesk.models import Coach, CoachingSession, OfflineHold, Participant, SessionStatus
from recoverydesk.services import audit
from recoverydesk.services.offline.types import Candidate, HeldElsewhereError, HoldInfo
from recoverydesk.services.participants.types import display_name

_LIVE = (OfflineHold.released_at.is_(None), OfflineHold.broken_at.is_(None))


def _info(hold: OfflineHold, names: dict[str, str]) -> HoldInfo:
    return HoldInfo(hold.participant_id, hold.coach_role, names.get(hold.coach_role, ""),
                    hold.device_name, hold.taken_at, hold.broken_at, hold.broken_by or "",
                    hold.id)


def _coach_names(s: Session) -> dict[str, str]:
    return {r[0]: r[1] for r in s.execute(select(Coach.role, Coach.display_name))}


def live_holds(s: Session, participant_ids: Iterable[int] | None = None) -> dict[int, HoldInfo]:
    """The live holds (this coach sees those of their participants; a lead all)."""
    query = select(OfflineHold).where(*_LIVE)
    if participant_ids is not None:
        query = query.where(OfflineHold.participant_id.in_(list(participant_ids)))
    names = _coach_names(s)
    return {h.participant_id: _info(h, names) for h in s.scalars(query)}


def candidates(s: Session, today: dt.date, days: int) -> list[Candidate]:
    """Every participant this coach sees (not archived), those with a planned session within
    ``days`` days first (soonest first), then by name."""
    start = dt.datetime.combine(today, dt.time(), dt.UTC)
    end = start + dt.timedelta(days=days + 1)
    upcoming = {r[0]: r[1] for r in s.execute(
        select(CoachingSession.participant_id, func.min(CoachingSession.starts_at))
        .where(CoachingSession.status == SessionStatus.PLANNED,
               CoachingSession.starts_at >= start)
        .group_by(CoachingSession.participant_id))}
    held = live_holds(s)
    people = s.execute(select(Participant.id, Participant.given_name, Participant.family_name,
                              Participant.preferred_name)
                       .where(Participant.archived.is_(False)))
    out = []
    for pid, given, family, preferred in people:
        nxt = upcoming.get(pid)
        soon = nxt is not None and nxt < end
        out.append(Candidate(pid, display_name(given, family, preferred or ""),
                             nxt.date() if nxt is not None else None, soon and pid not in held,
                             held.get(pid)))
    return sorted(out, key=lambda c: (not c.suggested, c.next_session or dt.date.max,
                                      c.name.lower(), c.participant_id))


def place(s: Session, participant_ids: list[int], coach: str, device_id: str,
          device_name: str, now: dt.datetime) -> None:
    """Hold each participant for this device, or raise HeldElsewhereError naming who holds
    which (nothing placed: the caller's transaction rolls back)."""
    taken = live_holds(s, participant_ids)
    if taken:
        raise HeldElsewhereError(tuple(taken.values()), names_of(s, taken))
    try:
        with s.begin_nested():
            s.add_all(OfflineHold(participant_id=pid, coach_role=coach, device_id=device_id,
                                  device_name=device_name, taken_at=now)
                      for pid in participant_ids)
            s.flush()
    except IntegrityError as err:  # another device took one in the same moment
        taken = live_holds(s, participant_ids)
        raise HeldElsewhereError(tuple(taken.values()), names_of(s, taken)) from err


def names_of(s: Session, ids: Iterable[int]) -> dict[int, str]:
    rows = s.execute(select(Participant.id, Participant.given_name, Participant.family_name,
                            Participant.preferred_name).where(Participant.id.in_(list(ids))))
    return {r[0]: display_name(r[1], r[2], r[3] or "") for r in rows}


def mine(s: Session, device_id: str, participant_ids: list[int], *, lock: bool = False
         ) -> dict[int, OfflineHold]:
    """This device's holds on these participants not yet released (broken ones too), the
    newest per participant."""
    query = (select(OfflineHold).where(OfflineHold.device_id == device_id,
                                       OfflineHold.participant_id.in_(participant_ids),
                                       OfflineHold.released_at.is_(None))
             .order_by(OfflineHold.id))
    return {h.participant_id: h for h in s.scalars(query.with_for_update() if lock else query)}


def release(s: Session, device_id: str, participant_ids: list[int], now: dt.datetime) -> None:
    s.execute(update(OfflineHold)
              .where(OfflineHold.device_id == device_id,
                     OfflineHold.participant_id.in_(participant_ids),
                     OfflineHold.released_at.is_(None))
              .values(released_at=now))


def break_hold(s: Session, participant_id: int, lead: str, now: dt.datetime) -> HoldInfo | None:
    hold = s.scalars(select(OfflineHold).where(OfflineHold.participant_id == participant_id,
                                               *_LIVE).with_for_update()).first()
    if hold is None:
        return None
    hold.broken_at, hold.broken_by = now, lead
    audit.record(s, "offline.hold_broken", "participant", participant_id, participant_id,
                 f"{hold.coach_role} on {hold.device_name}")
    s.flush()
    return _info(hold, _coach_names(s))
