"""The offline capability's service (issue 21): the API is described in ``types.py``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from recoverydesk.models import OfflineCopy
from recoverydesk.models.settings import PracticeSetting
from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.offline import bring_back as returning
from recoverydesk.services.offline import holds, reach, resolve, take
from recoverydesk.services.offline.types import (
    DEFAULT_DAYS,
    OFFLINE,
    RETURNED,
    BringBackReport,
    Candidate,
    HoldInfo,
    OfflineConflict,
    OfflineError,
    OfflineState,
    TakenCopy,
    TakeRequest,
)
from recoverydesk.services.team.roles import who_am_i
from recoverydesk.services.types import NO_PROGRESS, Changed, ChangeSet, Progress
from recoverydesk.store.server_address import ServerAddress

NAME_SETTING = "practice.practice_name"  # the practice's name, copied with the settings
NOT_A_TEAM = ("Taking participants offline is for a team practice on a server: this practice "
              "is a file on this computer already, and works offline as it is.")


class OfflineService:
    def __init__(self, store, close: Callable[[], None] | None = None):
        self._store = store
        # Closes the practice, its lock file too (Services.close); discard_copy calls it.
        self._close = close or store.close
        self._returned = False  # this copy was seen RETURNED (discard_copy, once it is closed)
        self._address: str | None = None  # the copy's server (reachable)

    # -- on a team practice ------------------------------------------------------------------
    def available(self) -> bool:
        return bool(getattr(self._store, "is_server", False))

    def _server(self):
        if not self.available():
            raise OfflineError(NOT_A_TEAM)
        return self._store

    def candidates(self, days: int = DEFAULT_DAYS, today: dt.date | None = None
                   ) -> list[Candidate]:
        with self._server().read() as s:
            return holds.candidates(s, today or dt.date.today(), days)

    def holds(self) -> dict[int, HoldInfo]:
        if not self.available():
            return {}
        with self._store.read() as s:
            return holds.live_holds(s)

    def default_copy_path(self) -> Path:
        server = self._server()
        return take.default_copy_path(server.address.where, server.coach)

    def take(self, request: TakeRequest, progress: Progress = NO_PROGRESS) -> Changed[TakenCopy]:
        taken = take.take(self._server(), request, progress)
        return Changed(taken, ChangeSet.of(OFFLINE, "participant"))

    def break_hold(self, participant_id: int) -> Changed[HoldInfo]:
        with self._server().unit_of_work() as s:
            me, lead = who_am_i(s)
            if not lead:
                raise OfflineError("Only the practice lead can break a hold: ask them, or ask "
                                   "the coach to bring their work back.")
            info = holds.break_hold(s, participant_id, me, dt.datetime.now(dt.UTC))
            if info is None:
                raise OfflineError("That participant is not taken offline (any more).")
        return Changed(info, ChangeSet.of(OFFLINE, participant_id=participant_id))

    def conflicts(self, participant_id: int | None = None, open_only: bool = True
                  ) -> list[OfflineConflict]:
        if not self.available():
            return []
        with self._store.read() as s:
            return resolve.listed(s, participant_id, open_only)

    def edit_conflict(self, conflict_id: int) -> EditConflict:
        with self._server().read() as s:
            found = [c for c in resolve.listed(s, None, False) if c.id == conflict_id]
            if not found:
                raise OfflineError("That offline conflict is no longer there.")
            now_row = resolve.current(s, found[0])
        seen = (now_row or {}).get("version")

        def save_again(draft: Any, how: str) -> Changed[OfflineConflict]:
            return self.resolve(conflict_id, how, draft, seen_version=seen)

        return resolve.edit_conflict(found[0], now_row, save_again)

    def resolve(self, conflict_id: int, how: str, merged: Any = None,
                seen_version: int | None = None) -> Changed[OfflineConflict]:
        with self._server().unit_of_work() as s:
            done = resolve.resolve(s, conflict_id, how, merged, seen_version,
                                   dt.datetime.now(dt.UTC))
        return Changed(done, ChangeSet.of(OFFLINE, done.table, "participant",
                                          participant_id=done.participant_id))

    # -- on the local copy ---------------------------------------------------------------------
    def state(self) -> OfflineState | None:
        if self.available():
            return None
        with self._store.read() as s:
            copy = s.scalars(select(OfflineCopy)).first()
            if copy is None:
                return None
            name = s.get(PracticeSetting, NAME_SETTING)  # (as settings/service.py keeps it)
            state = _state(copy, name.value if name is not None else "")
        self._returned = state.state == RETURNED
        self._address = state.address
        return state

    def reachable(self, timeout: float = 2.0) -> bool:
        """On the copy: does the team practice's server answer? Cheap (a connect, no sign-in,
        at most ``timeout`` seconds); False on anything that is not an offline copy."""
        if self._address is None:  # (read once: asked while the window is locked too)
            state = self.state()
            if state is None:
                return False
        return reach.server_answers(self._address or "", timeout)

    def bring_back(self, password: str | None = None, progress: Progress = NO_PROGRESS
                   ) -> Changed[BringBackReport]:
        if self.available():
            raise OfflineError("This is the team practice itself: bring back runs in the "
                               "offline copy.")
        report = returning.bring_back(self._store, password, progress)
        self._returned = True
        return Changed(report, ChangeSet.of(OFFLINE))

    def discard_copy(self) -> Path:
        """Close the copy (its store and lock file, if not closed already) and remove it and
        everything beside it: works whether the window closed the practice first or not, as
        long as the copy was seen RETURNED (a bring-back here, or ``state()``)."""
        if not self._returned and self._store.is_open:
            self.state()
        if not self._returned:
            raise OfflineError("This copy holds work that is not on the team practice yet: "
                               "bring it back first.")
        path = Path(self._store.path)
        self._close()
        take.remove_copy(path)
        return path


def _state(copy: OfflineCopy, practice_name: str) -> OfflineState:
    address = ServerAddress.parse(copy.address)
    return OfflineState(copy.address, address.where, copy.coach_role, copy.device_id,
                        copy.device_name, copy.taken_at, copy.return_id, copy.state,
                        tuple(json.loads(copy.participants)),
                        practice=practice_name.strip() or address.database or address.where)
