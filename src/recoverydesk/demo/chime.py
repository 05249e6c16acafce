"""The demo's recovery moments (issue 23): for each participant, some of what their session
notes, goals and WRAP items suggest is accepted as CHIME tags (as a coach would, a few per
process and quarter, never all: from what went well and what was talked about, and goals'
titles), and their first tagged moment of hope is marked a turning point. Uses the shipped cue list and no random numbers, so the rest of the demo is unchanged."""

from __future__ import annotations

from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext
from recoverydesk.models import ChimeTurningPoint
from recoverydesk.services.chime import cuebook, moments
from recoverydesk.services.chime.service import accept_in
from recoverydesk.services.chime.types import quarter_of

PER_PARTICIPANT = 12  # tags at most, spread over processes and quarters
COACH = "the coach"
# What a coach tags in the demo: what went well and what was talked about, and goals' titles.
KINDS = {("session", "went_well"), ("session", "talked_about"), ("goal", "title")}


def generate(session: Session, ctx: DemoContext) -> None:
    book = cuebook.bundled()
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
            if hope is None and tag.process == "hope":
                hope = tag
        if hope is not None and hope.moment_on is not None:
            session.add(ChimeTurningPoint(participant_id=person.id, marked_on=hope.moment_on,
                                          title="A moment of hope", tag_id=hope.id,
                                          created_at=ctx.stamp(hope.moment_on)))
