"""What every part of the demo shares: the people made so far, the seeded random stream, and
the demo's own clock (never the wall clock)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from recoverydesk.services.types import NO_PROGRESS, Progress


@dataclass(frozen=True)
class StoryContact:
    """Someone a story person's profile mentions ("close to her sister"): always in their
    support network, so the network tells the same story."""

    given: str
    relation: str
    kind: str = "family"  # a ContactKind value
    closeness: int = 3
    emergency: bool = False
    note: str = ""
    family: str = ""  # empty: the participant's family name ("" for a service's worker too)
    organisation: str = ""  # a service's worker: a formal support
    young: bool = False  # a child: in the network, never asked to help in a crisis


@dataclass
class DemoPerson:
    id: int
    given_name: str
    family_name: str
    preferred_name: str
    pronouns: str
    support_start: dt.date  # when coaching began
    status: str
    theme: str  # a short key for the situation ("housing", "work", "study", "connection", ...)
    story_people: tuple[StoryContact, ...] = ()  # who their story mentions (people.json)
    born: dt.date | None = None

    @property
    def name(self) -> str:
        return self.preferred_name or self.given_name


@dataclass
class DemoContext:
    rng: random.Random
    today: dt.date
    years: int
    whole_history: bool = False  # everyone supported from the start (see generate_demo)
    people: list[DemoPerson] = field(default_factory=list)
    # Shared between generators, for example resource ids for referrals: key -> anything.
    shared: dict[str, object] = field(default_factory=dict)
    progress: Progress = NO_PROGRESS  # stepped once per participant written (demo/sessions.py)

    @property
    def start(self) -> dt.date:
        return self.today - dt.timedelta(days=365 * self.years)

    @property
    def now(self) -> dt.datetime:
        """The demo's clock, in UTC: 8 am (local time) on ``today``. A session after it is
        still to come; nothing is written later than it."""
        return dt.datetime.combine(self.today, dt.time(8, 0)).astimezone(dt.UTC)

    def stamp(self, day: dt.date) -> dt.datetime:
        """When something that happened on ``day`` was written down: 5 pm that day (local
        time, after the day's sessions), never later than ``now``."""
        return min(dt.datetime.combine(day, dt.time(17, 0)).astimezone(dt.UTC), self.now)

    def relative(self, person_id: int) -> str:
        """The everyday word for the relative they are closest to ("sister", "mum"), chosen
        with their network, for the demo's sentences that mention family."""
        words = self.shared.get("relatives", {})
        return words.get(person_id, "family") if isinstance(words, dict) else "family"

    def stamps(self, created: dt.date, updated: dt.date | None = None) -> dict[str, dt.datetime]:
        """``created_at`` and ``updated_at`` for a row made on ``created`` (last changed on
        ``updated``, the same day when not given)."""
        return {"created_at": self.stamp(created), "updated_at": self.stamp(updated or created)}
