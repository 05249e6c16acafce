"""The Overview's "At a glance" lines and the participant header are read in a fixed, small
number of statements whatever the participant holds, each table's row once: the participant's
row is read once for the sessions line, the rhythm line and "support ended", and the header's
participant and strengths in one statement."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from recoverydesk.models import ChimeTag, Participant
from recoverydesk.services import overview
from recoverydesk.services.chime import targets
from recoverydesk.services.claims import glance as claims_glance
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.rhythm import statuses_in
from recoverydesk.services.types import NotFoundError
from statements_seen import statements_run

# The NDIS funding line is the claims capability's, counted in its own tests.
MINE = tuple(g for g in overview.GLANCES if g is not claims_glance.overview_lines)


def selects(store):
    """The SELECT statements run inside the block (BEGIN and the like left out)."""
    return statements_run(store, selects_only=True)


def _ids(demo) -> list[int]:
    with demo._store.read() as s:
        return list(s.scalars(select(Participant.id).order_by(Participant.id)))


def test_every_demo_participant_s_lines_take_a_bounded_number_of_statements(demo, monkeypatch):
    monkeypatch.setattr(overview, "GLANCES", MINE)
    counts = {}
    for pid in _ids(demo):
        with selects(demo._store) as seen:
            lines = demo.overview.lines(pid)
        counts[pid] = len(seen)
        assert lines
        assert len([q for q in seen if "FROM participants" in q]) == 1, (pid, seen)
    # star, goals, plan (+ whether any goal), the person, their frequencies, WRAP, network,
    # referrals, the tags and what they sit on (one per kind tagged)
    assert max(counts.values()) <= 13, counts


def test_a_tagged_participant_s_lines_take_nine_statements_and_one_per_kind_tagged(
        demo, monkeypatch):
    monkeypatch.setattr(overview, "GLANCES", MINE)
    kinds: dict[int, set[str]] = {}
    with demo._store.read() as s:
        for tag in s.scalars(select(ChimeTag)):
            kinds.setdefault(tag.participant_id, set()).add(targets.kind_of(tag)[0])
    assert kinds, "the demo practice has recovery moments tagged"
    for pid, tagged in kinds.items():
        with selects(demo._store) as seen:
            demo.overview.lines(pid)
        # star, goals, plan, the person, their frequencies, WRAP, network, referrals, the
        # tags; then what they sit on, one statement per kind (two for goals: when achieved)
        assert len(seen) == 9 + len(tagged) + ("goal" in tagged), (pid, tagged, seen)


def test_the_rhythm_of_many_is_each_one_s_rhythm_in_two_statements(demo):
    ids = _ids(demo)
    today = dt.date.today()
    with demo._store.read() as s:
        alone = [statuses_in(s, today, [pid])[0] for pid in ids]
        with selects(demo._store) as seen:
            together = statuses_in(s, today, ids)
        assert statuses_in(s, today, ids[:0]) == []
    assert together == alone
    assert len(seen) == 2


def test_the_moments_alone_fall_on_the_days_the_texts_give(demo):
    with demo._store.read() as s:
        tags = list(s.scalars(select(ChimeTag)))
        assert tags, "the demo practice has recovery moments tagged"
        full = targets.of_tags(s, tags)
        moments = targets.of_tags(s, tags, texts=False)
    assert {k: t.moment_on for k, t in moments.items()} == {
        k: t.moment_on for k, t in full.items()}
    assert {(t.kind, t.id, t.participant_id) for t in moments.values()} == {
        (t.kind, t.id, t.participant_id) for t in full.values()}
    assert all(t.texts == {} for t in moments.values())
    assert any(any(t.texts.values()) for t in full.values())


def test_the_header_reads_the_participant_and_strengths_in_one_statement(services):
    pid = services.participants.create(ParticipantDraft(given_name="Ari",
                                                        family_name="Lane")).value.id
    with selects(services._store) as seen:
        bare = services.participants.get(pid)
    assert bare.strengths == () and bare.given_name == "Ari" and len(seen) == 1
    for category, text in [("skills", "Cooks for friends"), ("values", "Loyal"),
                           ("personal", "Keeps going")]:
        services.participants.add_strength(pid, category, text)
    with selects(services._store) as seen:
        p = services.participants.get(pid)
    assert len(seen) == 1
    assert [(x.category, x.text) for x in p.strengths] == [
        ("skills", "Cooks for friends"), ("values", "Loyal"), ("personal", "Keeps going")]
    assert p.status == "active" and p.version == bare.version
    with pytest.raises(NotFoundError):
        services.participants.get(pid + 1000)
