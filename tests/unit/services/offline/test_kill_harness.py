"""Issue 21 item 5: a few seeded interleavings of the kill harness (tests/offline_harness.py),
each bring-back killed or cut at random points and run again: nothing lost, nothing doubled,
every both-sides edit surfaced, no hold left. benchmarks/offline_harness.py runs hundreds."""

from __future__ import annotations

import pytest

from offline_harness import Figures, run_many
from offline_world import make_world


@pytest.fixture
def world(pg_cluster, server_store, tmp_path):
    w, ids = make_world(pg_cluster, server_store, tmp_path, people=3)
    yield w, ids
    w.close()


def test_random_interleavings_with_killed_bring_backs_lose_and_double_nothing(world):
    w, ids = world
    figures = run_many(w, ids, range(1, 5), Figures())
    # A fault lands by chance (a kill after a statement the bring-back may never reach, a kill
    # or a cut at a moment it may have finished by): a few more seeds until one has.
    for seed in range(5, 9):
        if figures.kills + figures.cuts > 0:
            break
        run_many(w, ids, [seed], figures)
    print(figures.line())
    assert figures.problems == []
    assert figures.interleavings >= 4 and figures.notes_written > 0
    assert figures.notes_lost == 0 and figures.duplicates == 0
    assert figures.conflicts_missing == 0 and figures.holds_left == 0
    assert figures.kills + figures.cuts > 0  # the faults did happen
