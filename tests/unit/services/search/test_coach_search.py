"""Revisions 0024 and 0025's ``recoverydesk_search``: the one function that may look past
row-level security, so that a coach's search can use an index (issue 20 item 7). Called as the
coaches themselves through plain psycopg (as psql would), it must hand a coach ids and scores of
their own participants' rows only, whatever they pass it; a lead everything; and exactly the rows
and scores the plain query finds under row-level security, so the search's hits do not change."""

from __future__ import annotations

import datetime as dt
import importlib.util
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from recoverydesk.services.container import Services
from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.services.search import server_index
from recoverydesk.services.search.sources import SOURCES
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.team.types import NewCoach
from recoverydesk.store.server import ServerStore, open_server

PASSWORD = "a-long-password"
VERSIONS = Path(__file__).parents[4] / "migrations" / "versions"
MIGRATION = VERSIONS / "0024_coach_search.py"  # fts_owned and the owned indexes
FUNCTION = VERSIONS / "0025_search_at_once.py"  # the function as it is now
LONG_WORD = "pneumono" + "x" * 292  # 300 letters: fts_owned keeps 250 of them
NOTES = ("Walked to the beach café with her sister, then the bus home",
         "Rent and bills: rang the housing worker about the café job",
         f"A long word for the index: {LONG_WORD} and then the beach")
QUERIES = ("cafe", "beach", "bea wal", "sister", "rent", "hous", "the", "b", "pneumonoxxx",
           LONG_WORD, "garden", "nothing")


def _migration(path: Path = MIGRATION):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Practice:
    cluster: object
    database: str
    lead: str
    a: str
    b: str
    own: dict[str, dict[str, set[int]]] = field(default_factory=dict)  # coach -> table -> ids
    _open: list[Services] = field(default_factory=list)

    def q(self, typed: str) -> str:
        """The tsquery the search makes of what was typed (as the lead)."""
        with self.services_as(self.lead)._store.read() as s:
            return server_index.query(s, typed.split())

    def services_as(self, role: str) -> Services:
        services = Services(ServerStore(self.cluster.url(self.database, user=role)))
        self._open.append(services)
        return services

    def call(self, role: str, source: str | None, q: str, only: list[int] | None = None,
             limit: int = 50) -> list[tuple[int, float]]:
        """The function called as ``role`` over a plain connection for one table, with a
        tsquery's text."""
        return [(rowid, score) for _table, rowid, score
                in self.call_many(role, [source], q, only, limit)]

    def call_many(self, role: str, sources: list[str | None] | None, q: str,
                  only: list[int] | None = None,
                  limit: int = 50) -> list[tuple[str, int, float]]:
        with psycopg.connect(self.cluster.dsn(self.database, role), autocommit=True) as conn:
            return conn.execute(
                "SELECT source, id, score FROM recoverydesk_search(%s::text[], %s::tsquery, "
                "%s::real[], %s, %s, %s::integer[])",
                (sources, q, server_index.CLASS_WEIGHTS, server_index.NORMALIZATION, limit,
                 only)).fetchall()

    def close(self) -> None:
        for services in self._open:
            services.close()


def _caseload(services: Services, given: str) -> dict[str, set[int]]:
    """A participant with notes, a goal and WRAP items all saying the same words."""
    pid = services.participants.create(ParticipantDraft(
        given_name=given, family_name="Tester", about="Loves the beach café")).value.id
    sessions = {services.sessions.create(pid, SessionInput(
        starts_at=dt.datetime(2026, 3, 2 + 7 * i, 1, tzinfo=dt.UTC), talked_about=note,
        went_well="Kept the walk going", status="completed")).value.id
        for i, note in enumerate(NOTES)}
    goal = services.goals.create(pid, GoalDraft(
        title="Swim at the beach every week", specific="With her sister on Saturdays",
        why_it_matters="Rent is paid and the café job is steady")).value.id
    services.wrap.add_item(pid, "warning_might", "Walk to the beach café at sunrise")
    services.wrap.add_item(pid, "crisis_helps", "Ring my sister about the rent")
    with services._store.read() as s:
        wrap = set(s.execute(text(
            "SELECT i.id FROM wrap_items i JOIN wrap_plans p ON p.id = i.plan_id "
            "WHERE p.participant_id = :p"), {"p": pid}).scalars())
    return {"participants": {pid}, "sessions": sessions, "goals": {goal}, "wrap_items": wrap}


