"""Offline with a team practice (issue 21): what the window sees and calls.

A coach takes participants offline from a team practice (PostgreSQL): the server places a hold
on each (one device at a time), and their records go into an encrypted practice file on this
computer (the *local copy*), with their server ids. Offline the app opens the copy exactly as a
solo practice. Back online, *bring back* sends the work to the server in ONE transaction and
releases the holds; where both sides changed a record, the server's stays and the coach's is
kept beside it as an :class:`OfflineConflict` to resolve.

The service is ``services.offline`` (``OfflineService``), on every practice. Which calls apply
depends on what is open:

On a team practice (the server open):

- ``available() -> bool``: taking offline is possible (a team practice, schema with holds).
- ``candidates(days=DEFAULT_DAYS, today=None) -> list[Candidate]``: every participant this
  coach can see, those with a planned session in the next ``days`` days first and marked
  ``suggested``; each with ``held`` (a :class:`HoldInfo`, or None).
- ``holds() -> dict[int, HoldInfo]``: the live holds this coach can see, by participant id: the
  window's "taken offline by ... since ..." (``HoldInfo.label``).
- ``default_copy_path() -> Path``: where the copy goes unless the coach chooses (the user data
  folder, one copy per team practice and coach).
- ``take(request: TakeRequest, progress=NO_PROGRESS) -> Changed[TakenCopy]``: place the holds
  and write the copy. Raises ``ValidationError`` (no participant chosen, passphrase too short,
  the path exists: keys in FIELD_LABELS), ``HeldElsewhereError`` (another device holds some:
  nothing taken, nothing written), ``OfflineError`` (not a team practice). A failure at any
  step leaves no hold and no file behind.
- ``break_hold(participant_id) -> Changed[HoldInfo]``: the lead only (``OfflineError`` for a
  coach); audited. The device's work still comes back, every edit as a conflict.
- ``conflicts(participant_id=None, open_only=True) -> list[OfflineConflict]``.
- ``edit_conflict(conflict_id) -> EditConflict`` (services/conflicts/types.py): the same
  conflict the conflict window already resolves; its ``save_again(draft, how)`` calls
  ``resolve``.
- ``resolve(conflict_id, how, merged=None) -> Changed[OfflineConflict]``: ``how`` is KEEP_MINE
  (the coach's version written over the server's current one), TAKE_THEIRS (the server's stays)
  or MERGED (``merged``: a dict of field -> value, or the EditConflict's merged draft). Raises
  ``EditConflict`` again if the record moved meanwhile.

On the local copy (a practice file that is an offline copy):

- ``state() -> OfflineState | None``: None for an ordinary practice file; else what the window
  says of it (``OfflineState.banner``, ``.title``: the words are said there, once, with the team
  practice's name) and whether a bring-back is due.
- ``reachable(timeout=2.0) -> bool``: does the team practice's server answer (a connect, no
  sign-in; cheap)? The window's poll asks it before trying a bring-back.
- ``bring_back(password=None, progress=NO_PROGRESS) -> Changed[BringBackReport]``: connect to
  the server recorded in the copy as the same coach (password: given, ~/.pgpass or
  PGPASSWORD), apply everything in one transaction, release the holds, mark the copy returned.
  Safe to run again at any point (a retry after the server committed only finishes here).
  Raises ``PasswordNeededError`` (services/practice/types.py: ask and call again),
  ``OfflineError`` (server unreachable, connection cut: nothing applied, the copy untouched; try
  again), ``OfflineError`` (not an offline copy), ``OfflineError`` (an earlier attempt reached
  the server and the copy was changed since: the copy stays RETURNING and is never discarded;
  the window should not let the coach edit a copy whose state is RETURNING).
- ``discard_copy() -> Path``: after a bring-back (state ``RETURNED``) and once the window has
  let go of the copy (opened the team practice instead): closes this store and removes the copy
  file. Refused (``OfflineError``) while the copy holds work not yet on the server.

Every write returns ``Changed`` whose ChangeSet names ``OFFLINE`` (and the records it touched).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recoverydesk.dates import (
    clock_time,
    day_month,
    long_date,
    plural,
    short_datetime,
    weekday_name,
)
from recoverydesk.services.types import ServiceError

OFFLINE = "offline"  # the ChangeSet entity of holds, copies and offline conflicts
DEFAULT_DAYS = 7  # candidates: a planned session within this many days
MIN_PASSPHRASE = 8

# The copy's states (offline_copy.state)
TAKEN = "taken"  # offline, work being done
RETURNING = "returning"  # a bring-back started (it may have reached the server)
RETURNED = "returned"  # everything is on the server; the copy may be removed

# A RETURNING or RETURNED copy takes no edits (its triggers refuse them with these marks); in
# words:
RETURNING_MARK = "recoverydesk: offline copy returning"
RETURNING_WORDS = ("This copy's work is on its way back to the team practice; finish bringing "
                   "it back first. Until then the copy can be read but not changed, so nothing "
                   "done here is left behind.")
RETURNED_MARK = "recoverydesk: offline copy returned"
RETURNED_WORDS = ("Everything in this copy is back on the team practice, so the copy takes no "
                  "more changes (they would go when it is removed): go on in the team "
                  "practice.")

FIELD_LABELS = {
    "participants": "Participants",
    "days": "Sessions within (days)",
    "passphrase": "Passphrase for the copy",
    "device_name": "This computer",
    "path": "Where the copy goes",
    "table": "Kind of record",
    "base": "As taken",
    "mine": "Offline version",
    "theirs": "Server version",
}

# How each kind of record is named in sentences (tables -> words); others: the table's name.
RECORD_WORDS = {
    "participants": "participant", "strengths": "strength", "contacts": "contact",
    "goals": "goal", "action_steps": "step", "wrap_items": "WRAP item",
    "resources": "resource", "referrals": "referral", "sessions": "session",
    "session_goals": "session goal", "wrap_plans": "WRAP plan",
    "wrap_supporters": "WRAP supporter", "goal_drafts": "goal draft",
    "session_drafts": "session draft", "review_drafts": "review draft",
    "session_frequencies": "session rhythm", "ndis_plan_goals": "NDIS plan goal",
    "chime_tags": "CHIME tag", "chime_turning_points": "turning point",
}

# Records only ever added (never edited or removed): an offline addition goes to the server as
# it is, ids mapped; they never conflict.
APPEND_ONLY = (
    "goal_status_changes", "progress_notes", "star_readings", "star_scores",
    "measure_readings", "referral_status_changes", "plan_versions", "wrap_versions",
    "chime_agreed_stories", "audit_events",
)

# Conflict kinds
EDITED_BOTH = "edited"  # changed here and on the server
DELETED_HERE = "deleted_here"  # removed offline, changed on the server
DELETED_THERE = "deleted_there"  # changed offline, removed on the server
HOLD_BROKEN = "hold_broken"  # the lead broke the hold: nothing applied over the server
NOT_ALLOWED = "not_allowed"  # an addition the server would not take (the participant moved)


class OfflineError(ServiceError):
    """Taking offline or bringing back could not be done (a plain sentence); nothing changed."""


class CopyReturningError(OfflineError):
    """A change to an offline copy whose bring-back has started (state RETURNING) or finished
    (RETURNED): refused."""

    def __init__(self, words: str = RETURNING_WORDS) -> None:
        super().__init__(words)


class HeldElsewhereError(OfflineError):
    """Some chosen participants are held by another device: nothing was taken."""

    def __init__(self, holds: tuple[HoldInfo, ...], names: dict[int, str]):
        self.holds = holds
        who = "; ".join(f"{names.get(h.participant_id, 'a participant')}: {h.label}"
                        for h in holds)
        super().__init__(
            f"{plural(len(holds), 'participant')} {'is' if len(holds) == 1 else 'are'} "
            f"already taken offline ({who}). Nothing was taken: leave them out, or ask the "
            "practice lead to break the hold.")


@dataclass(frozen=True)
class HoldInfo:
    participant_id: int
    coach_role: str
    coach_name: str  # the coach's display name ("" when unknown)
    device_name: str
    taken_at: dt.datetime  # UTC
    broken_at: dt.datetime | None = None
    broken_by: str = ""
    hold_id: int = 0

    @property
    def label(self) -> str:
        """"taken offline by Kim Lee (kim) on kim-laptop since 3 Dec 2026 09:40"."""
        who = f"{self.coach_name} ({self.coach_role})" if self.coach_name else self.coach_role
        since = short_datetime(self.taken_at)
        if self.broken_at is not None:
            return (f"was taken offline by {who} on {self.device_name}; the hold was broken by "
                    f"{self.broken_by} on {short_datetime(self.broken_at)}")
        return f"taken offline by {who} on {self.device_name} since {since}"


@dataclass(frozen=True)
class Candidate:
    participant_id: int
    name: str
    next_session: dt.date | None  # the next planned session, if any
    suggested: bool  # a session within the days asked: ticked by default
    held: HoldInfo | None = None  # taken by a device already (not takeable)

    @property
    def label(self) -> str:
        when = f" (session {long_date(self.next_session)})" if self.next_session else ""
        return self.name + when


@dataclass(frozen=True)
class TakeRequest:
    participant_ids: tuple[int, ...]
    passphrase: str  # protects the copy (SQLCipher); asked again to open it offline
    device_name: str = ""  # "" : this computer's host name
    path: Path | None = None  # None: OfflineService.default_copy_path()


def take_problems(request: TakeRequest) -> dict[str, str]:
    """The request's problems by FIELD_LABELS key (the dialog shows them beside the fields)."""
    problems: dict[str, str] = {}
    if not request.participant_ids:
        problems["participants"] = "Choose at least one participant to take."
    if len(request.passphrase or "") < MIN_PASSPHRASE:
        problems["passphrase"] = (f"The copy needs a passphrase of at least {MIN_PASSPHRASE} "
                                  "characters: the laptop may be lost.")
    if len(request.device_name) > 200:
        problems["device_name"] = "A computer's name is at most 200 characters."
    return problems


