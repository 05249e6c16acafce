"""CHIME's contract with the window, and its pure rules.

CHIME is the five personal recovery processes of Leamy, Bird, Le Boutillier, Williams and Slade
(2011, Br J Psychiatry 199:445-452): Connectedness, Hope and optimism about the future,
Identity, Meaning in life, Empowerment, each with the sub-themes of that review (DOMAIN.md).

The rules here, standard library only:

- ``suggest``: which words of a text suggest a process. The rule, in full:
  1. a cue is a word or phrase of the book; it matches whole words only (no letters or digits
     either side), ignoring case, curly apostrophes read as straight ones, any run of spaces
     between a phrase's words; inflections match only when the book lists them ("hope",
     "hopes", "hopeful"): no stemming, so the coach can see why a word matched;
  2. a longer cue wins over a shorter one inside it ("part of the community" over
     "community");
  3. a cue is NOT suggested when a negation of the book ("no", "not", "never", "don't", ...)
     stands among the ``negation_window`` words before it in the same clause (a clause ends at
     . , ; : ! ? or a new line, or at "but"): "no hope", "not feeling connected", "I never felt
     part of the community" suggest nothing; "no longer alone" is negated too, by design: when
     in doubt, stay quiet;
  4. one suggestion per process per sentence (its first cue); the passage offered is the
     sentence, trimmed.
  Suggestions are never stored: a tag exists only when the coach accepts one (or tags by hand).
- ``anchor``: where a tagged passage is now, after the note was edited. A passage tag keeps
  its offsets AND the words it quoted. The words are the truth, the offsets a hint: if the
  text at the offsets is still the quote, it is "in place"; if the quote is found elsewhere in
  the field (the nearest place to the old start), it has "moved" and the new offsets are used;
  if the words are gone it is "edited": the tag stays, showing the quote as it was when tagged,
  until the coach re-tags or removes it. Nothing is rewritten behind the coach's back.
- ``quarter_of``, ``quarter_label``: the story view's quarters ("2026 Q3").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

# The measures' contract lives in measure_rules.py (pure); the window takes it from here.
from recoverydesk.services.chime.measure_rules import MeasureDef as MeasureDef
from recoverydesk.services.chime.measure_rules import MeasureItem as MeasureItem
from recoverydesk.services.chime.measure_rules import MeasureReadingDTO as MeasureReadingDTO
from recoverydesk.services.chime.measure_rules import MeasureTemplateError as MeasureTemplateError
from recoverydesk.services.chime.measure_rules import check_answers as check_answers
from recoverydesk.services.chime.measure_rules import process_totals as process_totals
from recoverydesk.services.chime.measure_rules import score as score
from recoverydesk.services.types import ServiceError, ValidationError

PROCESSES: dict[str, str] = {
    "connectedness": "Connectedness",
    "hope": "Hope and optimism about the future",
    "identity": "Identity",
    "meaning": "Meaning in life",
    "empowerment": "Empowerment",
}
SHORT_LABELS = {"hope": "Hope", "meaning": "Meaning"}  # for lanes and chart legends

SUB_THEMES: dict[str, dict[str, str]] = {
    "connectedness": {
        "peer_support": "Peer support and support groups",
        "relationships": "Relationships",
        "support_from_others": "Support from others",
        "community": "Being part of the community",
    },
    "hope": {
        "belief_in_recovery": "Belief in the possibility of recovery",
        "motivation": "Motivation to change",
        "hope_inspiring_relationships": "Hope-inspiring relationships",
        "positive_thinking": "Positive thinking and valuing success",
        "dreams": "Having dreams and aspirations",
    },
    "identity": {"dimensions": "Dimensions of identity",
                 "positive_identity": "Rebuilding a positive sense of identity",
                 "overcoming_stigma": "Overcoming stigma"},
    "meaning": {
        "illness_experience": "Meaning of the mental illness experience",
        "spirituality": "Spirituality",
        "quality_of_life": "Quality of life",
        "social_roles": "Meaningful life and social roles",
        "social_goals": "Meaningful social goals",
        "rebuilding_life": "Rebuilding life",
    },
    "empowerment": {"responsibility": "Personal responsibility", "control": "Control over life",
                    "strengths": "Focusing upon strengths"},
}

# What can carry a tag, and which of its texts a passage may come from.
TARGET_KINDS = ("session", "goal", "step", "wrap_item")
TARGET_LABELS = {"session": "Session note", "goal": "Goal", "step": "Step reached",
                 "wrap_item": "WRAP item"}
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "session": ("talked_about", "went_well", "next_steps"),
    "goal": ("title", "why_it_matters", "specific", "achievable"),
    "step": ("text",),
    "wrap_item": ("text",),
}

FIELD_LABELS = {
    "process": "Recovery process",
    "sub_theme": "Sub-theme",
    "target_kind": "Tagged item",
    "target_id": "Tagged item",
    "field": "Part of the note",
    "start": "Passage",
    "end": "Passage",
    "quote": "Words quoted",
    "accepted_by": "Accepted by",
    "marked_on": "Date", "tag_id": "Tagged moment",
    "template": "Measure", "taken_on": "Date taken", "answers": "Answers",
    "title": "Title",
    "note": "Note",
    "cues": "Cue words",
    "moments": "Moments to tag",
    # the texts a passage can come from
    "talked_about": "What we talked about", "went_well": "What went well",
    "next_steps": "Next steps", "why_it_matters": "Why it matters", "specific": "What exactly",
    "achievable": "What helps", "text": "Text",
    # the agreed recovery story (story_types.py)
    "excerpts": "Moments they chose", "own_words": "What they want to say",
    "typed_name": "Their name, typed", "agreed_on": "Date agreed",
}
STORY_EXCERPTS_MAX = 5  # moments a process's section of the agreed story holds at most
TITLE_MAX = 120
QUOTE_MAX = 2000


class CueFileError(ServiceError):
    """A cue file cannot be used; ``str(err)`` names the file and what is wrong, plainly."""


def process_label(key: str, short: bool = False) -> str:
    if short and key in SHORT_LABELS:
        return SHORT_LABELS[key]
    return PROCESSES.get(key, key)


def sub_theme_label(process: str, key: str) -> str:
    return SUB_THEMES.get(process, {}).get(key, "")


# -- drafts and DTOs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TagDraft:
    """What the coach accepts: a process on an item, or on a passage of one of its texts."""

    target_kind: str  # one of TARGET_KINDS
    target_id: int
    process: str
    sub_theme: str = ""
    field: str = ""  # "" with no span: the whole item
    start: int | None = None
    end: int | None = None
    cue: str = ""  # the cue the suggestion came from ("" when tagged by hand)


@dataclass(frozen=True)
class Suggestion:
    target_kind: str
    target_id: int
    process: str
    sub_theme: str
    cue: str  # the cue word or phrase of the book that matched
    field: str
    cue_start: int  # where the cue's words are in the field's text
    cue_end: int
    start: int  # the passage offered (the sentence around the cue)
    end: int
    quote: str

    def draft(self) -> TagDraft:
        return TagDraft(self.target_kind, self.target_id, self.process, self.sub_theme,
                        self.field, self.start, self.end, self.cue)


@dataclass(frozen=True)
class TagDTO:
    id: int
    participant_id: int
    target_kind: str
    target_id: int
    process: str
    sub_theme: str
    field: str
    start: int | None  # where the passage is NOW (see ``anchor``); None for a whole item
    end: int | None
    quote: str  # the words as they were when tagged
    passage_state: str  # "whole", "in place", "moved" or "edited"
    cue: str
    accepted_by: str
    accepted_at: dt.datetime
    moment_on: dt.date | None  # the day the moment belongs to (session, goal reached, ...)

    @property
    def process_label(self) -> str:
        return process_label(self.process)

    @property
    def sub_theme_label(self) -> str:
        return sub_theme_label(self.process, self.sub_theme)


@dataclass(frozen=True)
class TurningPointDraft:
    marked_on: dt.date
    title: str
    note: str = ""
    tag_id: int | None = None  # the tagged moment it stands on, if any


@dataclass(frozen=True)
class TurningPointDTO:
    id: int
    participant_id: int
    marked_on: dt.date
    title: str
    note: str
    tag_id: int | None


@dataclass(frozen=True)
class QuarterCounts:
    """Tagged moments per process per quarter, for the story view's chart."""

    quarters: tuple[tuple[int, int], ...]  # (year, quarter), oldest first, no gaps
    counts: dict[str, tuple[int, ...]]  # process -> one count per quarter

    def labels(self) -> list[str]:
        return [quarter_label(q) for q in self.quarters]


