"""A JSON import that cannot be used is refused in one plain sentence naming the first bad place,
never a traceback, and nothing is written (issue 15, item 8)."""

from __future__ import annotations

import copy
import json

import pytest
from demo_practices import demo_practice

from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.transfer import IOService, layout
from recoverydesk.services.types import ValidationError


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """A demo practice's export, as the text ``recoverydesk export`` wrote."""
    folder = tmp_path_factory.mktemp("export")
    services = demo_practice(folder / "demo.rdk", participants=3, years=1, seed=4)
    out = folder / "demo.json"
    IOService(services._store).export_to(out)
    services.close()
    return json.loads(out.read_text("utf-8"))


@pytest.fixture
def fresh(tmp_path):
    services = open_services(tmp_path / "fresh.rdk", create=True)
    yield services
    services.close()


def row_counts(store) -> dict[str, int]:
    from sqlalchemy import func, select

    with store.read() as s:
        return {
            t.name: s.execute(select(func.count()).select_from(t)).scalar()
            for t in layout().tables
        }


def refusal(fresh, tmp_path, content: str | bytes) -> str:
    """Import ``content``; it must be refused plainly with nothing written. The message."""
    path = tmp_path / "broken.json"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    before = row_counts(fresh._store)
    with pytest.raises(ValidationError) as info:
        IOService(fresh._store).import_from(path)
    assert row_counts(fresh._store) == before
    message = str(info.value)
    assert "Traceback" not in message and "Error" not in message
    message.encode("utf-8")  # printable anywhere, even when the file was not
    return message


def broken(export: dict, change) -> str:
    doc = copy.deepcopy(export)
    change(doc)
    return json.dumps(doc, ensure_ascii=True)


def test_a_record_missing_a_required_field_names_it(export, fresh, tmp_path):
    text = broken(export, lambda d: d["participants"][1].pop("given_name"))
    message = refusal(fresh, tmp_path, text)
    assert message.startswith("participants[1].given_name is missing")
    text = broken(export, lambda d: d["participants"][0]["goals"][0].pop("title"))
    message = refusal(fresh, tmp_path, text)
    assert message.startswith("participants[0].goals[0].title is missing")


def test_a_record_without_a_field_that_has_a_default_still_imports(export, fresh, tmp_path):
    # an older export may leave out a field added later: its default fills in
    doc = copy.deepcopy(export)
    doc["participants"][1].pop("archived")
    path = tmp_path / "older.json"
    path.write_text(json.dumps(doc), "utf-8")
    counts = IOService(fresh._store).import_from(path)
    assert counts["participants"] == 3


def test_a_lone_surrogate_is_refused(export, fresh, tmp_path):
    text = broken(export, lambda d: d["participants"][0].update(about="x\ud800y"))
    message = refusal(fresh, tmp_path, text)
    assert "participants[0].about" in message and "broken character" in message


def test_a_number_too_large_to_store_is_refused(export, fresh, tmp_path):
    text = broken(export, lambda d: d["participants"][2].update(id=2**64))
    message = refusal(fresh, tmp_path, text)
    assert message.startswith("participants[2].id is a number too large to store.")


def test_strengths_that_are_not_a_list(export, fresh, tmp_path):
    text = broken(export, lambda d: d["participants"][2].update(strengths=5))
    message = refusal(fresh, tmp_path, text)
    assert message.startswith("participants[2].strengths should be a list, not a number.")


def test_without_participant_that_is_not_a_record(export, fresh, tmp_path):
    text = broken(export, lambda d: d.update(without_participant="none"))
    message = refusal(fresh, tmp_path, text)
    assert message.startswith("without_participant should be a record in curly brackets, not text")


def test_deeply_nested_brackets(fresh, tmp_path):
    message = refusal(fresh, tmp_path, "[" * 100_000 + "]" * 100_000)
    assert "nested" in message
    message = refusal(fresh, tmp_path, '{"format": "recoverydesk-export", "x": ' + "[" * 5000)
    assert "nested" in message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["participants"][0].update(status="on holiday"), "participants[0].status "
         "should be one of 'active', 'paused' or 'exited', not “on holiday”."),
        (lambda d: d["participants"][0].update(date_of_birth="31/02/1990"),
         "participants[0].date_of_birth should be a date like 2025-03-14, not “31/02/1990”."),
        (lambda d: d["participants"][0].update(archived="no"),
         "participants[0].archived should be true or false, not text."),
        (lambda d: d["participants"][0]["goals"][0].update(colour="blue"),
         "participants[0].goals[0].colour is not something this version of RecoveryDesk knows."),
        (lambda d: d["participants"][0].update(id=1.5),
         "participants[0].id should be a whole number, not a number."),
        (lambda d: d["resources"].append([]),
         "should be a record in curly brackets, not a list."),
        (lambda d: d["participants"][0].update(created_at="9999-12-31T23:59:59-05:00"),
         "participants[0].created_at should be a date and time like"),
        (lambda d: d.update(schema=[1]), "schema should be text, not a list."),
    ],
)
def test_each_kind_of_wrong_value_is_named(export, fresh, tmp_path, change, words):
    assert words in refusal(fresh, tmp_path, broken(export, change))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xef\xbb\xbf" + b'{"format": "something else"}', "not a RecoveryDesk export"),
        ('{"format": "café"}'.encode("latin-1"), "not UTF-8 text"),
        ('{"a": 1}'.encode("utf-16"), "UTF-16"),
        (b'{"format": NaN}', "not valid JSON"),
        (b'{"id": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b"", "empty"),
        (b"[1, 2", "not valid JSON (line 1"),
        (b"42", "not a RecoveryDesk export"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_plainly(fresh, tmp_path, content, words):
    assert words in refusal(fresh, tmp_path, content)


def test_an_export_with_a_byte_order_mark_imports(export, fresh, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(export).encode("utf-8"))
    assert IOService(fresh._store).import_from(path)["participants"] == 3


def test_a_lone_surrogate_handed_over_without_a_file_is_refused_too(export, fresh):
    doc = copy.deepcopy(export)
    doc["participants"][0]["goals"][0]["title"] = "Swim \udc00"
    before = row_counts(fresh._store)
    with pytest.raises(ValidationError, match=r"participants\[0\].goals\[0\].title has a broken"):
        IOService(fresh._store).import_data(doc)
    assert row_counts(fresh._store) == before
