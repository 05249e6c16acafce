"""The search index of a team practice: PostgreSQL's own full-text search.

Revision 0017 gives each searched table a stored generated column ``fts_document``, a tsvector
PostgreSQL computes on every write (no trigger): each column folded by ``fts_fold`` (an
IMMUTABLE wrapper around the ``unaccent`` extension, so accents are ignored as FTS5's
``remove_diacritics`` ignores them, with the characters PostgreSQL's parser would read as e-mail
addresses, paths or hyphenated words made blanks, so words split as FTS5 splits them), parsed
with the 'simple' configuration (no stemming, like unicode61) and weighted with ``setweight``;
and a GIN index ``fts_<table>`` over it. ``document`` is that column's expression, built from
``sources.SOURCES`` (a test checks 0017 builds the same); the query matches and ranks on the
stored column, so ranking reads each found row's tsvector instead of re-parsing its text (about
0.15 ms a note: see 0017's docstring for the figures).

Ranking is ``ts_rank_cd`` with the column weights in four classes, times the source's factor,
negated so that lower is better, as bm25's scores are.

The search runs as the connected coach, so row-level security keeps it to their participants;
nothing here may bypass it (no SECURITY DEFINER).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from recoverydesk.services.search.sources import Source

# bm25 weight -> PostgreSQL weight class; ts_rank_cd weighs classes D, C, B, A (each <= 1).
WEIGHT_CLASS = {10.0: "A", 3.0: "B", 2.0: "C", 1.0: "D"}
CLASS_WEIGHTS = "{" + ",".join(
    str(next(w for w, c in WEIGHT_CLASS.items() if c == cls) / 10) for cls in "DCBA") + "}"
NORMALIZATION = 1  # divide by 1 + log(document length): longer texts rank a little lower
CONFIG = "simple"
COLUMN = "fts_document"  # the stored tsvector every searched table has on PostgreSQL


def document(src: Source) -> str:
    """The expression of the tsvector column of ``src`` (the same text as 0017's)."""
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}', fts_fold({column})), '{WEIGHT_CLASS[weight]}')"
        for column, weight in src.columns)


def _word(i: int) -> str:
    """Word ``i`` as a prefix query: folded like the text, then quoted for to_tsquery (a quote
    doubled, a backslash escaped), so nothing typed is ever tsquery syntax."""
    quoted = f"replace(replace(fts_fold(:w{i}), '\\', '\\\\'), '''', '''''')"
    return f"to_tsquery('{CONFIG}', '''' || {quoted} || ''':*')"


def query(s: Session, tokens: list[str]) -> str:
    """Every word must appear, each as a prefix: the tsquery's text ('' when no word is left
    once folded)."""
    words = " && ".join(_word(i) for i in range(len(tokens)))
    return s.execute(text(f"SELECT CAST({words} AS text)"),
                     {f"w{i}": t for i, t in enumerate(tokens)}).scalar_one()


def indexed(s: Session) -> set[str]:
    """The search indexes this database has."""
    return set(s.execute(text(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
        "AND indexname LIKE 'fts\\_%'")).scalars())


def ranked_sql(src: Source, filtered: bool = False) -> str:
    """The query ranking the rows of ``src`` (``:q`` the tsquery, ``:limit``, and ``:only`` the
    ids kept when ``filtered``)."""
    among = " AND id = ANY(:only)" if filtered else ""  # the process filter
    return (f"SELECT id, ts_rank_cd('{CLASS_WEIGHTS}'::float4[], {COLUMN}, "
            f"CAST(:q AS tsquery), {NORMALIZATION}) AS score FROM {src.table} "
            f"WHERE {COLUMN} @@ CAST(:q AS tsquery){among} ORDER BY score DESC, id LIMIT :limit")


def ranked(s: Session, src: Source, q: str, limit: int,
           only: set[int] | None) -> list[tuple[float, int]]:
    """The best ``limit`` rows of ``src`` for ``q`` (from ``query``): (score, id), lower scores
    better."""
    params: dict = {"q": q, "limit": limit}
    if only is not None:
        params["only"] = sorted(only)
    rows = s.execute(text(ranked_sql(src, only is not None)), params).all()
    return [(-score * src.factor, rowid) for rowid, score in rows]


def rebuild(s: Session) -> None:
    """Nothing to rebuild: PostgreSQL computes the column and its index on every write."""
