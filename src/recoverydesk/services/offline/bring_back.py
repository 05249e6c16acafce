"""Bringing the offline work back (issue 21 item 3): run in the local copy, against the server
the copy came from, as the same coach.

The steps, and why a retry at any point ends in the same state:

1. Once the server answers, the copy is marked RETURNING (its return id was minted when it
   was taken); from then on it refuses edits (``changes.track_changes``), so the work read
   next is all the work there is, until it is RETURNED.
2. ONE server transaction: if ``offline_returns`` already holds the return id, an earlier
   attempt committed: nothing is applied again. Otherwise every change is applied
   (``apply.Applier``), the holds are released and the ``offline_returns`` row (with the map of
   ids made offline) is added, all committed together or not at all (a kill, a cut
   connection, a refusal: PostgreSQL rolls the whole transaction back).
3. The copy is marked RETURNED. Killed between 2 and 3, the next attempt finds the return id
   in step 2 and only does step 3.

Afterwards the copy can be removed (``OfflineService.discard_copy``): only once it is RETURNED,
which it becomes only after the server committed the work.

For the kill harness (tests/offline_harness.py): with ``RECOVERYDESK_OFFLINE_KILL_AFTER=N`` in
the environment the process kills itself (SIGKILL) at its N-th database statement of the
bring-back, on either database: the laptop closed at that exact moment.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal

from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from recoverydesk.models import OfflineCopy, OfflineReturn
from recoverydesk.services import audit
from recoverydesk.services.offline import holds
from recoverydesk.services.offline.apply import Applier
from recoverydesk.services.offline.changes import offline_work
from recoverydesk.services.offline.types import (
    RETURNED,
    RETURNING,
    BringBackReport,
    OfflineError,
)
from recoverydesk.services.practice.types import PasswordNeededError
from recoverydesk.services.types import NO_PROGRESS, Progress
from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.server import ServerStore
from recoverydesk.store.server_errors import ServerLoginError

KILL_AFTER = "RECOVERYDESK_OFFLINE_KILL_AFTER"
CHANGED_SINCE = (
    "An earlier bring-back of this copy reached the team practice, and the copy was changed "
    "after it, so it was not marked as brought back: the later changes are still only here. "
    "Keep this copy, and ask for help to bring those changes over by hand.")


def the_copy(s: Session) -> OfflineCopy | None:
    return s.scalars(select(OfflineCopy)).first()


def bring_back(local, password: str | None = None, progress: Progress = NO_PROGRESS,
               now: dt.datetime | None = None) -> BringBackReport:
    now = now or dt.datetime.now(dt.UTC)
    faults = _Faults.from_environment()
    faults.watch(local.engine)
    with local.unit_of_work() as s:
        copy = the_copy(s)
        if copy is None:
            raise OfflineError("This practice is not an offline copy of a team practice.")
        if copy.state == RETURNED:
            return BringBackReport(copy.return_id, already_done=True)
        info = (copy.address, copy.return_id, copy.device_id, copy.device_name,
                json.loads(copy.participants))
    address, return_id, device, device_name, taken = info
    progress.step(0, 3, "Connecting to the team practice…")
    server = _connect(address, password)
    faults.watch(server.engine)
    try:
        with server.unit_of_work() as s:
            done = s.get(OfflineReturn, return_id)
            # Only once the server answered: from here the work may reach it, so the copy
            # takes no more edits (its change triggers refuse them, changes.track_changes)
            # until it is RETURNED. A server that cannot be reached, or asks for a password,
            # leaves it TAKEN: the coach goes on working offline.
            with local.unit_of_work() as mine:
                the_copy(mine).state = RETURNING  # type: ignore[union-attr]
            with local.read() as mine:
                work = offline_work(mine)
            progress.step(1, 3, "Sending it to the team practice…")
            if done is not None:
                summary = json.loads(done.summary)
                if summary.get("work") not in (None, work.digest()):
                    raise OfflineError(CHANGED_SINCE)
                report = _report(return_id, summary, already_done=True)
            else:
                report = _apply(s, work, return_id, device, device_name, taken, now)
    except PracticeFileError as err:
        raise _in_words(err, address) from err
    except DBAPIError as err:
        raise OfflineError(
            "The team practice stopped answering while the work was being brought back, so "
            "nothing of it was kept there; your offline copy is as it was. Bring back again "
            f"when the server can be reached. ({str(err.orig or err).splitlines()[0]})") from err
    finally:
        server.close()
    progress.step(2, 3, "Marking the copy as brought back…")
    with local.unit_of_work() as s:
        the_copy(s).state = RETURNED  # type: ignore[union-attr]
    return report


def _apply(s: Session, work, return_id: str, device: str, device_name: str,
           taken: list[int], now: dt.datetime) -> BringBackReport:
    coach = str(s.scalar(text("SELECT current_user")))
    mine = holds.mine(s, device, taken, lock=True)
    broken = {pid for pid in taken if pid not in mine or mine[pid].broken_at is not None}
    visible = set(holds.names_of(s, taken))
    out = Applier(s, work, coach, device_name, return_id, broken, visible, now).run()
    holds.release(s, device, taken, now)
    summary = {"added": out.added, "applied": out.applied, "conflicts": out.conflicts,
               "broken_holds": sorted(broken), "not_brought": out.not_brought,
               "work": work.digest()}
    s.add(OfflineReturn(return_id=return_id, coach_role=coach, device_id=device,
                        returned_at=now, summary=json.dumps(summary),
                        id_map=json.dumps({t: {str(k): v for k, v in m.items()}
                                           for t, m in out.id_map.items()})))
    audit.record(s, "offline.brought_back", "offline_return", None, None,
                 f"{sum(out.added.values())} added, {out.applied} applied, "
                 f"{out.conflicts} conflicts")
    s.flush()
    return _report(return_id, summary)


def _report(return_id: str, summary: dict, already_done: bool = False) -> BringBackReport:
    return BringBackReport(return_id, dict(summary.get("added", {})),
                           int(summary.get("applied", 0)), int(summary.get("conflicts", 0)),
                           tuple(summary.get("broken_holds", ())), already_done,
                           int(summary.get("not_brought", 0)))


def _connect(address: str, password: str | None) -> ServerStore:
    try:
        return ServerStore(address, password)
    except PracticeFileError as err:
        raise _in_words(err, address) from err


def _in_words(err: PracticeFileError, address: str) -> Exception:
    if isinstance(err, ServerLoginError) and err.needs_password:
        return PasswordNeededError(str(err), address, err)
    return OfflineError(f"{err} Nothing was brought back yet; your offline copy is as it was: "
                        "bring back again when the server can be reached.")


class _Faults:
    """The kill harness's switch: SIGKILL at the N-th statement (counted on both databases)."""

    def __init__(self, after: int | None):
        self.after = after
        self.count = 0

    @classmethod
    def from_environment(cls) -> _Faults:
        value = os.environ.get(KILL_AFTER, "")
        return cls(int(value) if value.isdigit() else None)

    def watch(self, engine) -> None:
        if self.after is None:
            return
        event.listen(engine, "before_cursor_execute", self._tick)

    def _tick(self, *_args) -> None:
        self.count += 1
        if self.count >= self.after:  # type: ignore[operator]
            os.kill(os.getpid(), signal.SIGKILL)
