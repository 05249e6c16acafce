"""The SMART check: which parts of a goal are still vague, in plain words a coach can say aloud.

It only advises. A draft goal is always saved, however rough: a goal in the participant's own
words comes first, the SMART parts get filled in together over time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from recoverydesk.dates import short_date

# Words that usually mean "not yet specific" when nothing more exact goes with them.
VAGUE_WORDS = (
    "better",
    "more",
    "less",
    "improve",
    "improving",
    "try",
    "some",
    "feel good",
    "get well",
    "sort out",
    "sort my",
    "stuff",
    "things",
    "a bit",
    "work on",
)
_NUMBER = re.compile(
    r"\d|\b(once|twice|one|two|three|four|five|six|seven|eight|nine|ten|daily|"
    r"weekly|fortnightly|monthly|every)\b",
    re.IGNORECASE,
)


class GoalLike(Protocol):
    title: str
    specific: str
    measure: str
    target: str
    achievable: str
    why_it_matters: str
    target_date: dt.date | None


@dataclass(frozen=True)
class SmartNote:
    part: str  # "S", "M", "A", "R" or "T"
    key: str  # stable name, for tests and styling: no_specific, vague, no_measure, ...
    text: str


def vague_words(text: str) -> list[str]:
    low = f" {text.lower()} "
    return [w for w in VAGUE_WORDS if re.search(rf"\b{re.escape(w)}\b", low)]


def smart_check(
    goal: GoalLike, today: dt.date | None = None, *, open_goal: bool = True
) -> list[SmartNote]:
    """What is still vague about ``goal``; an empty list means every SMART part is there.

    ``open_goal`` is False for goals already achieved, let go or reframed: a passed date is
    then history, not a problem.
    """
    today = today or dt.date.today()
    notes: list[SmartNote] = []
    specific = (goal.specific or "").strip()
    measure = (goal.measure or "").strip()
    target = (goal.target or "").strip()
    if not specific:
        notes.append(
            SmartNote("S", "no_specific", "Say what exactly will happen: what, where, how often.")
        )
    wording = f"{goal.title} {specific}"
    vague = vague_words(wording)
    if vague and not _NUMBER.search(f"{specific} {target}"):
        quoted = ", ".join(f"“{w}”" for w in vague[:3])
        notes.append(
            SmartNote(
                "S",
                "vague",
                f"The wording is still broad ({quoted}). What would it look like on a good day?",
            )
        )
    if not measure:
        notes.append(
            SmartNote("M", "no_measure", "No measure yet: how will you both know it is happening?")
        )
    elif not target:
        notes.append(
            SmartNote(
                "M",
                "no_target",
                "There is a measure but no target yet (for example “3 times a week”).",
            )
        )
    if not (goal.achievable or "").strip():
        notes.append(
            SmartNote(
                "A",
                "no_achievable",
                "What will help make this doable? Strengths, people, supports.",
            )
        )
    if not (goal.why_it_matters or "").strip():
        notes.append(
            SmartNote(
                "R", "no_why", "Why does this matter to them? Their own words keep a goal alive."
            )
        )
    if goal.target_date is None:
        notes.append(SmartNote("T", "no_date", "No target date yet: by when would feel right?"))
    elif open_goal and goal.target_date < today:
        notes.append(
            SmartNote(
                "T",
                "date_past",
                f"The target date ({short_date(goal.target_date)}) has passed. "
                "Set a new date, or talk about how it went.",
            )
        )
    return notes
