"""The demo practice: deterministic for a seed, and a caseload that reads like a real one."""

from __future__ import annotations

import datetime as dt

import pytest
from demo_practices import demo_practice

from recoverydesk.demo import generate_demo
from recoverydesk.demo.people import PROFILES
from recoverydesk.services.participants.types import age_on
from recoverydesk.services.practice.transfer import IOService
from recoverydesk.store.migrate import create_practice
from recoverydesk.store.session import Store

TODAY = dt.date(2026, 11, 2)
# The moment of the export itself; everything the demo writes comes from its seeded clock.
VOLATILE = {"exported_at"}


def scrub(value):
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def demo_export(tmp_path, name, seed, participants=16, years=2):
    path = tmp_path / f"{name}.rdk"
    create_practice(path)
    store = Store(path)
    try:
        generate_demo(store, participants=participants, years=years, seed=seed, today=TODAY)
        return scrub(IOService(store).export_data())
    finally:
        store.close()


def test_same_seed_same_practice_other_seed_another(tmp_path):
    first = demo_export(tmp_path, "a", seed=5)
    assert first == demo_export(tmp_path, "b", seed=5)
    assert first != demo_export(tmp_path, "c", seed=6)
    # The whole practice is compared, not only the people.
    people = first["participants"]
    assert len(people) == 16 and any(p["sessions"] for p in people)


def _stamps(value, key=""):
    """Every (key, moment) the export says a row was written or changed, however deep."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _stamps(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _stamps(v, key)
    elif key in {"created_at", "updated_at", "recorded_at", "saved_at"} and value:
        yield key, dt.datetime.fromisoformat(value)


def test_the_demo_keeps_its_own_clock_not_the_wall_clock(tmp_path):
    """A demo for 2 Nov 2026 made weeks later still ends on 2 Nov: what came after its 'now'
    is planned, not done, and nothing is written later than that morning."""
    path = tmp_path / "clock.rdk"
    create_practice(path)
    store = Store(path)
    try:
        ctx = generate_demo(store, participants=8, years=1, seed=4, today=TODAY)
        data = IOService(store).export_data()
    finally:
        store.close()
    stamps = list(_stamps(data))
    assert {k for k, _ in stamps} >= {"created_at", "updated_at", "recorded_at"}
    assert max(when for _, when in stamps) <= ctx.now
    sessions = [s for p in data["participants"] for s in p["sessions"]]
    later = [s for s in sessions if dt.datetime.fromisoformat(s["starts_at"]) > ctx.now]
    assert later and {s["status"] for s in later} == {"planned"}
    joined = {p["created_at"][:10] for p in data["participants"]}
    assert len(joined) > 4  # each person joined the practice on their own day


@pytest.fixture(scope="module")
def caseload(tmp_path_factory):
    services = demo_practice(tmp_path_factory.mktemp("demo") / "big.rdk", participants=120,
                             years=3, seed=9, today=TODAY)
    rows = services.participants.list(include_archived=True)
    people = [services.participants.get(r.id) for r in rows]
    services.close()
    return people


def test_the_story_people_keep_their_own_strengths_and_a_fitting_age(caseload):
    by_name = {(p.given_name, p.family_name): p for p in caseload}
    for profile in PROFILES:
        person = by_name[(profile.given, profile.family)]
        assert [s.text for s in person.strengths] == [t for _c, t in profile.strengths]
        low, high = profile.ages
        assert low - 1 <= age_on(person.date_of_birth, TODAY) <= high
    maggie = by_name[("Margaret", "Sullivan")]
    assert maggie.preferred_name == "Maggie" and "librarian" in maggie.about


def test_everyone_is_distinct_and_plausible(caseload):
    names = [p.full_name for p in caseload]
    assert len(set(names)) == len(names)
    assert len({p.ndis_number for p in caseload}) == len(caseload)
    for p in caseload:
        assert 3 <= len(p.strengths) <= 5
        assert len({s.text for s in p.strengths}) == len(p.strengths)
        assert p.email.isascii() and p.email.endswith("@example.com")
        assert p.plan_start < p.plan_end
        assert 18 <= age_on(p.date_of_birth, TODAY) <= 80


def test_caseload_has_every_status_and_archived_people_have_finished(caseload):
    statuses = {p.status for p in caseload}
    assert statuses == {"active", "paused", "exited"}
    archived = [p for p in caseload if p.archived]
    assert archived and all(p.status == "exited" for p in archived)
    assert sum(p.status == "active" and not p.archived for p in caseload) > len(caseload) * 0.7


def test_whole_history_coaches_everyone_from_the_start_of_the_period(tmp_path):
    path = tmp_path / "dense.rdk"
    create_practice(path)
    store = Store(path)
    try:
        ctx = generate_demo(store, participants=12, years=2, seed=3, today=TODAY,
                            whole_history=True)
    finally:
        store.close()
    assert all(0 <= (p.support_start - ctx.start).days <= 60 for p in ctx.people)


def test_a_demo_that_fails_halfway_leaves_no_file_behind(tmp_path, monkeypatch):
    from recoverydesk import demo
    from recoverydesk.demo import practice as demo_practice

    path = tmp_path / "demo.rdk"

    def broken(*args, **kwargs):
        raise OSError("disk went away")

    monkeypatch.setattr(demo, "generate_demo", broken)
    with pytest.raises(OSError):
        demo_practice.create_demo(path, participants=3, years=1)
    assert not path.exists()
    monkeypatch.undo()
    services = demo_practice.create_demo(path, participants=3, years=1)  # trying again just works
    try:
        assert len(services.participants.list(include_archived=True)) == 3
    finally:
        services.close()
