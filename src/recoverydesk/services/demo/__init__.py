"""A deterministic, fictional demo practice. Each capability adds a generator to GENERATORS.

A generator is ``fn(session, ctx: DemoContext) -> None``; it runs after the participants exist,
in list order, inside one unit of work. It must use ``ctx.rng`` only (never the global random)
and bulk inserts for anything numerous, because the benchmark builds 300 participants over
7 years with the same code.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from recoverydesk.store import Store


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

    @property
    def name(self) -> str:
        return self.preferred_name or self.given_name


@dataclass
class DemoContext:
    rng: random.Random
    today: dt.date
    years: int
    people: list[DemoPerson] = field(default_factory=list)
    # Shared between generators, for example resource ids for referrals: key -> anything.
    shared: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return self.today - dt.timedelta(days=365 * self.years)


DemoGenerator = Callable[[Session, DemoContext], None]
GENERATORS: list[DemoGenerator] = []


def generate_demo(
    store: Store,
    participants: int = 14,
    years: int = 2,
    seed: int = 7,
    today: dt.date | None = None,
) -> DemoContext:
    from recoverydesk.services.demo import people

    ctx = DemoContext(rng=random.Random(seed), today=today or dt.date.today(), years=years)
    with store.unit_of_work() as session:
        people.generate(session, ctx, participants)
        for generator in GENERATORS:
            generator(session, ctx)
    return ctx
