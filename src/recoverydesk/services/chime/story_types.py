"""The agreed recovery story (issue 23 item 4): what the window and the printed story see of it,
and its rules. Standard library and the CHIME types only.

An agreed story is what the participant and the coach settled on together before the story is
used: for each CHIME process the tagged moments the participant chose (at most
``STORY_EXCERPTS_MAX``), kept as the words and dates they read that day, so a note edited later
never changes what they agreed; what they want to say in their own words; the day it was agreed
and, if they like, their name typed. Agreeing again adds a new one: every one is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk.services.chime.types import (
    FIELD_LABELS,
    PROCESSES,
    STORY_EXCERPTS_MAX,
    TARGET_LABELS,
    MeasureDef,
    MeasureReadingDTO,
    StoryDTO,
    process_label,
)

OWN_WORDS_MAX = 3000
TYPED_NAME_MAX = 200


@dataclass(frozen=True)
class AgreedExcerpt:
    process: str
    day: dt.date
    kind: str  # a TARGET_KINDS key: "session", "goal", ...
    words: str
    quoted: bool  # a passage the coach highlighted (else the start of the item's text)
    tag_id: int | None = None  # the tag it came from (gone if the tag was removed since)

    @property
    def kind_label(self) -> str:
        return TARGET_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class AgreedStoryDTO:
    id: int
    participant_id: int
    agreed_on: dt.date
    excerpts: tuple[AgreedExcerpt, ...]  # process by process (CHIME's order), oldest first
    own_words: str
    typed_name: str
    agreed_by: str
    created_at: dt.datetime

    def of(self, process: str) -> tuple[AgreedExcerpt, ...]:
        return tuple(e for e in self.excerpts if e.process == process)

    @property
    def tag_ids(self) -> frozenset[int]:
        return frozenset(e.tag_id for e in self.excerpts if e.tag_id is not None)


def check_story(chosen: dict[str, int], own_words: str, typed_name: str,
                agreed_on: dt.date | None, today: dt.date) -> dict[str, str]:
    """Problems with a story about to be agreed, by field (FIELD_LABELS' keys); ``chosen`` is
    how many moments were chosen for each process."""
    errors: dict[str, str] = {}
    if not any(chosen.values()) and not own_words.strip():
        errors["excerpts"] = ("Choose at least one moment with them, or write what they want "
                              "to say.")
    crowded = [process_label(p, short=True) for p in PROCESSES
               if chosen.get(p, 0) > STORY_EXCERPTS_MAX]
    if crowded:
        errors["excerpts"] = (f"Keep each part short: at most {STORY_EXCERPTS_MAX} moments "
                              f"({', '.join(crowded)}).")
    if len(own_words.strip()) > OWN_WORDS_MAX:
        errors["own_words"] = f"Keep their words under {OWN_WORDS_MAX} characters."
    if len(typed_name.strip()) > TYPED_NAME_MAX:
        errors["typed_name"] = f"Keep the name under {TYPED_NAME_MAX} characters."
    if agreed_on is None:
        errors["agreed_on"] = f"{FIELD_LABELS['agreed_on']}: when did you agree it?"
    elif agreed_on > today:
        errors["agreed_on"] = "A story is agreed on a day that has come: not a future date."
    return errors


@dataclass(frozen=True)
class StoryTabDTO:
    """What the Recovery story tab reads of one participant at once."""

    story: StoryDTO  # ``ChimeService.story``
    agreed: list[AgreedStoryDTO]  # ``stories.history``: every story agreed, the latest first
    readings: list[MeasureReadingDTO]  # ``measures.readings``: oldest first
    measures: list[MeasureDef]  # ``measures.templates()``, read only when there are readings
