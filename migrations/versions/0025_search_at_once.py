"""A coach's search ranks every searched table in ONE call, and trusts its owned-index probe
when the probe is exact (issue 20 item 7: search under 50 ms as a coach).

Why: revision 0024's ``recoverydesk_search`` ranked one table per call, so a search made six
round trips to the server (the tsquery, then five tables), and each call of a coach built the
300 owner-prefixed tsqueries of their participants again and probed with them (1.5 ms for WRAP
items that found nothing); on a loaded machine each round trip also waits for the CPU twice.
And it tested ``fts_document @@ q`` on every row the probe found, which the probe had already
decided for nearly every search (12,175 notes for 'confidence' as coach_02: ~3 ms of ~36).

What (PostgreSQL only; a practice file searches with FTS5, nothing changes there):

- ``recoverydesk_search(sources text[], q, weights, normalization, lim, only_ids)`` ->
  (source, id, score) replaces 0024's one-table function: for each table named in ``sources``
  (in that order) its best ``lim`` rows, ranked exactly as before (``ts_rank_cd(weights,
  fts_document, q, normalization)``, best first, ties by id), kept to ``only_ids`` when given.
  The owners and their tsqueries are made once per call, and only when an owned table is
  searched by a coach who is no lead.
- The probe of ``fts_<table>_owned`` finds exactly the rows ``q`` matches when ``q`` has no
  phrase operator (``<->``, ``<N>``: fts_owned keeps no positions), no weight (``:AB``:
  fts_owned keeps none) and no word of 250 letters or more (fts_owned keeps 250 of a lexeme,
  so a longer one would match on its first 250): then ``q`` is not tested again on the stored
  column. Any other ``q`` is, as in 0024. Whatever ``q`` is, the owner is still checked on
  every row (the coaches' rule does not depend on the probe).

Everything 0024's docstring says about who may call it and what it applies stays: SECURITY
DEFINER with a pinned search_path, EXECUTE for ``recoverydesk_coach`` only, the caller is
``session_user``, a lead gets every row and a coach their participants' rows (resources are
shared), NOT and chr(1) are refused, an unknown table name is refused (now: any name in
``sources``), ids and scores only leave it. tests/unit/services/search/test_coach_search.py
calls it as coaches through psycopg.

Revision ID: 0025_search_at_once
Revises: 0024_coach_search
Create Date: 2026-12-03 13:30:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0025_search_at_once"
down_revision = "0024_coach_search"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"
# searched table -> the column naming its owner (None: found by the participant's own
# coach_role, or shared): the tables of services/search/sources.SOURCES (a test checks)
OWNERS = {"participants": None, "sessions": "participant_id", "goals": "participant_id",
          "wrap_items": "participant_id", "resources": None}
LONGEST = 250  # characters of a lexeme fts_owned (0024) keeps

SIGNATURE = "recoverydesk_search(text[], tsquery, real[], integer, integer, integer[])"
OLD_SIGNATURE = "recoverydesk_search(text, tsquery, real[], integer, integer, integer[])"

_UNIT = r"(?:[^'\\]|''|\\.)"  # one character of a quoted operand: '' is a quote, \x an x
_OPERAND = f"'({_UNIT}{{0,{LONGEST}}}){_UNIT}*'"  # an operand, its first LONGEST kept
# A run of LONGEST characters of an operand (it may also start at a closing quote and run into
# the next operand: then q is only tested again, which is never wrong)
_LONG = f"'{_UNIT}{{{LONGEST}}}"

_ORDER = "ORDER BY 3 DESC, 2 LIMIT lim"  # best first, ties by id (the service's order)
_KEPT = "(only_ids IS NULL OR {alias}.id = ANY(only_ids))"  # the process filter


def _everything(table: str) -> str:
    """Every matching row of ``table``: a lead's (and every coach's shared resources)."""
    return (f"SELECT src, t.id, ts_rank_cd(weights, t.fts_document, q, normalization) "
            f"FROM {table} AS t WHERE t.fts_document @@ q AND {_KEPT.format(alias='t')} "
            f"{_ORDER}")


def _owned(table: str) -> str:
    """The matching rows of ``table`` whose owner is one of ``owners``: found by probing
    ``fts_<table>_owned`` with ``owned``; then the owner checked again, and ``q`` on the row
    unless the probe was ``exact``."""
    column = OWNERS[table]
    return (f"SELECT src, c.id, ts_rank_cd(weights, c.fts_document, q, normalization) "
            f"FROM (SELECT t.id, t.{column} AS owner, t.fts_document FROM {table} AS t "
            f"WHERE fts_owned(t.{column}, t.fts_document) @@ ANY(owned) OFFSET 0) AS c "
            f"WHERE (c.owner IN (SELECT unnest(owners))) IS TRUE "
            f"AND (exact OR c.fts_document @@ q) AND {_KEPT.format(alias='c')} {_ORDER}")


def _each(query, tables) -> str:
    """One static RETURN QUERY per table: no table's name is ever made of what the caller
    passed, and each query is planned once per connection."""
    return "\n            ELS".join(f"IF src = '{table}' THEN RETURN QUERY {query(table)};"
                                   for table in tables) + "\n            END IF;"


_OWNED_TABLES = [table for table, column in OWNERS.items() if column]

SEARCH = f"""
CREATE OR REPLACE FUNCTION recoverydesk_search(sources text[], q tsquery, weights real[],
                                    normalization integer, lim integer,
                                    only_ids integer[] DEFAULT NULL)
