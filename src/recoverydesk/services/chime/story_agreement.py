"""Agreed recovery stories (issue 23 item 4): the participant chooses moments of their story,
says what they want to say, and the story is agreed. Kept for good: agreeing again adds a new
one, none is ever changed, so the story attached to a review is the one they agreed.

The chosen moments are copied as they read that day (story_types.py says why). Every write
returns ``Changed``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import ChimeAgreedStory, Participant, PracticeSetting
from recoverydesk.services import audit
from recoverydesk.services.chime.story_types import AgreedExcerpt, AgreedStoryDTO, check_story
from recoverydesk.services.chime.types import PROCESSES, StoryDTO, StoryMoment
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

COACH_NAME_KEY = "practice.coach_name"  # as service.py: the practice details' coach name


def changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("chime_agreed_story", participant_id=participant_id)


class StoryAgreements:
    """``services.chime.stories``. ``story_of(participant_id)`` is the Recovery story's data
    (ChimeService.story), where the chosen moments are found."""

    def __init__(self, store: Store, story_of: Callable[[int], StoryDTO]):
        self._store = store
        self._story_of = story_of

    def agree(self, participant_id: int, tag_ids: Iterable[int], own_words: str,
              typed_name: str = "", agreed_on: dt.date | None = None,
              today: dt.date | None = None) -> Changed[AgreedStoryDTO]:
        """Agree the story: the moments of ``tag_ids`` (tagged moments on their story now),
        their own words, their typed name. ValidationError, by field, when it cannot be."""
        today = today or dt.date.today()
        agreed_on = agreed_on if agreed_on is not None else today
        wanted = list(dict.fromkeys(tag_ids))
        story = self._story_of(participant_id)
        moments = {m.tag_id: m for lane in story.lanes.values() for m in lane}
        gone = [t for t in wanted if t not in moments]
        if gone:
            raise ValidationError.single("excerpts", "A moment you chose is no longer tagged on "
                                         "their story. Choose again.")
        chosen = [moments[t] for t in wanted]
        counts = {p: sum(1 for m in chosen if m.process == p) for p in PROCESSES}
        errors = check_story(counts, own_words, typed_name, agreed_on, today)
        if errors:
            raise ValidationError(errors)
        order = list(PROCESSES)
        chosen.sort(key=lambda m: (order.index(m.process), m.day, m.tag_id))
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError("That participant is no longer there.")
            coach = s.get(PracticeSetting, COACH_NAME_KEY)
            row = ChimeAgreedStory(
                participant_id=participant_id, agreed_on=agreed_on,
                excerpts=json.dumps([_excerpt_json(m) for m in chosen], ensure_ascii=False),
                own_words=own_words.strip(), typed_name=" ".join(typed_name.split()),
                agreed_by=(coach.value.strip() if coach else "")[:200])  # "": not named yet
            s.add(row)
            s.flush()
            audit.record(s, "chime.story_agreed", "chime_agreed_story", row.id, participant_id)
            dto = to_dto(row)
        return Changed(dto, changes(participant_id))

    def history(self, participant_id: int) -> list[AgreedStoryDTO]:
        """Every story they agreed, the latest first."""
        with self._store.read() as s:
            return history_in(s, participant_id)

    def latest(self, participant_id: int) -> AgreedStoryDTO | None:
        found = self.history(participant_id)
        return found[0] if found else None

    def get(self, story_id: int) -> AgreedStoryDTO:
        with self._store.read() as s:
            row = s.get(ChimeAgreedStory, story_id)
            if row is None:
                raise NotFoundError("That agreed story is no longer there.")
            return to_dto(row)


def _excerpt_json(m: StoryMoment) -> dict:
    return {"process": m.process, "tag_id": m.tag_id, "day": m.day.isoformat(),
            "kind": m.target_kind, "words": m.words, "quoted": m.quoted}


def to_dto(row: ChimeAgreedStory) -> AgreedStoryDTO:
    excerpts = tuple(
        AgreedExcerpt(e.get("process", ""), dt.date.fromisoformat(e["day"]), e.get("kind", ""),
                      e.get("words", ""), bool(e.get("quoted")), e.get("tag_id"))
        for e in json.loads(row.excerpts or "[]"))
    return AgreedStoryDTO(row.id, row.participant_id, row.agreed_on, excerpts, row.own_words,
                          row.typed_name, row.agreed_by, row.created_at)


def history_in(s: Session, participant_id: int) -> list[AgreedStoryDTO]:
    """``StoryAgreements.history`` in a session the caller holds: rows of the columns
    ``to_dto`` reads, newest first."""
    return [to_dto(r) for r in core_rows(s, *history_read(participant_id)).all()]


def history_read(participant_id: int) -> Read:
    """The read ``history_in`` makes."""
    return of_participant(_history, participant_id)


@cache
def _history() -> Select:
    """The participant's (``participant_id``) agreed stories, newest first: built once."""
    return (select(*ChimeAgreedStory.__table__.c)
            .where(ChimeAgreedStory.participant_id == bindparam("participant_id"))
            .order_by(ChimeAgreedStory.agreed_on.desc(), ChimeAgreedStory.id.desc()))
