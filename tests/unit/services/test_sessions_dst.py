"""Moving a weekly series across a daylight-saving change keeps the coach's time of day.

Sydney's clocks go forward at 2 am on Sunday 4 October 2026: a series at 10 am stays at 10 am
on both sides, whether it is planned or moved (once or twice).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from zoneinfo import ZoneInfo

import pytest

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput

SYDNEY = ZoneInfo("Australia/Sydney")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="time.tzset is POSIX only")


@pytest.fixture
def in_sydney():
    """The computer's time zone is Sydney for this test (what .astimezone() reads)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Australia/Sydney"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def at(day: int, month: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=SYDNEY)


def local_times(services, ids) -> list[tuple[str, int]]:
    out = []
    for sid in ids:
        start = services.sessions.get(sid).starts_at.astimezone(SYDNEY)
        out.append((start.strftime("%a %d %b"), start.hour))
    return out


def weekly_series(services):
    p = services.participants.create(ParticipantDraft(given_name="Marlee", family_name="Quay")).value
    series = services.sessions.plan_series(p.id, SessionInput(starts_at=at(22, 9)), 7, 4).value
    return [s.id for s in series]


def test_planning_keeps_ten_am_across_the_change(services, in_sydney):
    ids = weekly_series(services)
    assert local_times(services, ids) == [
        ("Tue 22 Sep", 10), ("Tue 29 Sep", 10), ("Tue 06 Oct", 10), ("Tue 13 Oct", 10)]


def test_moving_the_rest_of_the_series_across_the_change_keeps_the_time_of_day(
    services, in_sydney
):
    ids = weekly_series(services)
    services.sessions.move(ids[0], at(23, 9), later_in_series=True)
    assert local_times(services, ids) == [
        ("Wed 23 Sep", 10), ("Wed 30 Sep", 10), ("Wed 07 Oct", 10), ("Wed 14 Oct", 10)]
    # A second move, from after the change back to before it.
    services.sessions.move(ids[2], at(2, 10), later_in_series=True)
    assert local_times(services, ids) == [
        ("Wed 23 Sep", 10), ("Wed 30 Sep", 10), ("Fri 02 Oct", 10), ("Fri 09 Oct", 10)]
    # And a change of time of day carries to the rest at that time of day.
    services.sessions.move(ids[1], at(30, 9, 14), later_in_series=True)
    assert local_times(services, ids) == [
        ("Wed 23 Sep", 10), ("Wed 30 Sep", 14), ("Fri 02 Oct", 14), ("Fri 09 Oct", 14)]
