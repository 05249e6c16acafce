"""Star templates as data: the bundled files load, and a malformed file names file and field."""

from __future__ import annotations

import json

import pytest

from recoverydesk.services.star.templates import (
    TemplateError,
    bundled_templates,
    load_template_file,
    load_templates_dir,
)

RECOVERY_STAR_KEYS = [
    "managing_mental_health",
    "physical_health",
    "living_skills",
    "social_networks",
    "work",
    "relationships",
    "addictive_behaviour",
    "responsibilities",
    "identity_self_esteem",
    "trust_hope",
]


def _good() -> dict:
    return {
        "key": "mine",
        "name": "My star",
        "scale": {"min": 1, "max": 10},
        "stages": [{"name": "Low", "min": 1, "max": 5}, {"name": "High", "min": 6, "max": 10}],
        "domains": [{"key": k, "label": k.title()} for k in ("home", "money", "friends")],
    }


def _write(tmp_path, data, name="mine.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_bundled_recovery_star_has_ten_domains_and_five_stages():
    templates = {t.key: t for t in bundled_templates()}
    star = templates["recovery-star"]
    assert [d.key for d in star.domains] == RECOVERY_STAR_KEYS
    assert star.domains[1].label == "Physical health and self-care"
    assert [(s.name, s.min, s.max) for s in star.stages] == [
        ("Stuck", 1, 2),
        ("Accepting help", 3, 4),
        ("Believing", 5, 6),
        ("Learning", 7, 8),
        ("Self-reliance", 9, 10),
    ]
    # Triangle's licensed ladder descriptions are not shipped.
    assert all(d.description == "" for d in star.domains)
    assert star.stage_for(6) == "Believing"
    assert [d.label for d in templates["chime"].domains][0] == "Connectedness"
    assert bundled_templates()[0].key == "recovery-star"


def test_good_file_loads(tmp_path):
    t = load_template_file(_write(tmp_path, _good()))
    assert t.name == "My star" and len(t.domains) == 3 and t.stage_for(7) == "High"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("name"), "mine.json: The template has no name."),
        (lambda d: d["domains"][1].pop("label"), "mine.json: The second life domain has no label."),
        (lambda d: d["domains"][2].update(key="home"),
         "mine.json: Two life domains use the key 'home'; each needs its own."),
        (lambda d: d["domains"][0].update(key="Bad Key"),
         "mine.json: The key of the first life domain should use only lower-case letters"),
        (lambda d: d.update(scale={"min": 0, "max": 10}), "mine.json: The scale goes from 0 to 10"),
        (lambda d: d["stages"][1].update(min=7),
         "mine.json: The second stage should start at 6, straight after the stage before it"),
        (lambda d: d["stages"][0].update(max="5"),
         "mine.json: The highest score of the first stage should be a whole number."),
        (lambda d: d.update(domains=d["domains"][:2]),
         "mine.json: A star needs 3 to 16 life domains; this file has 2."),
        (lambda d: d.update(domains=d["domains"][:1]),
         "mine.json: A star needs 3 to 16 life domains; this file has 1."),
        (lambda d: d["stages"][0].update(min=0, max=50),
         "mine.json: The first stage covers scores 0 to 50, but the scale only goes from 1 to 10."),
    ],
)
def test_malformed_file_names_file_and_field(tmp_path, change, expected):
    data = _good()
    change(data)
    with pytest.raises(TemplateError) as err:
        load_template_file(_write(tmp_path, data))
    assert expected in str(err.value)


def test_broken_json_names_file_and_line(tmp_path):
    with pytest.raises(TemplateError, match=r"mine.json is not valid JSON \(line 2"):
        load_template_file(_write(tmp_path, '{"key": "mine",\n "name": }'))


def test_two_files_with_one_key_are_refused(tmp_path):
    _write(tmp_path, _good(), "a.json")
    _write(tmp_path, _good(), "b.json")
    with pytest.raises(TemplateError, match="two template files use the key 'mine'"):
        load_templates_dir(tmp_path)


def test_template_problems_speak_plain_words_not_programmer_paths(tmp_path):
    broken = [_good() for _ in range(4)]
    broken[0]["stages"][0].update(min=0, max=50)
    broken[1]["domains"] = broken[1]["domains"][:1]
    broken[2]["domains"][2].pop("label")
    broken[3]["stages"][1].update(min=7)
    for data in broken:
        with pytest.raises(TemplateError) as err:
            load_template_file(_write(tmp_path, data))
        message = str(err.value)
        for jargon in ("[", "]", "'domains'", "'stages'", "'min'", "'max'", "(has "):
            assert jargon not in message, message