@dataclass(frozen=True)
class TakenCopy:
    path: Path
    participants: int
    records: int
    taken_at: dt.datetime
    where: str  # host/database, never a password
    coach: str


@dataclass(frozen=True)
class OfflineState:
    """What an offline copy is (the ``offline_copy`` row), and the window's words for it: the
    banner (``banner``) and the window's title line (``title``), said here once."""

    address: str  # the server's address, without its password
    where: str  # host/database for sentences
    coach: str
    device_id: str
    device_name: str
    taken_at: dt.datetime
    return_id: str
    state: str  # TAKEN, RETURNING or RETURNED
    participants: tuple[int, ...] = ()
    practice: str = ""  # the team practice's name (its details), else its database's name

    @property
    def name(self) -> str:
        return self.practice or self.where

    @property
    def title(self) -> str:
        """"Offline copy of Harbour Lights Coaching, as sam" (the window's practice line)."""
        return f"Offline copy of {self.name}, as {self.coach}"

    @property
    def banner(self) -> str:
        return self.words()

    def words(self, today: dt.date | None = None) -> str:
        """The banner: "Offline copy of Harbour Lights Coaching: 2 participants, taken
        Tuesday 3 Dec 9:40 am — ..."; a bring-back under way or done says so instead."""
        if self.state == RETURNED:
            return (f"Offline copy of {self.name}: everything is back on the team practice; "
                    "this copy can be removed.")
        if self.state == RETURNING:
            return (f"Offline copy of {self.name}: bringing the work back did not finish. "
                    f"{RETURNING_WORDS}")
        local = self.taken_at.astimezone() if self.taken_at.tzinfo else self.taken_at
        when = (f"{weekday_name(local.date())} {day_month(local.date(), today or dt.date.today())}"
                f" {clock_time(local)}")
        return (f"Offline copy of {self.name}: {plural(len(self.participants), 'participant')}, "
                f"taken {when} — your changes go back to the team practice when you bring them "
                "back (by themselves once it can be reached).")


