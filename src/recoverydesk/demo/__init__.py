"""A deterministic, fictional demo practice, built by one module per capability.

Each part is ``generate(session, ctx: DemoContext)``, called by name below after the participants
exist, in dependency order, inside one unit of work. It must use ``ctx.rng`` only (never the
global random) and ``ctx.now`` / ``ctx.stamp(day)`` for every timestamp (never the wall clock),
so one seed and one day always make the same practice; and bulk inserts for anything numerous,
because the benchmark builds 300 participants over 7 years with the same code. What the parts
say (names, strengths, goals in the person's words, networks, notes) is story data, read from
``resources/demo/*.json`` (demo/story.py); the modules hold only how it is told.
"""

from __future__ import annotations

import datetime as dt
import random

from recoverydesk.demo import (
    chime,
    claims,
    goals,
    ndis,
    network,
    people,
    plans,
    reports,
    sessions,
    star,
    wrap,
)
from recoverydesk.demo.context import DemoContext, DemoPerson, StoryContact
from recoverydesk.services.types import NO_PROGRESS, Progress
from recoverydesk.store.session import Store

__all__ = ["DemoContext", "DemoPerson", "StoryContact", "generate_demo"]


def generate_demo(
    store: Store,
    participants: int = 14,
    years: int = 2,
    seed: int = 7,
    today: dt.date | None = None,
    whole_history: bool = False,
    progress: Progress = NO_PROGRESS,
) -> DemoContext:
    """``whole_history``: everyone has been coached since the start of the period, the dense
    seven-year practice the benchmark measures (about 100k sessions for 300 people).

    ``progress`` steps once per participant: ``step(done, participants)``, ``done`` from 0 (before
    anything is written) to ``participants`` (each step after a participant's sessions, the last
    and largest part of their story, are written). It never touches the random stream, so the
    practice is the same with or without it. Cancelling raises ``Cancelled`` out of the one unit
    of work, so nothing of the demo is kept."""
    ctx = DemoContext(rng=random.Random(seed), today=today or dt.date.today(), years=years,
                      whole_history=whole_history, progress=progress)
    progress.step(0, participants)
    with store.unit_of_work() as session:
        people.generate(session, ctx, participants)
        # In dependency order: the network (contacts, resources) before the WRAP and
        # referrals, goals before the plans agreed on them and the sessions that work on them.
        star.generate(session, ctx)
        network.generate(session, ctx)
        plans.generate(session, ctx, goals.generate(session, ctx))
        ndis.generate(session, ctx)
        wrap.generate(session, ctx)
        sessions.generate(session, ctx)
        chime.generate(session, ctx)  # after the notes it tags; uses no random numbers
        reports.generate(session, ctx)
        claims.generate(session, ctx)  # last: it claims for the sessions written above
    return ctx
