"""A deterministic, fictional demo practice, built by one module per capability.

Each module in GENERATOR_MODULES has ``generate(session, ctx: DemoContext) -> None``; they run
after the participants exist, in list order, inside one unit of work (a module not written yet
is skipped). It must use ``ctx.rng`` only (never the global random) and ``ctx.now`` /
``ctx.stamp(day)`` for every timestamp (never the wall clock), so one seed and one day always
make the same practice; and bulk inserts for anything numerous, because the benchmark builds
300 participants over 7 years with the same code.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from recoverydesk.store import Store


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
    story_people: tuple[StoryContact, ...] = ()  # who their story mentions (demo/people.py)
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


DemoGenerator = Callable[[Session, DemoContext], None]
# In dependency order: the network (contacts, resources) before the WRAP and referrals, goals
# before the sessions that work on them.
GENERATOR_MODULES: list[str] = [
    "recoverydesk.demo.star",
    "recoverydesk.demo.network",
    "recoverydesk.demo.goals",
    "recoverydesk.demo.ndis",
    "recoverydesk.demo.wrap",
    "recoverydesk.demo.sessions",
    "recoverydesk.demo.reports",
]


def _generators() -> list[DemoGenerator]:
    found = []
    for name in GENERATOR_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue
            raise
        found.append(module.generate)
    return found


def generate_demo(
    store: Store,
    participants: int = 14,
    years: int = 2,
    seed: int = 7,
    today: dt.date | None = None,
    whole_history: bool = False,
) -> DemoContext:
    """``whole_history``: everyone has been coached since the start of the period, the dense
    seven-year practice the benchmark measures (about 100k sessions for 300 people)."""
    from recoverydesk.demo import people

    ctx = DemoContext(rng=random.Random(seed), today=today or dt.date.today(), years=years,
                      whole_history=whole_history)
    with store.unit_of_work() as session:
        people.generate(session, ctx, participants)
        for generator in _generators():
            generator(session, ctx)
    return ctx
