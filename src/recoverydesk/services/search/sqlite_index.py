"""The search index of a practice file: SQLite FTS5.

One external-content FTS5 table ``fts_<table>`` per source, kept in sync by triggers made in
revisions 0006 and 0008 (so every write, bulk inserts included, is indexed by SQLite itself).
FTS5 ranks with bm25 and the source's column weights, without reading any text.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, text
from sqlalchemy.orm import Session

from recoverydesk.services.search.sources import Source
from recoverydesk.services.search.types import fts_query


def indexed(s: Session) -> set[str]:
    """The FTS5 tables this file has."""
    names = s.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name LIKE 'fts\\_%' ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%'")).scalars()
    return set(names)


def query(s: Session, tokens: list[str]) -> str:
    """Every word must appear, each as a prefix (so results come as you type); each word is
    quoted, so nothing typed is FTS5 syntax."""
    return fts_query(" ".join(tokens))


_IDS = bindparam("ids", expanding=True)


@cache
def by_ids(details: Select) -> Select:
    """``details`` for the rows whose id (its first column) is in ``:ids``."""
    return details.where(details.selected_columns[0].in_(_IDS))


def ranked(s: Session, sources: list[Source], tokens: list[str], limit: int,
           only: dict[str, set[int]] | None) -> list[list[tuple[float, int]]]:
    """For each of ``sources``, its best ``limit`` rows for what was typed: (score, id), lower
    scores better. ``only`` (the process filter) keeps each kind to those ids."""
    q = query(s, tokens)
    if not q:
        return [[] for _ in sources]
    return [_ranked(s, src, q, limit, None if only is None else only[src.kind])
            for src in sources]


def _ranked(s: Session, src: Source, q: str, limit: int,
            only: set[int] | None) -> list[tuple[float, int]]:
    among = "" if only is None else (  # the process filter: tagged rows only
        " AND rowid IN (" + ",".join(str(int(i)) for i in only) + ")")
    weights = ", ".join(str(weight) for _column, weight in src.columns)
    rows = s.execute(text(
        f"SELECT rowid, rank FROM {src.index} WHERE {src.index} MATCH :q{among} "
        "AND rank MATCH :rank ORDER BY rank LIMIT :limit"),
        {"q": q, "rank": f"bm25({weights})", "limit": limit}).all()
    return [(score * src.factor, rowid) for rowid, score in rows]


def rebuild(s: Session) -> None:
    """Rebuild every FTS5 table from its content table (after an import, or to repair)."""
    for table in indexed(s):
        s.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))

