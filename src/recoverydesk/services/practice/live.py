"""Another coach's change, heard while it happens: on a team practice the server announces every
committed change on a channel (``LISTEN``/``NOTIFY``, revisions 0019 and 0021: only the number of
the transaction), the feed reads what that transaction changed through row-level security (the
tables and the participants this coach may see, never a name or a note: ``store.change_notices``),
and ``ChangeFeed`` hands it to the window as the same ``ChangeSet`` its own saves publish, so the
pages showing that participant refresh. Another coach's work on their own participants reaches
this coach as nothing at all.

The feed is one thread with one plain psycopg connection of its own (``store.connect_raw``: it
signs in as the store does), outside the store's pool:

- while the practice is locked (the store suspended, its password forgotten) it holds no
  connection, and takes one again once unlocked;
- when the server drops the connection it waits a moment and connects again (a change made
  meanwhile is announced as "everything may have changed", so nothing stays stale);
- ``stop`` (the practice closing) ends it within a fraction of a second.

The coach's own changes are announced too; they are left out (the window already showed them)
by the server process that sent them: the feed knows every connection of the store's pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from sqlalchemy import event

from recoverydesk.services.types import ChangeSet
from recoverydesk.store.change_notices import CHANNEL, ChangeNotice, read

# How long the feed gathers a burst of notices before handing them on, and waits before
# connecting again after the server dropped it (seconds).
GATHER_SECONDS = 0.2
RETRY_SECONDS = 2.0

# The window's change kinds (ChangeSet entities) for the tables a notice names. A table not
# listed is announced as "*" (a page that shows the participant reloads).
ENTITY_OF_TABLE = {
    "participants": "participant",
    "ndis_plan_goals": "ndis_goal",
    "strengths": "strength",
    "contacts": "contact",
    "goals": "goal",
    "goal_domains": "goal",
    "goal_status_changes": "goal",
    "progress_notes": "goal",
    "action_steps": "action_step",
    "sessions": "session",
    "session_goals": "session",
    "session_frequencies": "rhythm",
    "star_readings": "star_reading",
    "star_scores": "star_reading",
    "star_templates": "star_template",
    "star_template_versions": "star_template",
    "measure_readings": "measure_reading",
    "measure_templates": "measure_template",
    "wrap_plans": "wrap",
    "wrap_items": "wrap",
    "wrap_supporters": "wrap",
    "wrap_versions": "wrap",
    "plan_versions": "plan_version",
    "resources": "resource",
    "referrals": "referral",
    "referral_status_changes": "referral",
    "chime_tags": "chime_tag",
    "chime_turning_points": "chime_turning_point",
    "chime_agreed_stories": "chime_agreed_story",
    "participant_funding": "participant_funding",
    "funding_periods": "participant_funding",
    "service_agreements": "service_agreement",
    "agreement_items": "service_agreement",
    "plan_budgets": "plan_budget",
    "claim_lines": "claim_line",
    "claim_batches": "claim_batch",
    "invoices": "invoice",
    "invoice_lines": "invoice",
    "coaches": "coach",
    "price_lists": "price_list",
    "price_items": "price_list",
    "practice_settings": "practice_settings",
    "public_holidays": "public_holidays",
    "holiday_lists": "public_holidays",
}


def changes_for(notices: Iterable[ChangeNotice] | None) -> ChangeSet:
    """One ChangeSet for a burst of notices (``store.change_notices.read``). A participant's
    change names them; a practice-wide one names nobody, which every page showing that kind of
    thing takes as theirs. None (a payload that could not be read) means "anything may have
    changed"."""
    if notices is None:
        return ChangeSet.everything()
    entities: set[str] = set()
    ids: set[int] = set()
    practice_wide = False
    for notice in notices:
        entities.add(ENTITY_OF_TABLE.get(notice.table, "*"))
        if notice.participant_id is None:
            practice_wide = True
        else:
            ids.add(notice.participant_id)
    if not entities:
        return ChangeSet()
    return ChangeSet(frozenset(entities), frozenset() if practice_wide else frozenset(ids))


class OwnConnections:
    """The server processes behind the store's own connections, so the feed can leave out the
    notices the coach's own saves sent. Each connection says its process id once, when the
    pool first hands it out."""

    def __init__(self, engine) -> None:
        self.pids: set[int] = set()
        event.listen(engine, "checkout", self._checked_out)

    def _checked_out(self, dbapi_connection, record, _proxy) -> None:
        pid = record.info.get("backend_pid")
        if pid is None:
            pid = record.info["backend_pid"] = dbapi_connection.info.backend_pid
        self.pids.add(pid)


class ChangeFeed:
    """Listens for the server's change notices on a thread of its own and hands each burst to
    ``deliver`` (called on that thread) as one ChangeSet."""

    def __init__(self, store, deliver: Callable[[ChangeSet], None], own: OwnConnections,
                 *, retry_seconds: float = RETRY_SECONDS):
        self._store = store
        self._deliver = deliver
        self._own = own
        self._retry = retry_seconds
        self._stop = threading.Event()
        self.listening = threading.Event()  # set while a connection listens (tests wait on it)
        self._thread = threading.Thread(target=self._run, name="team-changes", daemon=True)

    def start(self) -> ChangeFeed:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        dropped = False
        while not self._stop.is_set():
            if not self._store.is_open:  # locked: no connection, no password
                self._stop.wait(GATHER_SECONDS)
                continue
            try:
                connection = self._store.connect_raw(autocommit=True)
            except Exception:  # the server is away (or the store just locked): try again
                dropped = True
                self._stop.wait(self._retry)
                continue
            try:
                if dropped:  # changes made while the feed was away were not heard
                    self._deliver(ChangeSet.everything())
                dropped = False
                self._listen(connection)
            except Exception:  # the server dropped the connection: connect again
                dropped = True
                self._stop.wait(self._retry)
            finally:
                self.listening.clear()
                connection.close()

    def _listen(self, conn) -> None:
        conn.execute(f"LISTEN {CHANNEL}")
        self.listening.set()
        while not self._stop.is_set() and self._store.is_open:
            heard = [n.payload for n in conn.notifies(timeout=GATHER_SECONDS)
                     if n.pid not in self._own.pids]
            if heard and not self._stop.is_set():
                changes = changes_for(read(conn, heard))
                if changes.entities:
                    self._deliver(changes)
