"""A coach's search on a team practice in time: one function ranks the coach's own matches,
found through indexes that know whose each row is (issue 20 item 7).

Why: as a coach, row-level security (0018) keeps the search to their participants, but
PostgreSQL evaluates no condition that is not LEAKPROOF before a row-security qual, and ``@@``
(``ts_match_vq``) is not. So the search could never use revision 0017's GIN indexes: it walked
all of the coach's ~100,000 notes and tested each tsvector (1.2-1.8 s for a word in 12 % of the
notes of the benchmark's team practice). Even the superuser's GIN plan starts from every match in
the practice (121,750 for that word, a 48 ms bitmap before a row is read).

What (PostgreSQL only; a practice file searches with FTS5, nothing changes there):

- ``fts_owned(owner, doc)``: the tsvector ``doc`` with every lexeme prefixed by the id of the
  row's owner and ``_`` (``'412_confidence'``), IMMUTABLE, search_path-proof (every name
  qualified); a lexeme over 250 characters is cut to 250 (a tsvector holds 2,047 bytes at most).
- GIN indexes ``fts_sessions_owned``, ``fts_goals_owned`` and ``fts_wrap_items_owned`` over
  ``fts_owned(participant_id, fts_document)`` (wrap items carry their participant since 0023):
  a coach's matches are found by one small index probe per participant (``'412_confid':*``)
  instead of intersecting the word's practice-wide list with the coach's notes. Without
  ``fastupdate`` (each of those probes would read the whole pending list of recent writes).
  Named ``fts_``: the models comparison looks past them.
- ``recoverydesk_search(source, q, weights, normalization, lim, only_ids)`` -> (id, score): the
  best ``lim`` rows of one searched table for the tsquery ``q``, ranked exactly as the search
  service ranks (``ts_rank_cd(weights, fts_document, q, normalization)``, best first, ties by
  id), kept to ``only_ids`` when given. It returns ids and scores only: the app then reads
  the rows it shows through row-level security as before.

This replaces 0017's rule that nothing may bypass row-level security with a narrower one: ONE
function may, ``recoverydesk_search``, and it applies exactly the coach's rule of the policies
itself. It is SECURITY DEFINER (it runs as the database's owner, a lead or the superuser, who
sees every row), with a pinned search_path, EXECUTE granted to ``recoverydesk_coach`` only (leads
are members), and the caller is ``session_user`` (inside the function ``current_user`` is the
owner; a coach cannot change their session_user): a member of ``recoverydesk_lead`` gets every
row; any other coach only rows of the participants whose ``coach_role`` is their login, the rule
of every ``coach_own`` policy; resources are shared. That rule is applied as a plain filter on
the row's participant after the index probe, so it holds whatever ``q`` a coach passes through
psql; the owner-prefixed lexemes only make the probe fast. ``q`` is checked again on the stored
column, so the hits are exactly the ones the plain query finds. A ``q`` with NOT (``!``, which
would make each probe walk the whole index) or chr(1) (the function's own marker) is refused;
the search never sends either. Nothing of a row's text leaves the function.
tests/unit/services/search/test_coach_search.py calls it as coaches through psycopg.

The function's settings: no sequential scan (its estimates for the probe are blind: it
must never read the whole table), no parallel workers, no prefetching (``effective_io_concurrency
= 0``: the pages it reads are in memory, and the bitmap scan's look-ahead doubled the
buffer look-ups: 12 % of its time), generic plans (planned once per connection; the owner check
is a hashed set), no JIT.

Measured on the benchmark's team practice (10 coaches, 1M notes; docs/benchmarks.md): a word in
12 % of the notes, as coach_02, 1.2 s -> ~35 ms of server CPU for the notes' table. Building
the sessions index took 30-80 s there (one GIN entry per participant and word: 132 MB beside
0017's 37 MB).

Revision ID: 0024_coach_search
Revises: 0023_child_participant
Create Date: 2026-12-03 10:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0024_coach_search"
down_revision = "0023_child_participant"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"
# searched table -> the column naming its owner (None: found by the participant's own
# coach_role, or shared): the tables of services/search/sources.SOURCES (a test checks)
OWNERS = {"participants": None, "sessions": "participant_id", "goals": "participant_id",
          "wrap_items": "participant_id", "resources": None}
LONGEST = 250  # characters of a lexeme fts_owned keeps (a tsvector holds 2,047 bytes; a
# regular expression repeats 255 times at most)

OWNED = f"""
CREATE OR REPLACE FUNCTION fts_owned(owner integer, doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT pg_catalog.array_to_tsvector(ARRAY(
    SELECT pg_catalog.textcat(pg_catalog.textcat(CAST(owner AS pg_catalog.text), '_'),
                              pg_catalog.left(lexeme, {LONGEST}))
    FROM pg_catalog.unnest(pg_catalog.tsvector_to_array(doc)) AS lexeme))
$$"""

SIGNATURE = "recoverydesk_search(text, tsquery, real[], integer, integer, integer[])"

# Every operand of q, cut as fts_owned cuts lexemes, to be prefixed with each owner's id (chr(1)
# marks where, once for all owners). The phrase operators become '&' (fts_owned keeps no
# positions; q itself is checked on the stored column afterwards).
_UNIT = r"(?:[^'\\]|''|\\.)"  # one character of a quoted operand: '' is a quote, \x an x
_OPERAND = f"'({_UNIT}{{0,{LONGEST}}}){_UNIT}*'"

_ORDER = "ORDER BY 2 DESC, 1 LIMIT lim"  # best first, ties by id (the service's order)
_KEPT = "(only_ids IS NULL OR {alias}.id = ANY(only_ids))"  # the process filter


def _everything(table: str) -> str:
    """Every matching row of ``table``: a lead's (and every coach's shared resources)."""
    return (f"SELECT t.id, ts_rank_cd(weights, t.fts_document, q, normalization) "
            f"FROM {table} AS t WHERE t.fts_document @@ q AND {_KEPT.format(alias='t')} "
            f"{_ORDER}")


def _owned(table: str) -> str:
    """The matching rows of ``table`` whose owner is one of ``owners``: found by probing
    ``fts_<table>_owned`` with ``owned``; then the owner checked again, and ``q`` on the row."""
    column = OWNERS[table]
    return (f"SELECT c.id, ts_rank_cd(weights, c.fts_document, q, normalization) "
            f"FROM (SELECT t.id, t.{column} AS owner, t.fts_document FROM {table} AS t "
            f"WHERE fts_owned(t.{column}, t.fts_document) @@ ANY(owned) OFFSET 0) AS c "
            f"WHERE (c.owner IN (SELECT unnest(owners))) IS TRUE AND c.fts_document @@ q "
            f"AND {_KEPT.format(alias='c')} {_ORDER}")


def _each(query, tables) -> str:
    """One static RETURN QUERY per table: no table's name is ever made of what the caller
    passed, and each query is planned once per connection."""
    return "\n    ELS".join(f"IF source = '{table}' THEN RETURN QUERY {query(table)};"
                             for table in tables) + "\n    END IF;"


_OWNED_TABLES = [table for table, column in OWNERS.items() if column]

SEARCH = f"""
CREATE FUNCTION recoverydesk_search(source text, q tsquery, weights real[],
                                    normalization integer, lim integer,
                                    only_ids integer[] DEFAULT NULL)