def _practice(cluster, database: str, owner: Services) -> Practice:
    tag = uuid.uuid4().hex[:8]
    practice = Practice(cluster, database, f"lead_{tag}", f"coach_a_{tag}", f"coach_b_{tag}")
    for role, lead in ((practice.lead, True), (practice.a, False), (practice.b, False)):
        owner.team.add_coach(NewCoach(role, role.title(), lead=lead), PASSWORD)
    for role, given in ((practice.a, "Ari"), (practice.b, "Bodhi")):
        practice.own[role] = _caseload(practice.services_as(role), given)
    owner.resources.create(ResourceDraft(name="Beach Café Community Garden",
                                         offers="A café for everyone", tags="garden"))
    return practice


@pytest.fixture
def practice(pg_cluster, server_store):
    practice = _practice(pg_cluster, server_store.address.database, Services(server_store))
    yield practice
    practice.close()


def test_the_function_knows_every_searched_table_and_is_what_0025_says():
    assert set(_migration().OWNERS) == {src.table for src in SOURCES}
    function = _migration(FUNCTION)
    assert set(function.OWNERS) == {src.table for src in SOURCES}
    assert function.LONGEST == _migration().LONGEST  # what fts_owned keeps of a word
    assert server_index.FUNCTION_SIGNATURE == function.SIGNATURE


def test_the_owned_indexes_keep_no_pending_list(server_store):
    """A coach's search probes them once per participant: each probe would read all of a
    pending list of recent writes."""
    with server_store.read() as s:
        options = dict(s.execute(text(
            "SELECT c.relname, c.reloptions FROM pg_class c WHERE c.relname LIKE "
            "'fts\\_%\\_owned'")).all())
    assert set(options) == {f"fts_{table}_owned" for table, column in _migration().OWNERS.items()
                            if column}
    assert all(value == ["fastupdate=off"] for value in options.values())


def test_a_coach_calling_it_through_psql_gets_only_their_own_rows(practice):
    a, b, lead = practice.a, practice.b, practice.lead
    for table in ("participants", "sessions", "goals", "wrap_items"):
        for typed in ("cafe", "beach", "sister rent", "the"):
            q = practice.q(typed)
            mine = {row for row, _ in practice.call(a, table, q)}
            theirs = {row for row, _ in practice.call(b, table, q)}
            everyone = {row for row, _ in practice.call(lead, table, q)}
            assert mine <= practice.own[a][table] and theirs <= practice.own[b][table]
            assert everyone == mine | theirs, (table, typed)
        assert {row for row, _ in practice.call(a, table, practice.q("cafe"))}
    resources = practice.call(a, "resources", practice.q("garden"))
    assert len(resources) == 1 and resources == practice.call(b, "resources",
                                                              practice.q("garden"))


def test_nothing_a_coach_passes_reaches_another_coachs_rows(practice):
    a, b = practice.a, practice.b
    other = next(iter(practice.own[b]["participants"]))
    plan = _plan_of(practice, other)
    crafted = [f"'{other}_cafe':*", f"'{other}_cafe'", f"'{plan}_walk':*", f"'{other}':*",
               f"'cafe':* | '{other}_beach':*", "'caf''e':* | 'beach':*", "'a!b' | 'beach':*",
               "'back\\\\slash' | 'beach':*", "'beach' <-> 'cafe'",
               "'beach' <2> 'cafe' | 'sister':*", "'beach':A* | 'cafe':BCD*", ""]
    for table in ("participants", "sessions", "goals", "wrap_items"):
        for q in crafted:
            found = {row for row, _ in practice.call(a, table, q)}
            assert found <= practice.own[a][table], (table, q)
        for q in (f"!'{other}_zzz'", "'beach' & !'zzz'"):  # NOT: a probe would walk it all
            with pytest.raises(psycopg.errors.InvalidParameterValue):
                practice.call(a, table, q)
        # the process filter only narrows: another coach's ids passed in are never answered
        everything = sorted(practice.own[b][table] | practice.own[a][table])
        found = {row for row, _ in practice.call(a, table, "'beach':* | 'rent':*", everything)}
        assert found and found <= practice.own[a][table]


