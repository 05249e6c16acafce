"""One row in every CHIME table (issue 23), for tests that must cover every table (the export
round trip). Plain module, not a conftest: import it as ``from chime_rows import ...``."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from recoverydesk.models import (
    ChimeAgreedStory,
    ChimeProcess,
    ChimeTag,
    ChimeTurningPoint,
    CoachingSession,
    MeasureReading,
    MeasureTemplate,
)


def fill_chime_tables(store, participant_id: int) -> None:
    """A passage tag on one of the participant's notes, a turning point standing on it, a
    reading of a coach-loaded measure (fictional wording) and an agreed story."""
    with store.unit_of_work() as s:
        session = s.scalars(select(CoachingSession)
                            .where(CoachingSession.participant_id == participant_id)
                            .order_by(CoachingSession.id)).first()
        session.talked_about = "We went to the library. I feel hopeful about the course."
        tag = ChimeTag(participant_id=participant_id, session_id=session.id,
                       process=ChimeProcess.HOPE, field="talked_about", start=24, end=57,
                       quote=session.talked_about[24:57], cue="hopeful", accepted_by="Coach")
        s.add(tag)
        s.flush()
        s.add(ChimeTurningPoint(participant_id=participant_id, marked_on=dt.date(2026, 3, 4),
                                title="Signed up for the course", tag_id=tag.id))
        template = MeasureTemplate(key="test-measure", name="A test measure",
                                   definition='{"format": "recoverydesk-measure-template"}')
        s.add(template)
        s.flush()
        s.add(MeasureReading(participant_id=participant_id, template_id=template.id,
                             taken_on=dt.date(2026, 3, 4), answers="[4, 3, null]", total=7))
        s.add(ChimeAgreedStory(participant_id=participant_id, agreed_on=dt.date(2026, 3, 5),
                               excerpts=json.dumps([{
                                   "process": "hope", "tag_id": tag.id, "day": "2026-03-04",
                                   "kind": "session", "words": "I feel hopeful", "quoted": True}]),
                               own_words="I did it.", typed_name="Me",
                               agreed_by="Coach"))
