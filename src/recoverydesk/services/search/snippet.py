"""A result's snippet: the words around its best match, matches marked, chosen the way SQLite
FTS5's ``snippet()`` chooses them (fts5_aux.c: a window of ``size`` words scored 1000 for each
query word found in it and 1 for each repeat, centred on its matches, or started at a sentence
when that scores as well), but computed here in Python from the row's own text.

Both databases use it, so a practice file and a team practice on PostgreSQL show the same words
with the same marks (PostgreSQL's ``ts_headline`` would mark only unaccented spellings and
choose its fragments its own way). Only the few rows shown are read, so this costs little.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from recoverydesk.services.search.types import MARK_END, MARK_START, fold

ELLIPSIS = "…"
# What FTS5's unicode61 tokenizer takes as a word: letters and digits; all else separates.
_TOKEN = re.compile(r"[^\W_]+")
_BLANK = " \t\n\r"


def snippet(columns: Sequence[str | None], tokens: Sequence[str], column: int = -1,
            size: int = 16) -> str:
    """The snippet of a row whose indexed ``columns`` (in index order) matched ``tokens`` (what
    the coach typed, each word a prefix): from column ``column``, or from the best one (-1)."""
    phrases = [fold(t) for t in tokens]
    best_score, best_col, best_start = 0, max(column, 0), 0
    for i, value in enumerate(columns):
        if column >= 0 and i != column:
            continue
        found = list(_TOKEN.finditer(value or ""))
        hits = [(pos, p) for pos, m in enumerate(found) for w in (fold(m.group()),)
                for p, q in enumerate(phrases) if w.startswith(q)]
        firsts = _sentence_starts(value, found) if hits and len(found) > size else []
        for at, _phrase in hits:
            score, start = _window(hits, len(phrases), len(found), at, size)
            if score > best_score:
                best_score, best_col, best_start = score, i, start
            if firsts:
                first = firsts[0]
                for later in firsts[1:]:
                    if later > at:
                        break
                    first = later
                if first < at:
                    score, _ = _window(hits, len(phrases), len(found), first, size)
                    score += 120 if first == 0 else 100
                    if score > best_score:
                        best_score, best_col, best_start = score, i, first
    return _render(columns[best_col] or "", phrases, best_start, size)


def _window(hits: list[tuple[int, int]], phrases: int, length: int, at: int,
            size: int) -> tuple[int, int]:
    """fts5SnippetScore: the score of the ``size`` words from ``at``, and where a window
    centred on the matches in them would start. ``hits`` are in word order."""
    seen = [False] * phrases
    score, first, last = 0, -1, 0
    for pos, phrase in hits[bisect_left(hits, (at, -1)):bisect_left(hits, (at + size, -1))]:
        score += 1 if seen[phrase] else 1000
        seen[phrase] = True
        if first < 0:
            first = pos
        last = pos + 1
    start = first - (size - (last - first)) // 2
    if start + size > length:
        start = length - size
    return score, max(start, 0)


def _sentence_starts(value: str, found: list[re.Match]) -> list[int]:
    """The word positions that start a sentence: the first, and any after '.' or ':' and a
    blank (fts5SentenceFinderCb)."""
    out = [0]
    for pos in range(1, len(found)):
        start = found[pos].start()
        i = start - 1
        while i >= 0 and value[i] in _BLANK:
            i -= 1
        if i != start - 1 and i >= 0 and value[i] in ".:":
            out.append(pos)
    return out


def _render(value: str, phrases: list[str], start: int, size: int) -> str:
    """The window's text, matches marked, with an ellipsis where words were left out."""
    words = list(_TOKEN.finditer(value))
    end = start + size - 1
    out = [ELLIPSIS] if start > 0 else []
    offset = words[start].start() if 0 < start < len(words) else 0
    for pos in range(start, min(end, len(words) - 1) + 1):
        m = words[pos]
        if any(fold(m.group()).startswith(q) for q in phrases):
            out += [value[offset:m.start()], MARK_START, m.group(), MARK_END]
            offset = m.end()
        if pos == end:
            out.append(value[offset:m.end()])
            offset = m.end()
    out.append(value[offset:] if end >= len(words) - 1 else ELLIPSIS)
    return "".join(out)
