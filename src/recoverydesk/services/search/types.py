"""The search's contract with the window: a result, its kinds' labels, and the pure helpers
that turn what the coach typed into an FTS5 query and mark the matching words (MARK_START and
MARK_END around them; ``marks_to_html`` makes them bold).

Standard library only: this is the one search module ``ui/`` may import.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

MARK_START, MARK_END = "\x02", "\x03"
KIND_LABELS = {
    "participant": "Participant",
    "session": "Session note",
    "goal": "Goal",
    "wrap": "WRAP",
    "resource": "Resource",
    "invoice": "Invoice",
}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchResult:
    kind: str  # participant, session, goal, wrap, resource, invoice
    participant_id: int | None
    participant_name: str
    ref: int  # the row's id (session id, goal id, ...)
    title: str  # marked with MARK_START/MARK_END around matching words
    snippet: str  # likewise
    score: float  # lower is better (bm25)
    page: str  # the participant tab that shows it ("" for practice-wide)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def plain_title(self) -> str:
        return strip_marks(self.title)

    @property
    def plain_snippet(self) -> str:
        return strip_marks(self.snippet)

    @property
    def title_html(self) -> str:
        return marks_to_html(self.title)

    @property
    def snippet_html(self) -> str:
        return marks_to_html(self.snippet)


def strip_marks(value: str) -> str:
    return value.replace(MARK_START, "").replace(MARK_END, "")


def marks_to_html(value: str) -> str:
    return html.escape(value).replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def fold(word: str) -> str:
    """A word as the search compares it: case and accents ignored ("Zoë" -> "zoe")."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_tokens(text_: str) -> list[str]:
    return [t for t in _WORD.findall(text_)][:8]


def fts_query(text_: str) -> str:
    """Every word must appear, each as a prefix (so results come as you type)."""
    return " ".join(f'"{t}"*' for t in query_tokens(text_))


def mark_words(value: str, tokens: list[str]) -> str:
    """Mark the words of ``value`` that start with one of ``tokens`` (accents ignored)."""
    folded = [fold(t) for t in tokens]

    def repl(m: re.Match) -> str:
        word = m.group(0)
        if any(fold(word).startswith(t) for t in folded):
            return f"{MARK_START}{word}{MARK_END}"
        return word

    return _WORD.sub(repl, value)
