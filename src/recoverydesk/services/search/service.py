"""One search across the practice: participants, session notes, goals, WRAP items, resources.

A practice file searches with SQLite FTS5 (``sqlite_index``), a team practice with PostgreSQL's
own full-text search (``server_index``); ``_index`` is the one place that chooses. Both find
every word typed as a prefix with accents ignored, rank with the same column weights and
source factors (``sources``), and mark the matching words in titles and snippets with the same
Python code, so the coach sees the same results either way.
"""

from __future__ import annotations

from types import ModuleType

from sqlalchemy.orm import Session

from recoverydesk.services.chime.search_hits import process_results, tag_results, tagged_ids
from recoverydesk.services.claims.invoice_search import invoice_results
from recoverydesk.services.search import server_index, sqlite_index
from recoverydesk.services.search.sources import SOURCES
from recoverydesk.services.search.types import SearchResult, query_tokens
from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.store.session import Store


def _index(s: Session) -> ModuleType:
    """The search index of this practice's database: the ONE place that asks which it is."""
    return server_index if s.get_bind().dialect.name == "postgresql" else sqlite_index


class SearchService:
    def __init__(self, store: Store):
        self._store = store
        self._indexes: set[str] | None = None

    def _indexed(self, s: Session) -> set[str]:
        """The search indexes of this practice's database, read once: only a migration makes
        them, and it runs before a practice opens (a catalogue query per search: 1-4 ms on a
        team practice)."""
        if self._indexes is None:
            self._indexes = _index(s).indexed(s)
        return self._indexes

    def indexed_kinds(self) -> list[str]:
        with self._store.read() as s:
            indexes = self._indexed(s)
        return [src.kind for src in SOURCES if src.index in indexes]

    def search(
        self, text_: str, limit: int = 50, kinds: tuple[str, ...] | None = None,
        process: str | None = None,
    ) -> list[SearchResult]:
        """Ranked results for what the coach typed (every word, as a prefix). ``process`` (a
        CHIME process key) keeps only the notes, goals and WRAP items tagged with it; with no
        words typed it lists all of them, the latest tagged first."""
        tokens = query_tokens(text_)
        if process is not None and not tokens:
            with self._store.read() as s:
                return process_results(s, process, kinds, limit)
        if not tokens:
            return []
        with self._store.read() as s:
            index = _index(s)
            indexes = self._indexed(s)
            sources = [src for src in SOURCES
                       if src.index in indexes and (not kinds or src.kind in kinds)]
            only = tagged_ids(s, process) if process is not None else None
            if only is not None:
                sources = [src for src in sources if only.get(src.kind)]
            # 1. The best rows of each index, best first (ties in a fixed order).
            ranked = sorted((score, order, rowid) for order, rows
                            in enumerate(index.ranked(s, sources, tokens, limit, only))
                            for score, rowid in rows)[:limit]
            # 2. Titles and snippets for those rows only.
            found: dict[tuple[int, int], SearchResult] = {}
            for order, src in enumerate(sources):
                scores = {rowid: score for score, o, rowid in ranked if o == order}
                if scores:
                    found.update(((order, rowid), result) for rowid, result
                                 in src.results(s, scores, tokens, index.by_ids).items())
            out = [found[(o, rowid)] for _score, o, rowid in ranked if (o, rowid) in found]
            # 3. Items tagged with a recovery process the words name ("hope"), after the rest.
            seen = {(r.kind, r.ref) for r in out}
            out.extend(r for r in tag_results(s, tokens, kinds, limit, only=process)
                       if (r.kind, r.ref) not in seen)
            # 4. An invoice number typed ("INV-0007"): that invoice, first of all.
            if process is None:
                out.extend(invoice_results(s, text_, kinds, limit))
        out.sort(key=lambda r: r.score)
        return out[:limit]

    def rebuild(self) -> Changed[None]:
        """Rebuild every index from its table (after an import, or to repair). What the coach
        sees found may change; nothing they wrote does."""
        with self._store.unit_of_work() as s:
            _index(s).rebuild(s)
        return Changed(None, ChangeSet.of("search_index"))
