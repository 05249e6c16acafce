"""The suggestion rules (services/chime/types.py): cue kinds, word boundaries, negation,
passages, and where a tagged passage is after an edit."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.paths import resource
from recoverydesk.services.chime.cuebook import parse_cues, read_cue_file
from recoverydesk.services.chime.types import (
    anchor,
    quarter_label,
    quarter_of,
    quarters_between,
    suggest,
)


@pytest.fixture(scope="module")
def book():
    return read_cue_file(resource("chime", "cues.json"))[0]


def small_book(**processes):
    return parse_cues({"format": "recoverydesk-chime-cues", "negations": ["no", "not", "never",
                                                                          "don't"],
                       "processes": processes}, "test.json")


def found(book, text):
    return [(g.process, g.sub_theme, g.cue) for g in suggest(book, {"talked_about": text})]


def test_each_kind_of_cue_suggests_its_process(book):
    assert found(book, "She felt hopeful.") == [("hope", "", "hopeful")]  # a process cue
    assert found(book, "He went to a support group.") == [
        ("connectedness", "peer_support", "support group")]  # a sub-theme phrase
    assert found(book, "Back on track this week.") == [("meaning", "rebuilding_life",
                                                        "back on track")]
    assert found(book, "I was in control of the day.") == [("empowerment", "control",
                                                            "in control")]
    assert found(book, "Proud of the work I did.") == [("hope", "positive_thinking", "proud"),
                                                       ("meaning", "social_roles", "work")]


def test_inflections_only_as_listed_no_stemming():
    b = small_book(hope={"cues": ["hope", "hopes"]})
    assert found(b, "Her hopes are high.") == [("hope", "", "hopes")]
    assert found(b, "Hoping for the best.") == []  # not listed: no match
    assert found(b, "Hopeless day.") == []


def test_whole_words_only_ignoring_case_and_curly_apostrophes(book):
    assert found(book, "Shopping at the market.") == []  # "hope" is inside a word
    assert found(book, "HOPE is back.") == [("hope", "", "hope")]
    assert found(book, "Went to the men’s shed.") == [("connectedness", "community",
                                                       "men's shed")]
    # any run of spaces between a phrase's words
    assert found(book, "Felt part  of the   community.") == [
        ("connectedness", "community", "part of the community")]


def test_negation_before_the_cue_in_the_same_clause_means_no_suggestion(book):
    assert found(book, "There is no hope.") == []
    assert found(book, "I am not connected to anyone.") == []
    assert found(book, "Not feeling connected.") == []
    assert found(book, "I never felt part of the community.") == []
    assert found(book, "I don't feel hopeful") == []
    assert found(book, "I don’t feel hopeful") == []  # curly apostrophe


def test_negation_stops_at_the_clause_and_the_window(book):
    assert found(book, "Not easy, but hopeful.") == [("hope", "", "hopeful")]
    assert found(book, "Not an easy week but hopeful.") == [("hope", "", "hopeful")]
    # "no" four words back is outside the window of three
    assert found(book, "No sleep for days now yet hopeful.") == [("hope", "", "hopeful")]
    b = small_book(hope={"cues": ["hope"]})
    assert found(b, "no real reason to hope") == [("hope", "", "hope")]  # 4 words back


def test_longer_cue_wins_and_one_suggestion_per_process_per_sentence(book):
    got = suggest(book, {"went_well": "She felt part of the community. The community garden "
                                      "is her place."}, "session", 9)
    assert [(g.cue, g.start, g.end) for g in got] == [
        ("part of the community", 0, 31), ("community", 32, 66)]
    assert got[0].quote == "She felt part of the community."
    assert got[0].cue_start == 9 and got[0].cue_end == 30
    assert (got[0].target_kind, got[0].target_id, got[0].field) == ("session", 9, "went_well")
    one = found(book, "Hopeful and optimistic, she has hope.")
    assert one == [("hope", "", "hopeful")]


def test_the_passage_is_the_sentence_around_the_cue_in_each_field(book):
    got = suggest(book, {"talked_about": "We had coffee.  Sam felt hopeful about TAFE!\nNext.",
                         "next_steps": "Call her sister"})
    assert [(g.field, g.quote) for g in got] == [
        ("talked_about", "Sam felt hopeful about TAFE!"),
        ("talked_about", "Sam felt hopeful about TAFE!"),
    ]
    assert {g.process for g in got} == {"hope", "meaning"}
    text = "We had coffee.  Sam felt hopeful about TAFE!\nNext."
    assert text[got[0].start:got[0].end] == got[0].quote
    draft = got[0].draft()
    assert (draft.start, draft.end, draft.cue) == (got[0].start, got[0].end, "hopeful")


def test_anchor_keeps_a_passage_through_edits():
    quote = "felt hopeful"
    assert anchor("Sam felt hopeful.", quote, 4, 16) == (4, 16, "in place")
    assert anchor("Today Sam felt hopeful.", quote, 4, 16) == (10, 22, "moved")
    assert anchor("Sam felt tired.", quote, 4, 16) == (4, 16, "edited")
    assert anchor("anything", "", None, None) == (None, None, "whole")
    # the nearest of two places to where it was
    text = "felt hopeful at first; later felt hopeful again"
    assert anchor(text, quote, 30, 42)[:2] == (29, 41)


def test_quarters():
    assert quarter_of(dt.date(2026, 3, 31)) == (2026, 1)
    assert quarter_of(dt.date(2026, 10, 1)) == (2026, 4)
    assert quarter_label((2026, 4)) == "2026 Q4"
    assert quarters_between((2025, 4), (2026, 2)) == [(2025, 4), (2026, 1), (2026, 2)]