RETURNS TABLE (source text, id integer, score real)
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
    src text;
    lead boolean;
    operators text;
    exact boolean;
    pattern text;
    owners integer[];
    owned tsquery[];
BEGIN
    IF sources IS NULL OR EXISTS (SELECT FROM unnest(sources) AS s(name)
                                  WHERE s.name IS NULL
                                  OR s.name NOT IN ({", ".join(f"'{t}'" for t in OWNERS)})) THEN
        RAISE EXCEPTION 'not a searched table: %', sources USING ERRCODE = '22023';
    END IF;
    IF NOT pg_has_role(who, '{COACH_GROUP}', 'MEMBER') OR numnode(q) = 0 THEN
        RETURN;
    END IF;
    -- q's text without its operands: its operators, weights and prefix marks
    operators := regexp_replace(q::text, $re${_OPERAND}$re$, '', 'g');
    -- chr(1) marks where each owner goes; '!' would make every probe walk the whole index
    -- (the search never sends either)
    IF strpos(q::text, chr(1)) > 0 OR strpos(operators, '!') > 0 THEN
        RAISE EXCEPTION 'not a search: %', q USING ERRCODE = '22023';
    END IF;
    lead := pg_has_role(who, '{LEAD_GROUP}', 'MEMBER');
    -- the owned probe finds exactly q's rows: no phrase, no weight, no word it cut
    exact := operators !~ '[<ABCD]' AND q::text !~ $re${_LONG}$re$;
    FOREACH src IN ARRAY sources LOOP
        IF src = 'resources' OR lead THEN
            {_each(_everything, OWNERS)}
        ELSIF src = 'participants' THEN
            RETURN QUERY SELECT src, t.id, ts_rank_cd(weights, t.fts_document, q, normalization)
                FROM participants AS t WHERE t.coach_role = who AND t.fts_document @@ q
                AND {_KEPT.format(alias='t')} {_ORDER};
        ELSE
            IF owned IS NULL THEN
                owners := ARRAY(SELECT p.id FROM participants AS p WHERE p.coach_role = who);
                pattern := regexp_replace(regexp_replace(q::text, '<(-|[0-9]+)>', '&', 'g'),
                                          $re${_OPERAND}$re$, '''' || chr(1) || '_\\1''', 'g');
                owned := ARRAY(SELECT replace(pattern, chr(1), o::text)::tsquery
                               FROM unnest(owners) AS o);
            END IF;
            {_each(_owned, _OWNED_TABLES)}
        END IF;
    END LOOP;
END
$fn$"""


def _grant(signature: str) -> None:
    op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {COACH_GROUP}")


def _schema(bind) -> str:
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    return '"' + schema.replace('"', '""') + '"'


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # a practice file searches with FTS5 (0006, 0008)
    # IF EXISTS / OR REPLACE: a database stamped back to 0024 after this ran (a coach opening
    # it must meet the missing privilege, not a missing function) upgrades again cleanly.
    op.execute(f"DROP FUNCTION IF EXISTS {OLD_SIGNATURE}")
    op.execute(SEARCH.replace("{schema}", _schema(bind)))
    _grant(SIGNATURE)


def _revision_0024():
    """0024's own function, to make again (a migration's text, not app code)."""
    path = Path(__file__).with_name("0024_coach_search.py")
    spec = importlib.util.spec_from_file_location("coach_search_0024", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION {SIGNATURE}")
    op.execute(_revision_0024().SEARCH.replace("{schema}", _schema(bind)))
    _grant(OLD_SIGNATURE)
