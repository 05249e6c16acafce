"""Adding a star template from a file: a file that cannot be read is refused in one plain
sentence naming the file, never "Something went wrong", and nothing is added; a UTF-8 file
with a byte-order mark (Windows Notepad) loads (issue 15, item 8)."""

from __future__ import annotations

import json

import pytest

from recoverydesk.services.types import ValidationError


def good() -> dict:
    return {
        "key": "cafe-star",
        "name": "Café star",
        "scale": {"min": 1, "max": 10},
        "stages": [{"name": "Low", "min": 1, "max": 5}, {"name": "High", "min": 6, "max": 10}],
        "domains": [{"key": k, "label": k.title()} for k in ("home", "money", "friends")],
    }


def count_templates(services) -> int:
    return len(services.star.templates(include_archived=True))


def refused(services, path) -> str:
    before = count_templates(services)
    with pytest.raises(ValidationError) as info:
        services.star.import_template(path)
    assert count_templates(services) == before
    message = str(info.value)
    message.encode("utf-8")
    assert message.startswith(path.name)
    return message


def test_a_file_with_a_byte_order_mark_loads(services, tmp_path):
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good(), ensure_ascii=False).encode("utf-8"))
    before = count_templates(services)
    added = services.star.import_template(path).value
    assert added.name == "Café star" and count_templates(services) == before + 1


def test_latin_1_bytes_are_refused_plainly(services, tmp_path):
    path = tmp_path / "latin.json"
    path.write_bytes(json.dumps(good(), ensure_ascii=False).encode("latin-1"))
    assert "not UTF-8 text" in refused(services, path)


def test_deep_nesting_is_refused_plainly(services, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"name": ' + "[" * 50_000 + "]" * 50_000 + "}", "utf-8")
    assert "nested" in refused(services, path)


def test_a_lone_surrogate_is_refused_plainly(services, tmp_path):
    data = good()
    data["domains"][1]["label"] = "Mon\ud800ey"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(data), "utf-8")  # ensure_ascii writes it as \\ud800
    message = refused(services, path)
    assert "broken character" in message and "domains[1].label" in message


def test_a_huge_file_is_refused_before_it_is_read(services, tmp_path):
    path = tmp_path / "huge.json"
    path.write_text('{"name": "' + "x" * (2 * 1024 * 1024) + '"}', "utf-8")
    assert "larger than" in refused(services, path)
