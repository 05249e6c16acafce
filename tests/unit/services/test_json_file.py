"""The shared safe JSON reader: every valid, shallow enough JSON document reads exactly as
json.loads reads it; anything else is a JsonFileError, whatever the bytes (issue 15)."""

from __future__ import annotations

import gc
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverydesk.services import json_file
from recoverydesk.services.json_file import JsonFileError, nesting_depth, parse_json_bytes

DEPTH = 8
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                   max_size=4),
    max_leaves=20,
)


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, list):
        return any(has_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
    return False


@settings(max_examples=200, deadline=None)
@given(value=values, ascii_only=st.booleans(), bom=st.booleans())
def test_valid_json_reads_exactly_or_is_refused_for_a_named_reason(value, ascii_only, bom):
    text = json.dumps(value, ensure_ascii=ascii_only, indent=data_indent(value))
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    try:
        read = parse_json_bytes(data, "x.json", max_bytes=1 << 20, max_depth=DEPTH)
    except JsonFileError as err:
        message = str(err)
        assert message.startswith("x.json ")
        if "nested" in message:
            assert depth(value) > DEPTH
        else:
            assert has_surrogate(value) or "digits" in message or "UTF-8" in message
        return
    assert read == value and depth(value) <= DEPTH


def data_indent(value):
    return None if depth(value) % 2 else 1


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_any_bytes_read_or_refused(data):
    try:
        parse_json_bytes(data, "x.json", max_bytes=1 << 20, max_depth=DEPTH)
    except JsonFileError as err:
        str(err).encode("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": "[[[[[", "b": [1, [2]]}', 3),
        ('["\\"[[[", {"k": "\\\\"}, [[[]]]]', 4),
        ('"unterminated [[[[', 0),
        ("[[[[", 4),
        ("42", 0),
    ],
)
def test_nesting_depth_ignores_brackets_inside_text(text, expected):
    assert nesting_depth(text) == expected


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[NaN]", "not valid JSON"),
        (b"[Infinity]", "not valid JSON"),
        (b"[" + b"1" * 5000 + b"]", "not valid JSON"),
        (b"\xff\xfe[\x00]\x00", "UTF-16"),
        (b'{"\\udc00": 1}', "broken character"),
        (b"x" * 9000, "larger than"),
    ],
)
def test_values_json_loads_would_let_through_are_refused(data, words):
    with pytest.raises(JsonFileError, match=words):
        parse_json_bytes(data, "x.json", max_bytes=8192, max_depth=DEPTH)


@pytest.fixture
def tiny_pieces(monkeypatch):
    """The piece-by-piece reader with chunks of a few bytes, so that chunk ends fall inside
    strings, numbers, escapes and multi-byte characters; and a way to see whether a read took
    the careful whole-text way instead."""
    careful = []
    real = json_file._decode

    def watched(data, name):
        careful.append(name)
        return real(data, name)

    monkeypatch.setattr(json_file, "CHUNK_BYTES", 7)
    monkeypatch.setattr(json_file, "_decode", watched)
    return careful


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # cleared each time
@given(value=values, ascii_only=st.booleans(), bom=st.booleans(), indent=st.sampled_from([None, 1]))
def test_pieces_read_exactly_what_json_loads_reads(tiny_pieces, value, ascii_only, bom, indent):
    tiny_pieces.clear()
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    try:
        read = parse_json_bytes(data, "x.json", max_bytes=1 << 20, max_depth=DEPTH)
    except JsonFileError:
        assert depth(value) > DEPTH or has_surrogate(value)
        return
    assert read == value
    if indent and not has_surrogate(value):
        assert tiny_pieces == []  # a valid export-shaped file never needs the whole text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b'{"a": [1, 2], "b": {"c": [3, 4]}} x', "not valid JSON"),
        (b'{"a": [1, 2,], "b": 2}', "not valid JSON"),
        (b'{"a": [1, 2] "b": 2}', "not valid JSON"),
        (b'{"a" 1}', "not valid JSON"),
        (b'{"a": "\n"}', "not valid JSON"),
        (b'{"a": [1, 2]', "not valid JSON"),
        (b'{"a": [NaN]}', "not valid JSON"),
        (b'{"a":\n[[[[[[[[[[[1]]]]]]]]]]]}', "nested 12 deep"),
        (b'{"a": "\xc3"}', "not UTF-8"),
        (b'{"a": ["\\udc00"]}', "broken character"),
        (b"  \n ", "empty"),
    ],
)
def test_pieces_leave_what_is_wrong_to_the_careful_way(tiny_pieces, data, words):
    with pytest.raises(JsonFileError, match=words):
        parse_json_bytes(data, "x.json", max_bytes=8192, max_depth=DEPTH)


def test_the_collector_is_paused_only_inside():
    assert gc.isenabled()
    with json_file.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
