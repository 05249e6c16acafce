"""The search, on both databases (tests/unit/services/conftest.py runs each test on a practice
file and on a team practice): FTS5 on SQLite, PostgreSQL's own full-text search on a server."""

import datetime as dt

import pytest
from sqlalchemy import insert, text

from recoverydesk.models.resources import Resource
from recoverydesk.models.sessions import CoachingSession
from recoverydesk.models.wrap import WrapItem, WrapPlan
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.search.types import fts_query, mark_words, marks_to_html
from recoverydesk.services.sessions.types import SessionInput


def person(services, given="Zoë", family="Hartley", **kw):
    return services.participants.create(ParticipantDraft(given_name=given, family_name=family,
                                                         **kw)).value


def note(services, pid, days_ago=1, **kw):
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    return services.sessions.create(pid, SessionInput(starts_at=start, **kw)).value


def test_finds_a_participant_as_you_type_ignoring_accents(services):
    p = person(services)
    person(services, "Minh", "Nguyen")
    results = services.search.search("zo")
    assert [(r.kind, r.participant_id) for r in results] == [("participant", p.id)]
    assert results[0].title_html == "<b>Zoë</b> Hartley"
    assert results[0].page == "overview"


def test_session_notes_rank_the_closest_match_first(services):
    p = person(services)
    loose = note(services, p.id, 3, talked_about="We talked about the week, the bus timetable, "
                 "the library, the shopping and, briefly, swimming at the beach later on.")
    close = note(services, p.id, 2, talked_about="Beach swim at the beach.",
                 went_well="Loved the beach")
    results = services.search.search("beach")
    assert [r.ref for r in results if r.kind == "session"] == [close.id, loose.id]
    assert "<b>beach</b>" in results[0].snippet_html.lower()
    assert results[0].page == "sessions"


def test_every_word_must_match(services):
    p = person(services)
    note(services, p.id, 3, talked_about="Choir practice on Thursday")
    note(services, p.id, 2, talked_about="Choir concert next month")
    assert len(services.search.search("choir thurs")) == 1
    assert len(services.search.search("choir")) == 2


def test_index_follows_edits_and_deletes(services):
    p = person(services)
    s = note(services, p.id, talked_about="Planning the garden bed", status="completed")
    assert services.search.search("garden")
    services.sessions.update(s.id, SessionInput(starts_at=s.starts_at,
                                                talked_about="Planning the kitchen shelves"))
    assert services.search.search("garden") == []
    assert [r.ref for r in services.search.search("kitchen")] == [s.id]
    planned = services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=2), status="planned",
        location_text="Kitchen garden café")).value
    assert {r.ref for r in services.search.search("kitchen")} == {s.id, planned.id}
    services.sessions.delete(planned.id)
    assert [r.ref for r in services.search.search("kitchen")] == [s.id]


def test_participant_edits_are_reindexed(services):
    p = person(services)
    draft = services.participants.get(p.id).to_draft()
    from dataclasses import replace

    services.participants.update(p.id, replace(draft, preferred_name="Zed"))
    assert [r.participant_id for r in services.search.search("zed")] == [p.id]


def test_bulk_inserts_are_indexed_by_the_database(services, store):
    p = person(services)
    start = dt.datetime(2026, 1, 5, 1, tzinfo=dt.UTC)
    rows = [{"participant_id": p.id, "starts_at": start + dt.timedelta(days=7 * i),
             "talked_about": f"Week {i}: practised the bus route", "status": "completed"}
            for i in range(30)]
    rows[17]["talked_about"] = "Signed up for pottery"
    with store.unit_of_work() as s:
        s.execute(insert(CoachingSession), rows)
    assert len(services.search.search("bus route", limit=100)) == 29
    assert len(services.search.search("pottery")) == 1


def test_wrap_items_and_resources_are_found(services, store):
    p = person(services)
    with store.unit_of_work() as s:
        plan = WrapPlan(participant_id=p.id)
        s.add(plan)
        s.flush()
        s.add(WrapItem(plan_id=plan.id, part="daily_list", text="Walk the dog at sunrise"))
        s.add(Resource(name="Sunrise Community Garden", offers="Weekly working bees"))
    kinds = {r.kind: r for r in services.search.search("sunrise")}
    assert set(kinds) == {"wrap", "resource"}
    assert kinds["wrap"].participant_id == p.id and kinds["wrap"].page == "wrap"
    assert kinds["resource"].participant_id is None
    assert kinds["resource"].title_html == "<b>Sunrise</b> Community Garden"


def test_a_wrap_action_plan_result_says_which_section_it_is_in(services):
    p = person(services)
    services.wrap.add_item(p.id, "warning_might", "Ring the warmline")
    services.wrap.add_item(p.id, "crisis_helps", "Ring my sister")
    titles = sorted(r.plain_title for r in services.search.search("ring"))
    name = titles[0].split(" · ")[0]
    assert titles == [f"{name} · Early Warning Signs · things I might do",
                      f"{name} · What supporters can do that helps"]


def test_odd_input_never_breaks_the_query(services):
    person(services)
    for typed in ['"', "zo*", "AND OR NOT", "(", "-", "   ", "zoë's", "a & | !", "'", "''",
                  "\\", "zo:*", "a <-> b", "!zo", "ʼ", "ŉ zo", "_", "zo:A", "NEAR(zo)"]:
        services.search.search(typed)
    assert [r.title_html for r in services.search.search("'zo' & | !")] == [
        "<b>Zoë</b> Hartley"]
    assert services.search.search("   ") == []
    assert fts_query('say "hi"') == '"say"* "hi"*'


@pytest.mark.sqlite_only("a practice file's FTS5 tables (a server's: test_search_server)")
def test_every_index_has_its_sync_triggers_at_head(store):
    """A later migration that recreates a table (batch mode) would silently drop them."""
    with store.read() as s:
        triggers = set(s.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        tables = set(s.execute(text(
            "SELECT name FROM sqlite_master WHERE name LIKE 'fts_%' AND type = 'table' "
            "AND sql LIKE 'CREATE VIRTUAL%'")).scalars())
    assert {"fts_participants", "fts_sessions", "fts_wrap_items", "fts_resources",
            "fts_goals"} <= tables
    for table in tables:
        assert {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= triggers


@pytest.mark.parametrize("value,tokens,expected", [
    ("Zoë Hartley", ["zoe"], "\x02Zoë\x03 Hartley"),
    ("Beach walk", ["wa"], "Beach \x02walk\x03"),
])
def test_mark_words(value, tokens, expected):
    assert mark_words(value, tokens) == expected
    assert "<b>" in marks_to_html(expected)