@dataclass(frozen=True)
class BringBackReport:
    return_id: str
    added: dict[str, int] = field(default_factory=dict)  # table -> records added
    applied: int = 0  # edits and removals applied
    conflicts: int = 0  # kept beside the server's version, to resolve
    broken_holds: tuple[int, ...] = ()  # participants whose hold the lead broke
    already_done: bool = False  # the server had it from an earlier attempt
    not_brought: int = 0  # changes to practice-wide lists, which stay the lead's

    @property
    def summary(self) -> str:
        parts = [f"{plural(sum(self.added.values()), 'record')} added",
                 f"{plural(self.applied, 'change')} applied"]
        if self.conflicts:
            parts.append(f"{plural(self.conflicts, 'record')} changed on both sides kept for "
                         "you to choose")
        return "Brought back: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class OfflineConflict:
    id: int
    participant_id: int | None
    table: str
    record_id: int | None  # the server's id (None: a record that never reached it)
    kind: str  # EDITED_BOTH, DELETED_HERE, DELETED_THERE, HOLD_BROKEN, NOT_ALLOWED
    base: dict[str, Any] | None  # as taken (None: made offline)
    mine: dict[str, Any] | None  # offline (None: removed offline)
    theirs: dict[str, Any] | None  # on the server when brought back (None: removed there)
    fields: tuple[str, ...]  # where mine and theirs differ
    coach_role: str
    device_name: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None = None
    resolution: str = ""

    @property
    def what(self) -> str:
        return RECORD_WORDS.get(self.table, self.table.replace("_", " "))


# The record compared in an EditConflict: a plain draft made from a row's fields.
def row_draft(table: str, values: dict[str, Any], version: int | None) -> Any:
    """A frozen dataclass of ``values`` (plus ``base_version``) that the conflicts rules
    (``differing``, ``merge``) and the conflict window handle like a capability's draft."""
    cls = _draft_class(table, tuple(values))
    return cls(**values, base_version=version)


_CLASSES: dict[tuple[str, tuple[str, ...]], type] = {}


def _draft_class(table: str, names: tuple[str, ...]) -> type:
    key = (table, names)
    if key not in _CLASSES:
        title = "".join(p.capitalize() for p in table.split("_")) + "OfflineDraft"
        _CLASSES[key] = dataclasses.make_dataclass(
            title, [*[(n, Any) for n in names], ("base_version", Any, None)], frozen=True)
    return _CLASSES[key]
