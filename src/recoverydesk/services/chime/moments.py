"""Every suggestion for one participant at once, for the coach to go through: what their notes,
goals, steps and WRAP items suggest, less what is already tagged there, newest first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models import ActionStep, ChimeTag, CoachingSession, Goal, WrapItem, WrapPlan
from recoverydesk.services.chime import targets
from recoverydesk.services.chime.types import (
    TARGET_LABELS,
    CueBook,
    MomentSuggestion,
    Suggestion,
    excerpt,
    suggest,
)

LIMIT = 300  # a participant with years of notes: the newest first, enough for one sitting


def _ids(s: Session, participant_id: int) -> dict[str, list[int]]:
    return {
        "session": list(s.scalars(select(CoachingSession.id)
                                  .where(CoachingSession.participant_id == participant_id))),
        "goal": list(s.scalars(select(Goal.id).where(Goal.participant_id == participant_id))),
        "step": list(s.scalars(select(ActionStep.id).join(Goal, Goal.id == ActionStep.goal_id)
                               .where(Goal.participant_id == participant_id))),
        "wrap_item": list(s.scalars(select(WrapItem.id)
                                    .join(WrapPlan, WrapPlan.id == WrapItem.plan_id)
                                    .where(WrapPlan.participant_id == participant_id))),
    }


def covered(tag: ChimeTag, g: Suggestion) -> bool:
    """Whether a tag already says what the suggestion would: the same process on the whole
    item, or on a passage overlapping the suggested one."""
    if tag.process != g.process:
        return False
    if tag.start is None:
        return True
    return tag.field == g.field and tag.start < g.end and g.start < tag.end


def for_participant(s: Session, book: CueBook, participant_id: int) -> list[MomentSuggestion]:
    tags: dict[tuple[str, int], list[ChimeTag]] = {}
    for tag in s.scalars(select(ChimeTag).where(ChimeTag.participant_id == participant_id)):
        tags.setdefault(targets.kind_of(tag), []).append(tag)
    out: list[MomentSuggestion] = []
    for kind, ids in _ids(s, participant_id).items():
        for ref, target in targets.load(s, kind, ids).items():
            item = TARGET_LABELS[kind]
            if kind != "session":
                first = next((t for t in target.texts.values() if t.strip()), "")
                item = f"{item}: {excerpt(first, 60)}"
            on_it = tags.get((kind, ref), [])
            for g in suggest(book, target.texts, kind, ref):
                if not any(covered(t, g) for t in on_it):
                    out.append(MomentSuggestion(g, target.moment_on, item))
    out.sort(key=lambda m: (m.day or dt.date.min, m.suggestion.target_id,
                            m.suggestion.start), reverse=True)
    return out[:LIMIT]
