"""The search finds tagged items by their recovery process: typing "hope" (or "empower",
"connectedness", "meaning") also lists the notes, goals, steps and WRAP items tagged with that
process, after what the words themselves found. Every word typed must begin a word of the
process's name ("Hope and optimism about the future"; small joining words aside)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import (
    ActionStep,
    ChimeTag,
    CoachingSession,
    Participant,
    WrapItem,
)
from recoverydesk.services.chime.types import PROCESSES, process_label
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.search.types import SearchResult, mark_words

_FILLER = {"and", "about", "the", "in", "of"}
# tagged item -> (result kind, participant tab)
_SHOWN_AS = {"session_id": ("session", "sessions"), "goal_id": ("goal", "goals"),
             "step_id": ("goal", "goals"), "wrap_item_id": ("wrap", "wrap")}
TAG_SCORE = 0.0  # after every word match (bm25 scores are below zero)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def processes_named(tokens: list[str]) -> list[str]:
    """The processes whose names every token begins a word of."""
    if not tokens:
        return []
    out = []
    for key, label in PROCESSES.items():
        words = {_fold(w) for w in re.findall(r"\w+", f"{key} {label}")} - _FILLER
        if all(any(w.startswith(_fold(t)) for w in words) for t in tokens):
            out.append(key)
    return out


def tag_results(s: Session, tokens: list[str], kinds: tuple[str, ...] | None,
                limit: int, only: str | None = None) -> list[SearchResult]:
    """Items tagged with a process the words name; ``only`` keeps that one process."""
    processes = [p for p in processes_named(tokens) if only is None or p == only]
    return _tagged(s, processes, tokens, kinds, limit)


def process_results(s: Session, process: str, kinds: tuple[str, ...] | None,
                    limit: int) -> list[SearchResult]:
    """Everything tagged with one process (the search's process filter with no words),
    the latest tagged first."""
    return _tagged(s, [process], [], kinds, limit)


def tagged_ids(s: Session, process: str) -> dict[str, set[int]]:
    """The ids of what carries a tag of ``process``, by search kind (a step counts for its
    goal): the search's process filter keeps only these."""
    out: dict[str, set[int]] = {"session": set(), "goal": set(), "wrap": set()}
    rows = s.execute(select(ChimeTag.session_id, ChimeTag.goal_id, ChimeTag.wrap_item_id,
                            ActionStep.goal_id)
                     .outerjoin(ActionStep, ActionStep.id == ChimeTag.step_id)
                     .where(ChimeTag.process == process)).all()
    for session_id, goal_id, wrap_item_id, step_goal in rows:
        if session_id is not None:
            out["session"].add(session_id)
        for goal in (goal_id, step_goal):
            if goal is not None:
                out["goal"].add(goal)
        if wrap_item_id is not None:
            out["wrap"].add(wrap_item_id)
    return out


def _tagged(s: Session, processes: list[str], tokens: list[str],
            kinds: tuple[str, ...] | None, limit: int) -> list[SearchResult]:
    if not processes:
        return []
    rows = s.execute(select(ChimeTag, Participant)
                     .join(Participant, Participant.id == ChimeTag.participant_id)
                     .where(ChimeTag.process.in_(processes))
                     .order_by(ChimeTag.accepted_at.desc(), ChimeTag.id.desc())
                     .limit(limit * 4)).all()
    out: dict[tuple[str, int], SearchResult] = {}
    for tag, person in rows:
        column = next(c for c in _SHOWN_AS if getattr(tag, c) is not None)
        kind, page = _SHOWN_AS[column]
        if kinds and kind not in kinds:
            continue
        ref, when = _ref_and_day(s, column, getattr(tag, column))
        if ref is None or (kind, ref) in out:
            continue
        name = display_name(person.given_name, person.family_name, person.preferred_name)
        label = process_label(str(tag.process))
        title = f"{name} · {label}" + (f" · {short_date(when)}" if when else "")
        said = f"“{tag.quote}”" if tag.quote else "The whole item is tagged."
        out[(kind, ref)] = SearchResult(kind, person.id, name, ref, mark_words(title, tokens),
                                        said, TAG_SCORE, page)
        if len(out) >= limit:
            break
    return list(out.values())


def _ref_and_day(s: Session, column: str, ref: int) -> tuple[int | None, dt.date | None]:
    if column == "session_id":
        start = s.scalar(select(CoachingSession.starts_at).where(CoachingSession.id == ref))
        return ref, start.astimezone().date() if start else None
    if column == "step_id":
        return s.scalar(select(ActionStep.goal_id).where(ActionStep.id == ref)), None
    if column == "wrap_item_id":
        return (ref if s.get(WrapItem, ref) is not None else None), None
    return ref, None
