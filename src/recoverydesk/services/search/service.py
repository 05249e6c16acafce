"""One search across the practice: participants, session notes, goals, WRAP items, resources.

The index is SQLite FTS5: one external-content table ``fts_<source>`` per source table, kept in
sync by triggers created in the migrations (so every write, bulk inserts included, is indexed
by the database itself). Results are ranked with bm25 (title-like columns weigh more), and the
matching words are marked in the title and the snippet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.services.chime.search_hits import process_results, tag_results, tagged_ids
from recoverydesk.services.claims.invoice_search import invoice_results
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.search.types import (
    SearchResult,
    fts_query,
    mark_words,
    query_tokens,
)
from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.services.wrap.types import PARTS, SECTION_OF, SECTIONS
from recoverydesk.store.session import Store

# Kept importable from here for the tests; the window imports them from ``search.types``.

@dataclass(frozen=True)
class Source:
    kind: str
    table: str  # the fts table
    rank: str  # the ranking function with column weights, for FTS5's ``rank MATCH``
    factor: float  # how much this kind weighs against the others
    details: str  # selects the row's own columns (given the fts table in FROM)
    snippet_column: int
    build: Callable[[dict, list[str]], SearchResult | None]


def _snip(table: str, tokens: int = 14, column: int = -1) -> str:
    return f"snippet({table}, {column}, char(2), char(3), '…', {tokens})"


def _participant(row: dict, tokens: list[str]) -> SearchResult:
    name = display_name(row["given_name"], row["family_name"], row["preferred_name"])
    about = row["snippet"] or ""
    return SearchResult(
        "participant",
        row["id"],
        name,
        row["id"],
        mark_words(name, tokens),
        about,
        row["score"],
        "overview",
    )


def _session(row: dict, tokens: list[str]) -> SearchResult:
    name = display_name(row["given_name"], row["family_name"], row["preferred_name"])
    start = row["starts_at"]
    if isinstance(start, str):
        start = dt.datetime.fromisoformat(start)
    day = start.replace(tzinfo=dt.UTC).astimezone().date()
    title = f"{name} · {short_date(day)}"
    return SearchResult(
        "session",
        row["participant_id"],
        name,
        row["id"],
        mark_words(title, tokens),
        row["snippet"],
        row["score"],
        "sessions",
    )


def _goal(row: dict, tokens: list[str]) -> SearchResult:
    name = display_name(row["given_name"], row["family_name"], row["preferred_name"])
    return SearchResult(
        "goal",
        row["participant_id"],
        name,
        row["id"],
        mark_words(row["title"], tokens),
        row["snippet"] or "",
        row["score"],
        "goals",
    )


def _wrap(row: dict, tokens: list[str]) -> SearchResult:
    name = display_name(row["given_name"], row["family_name"], row["preferred_name"])
    part = _wrap_part_title(row["part"])
    return SearchResult(
        "wrap",
        row["participant_id"],
        name,
        row["id"],
        mark_words(f"{name} · {part}", tokens),
        row["snippet"],
        row["score"],
        "wrap",
    )


def _resource(row: dict, tokens: list[str]) -> SearchResult | None:
    if row.get("archived"):
        return None
    return SearchResult(
        "resource",
        None,
        "",
        row["id"],
        mark_words(row["name"], tokens),
        row["snippet"],
        row["score"],
        "resources",
    )


def _wrap_part_title(key: str) -> str:
    """Where in the WRAP an item sits: "Triggers · things I might do" (an action plan's title
    alone would not say which section it belongs to)."""
    part = PARTS.get(key)
    if part is None:
        return key.replace("_", " ").capitalize()
    section = next(sec for sec in SECTIONS if sec.key == SECTION_OF[key])
    if part.title.startswith("Action plan: "):
        return f"{section.title} · {part.title.removeprefix('Action plan: ')}"
    return part.title


_PEOPLE = (
    "p.given_name AS given_name, p.family_name AS family_name, p.preferred_name AS preferred_name"
)

SOURCES: list[Source] = [
    Source("participant", "fts_participants", "bm25(10.0, 10.0, 10.0, 1.0)", 1.5,
           "SELECT p.id AS id, p.given_name, p.family_name, p.preferred_name "
           "FROM fts_participants JOIN participants p ON p.id = fts_participants.rowid",
           3, _participant),
    Source("session", "fts_sessions", "bm25(1.0, 1.0, 1.0, 2.0)", 1.0,
           f"SELECT s.id AS id, s.participant_id AS participant_id, s.starts_at AS starts_at, "
           f"{_PEOPLE} FROM fts_sessions JOIN sessions s ON s.id = fts_sessions.rowid "
           "JOIN participants p ON p.id = s.participant_id", -1, _session),
    Source("goal", "fts_goals", "bm25(10.0, 2.0, 1.0, 1.0)", 1.2,
           f"SELECT g.id AS id, g.participant_id AS participant_id, g.title AS title, "
           f"{_PEOPLE} FROM fts_goals JOIN goals g ON g.id = fts_goals.rowid "
           "JOIN participants p ON p.id = g.participant_id", 1, _goal),
    Source("wrap", "fts_wrap_items", "bm25()", 1.0,
           f"SELECT i.id AS id, w.participant_id AS participant_id, i.part AS part, "
           f"{_PEOPLE} FROM fts_wrap_items JOIN wrap_items i ON i.id = fts_wrap_items.rowid "
           "JOIN wrap_plans w ON w.id = i.plan_id "
           "JOIN participants p ON p.id = w.participant_id", -1, _wrap),
    Source("resource", "fts_resources", "bm25(10.0, 2.0, 1.0, 3.0, 1.0)", 1.0,
           "SELECT r.id AS id, r.name AS name, r.archived AS archived "
           "FROM fts_resources JOIN resources r ON r.id = fts_resources.rowid", 1, _resource),
]


class SearchService:
    def __init__(self, store: Store):
        self._store = store

    def indexed_kinds(self) -> list[str]:
        with self._store.read() as s:
            tables = _fts_tables(s)
        return [src.kind for src in SOURCES if src.table in tables]

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
        q = fts_query(text_)
        with self._store.read() as s:
            tables = _fts_tables(s)
            sources = [src for src in SOURCES
                       if src.table in tables and (not kinds or src.kind in kinds)]
            only = tagged_ids(s, process) if process is not None else None
            if only is not None:
                sources = [src for src in sources if only.get(src.kind)]
            # 1. The best rows of each index: FTS5 ranks without reading any text.
            ranked: list[tuple[float, Source, int]] = []
            for src in sources:
                among = "" if only is None else (  # the process filter: tagged rows only
                    " AND rowid IN (" + ",".join(str(int(i)) for i in only[src.kind]) + ")")
                rows = s.execute(text(
                    f"SELECT rowid, rank FROM {src.table} WHERE {src.table} MATCH :q{among} "
                    "AND rank MATCH :rank ORDER BY rank LIMIT :limit"),
                    {"q": q, "rank": src.rank, "limit": limit}).all()
                ranked.extend((score * src.factor, src, rowid) for rowid, score in rows)
            ranked.sort(key=lambda r: r[0])
            ranked = ranked[:limit]
            # 2. Titles and snippets for those rows only.
            out: list[SearchResult] = []
            for src in sources:
                scores = {rowid: score for score, s_, rowid in ranked if s_ is src}
                if not scores:
                    continue
                ids = ",".join(str(int(i)) for i in scores)
                snip = _snip(src.table, 16, src.snippet_column)
                sql = src.details.replace(" FROM ", f", {snip} AS snippet FROM ", 1)
                rows = s.execute(text(
                    f"{sql} WHERE {src.table} MATCH :q AND {src.table}.rowid IN ({ids})"),
                    {"q": q}).mappings().all()
                for r in rows:
                    row = dict(r)
                    row["score"] = scores[row["id"]]
                    result = src.build(row, tokens)
                    if result is not None:
                        out.append(result)
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
            for table in _fts_tables(s):
                s.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
        return Changed(None, ChangeSet.of("search_index"))


def _fts_tables(s: Session) -> set[str]:
    names = s.execute(
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name LIKE 'fts\\_%' ESCAPE '\\' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ).scalars()
    return set(names)
