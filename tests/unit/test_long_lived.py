"""Once a practice is open its long-lived objects are kept out of the cycle collector's walk
(recoverydesk/long_lived.py, measured in benchmarks/stalls.py); opening another practice gives
the old one's back, and what is made afterwards is still collected."""

from __future__ import annotations

import gc

import pytest

from recoverydesk import long_lived
from recoverydesk.app import Opener


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test process collects as usual


def _open(path):
    first = Opener(interactive=False).start_on_worker(path)
    opened = first.finish()
    return opened.services


def test_an_opened_practice_is_frozen_and_the_next_open_gives_it_back(unfrozen, tmp_practice,
                                                                       tmp_path):
    assert gc.get_freeze_count() == 0
    services = _open(tmp_practice)
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # modules, mappers, services: what lives while the practice is open
    services.close()
    other = tmp_path / "other.rdk"
    other.write_bytes(tmp_practice.read_bytes())
    first = Opener(interactive=False).start_on_worker(other)
    assert gc.get_freeze_count() == 0  # the old practice's objects are collectable again
    services = first.finish().services
    assert gc.get_freeze_count() > 0
    services.close()


def test_what_is_made_after_opening_is_still_collected(unfrozen, tmp_practice):
    services = _open(tmp_practice)
    cycle: list = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1
    services.close()


def test_modules_loaded_for_good_are_frozen_only_while_a_practice_is_open(unfrozen,
                                                                           tmp_practice):
    long_lived.practice_closing()
    long_lived.loaded_for_good()
    assert gc.get_freeze_count() == 0  # between practices: the next opening freezes them
    services = _open(tmp_practice)
    before = gc.get_freeze_count()
    later = [[i] for i in range(1000)]  # what a loader thread made after the opening
    long_lived.loaded_for_good()
    assert gc.get_freeze_count() >= before + 1000
    services.close()
    long_lived.practice_closing()
    assert gc.get_freeze_count() == 0
    del later


# -- the collector paused while a practice opens (full collections there freed nothing and held
# the GIL 90-120 ms on the large practice: the window's longest stall as it opened) ----------
def test_the_collector_is_paused_from_start_up_until_its_second_half_is_done(unfrozen,
                                                                              tmp_practice):
    assert gc.isenabled()
    first = Opener(interactive=False).start_on_worker(tmp_practice)
    assert not gc.isenabled()  # the window builds while the caseload shows: still paused
    services = first.finish().services
    assert gc.isenabled()
    assert gc.get_count()[0] < 100  # frozen before it resumed: no young walk of the whole open
    services.close()


def test_a_start_up_given_up_resumes_the_collector_once(unfrozen, tmp_practice):
    first = Opener(interactive=False).start_on_worker(tmp_practice)
    assert not gc.isenabled()
    first.give_up()
    assert gc.isenabled()
    first.give_up()  # (twice: still one resume, no other pause is undone)
    with long_lived.collector_paused():
        first.give_up()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_practice_that_cannot_open_leaves_the_collector_running(unfrozen, tmp_path):
    broken = tmp_path / "broken.rdk"
    broken.write_bytes(b"this is not a practice file" * 100)
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever it raises, it resumes
        Opener(interactive=False).start_on_worker(broken)
    assert gc.isenabled()
    with pytest.raises(Exception):  # noqa: B017, PT011
        Opener(interactive=False).open_on_worker(broken)
    assert gc.isenabled()


def test_pauses_nest_across_threads(unfrozen):
    import threading

    long_lived.pause_collector()
    other = threading.Thread(target=long_lived.pause_collector)
    other.start()
    other.join()
    long_lived.resume_collector()
    assert not gc.isenabled()  # the other thread's pause is still on
    long_lived.resume_collector()
    assert gc.isenabled()
    long_lived.resume_collector()  # one too many changes nothing
    with long_lived.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