@dataclass(frozen=True)
class CueBook:
    name: str
    source: str
    negations: tuple[str, ...]
    negation_window: int
    # (process, sub_theme or "", cue), longest cues first
    cues: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class MomentSuggestion:
    """A suggestion with what the coach needs to judge it: the item's day and title."""

    suggestion: Suggestion
    day: dt.date | None
    item: str  # "Session note", "Goal: Join the choir", ...


@dataclass(frozen=True)
class StoryMoment:
    """One tagged moment on a process's lane: the day, what it is, and the words."""

    process: str
    day: dt.date
    target_kind: str
    target_id: int
    tag_id: int
    words: str  # the quoted passage, or the start of the item's text when it is tagged whole
    quoted: bool  # True when ``words`` is a passage the coach tagged
    sub_theme: str = ""

    @property
    def kind_label(self) -> str:
        return TARGET_LABELS.get(self.target_kind, self.target_kind)


@dataclass(frozen=True)
class StoryDTO:
    """A participant's recovery story: the five lanes, turning points, moments per quarter."""

    lanes: dict[str, tuple[StoryMoment, ...]]  # process -> moments, oldest first
    turning_points: tuple[TurningPointDTO, ...]
    quarters: QuarterCounts

    @property
    def empty(self) -> bool:
        return not self.turning_points and not any(self.lanes.values())


