"""Unsaved edits to a goal, kept in the practice file until saved or discarded, so switching
goal, locking the practice or closing the app loses nothing. Part of ``GoalService``."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.models import GoalEditDraft
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.goals.rows import changes, draft_query
from recoverydesk.services.goals.types import (
    DRAFT_ENTITY,
    GoalDraft,
    draft_from_json,
    draft_to_json,
)
from recoverydesk.services.types import Changed
from recoverydesk.store.session import Store


def kept_drafts_read(participant_id: int) -> Read:
    """The read ``kept_drafts_in`` makes."""
    return of_participant(_kept_drafts, participant_id)


def kept_drafts_in(s: Session, participant_id: int) -> dict[int | None, GoalDraft]:
    """The participant's kept drafts by goal id (None: a new goal)."""
    rows = core_rows(s, *kept_drafts_read(participant_id)).all()
    return {r.goal_id: draft_from_json(json.loads(r.content)) for r in rows}


@cache
def _kept_drafts() -> Select:
    """(goal_id, content) of the participant's (``participant_id``) kept drafts."""
    return (select(GoalEditDraft.goal_id, GoalEditDraft.content)
            .where(GoalEditDraft.participant_id == bindparam("participant_id")))


class GoalDrafts:
    """The kept-draft use cases of ``GoalService``."""

    _store: Store

    def keep_draft(
        self, participant_id: int, goal_id: int | None, draft: GoalDraft
    ) -> Changed[None]:
        """Keep unsaved edits to a goal (``goal_id`` None: a new goal) until saved or discarded."""
        content = json.dumps(draft_to_json(draft), ensure_ascii=False)
        with self._store.unit_of_work() as s:
            row = s.scalars(draft_query(participant_id, goal_id)).first()
            if row is None:
                s.add(
                    GoalEditDraft(participant_id=participant_id, goal_id=goal_id, content=content)
                )
            else:
                row.content = content
                row.saved_at = dt.datetime.now(dt.UTC)
        return Changed(None, changes(participant_id, DRAFT_ENTITY))

    def kept_drafts(self, participant_id: int) -> dict[int | None, GoalDraft]:
        with self._store.read() as s:
            return kept_drafts_in(s, participant_id)

    def discard_draft(self, participant_id: int, goal_id: int | None) -> Changed[None]:
        with self._store.unit_of_work() as s:
            for row in s.scalars(draft_query(participant_id, goal_id)):
                s.delete(row)
        return Changed(None, changes(participant_id, DRAFT_ENTITY))
