"""The demo's recovery moments (issue 23): for each participant, some of what their session
notes, goals and WRAP items suggest is accepted as CHIME tags (as a coach would, a few per
process and quarter, never all: from what went well and what was talked about, and goals'
titles), and their first tagged moment of hope is marked a turning point. One participant (the
first whose moments cover the most processes) has agreed their recovery story: the latest two
moments of each part and their own words. Uses the shipped cue list and no random numbers, so
the rest of the demo is unchanged."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext
from recoverydesk.models import ChimeAgreedStory, ChimeTurningPoint
from recoverydesk.services.chime import cuebook, moments
from recoverydesk.services.chime.service import accept_in
from recoverydesk.services.chime.types import PROCESSES, TagDTO, quarter_of

PER_PARTICIPANT = 12  # tags at most, spread over processes and quarters
COACH = "the coach"
# What a coach tags in the demo: what went well and what was talked about, and goals' titles.
KINDS = {("session", "went_well"), ("session", "talked_about"), ("goal", "title")}


OWN_WORDS = ("When we started I could not see past the next bad day. Now I have people I "
             "can ring, things I look forward to, and I know what helps me.\n\n"
             "I want my next plan to keep what is working, and to help me do more of it "
             "on my own.")


def generate(session: Session, ctx: DemoContext) -> None:
    book = cuebook.bundled()
    accepted: dict[int, list[TagDTO]] = {}
    for person in ctx.people:
        found = moments.for_participant(session, book, person.id)
        taken: set[tuple[str, tuple[int, int]]] = set()
        hope = None
        for m in reversed(found):  # oldest first
            if m.day is None or m.day > ctx.today or len(taken) >= PER_PARTICIPANT:
                continue
            if (m.suggestion.target_kind, m.suggestion.field) not in KINDS:
                continue  # a WRAP trigger's "family" is no moment of connection
            key = (m.suggestion.process, quarter_of(m.day))
            if key in taken:
                continue
            taken.add(key)
            tag = accept_in(session, m.suggestion.draft(), COACH, audited=False,
                            at=ctx.stamp(m.day))
            accepted.setdefault(person.id, []).append(tag)
            if hope is None and tag.process == "hope":
                hope = tag
        if hope is not None and hope.moment_on is not None:
            session.add(ChimeTurningPoint(participant_id=person.id, marked_on=hope.moment_on,
                                          title="A moment of hope", tag_id=hope.id,
                                          created_at=ctx.stamp(hope.moment_on)))
    _agreed_story(session, ctx, accepted)


def _agreed_story(session: Session, ctx: DemoContext, accepted: dict[int, list[TagDTO]]) -> None:
    """The story one participant agreed: the latest two moments of each process, in order."""
    dated = {pid: [t for t in tags if t.moment_on is not None] for pid, tags in accepted.items()}
    if not any(dated.values()):
        return
    person = max(ctx.people, key=lambda p: (len({t.process for t in dated.get(p.id, [])}),
                                            -ctx.people.index(p)))
    chosen = []
    for process in PROCESSES:
        mine = sorted((t for t in dated[person.id] if t.process == process),
                      key=lambda t: (t.moment_on, t.id))
        words = {t.quote: t for t in mine}  # a sentence the notes repeat is chosen once
        chosen += sorted(words.values(), key=lambda t: (t.moment_on, t.id))[-2:]
    latest = max(t.moment_on for t in chosen)
    agreed_on = min(ctx.today, latest + dt.timedelta(days=7))
    excerpts = [{"process": t.process, "tag_id": t.id, "day": t.moment_on.isoformat(),
                 "kind": t.target_kind, "words": t.quote, "quoted": True} for t in chosen]
    session.add(ChimeAgreedStory(participant_id=person.id, agreed_on=agreed_on,
                                 excerpts=json.dumps(excerpts, ensure_ascii=False),
                                 own_words=OWN_WORDS,
                                 typed_name=f"{person.given_name} {person.family_name}",
                                 created_at=ctx.stamp(agreed_on)))
