"""The QPR route: a measure template the coach loads (wording and licence theirs), scored by
the rules the file gives. The item texts here are placeholders, not any questionnaire's."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from recoverydesk.services.chime.measure_rules import (
    MeasureTemplateError,
    parse_measure_template,
    score,
)
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import ValidationError


def template(**change):
    data = {
        "format": "recoverydesk-measure-template", "key": "qpr-15",
        "name": "Process of recovery (test wording)",
        "source": "Typed in by the coach from their licensed copy",
        "licence": "Used with the authors' permission (test)",
        "scale": {"min": 0, "max": 4, "labels": ["a", "b", "c", "d", "e"]},
        "items": [{"key": f"q{i}", "text": f"Placeholder statement {i}"} for i in range(1, 6)],
        "scoring": {"method": "sum"},
    }
    data["items"][0]["process"] = "hope"
    data.update(change)
    return data


def test_a_template_parses_with_its_source_and_licence():
    m = parse_measure_template(template(), "qpr.json")
    assert (m.key, m.scale_min, m.scale_max, len(m.items), m.max_total) == ("qpr-15", 0, 4, 5, 20)
    assert m.items[0].process == "hope" and m.licence.startswith("Used with")
    assert m.min_answered == 5 and not m.prorate


@pytest.mark.parametrize(("change", "message"), [
    ({"format": "x"}, "not a measure template"),
    ({"licence": ""}, "\"licence\""),
    ({"source": " "}, "\"source\""),
    ({"key": "QPR 15"}, "\"key\""),
    ({"scale": {"min": 4, "max": 0}}, "\"scale\""),
    ({"scale": {"min": 0, "max": 4, "labels": ["a"]}}, "5 words"),
    ({"items": []}, "\"items\""),
    ({"items": [{"key": "q1", "text": "a"}, {"key": "q1", "text": "b"}]}, "two items"),
    ({"items": [{"key": "q1", "text": "a", "process": "joy"}]}, "not a CHIME process"),
    ({"scoring": {"method": "mean"}}, "add the answers up"),
    ({"scoring": {"reverse": ["q9"]}}, "\"reverse\""),
    ({"scoring": {"min_answered": 0}}, "\"min_answered\""),
])
def test_template_refusals(change, message):
    with pytest.raises(MeasureTemplateError, match=message):
        parse_measure_template(template(**change), "qpr.json")


def test_scoring_rules_come_from_the_file():
    m = parse_measure_template(template(), "t.json")
    assert score(m, [4, 3, 2, 1, 0]) == 10
    assert score(m, [4, 3, 2, 1, None]) is None  # every item needed by default
    m = parse_measure_template(template(scoring={"reverse": ["q2"], "min_answered": 4}), "t")
    assert score(m, [4, 3, 2, 1, 0]) == 4 + 1 + 2 + 1 + 0
    assert score(m, [4, 3, 2, 1, None]) == 8
    assert score(m, [4, None, None, 1, None]) is None
    m = parse_measure_template(template(scoring={"min_answered": 3, "prorate": True}), "t")
    assert score(m, [4, 3, 2, None, None]) == 15  # 9 over 3 answers, scaled to 5 items
    assert score(m, [4, 4, 3, 3, None]) == 18  # 14 * 5 / 4 = 17.5, half up
    with pytest.raises(ValidationError, match="from 0 to 4"):
        score(m, [5, 0, 0, 0, 0])
    with pytest.raises(ValidationError, match="5 questions"):
        score(m, [1, 2])


def test_load_record_and_list_readings(services, tmp_path):
    pid = services.participants.create(ParticipantDraft(given_name="Ana")).value.id
    path = tmp_path / "qpr.json"
    path.write_text(json.dumps(template()), encoding="utf-8")
    with pytest.raises(ValidationError, match="template first"):
        services.chime.measures.record(pid, "qpr-15", dt.date(2026, 1, 5), [1] * 5)
    done = services.chime.measures.load_template(path)
    assert done.value.key == "qpr-15" and done.changes.touches("measure_template")
    assert [m.key for m in services.chime.measures.templates()] == ["qpr-15"]
    first = services.chime.measures.record(pid, "qpr-15", dt.date(2026, 1, 5),
                                           [1, 1, 2, 2, 2]).value
    services.chime.measures.record(pid, "qpr-15", dt.date(2026, 7, 5), [3, 3, 3, 2, None])
    got = services.chime.measures.readings(pid)
    assert [(r.taken_on, r.total, r.max_total) for r in got] == [
        (dt.date(2026, 1, 5), 8, 20), (dt.date(2026, 7, 5), None, 20)]
    assert got[1].answers == (3, 3, 3, 2, None) and first.template_name.startswith("Process")
    # the same file again changes nothing; a changed one needs a new key once readings exist
    services.chime.measures.load_template(path)
    path.write_text(json.dumps(template(name="Reworded")), encoding="utf-8")
    with pytest.raises(MeasureTemplateError, match="another \"key\""):
        services.chime.measures.load_template(path)
    path.write_text(json.dumps(template(name="Reworded", key="qpr-15-v2")), encoding="utf-8")
    services.chime.measures.load_template(path)
    assert len(services.chime.measures.templates()) == 2
