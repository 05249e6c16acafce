"""The Recovery story PDF's data (reports/story_data.py) from an agreed story (issue 23 item 4):
its five parts as agreed, and the measures up to the day it was agreed: the first and latest
Recovery Star reading (of the star the latest used), and the first and latest total of each
measure loaded from a template (the QPR). Measures are read as of the day agreed, so the same
agreed story prints the same whenever it is printed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from recoverydesk.reports.data import PracticeInfo
from recoverydesk.reports.story_data import (
    MeasureRow,
    MeasureThenNow,
    StoryExcerpt,
    StoryPdfData,
    StorySection,
)
from recoverydesk.services.chime.types import PROCESSES

if TYPE_CHECKING:
    from recoverydesk.services.chime.story_types import AgreedStoryDTO
    from recoverydesk.services.container import Services


def _score(value: int | float | None) -> str:
    return "" if value is None else f"{value:g}"


def star_then_now(services: Services, participant_id: int, upto: dt.date
                  ) -> MeasureThenNow | None:
    readings = [r for r in services.star.readings(participant_id) if r.taken_on <= upto]
    if not readings:
        return None
    latest = readings[-1]
    same = [r for r in readings if r.template_id == latest.template_id]
    first = same[0]
    rows = tuple(MeasureRow(label, _score(first.scores.get(key)) if first is not latest else "",
                            _score(latest.scores.get(key))) for key, label in latest.domains)
    return MeasureThenNow(latest.template_name, first.taken_on, latest.taken_on, rows)


def template_measures(services: Services, participant_id: int, upto: dt.date
                      ) -> list[MeasureThenNow]:
    """Each coach-loaded measure (the QPR) with a scored reading: its first and latest total."""
    by_key: dict[str, list] = {}
    for r in services.chime.measures.readings(participant_id):
        if r.taken_on <= upto and r.total is not None:
            by_key.setdefault(r.template_key, []).append(r)
    out = []
    for found in by_key.values():
        first, latest = found[0], found[-1]
        then = f"{first.total} of {first.max_total}" if first is not latest else ""
        out.append(MeasureThenNow(latest.template_name, first.taken_on, latest.taken_on,
                                  (MeasureRow("Total", then,
                                              f"{latest.total} of {latest.max_total}"),)))
    return out


def story_data(services: Services, practice: PracticeInfo, story: AgreedStoryDTO
               ) -> StoryPdfData:
    p = services.participants.get(story.participant_id)
    sections = tuple(
        StorySection(key, title, tuple(StoryExcerpt(e.day, e.words, e.quoted, e.kind_label)
                                       for e in story.of(key)))
        for key, title in PROCESSES.items())
    star = star_then_now(services, story.participant_id, story.agreed_on)
    measures = ([star] if star else []) + template_measures(services, story.participant_id,
                                                            story.agreed_on)
    return StoryPdfData(practice, p.preferred_name or p.given_name, p.full_name,
                        story.agreed_on, sections, tuple(measures), story.own_words,
                        story.typed_name, story.agreed_by)