def excerpt(text: str, limit: int = 160) -> str:
    """The first words of a text, cut at a word before ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def clean_turning_point(d: TurningPointDraft) -> TurningPointDraft:
    title = " ".join(d.title.split())
    if not title:
        raise ValidationError.single("title", "A turning point needs a short title.")
    if len(title) > TITLE_MAX:
        raise ValidationError.single("title", f"Keep the title under {TITLE_MAX} characters.")
    return TurningPointDraft(d.marked_on, title, d.note.strip(), d.tag_id)


# -- quarters ----------------------------------------------------------------------------------


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(q: tuple[int, int]) -> str:
    return f"{q[0]} Q{q[1]}"


def quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (y, q) = [], first
    while (y, q) <= last:
        out.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


# -- the suggestion matcher --------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[.,;:!?\n]|\bbut\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+|\n")
_WORDS = re.compile(r"[\w']+")


@functools.cache  # a few hundred cues, matched against every note of a practice
def _pattern(cue: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in cue.split()]
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])", re.IGNORECASE)


def _negated(text: str, start: int, book: CueBook) -> bool:
    before = text[:start]
    clause_starts = [m.end() for m in _CLAUSE_END.finditer(before)]
    clause = before[clause_starts[-1]:] if clause_starts else before
    words = [w.lower() for w in _WORDS.findall(clause)]
    window = words[-book.negation_window:] if book.negation_window else []
    return any(w in book.negations for w in window)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, without its surrounding spaces."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = len(text) if m is None else (m.start() if m.group() == "\n" else m.end())
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def suggest(book: CueBook, texts: dict[str, str], target_kind: str = "",
            target_id: int = 0) -> list[Suggestion]:
    """Suggestions for the texts of one item ({field: text}), in reading order."""
    out: list[Suggestion] = []
    for fld, raw in texts.items():
        text = (raw or "").replace("’", "'")  # same length: offsets stay the coach's
        lowered = text.lower()
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, str, str, str]] = []
        for process, sub, cue in book.cues:  # longest first
            if cue.split()[0].lower() not in lowered:
                continue  # the cue's first word is not in the text: no need for the pattern
            for m in _pattern(cue).finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                if not _negated(text, s, book):
                    found.append((s, e, process, sub, cue))
        seen: set[tuple[int, str]] = set()
        for s, e, process, sub, cue in sorted(found):
            left, right = sentence_around(text, s, e)
            if (left, process) in seen:
                continue
            seen.add((left, process))
            out.append(Suggestion(target_kind, target_id, process, sub, cue, fld, s, e,
                                  left, right, (raw or "")[left:right]))
    return out


# -- passages after an edit --------------------------------------------------------------------


def anchor(text: str, quote: str, start: int | None, end: int | None
           ) -> tuple[int | None, int | None, str]:
    """Where a tagged passage is in ``text`` now: (start, end, state); see the module doc."""
    if start is None or end is None:
        return None, None, "whole"
    if text[start:end] == quote:
        return start, end, "in place"
    places = [m.start() for m in re.finditer(re.escape(quote), text)] if quote else []
    if places:
        best = min(places, key=lambda p: abs(p - start))
        return best, best + len(quote), "moved"
    return start, end, "edited"
