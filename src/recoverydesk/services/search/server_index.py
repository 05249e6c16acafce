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

The rows are found and ranked by ONE database function, ``recoverydesk_search`` (revisions 0024
and 0025): as a coach, row-level security would keep PostgreSQL from using any full-text index
(``@@`` is not LEAKPROOF), so the function runs as the database's owner and applies the coaches'
rule itself: a lead's search ranks every row, a coach's only their own participants' rows, found
through the GIN indexes ``fts_<table>_owned`` whose lexemes carry the owner's id. It returns ids
and scores only; the titles and snippets are then read as the coach, through row-level security.
The rule it applies, and why, is in 0024's docstring. The ranking it applies is described here
(``ranking``), passed to it with every call. One statement makes the tsquery of the words typed
and ranks every searched table with it (``ranked``): a search's ranking is one round trip.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import ARRAY, Integer, Select, bindparam, func, select, text, true
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


def _words(tokens: list[str]) -> str:
    """Every word must appear, each as a prefix: the tsquery's expression, the words bound as
    ``:w0``, ``:w1`` … (an empty tsquery when no word is left once folded)."""
    return " && ".join(_word(i) for i in range(len(tokens)))


def _bound(tokens: list[str]) -> dict[str, str]:
    return {f"w{i}": t for i, t in enumerate(tokens)}


def query(s: Session, tokens: list[str]) -> str:
    """The tsquery's text for what was typed ('' when no word is left once folded)."""
    return s.execute(text(f"SELECT CAST({_words(tokens)} AS text)"), _bound(tokens)).scalar_one()


def indexed(s: Session) -> set[str]:
    """The search indexes this database has."""
    return set(s.execute(text(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
        "AND indexname LIKE 'fts\\_%'")).scalars())


def ranking(q: str = ":q") -> str:
    """The score of a row for the tsquery ``q``: what the function orders by (best first, ties
    by id); the plain query a superuser would write is ``ranked_sql``."""
    return f"ts_rank_cd('{CLASS_WEIGHTS}'::float4[], {COLUMN}, CAST({q} AS tsquery), {NORMALIZATION})"


def ranked_sql(src: Source) -> str:
    """The plain query the function's answer for ``src`` equals (``:q``, ``:limit``; no process
    filter): for tests and EXPLAIN, and what a coach's plain query finds under row-level
    security."""
    return (f"SELECT id, {ranking()} AS score FROM {src.table} "
            f"WHERE {COLUMN} @@ CAST(:q AS tsquery) ORDER BY score DESC, id LIMIT :limit")


FUNCTION_SIGNATURE = "recoverydesk_search(text[], tsquery, real[], integer, integer, integer[])"


@cache
def _ranked_sql(words: int) -> str:
    """The function called with the tsquery of ``words`` words made in the same statement."""
    return (f"SELECT source, id, score FROM recoverydesk_search(CAST(:tables AS text[]), "
            f"{_words([''] * words)}, CAST('{CLASS_WEIGHTS}' AS real[]), {NORMALIZATION}, "
            f":limit, CAST(:only AS integer[]))")


def ranked(s: Session, sources: list[Source], tokens: list[str], limit: int,
           only: dict[str, set[int]] | None) -> list[list[tuple[float, int]]]:
    """For each of ``sources``, its best ``limit`` rows for what was typed that the connected
    coach may see: (score, id), lower scores better. ``only`` (the process filter) keeps each
    kind to those ids. Without it, ONE statement for every source; with it, one per source
    (each with its own ids: the function takes one list)."""
    if not sources or not tokens:
        return [[] for _ in sources]
    calls = ([(sources, None)] if only is None
             else [([src], sorted(only[src.kind])) for src in sources])
    found: dict[str, list[tuple[float, int]]] = {src.table: [] for src in sources}
    factor = {src.table: src.factor for src in sources}
    for these, ids in calls:
        rows = s.execute(text(_ranked_sql(len(tokens))),
                         {**_bound(tokens), "tables": [src.table for src in these],
                          "limit": limit, "only": ids})
        for table, rowid, score in rows:
            found[table].append((-score * factor[table], rowid))
    return [found[src.table] for src in sources]


_IDS = bindparam("ids", type_=ARRAY(Integer))


@cache
def by_ids(details: Select) -> Select:
    """``details`` for the rows whose id (its first column) is in ``:ids``, each read on its own
    by its key: ``unnest(:ids) JOIN LATERAL (details WHERE id = found.id OFFSET 0)``. As a coach,
    with ``id IN (...)`` PostgreSQL took row-level security's look-up of every note or goal of
    the coach's participants (100,328 notes: 80 ms for 50 of them; 6,388 goals: 9 ms) and
    filtered it by id; this reads the 50 by key and checks the policy on each (1.4 ms, 2 ms)."""
    found = func.unnest(_IDS).table_valued("id").render_derived(name="found")
    row = details.where(details.selected_columns[0] == found.c.id).offset(0).lateral("found_row")
    return select(row).select_from(found).join(row, true())


def rebuild(s: Session) -> None:
    """Nothing to rebuild: PostgreSQL computes the column and its index on every write."""
