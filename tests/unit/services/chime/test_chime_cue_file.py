"""The cue list as data: the shipped file, the coach's own file, and every plain refusal."""

from __future__ import annotations

import json

import pytest

from recoverydesk.paths import resource
from recoverydesk.services.chime.cuebook import parse_cues, read_cue_file
from recoverydesk.services.chime.types import PROCESSES, SUB_THEMES, CueFileError
from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft


def cue_file(tmp_path, processes, **extra):
    path = tmp_path / "my-cues.json"
    path.write_text(json.dumps({"format": "recoverydesk-chime-cues", "processes": processes,
                                **extra}), encoding="utf-8")
    return path


def test_the_shipped_list_covers_every_process_and_sub_theme_and_names_its_source():
    book, _text = read_cue_file(resource("chime", "cues.json"))
    assert "Leamy" in book.source and "suggest" in book.source.lower()
    assert {p for p, _s, _c in book.cues} == set(PROCESSES)
    for process, subs in SUB_THEMES.items():
        for sub in subs:
            assert any(p == process and s == sub for p, s, _c in book.cues), (process, sub)
    assert {"no", "not", "never"} <= set(book.negations) and book.negation_window == 3


@pytest.mark.parametrize(("processes", "extra", "message"), [
    ({"joy": ["happy"]}, {}, "\"joy\" is not a CHIME process"),
    ({"hope": {"sub_themes": {"friends": ["mate"]}}}, {}, "not a sub-theme of Hope"),
    ({"hope": {"cues": ["h0pe"]}}, {}, "not a plain word or phrase"),
    ({"hope": {"cues": ["hope!"]}}, {}, "not a plain word or phrase"),
    ({"hope": {"cues": "hope"}}, {}, "should be a list"),
    ({"hope": {"cues": ["hope"]}, "identity": {"cues": ["Hope"]}}, {},
     "listed under both hope and identity"),
    ({"hope": {"cues": []}}, {}, "lists no cue words"),
    ({}, {}, "no \"processes\""),
    ({"hope": {"cues": ["hope"]}}, {"negation_window": 40}, "from 0 to 6"),
    ({"hope": {"cues": ["hope"]}}, {"negations": ["not really"]}, "single words"),
])
def test_refusals_say_what_is_wrong_plainly(tmp_path, processes, extra, message):
    with pytest.raises(CueFileError, match=message) as err:
        read_cue_file(cue_file(tmp_path, processes, **extra))
    assert str(err.value).startswith("my-cues.json: ")


def test_files_that_are_not_cue_lists_are_refused(tmp_path):
    bad = tmp_path / "cues.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CueFileError, match="not valid JSON"):
        read_cue_file(bad)
    bad.write_text('{"format": "recoverydesk-star-template"}', encoding="utf-8")
    with pytest.raises(CueFileError, match="not a CHIME cue file"):
        read_cue_file(bad)
    bad.write_bytes(b"\xff\xfe{}")
    with pytest.raises(CueFileError, match="UTF-16"):
        read_cue_file(bad)
    bad.write_text(" " * (300 * 1024), encoding="utf-8")
    with pytest.raises(CueFileError, match="larger than"):
        read_cue_file(bad)
    with pytest.raises(CueFileError, match="cannot be read"):
        read_cue_file(tmp_path / "missing.json")
    with pytest.raises(CueFileError):
        parse_cues([], "x.json")


def test_the_coach_loads_their_own_list_and_can_go_back(services, tmp_path):
    pid = services.participants.create(ParticipantDraft(given_name="Ana")).value.id
    goal = services.goals.create(pid, GoalDraft(title="Kayak with the paddling crew")).value
    assert services.chime.suggest("goal", goal.id) == []
    assert services.chime.cue_book()[1] is False
    path = cue_file(tmp_path, {"connectedness": {"sub_themes": {
        "peer_support": ["paddling crew"]}}}, name="Ana's words", negations=["not"])
    done = services.chime.load_cues(path)
    assert done.value.name == "Ana's words" and done.changes.touches("chime_cues")
    book, own = services.chime.cue_book()
    assert own and book.name == "Ana's words"
    (got,) = services.chime.suggest("goal", goal.id)
    assert (got.process, got.sub_theme, got.cue) == ("connectedness", "peer_support",
                                                     "paddling crew")
    with pytest.raises(CueFileError):  # a bad file leaves the coach's list in use
        services.chime.load_cues(cue_file(tmp_path, {"joy": ["x"]}))
    assert services.chime.cue_book()[0].name == "Ana's words"
    services.chime.use_shipped_cues()
    assert services.chime.cue_book()[1] is False
    assert services.chime.suggest("goal", goal.id) == []
