"""The participant's tabs other than the Overview and Funding are read in a fixed number of
statements, however many readings, goals, sessions, people or tags a participant has, and none
reads the same thing twice (each statement is built once, its values bound)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.sql import coercions

from recoverydesk.models import CoachingSession
from statements_seen import statements_run

TODAY = dt.date(2026, 6, 1)

# Each tab's read, and the most SELECTs it may take (its own; the Sessions tab's rhythm, from
# services/sessions/rhythm.py, is two of its eight; the Story tab's items, from chime/targets.py,
# one for each kind of item tagged, at most four of its nine).
TABS = {
    "star": (lambda services, pid: services.star.tab(pid, TODAY), 2),
    "goals": (lambda services, pid: services.goals.tab(pid), 9),
    "sessions": (lambda services, pid: services.sessions.tab(pid, today=TODAY), 8),
    "wrap": (lambda services, pid: services.wrap.tab(pid, TODAY), 4),
    "story": (lambda services, pid: services.chime.story_tab(pid), 9),
    "network": (lambda services, pid: services.network.tab(pid, today=TODAY), 5),
}


def _selects(store, read) -> list[str]:
    with statements_run(store, selects_only=True) as seen:
        read()
    return seen


def _participants(demo) -> list[int]:
    """Every participant of the demo, the one with the most sessions first."""
    with demo._store.read() as s:
        counts = dict(s.execute(select(CoachingSession.participant_id, func.count())
                                .group_by(CoachingSession.participant_id)).all())
    return sorted((r.id for r in demo.participants.list()), key=lambda p: -counts.get(p, 0))


@pytest.mark.parametrize("tab", sorted(TABS))
def test_a_tab_takes_a_fixed_number_of_statements(demo, tab):
    read, most = TABS[tab]
    pids = _participants(demo)
    read(demo, pids[0])  # (the Star tab makes sure of its bundled templates once)
    for pid in pids:
        selects = _selects(demo._store, lambda p=pid: read(demo, p))
        assert len(selects) <= most, (pid, selects)
        twice = [q for q, n in Counter(selects).items() if n > 1]
        assert not twice, (pid, twice)


def test_the_busiest_star_sessions_and_wrap_tabs_take_exactly_their_statements(demo):
    """The participant with the most sessions has readings, goals, a plan and a network: each
    of these reads is taken whole (a participant with less may skip one, e.g. no sessions)."""
    busiest = _participants(demo)[0]
    for tab in ("star", "goals", "sessions", "wrap", "network"):
        read, most = TABS[tab]
        read(demo, busiest)
        assert len(_selects(demo._store, lambda r=read: r(demo, busiest))) == most, tab


@pytest.mark.parametrize("tab", ["star", "goals", "wrap", "network"])
def test_a_tab_read_again_builds_no_statement(demo, tab, monkeypatch):
    """Every statement of these tabs is built once (a ``@cache`` builder with bound values):
    reading a tab again coerces no SQL expression. (The Sessions tab's rhythm and the Story
    tab's tagged items are read by other modules.)"""
    read, _most = TABS[tab]
    pid = _participants(demo)[0]
    read(demo, pid)
    built: list[object] = []
    expect = coercions.expect

    def counted(*args, **kwargs):
        built.append(args[1] if len(args) > 1 else args)
        return expect(*args, **kwargs)

    monkeypatch.setattr(coercions, "expect", counted)
    read(demo, pid)
    assert built == []
