"""The demo's WRAPs and sessions read like a real caseload's (``demo``: tests/unit/services/
conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from recoverydesk.services.wrap.types import NOT_WANTED, SUPPORTERS

TODAY = dt.date(2026, 11, 2)


def test_at_least_half_have_a_partly_filled_wrap(demo):
    services, people = demo, demo.participants.list(include_archived=True)
    wraps = [services.wrap.get(p.id, TODAY) for p in people]
    partly = [w for w in wraps if 0 < w.started_parts < w.total_parts]
    assert len(partly) >= len(people) / 2
    assert any(w.part(SUPPORTERS).people for w in wraps)


def test_demo_supporters_are_their_own_contacts_and_never_also_not_wanted(demo):
    services, people = demo, demo.participants.list(include_archived=True)
    for p in people:
        wrap = services.wrap.get(p.id, TODAY)
        own = {c.id for c in services.network.contacts(p.id, include_archived=True)}
        wanted = {x.contact_id for x in wrap.part(SUPPORTERS).people}
        unwanted = {x.contact_id for x in wrap.part(NOT_WANTED).people if x.contact_id}
        assert wanted <= own and not wanted & unwanted


def test_demo_sessions_follow_a_weekly_rhythm_in_varied_places_with_notes(demo):
    services, people = demo, demo.participants.list(include_archived=True)
    gaps, kinds, notes = Counter(), set(), []
    for p in people:
        done = sorted((s for s in services.sessions.sessions(p.id) if s.status != "planned"),
                      key=lambda s: s.starts_at)
        gaps.update((b.local_date - a.local_date).days
                    for a, b in zip(done, done[1:], strict=False))
        kinds |= {s.location_kind for s in done}
        notes += [s for s in done if s.status == "completed"]
    assert gaps.most_common(1)[0][0] == 7  # weekly is the usual rhythm
    assert len(kinds) >= 6
    assert notes and all(s.talked_about and s.next_steps for s in notes)
    first = min(s.local_date for s in notes)
    assert (TODAY - first).days > 365  # over the demo's years, not just lately