def _plan_of(practice: Practice, participant: int) -> int:
    with psycopg.connect(practice.cluster.dsn(practice.database, "postgres")) as conn:
        return conn.execute("SELECT id FROM wrap_plans WHERE participant_id = %s",
                            (participant,)).fetchone()[0]


def test_the_function_answers_ids_and_scores_only_and_only_to_coaches(practice, pg_cluster):
    with psycopg.connect(pg_cluster.dsn(practice.database, "postgres")) as conn:
        result, definer, config = conn.execute(
            "SELECT pg_get_function_result(oid), prosecdef, proconfig FROM pg_proc "
            "WHERE proname = 'recoverydesk_search'").fetchone()
        public = conn.execute("SELECT has_function_privilege('public', %s, 'EXECUTE')",
                              (server_index.FUNCTION_SIGNATURE,)).fetchone()[0]
    assert result == "TABLE(source text, id integer, score real)"
    assert definer and any(c.startswith("search_path=pg_catalog,") for c in config)
    assert public is False
    stranger = f"stranger_{uuid.uuid4().hex[:8]}"  # a login of the server, not of the practice
    pg_cluster.execute(f"CREATE ROLE {stranger} LOGIN")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        practice.call(stranger, "sessions", "'cafe':*")
    for table in ("audit_events", "coaches", "sessions; DROP TABLE goals", None):
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            practice.call(practice.a, table, "'cafe':*")
        with pytest.raises(psycopg.errors.InvalidParameterValue):  # among searched tables
            practice.call_many(practice.a, ["sessions", table], "'cafe':*")
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        practice.call_many(practice.a, None, "'cafe':*")


def test_the_same_hits_and_scores_as_the_plain_query_under_row_security(practice):
    """What the search found before 0024: the plain query, run as the coach, with row-level
    security picking their rows (and as the lead, all)."""
    for role in (practice.a, practice.b, practice.lead):
        services = practice.services_as(role)
        for typed in QUERIES:
            q = practice.q(typed)
            for src in SOURCES:
                with services._store.read() as s:
                    plain = [tuple(r) for r in s.execute(text(server_index.ranked_sql(src)),
                                                         {"q": q, "limit": 3}).all()]
                assert practice.call(role, src.table, q, limit=3) == plain, (role, typed, src)


# Queries the search never sends but a coach may (psql): those the owned probe cannot decide
# alone (phrases: fts_owned keeps no positions; weights: it keeps none; a word of 250 letters or
# more: it keeps 250) are tested again on the stored column, the others are not
EXACT = ("'beach':* & 'cafe':*", "'beach' | 'rent':*", "'cafe'", "'" + LONG_WORD[:249] + "':*")
TESTED_AGAIN = ("'beach' <-> 'cafe'", "'walked' <2> 'beach'", "'beach':A* | 'rent':BC",
                "'" + LONG_WORD[:250] + "'", "'" + LONG_WORD[:250] + "':*",
                "'" + LONG_WORD + "x':*", "'" + LONG_WORD + "' & 'beach'")


def test_a_coach_gets_the_plain_querys_rows_whatever_the_query(practice):
    for role in (practice.a, practice.lead):
        services = practice.services_as(role)
        for q in EXACT + TESTED_AGAIN:
            for src in SOURCES:
                with services._store.read() as s:
                    plain = [tuple(r) for r in s.execute(text(server_index.ranked_sql(src)),
                                                         {"q": q, "limit": 50}).all()]
                assert practice.call(role, src.table, q) == plain, (role, q, src.table)
    a_250 = {row for row, _ in practice.call(practice.a, "sessions",
                                             "'" + LONG_WORD[:250] + "'")}
    assert not a_250  # the index holds those 250 letters for the 300-letter word