RETURNS TABLE (id integer, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, {{schema}}, pg_temp
SET enable_seqscan = off
SET max_parallel_workers_per_gather = 0
SET effective_io_concurrency = 0
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $fn$
DECLARE
    who text := session_user;
    pattern text;
    owners integer[];
    owned tsquery[];
BEGIN
    IF source IS NULL OR source NOT IN ({", ".join(f"'{t}'" for t in OWNERS)}) THEN
        RAISE EXCEPTION 'not a searched table: %', source USING ERRCODE = '22023';
    END IF;
    IF NOT pg_has_role(who, '{COACH_GROUP}', 'MEMBER') OR numnode(q) = 0 THEN
        RETURN;
    END IF;
    -- chr(1) marks where each owner goes; '!' would make every probe walk the whole index
    -- (the search never sends either)
    IF strpos(q::text, chr(1)) > 0
       OR strpos(regexp_replace(q::text, $re${_OPERAND}$re$, '', 'g'), '!') > 0 THEN
        RAISE EXCEPTION 'not a search: %', q USING ERRCODE = '22023';
    END IF;
    IF source = 'resources' OR pg_has_role(who, '{LEAD_GROUP}', 'MEMBER') THEN
    {_each(_everything, OWNERS)}
        RETURN;
    END IF;
    IF source = 'participants' THEN
        RETURN QUERY SELECT t.id, ts_rank_cd(weights, t.fts_document, q, normalization)
            FROM participants AS t WHERE t.coach_role = who AND t.fts_document @@ q
            AND {_KEPT.format(alias='t')} {_ORDER};
        RETURN;
    END IF;
    owners := ARRAY(SELECT p.id FROM participants AS p WHERE p.coach_role = who);
    pattern := regexp_replace(regexp_replace(q::text, '<(-|[0-9]+)>', '&', 'g'),
                              $re${_OPERAND}$re$, '''' || chr(1) || '_\\1''', 'g');
    owned := ARRAY(SELECT replace(pattern, chr(1), o::text)::tsquery FROM unnest(owners) AS o);
    {_each(_owned, _OWNED_TABLES)}
END
$fn$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # a practice file searches with FTS5 (0006, 0008)
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    op.execute(OWNED)
    for table, column in OWNERS.items():
        if column is not None:
            # fastupdate off: a coach's search probes the index once per participant, and
            # every probe would read all of a pending list of recent writes (up to 4 MB)
            op.execute(f"CREATE INDEX IF NOT EXISTS fts_{table}_owned ON {table} "
                       f"USING gin (fts_owned({column}, fts_document)) WITH (fastupdate = off)")
    op.execute(SEARCH.replace("{schema}", '"' + schema.replace('"', '""') + '"'))
    op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {SIGNATURE} TO {COACH_GROUP}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
    for table, column in OWNERS.items():
        if column is not None:
            op.execute(f"DROP INDEX IF EXISTS fts_{table}_owned")
    op.execute("DROP FUNCTION IF EXISTS fts_owned(integer, tsvector)")
