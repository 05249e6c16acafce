"""Search on a team practice (PostgreSQL): its full-text indexes.

On PostgreSQL: the ``unaccent`` extension (trusted since PostgreSQL 13, so the practice's
owner may create it), ``fts_fold(text)``, an IMMUTABLE wrapper that folds accents away (and
makes blanks of the characters the parser would read as e-mail addresses, paths or hyphenated
words, so words split as SQLite's unicode61 splits them) and can therefore be used in an index,
and one GIN index ``fts_<table>`` per searched table over a tsvector expression: each column
folded, parsed with the 'simple' configuration (no stemming) and weighted with ``setweight``.
PostgreSQL keeps expression indexes in step with every write, so no trigger is needed. The
search service builds the identical expression (``services/search/server_index.document``
from ``services/search/sources.SOURCES``; a test checks this file's table against it, and that
EXPLAIN shows the index used). The index names start with ``fts_``, which the comparison with
the models ignores.

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


def statements(schema: str) -> list[str]:
    """The DDL after the extension exists in ``schema`` (also run by the search tests)."""
    out = [fold_function(schema)]
    for table, columns in INDEXES.items():
        out.append(f"CREATE INDEX IF NOT EXISTS fts_{table} ON {table} "
                   f"USING gin (({document(columns)}))")
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
    op.execute("DROP FUNCTION IF EXISTS fts_fold(text)")
    op.execute("DROP EXTENSION IF EXISTS unaccent")
