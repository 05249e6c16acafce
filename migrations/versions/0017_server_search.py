"""Search on a team practice (PostgreSQL): its full-text indexes.

On PostgreSQL: the ``unaccent`` extension (trusted since PostgreSQL 13, so the practice's
owner may create it); ``fts_fold(text)``, an IMMUTABLE wrapper that folds accents away (and
makes blanks of the characters the parser would read as e-mail addresses, paths or hyphenated
words, so words split as SQLite's unicode61 splits them) and can therefore be used where
PostgreSQL requires an immutable expression; and, on each searched table, a stored generated
column ``fts_document`` (a tsvector: each column folded, parsed with the 'simple'
configuration, no stemming, and weighted with ``setweight``) with a GIN index ``fts_<table>``.
PostgreSQL computes the column on every write, so no trigger is needed.

Why a stored column and not only an index over the expression: the index finds the rows
without reading them, but ranking them (ts_rank_cd) needs each found row's tsvector, which an
expression index would make PostgreSQL re-parse from the text for every row found, about
0.15 ms a note: 1.4 s for a word in 7,600 of 30,000 notes, against 26 ms reading the stored
column (measured on the throwaway server). The search service ranks on ``fts_document``; its
expression is built here from the same table of columns and weights as the service's
``services/search/sources.SOURCES`` (migrations never import app code; a test checks the two
agree and that EXPLAIN shows the index used). Names start with ``fts_``, which the comparison
with the models ignores (the models do not describe them).

On SQLite this revision does nothing: a practice file's indexes are FTS5 tables (0006, 0008).

Revision ID: 0017_server_search
Revises: 0016_agreed_stories
Create Date: 2026-12-03 07:25:00
"""

from __future__ import annotations

from alembic import op

revision = "0017_server_search"
down_revision = "0016_agreed_stories"
branch_labels = None
depends_on = None

# table -> its columns and their weight classes (bm25 weight 10 -> A, 3 -> B, 2 -> C, 1 -> D),
# in the order of services/search/sources.SOURCES
INDEXES = {
    "participants": (("given_name", "A"), ("family_name", "A"), ("preferred_name", "A"),
                     ("about", "D")),
    "sessions": (("talked_about", "D"), ("went_well", "D"), ("next_steps", "D"),
                 ("location_text", "C")),
    "goals": (("title", "A"), ("specific", "C"), ("measure", "D"), ("why_it_matters", "D")),
    "wrap_items": (("text", "D"),),
    "resources": (("name", "A"), ("offers", "C"), ("eligibility", "D"), ("tags", "B"),
                  ("notes", "D")),
}
# Made blanks before parsing: PostgreSQL's parser would keep "jo@x.org", "a/b", "3.5",
# "self-care" or "a_b" whole (or add their parts); unicode61 splits them into words.
SEPARATORS = "-./:@_+&<>~"


def document(columns: tuple[tuple[str, str], ...]) -> str:
    return " || ".join(f"setweight(to_tsvector('simple', fts_fold({column})), '{weight}')"
                       for column, weight in columns)


def fold_function(schema: str) -> str:
    """The wrapper, naming the extension's schema so it works whatever the search_path (a
    restore runs with an empty one). One replace() per separator: translate() is ten times
    slower on UTF-8 text, and the search folds every text it ranks."""
    where = '"' + schema.replace('"', '""') + '"'
    dictionary = where.replace("'", "''") + ".unaccent"
    folded = f"{where}.unaccent('{dictionary}'::pg_catalog.regdictionary, coalesce(value, ''))"
    for separator in SEPARATORS:
        folded = f"pg_catalog.replace({folded}, '{separator}', ' ')"
    return (
        "CREATE OR REPLACE FUNCTION fts_fold(value text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {folded} $$"
    )


COLUMN = "fts_document"


def statements(schema: str) -> list[str]:
    """The DDL once the extension exists in ``schema``."""
    out = [fold_function(schema)]
    for table, columns in INDEXES.items():
        out.append(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
                   f"GENERATED ALWAYS AS ({document(columns)}) STORED")
        out.append(f"CREATE INDEX IF NOT EXISTS fts_{table} ON {table} USING gin ({COLUMN})")
    return out


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # a practice file searches with FTS5 (0006, 0008)
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema = bind.exec_driver_sql(
        "SELECT nspname FROM pg_extension JOIN pg_namespace ON pg_namespace.oid = extnamespace "
        "WHERE extname = 'unaccent'").scalar_one()
    for statement in statements(schema):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS fts_{table}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
    op.execute("DROP FUNCTION IF EXISTS fts_fold(text)")
    op.execute("DROP EXTENSION IF EXISTS unaccent")