def test_the_function_tells_which_queries_the_probe_decides(pg_cluster):
    """The two patterns 0025 writes into the function, as it applies them to ``q``'s text."""
    function = _migration(FUNCTION)
    with psycopg.connect(pg_cluster.dsn("postgres", "postgres"), autocommit=True) as conn:
        for q in EXACT + TESTED_AGAIN:
            exact = conn.execute(
                "SELECT regexp_replace(%s::tsquery::text, %s, '', 'g') !~ '[<ABCD]' "
                "AND %s::tsquery::text !~ %s", (q, function._OPERAND, q, function._LONG)
            ).fetchone()[0]
            assert exact is (q in EXACT), q


def test_one_call_ranks_every_table_named_in_turn(practice):
    tables = [src.table for src in SOURCES]
    for role in (practice.a, practice.b, practice.lead):
        for typed in ("beach", "sister rent", "the"):
            q = practice.q(typed)
            each = [(table, *row) for table in tables for row in practice.call(role, table, q)]
            assert practice.call_many(role, tables, q) == each, (role, typed)
            assert practice.call_many(role, tables[::-1], q, limit=2) == [
                (table, *row) for table in tables[::-1]
                for row in practice.call(role, table, q, limit=2)]
        assert practice.call_many(role, [], practice.q("beach")) == []


def test_a_coachs_search_probes_the_owned_index(practice, pg_cluster):
    """The plans inside the function, shown by auto_explain to the superuser who loaded it,
    after becoming the coach (session_user is then the coach)."""
    plans: list[str] = []
    with psycopg.connect(pg_cluster.dsn(practice.database, "postgres"), autocommit=True) as conn:
        conn.add_notice_handler(lambda notice: plans.append(notice.message_primary or ""))
        conn.execute("LOAD 'auto_explain'")
        for setting in ("auto_explain.log_min_duration = 0", "auto_explain.log_level = notice",
                        "auto_explain.log_nested_statements = on"):
            conn.execute(f"SET {setting}")
        conn.execute(f"SET SESSION AUTHORIZATION {practice.a}")
        for table in ("sessions", "goals", "wrap_items"):
            plans.clear()
            conn.execute("SELECT * FROM recoverydesk_search(%s, %s::tsquery, %s::real[], 1, 50)",
                         ([table], "'beach':* & 'caf':*", server_index.CLASS_WEIGHTS)).fetchall()
            assert any(f"fts_{table}_owned" in plan for plan in plans), (table, plans)


def test_a_long_word_is_indexed_and_found(practice):
    """fts_owned keeps 250 letters of a word: the probe finds the note by them, and the check
    on the stored column keeps the search exact beyond them."""
    a = practice.services_as(practice.a)
    for typed, hits in (("pneumonox", 1), (LONG_WORD, 1), (LONG_WORD + "x", 0)):
        found = [r for r in a.search.search(typed) if r.kind == "session"]
        assert len(found) == hits, typed
        assert all(r.ref in practice.own[practice.a]["sessions"] for r in found)


@pytest.fixture
def lead_owned(pg_cluster):
    """A practice whose database the lead's own login owns and set up (CREATEROLE, no
    superuser: row-level security applies to the owner inside the function too)."""
    lead = f"owner_{uuid.uuid4().hex[:8]}"
    pg_cluster.execute(f"CREATE ROLE {lead} LOGIN CREATEROLE")
    database = pg_cluster.new_database()
    pg_cluster.execute(f"ALTER DATABASE {database} OWNER TO {lead}")
    store, _ = open_server(pg_cluster.url(database, user=lead))
    owner = Services(store)
    owner.team.add_coach(NewCoach(lead, "Owner Lead", lead=True), PASSWORD)
    practice = _practice(pg_cluster, database, owner)
    yield practice
    practice.close()
    store.close()
    pg_cluster.drop_database(database)


def test_a_practice_the_lead_owns_searches_the_same(lead_owned):
    practice = lead_owned
    for table in ("participants", "sessions", "goals", "wrap_items"):
        q = practice.q("the")  # in every row of the practice
        mine = {row for row, _ in practice.call(practice.a, table, q)}
        everyone = {row for row, _ in practice.call(practice.lead, table, q)}
        assert mine == practice.own[practice.a][table]
        assert everyone == mine | practice.own[practice.b][table]
