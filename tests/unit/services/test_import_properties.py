"""Property-based: whatever a JSON import or a star template file holds (any bytes, any JSON,
a valid export with any one part replaced), the result is a success or the plain refusal
(``ValidationError``), never another exception, and a refusal writes nothing (issue 15)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from demo_practices import demo_practice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverydesk.services.container import Services
from recoverydesk.services.practice.transfer import IOService, layout
from recoverydesk.services.types import ValidationError
from recoverydesk.store.session import Store

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from(["\ud800", "2026-09-06", "active", 2**64, -(2**63) - 1,
                       "recoverydesk-export", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00+05:00"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=12) | st.sampled_from(["id", "format", "participants"]),
                      inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("prop-export")
    services = demo_practice(folder / "demo.rdk", participants=1, years=1, seed=2)
    doc = IOService(services._store).export_data()
    services.close()
    return doc


def paths(value, here=()):
    """Every place in a JSON value, as a tuple of keys and indexes."""
    yield here
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*here, i))


def replaced(doc, where, new, delete: bool):
    doc = copy.deepcopy(doc)
    if not where:
        return new
    node = doc
    for step in where[:-1]:
        node = node[step]
    if delete:
        del node[where[-1]]
    else:
        node[where[-1]] = new
    return doc


def row_counts(store) -> dict[str, int]:
    from sqlalchemy import func, select

    with store.read() as s:
        return {
            t.name: s.execute(select(func.count()).select_from(t)).scalar()
            for t in layout().tables
        }


class EmptyPractice:
    """An empty practice for imports, replaced by a fresh copy only after an import succeeded
    (opening one per example would make the properties slow)."""

    def __init__(self, template: Path, folder: Path):
        self.template, self.folder, self.store, self.copies = template, folder, None, 0

    def get(self) -> Store:
        if self.store is None:
            self.copies += 1
            path = self.folder / f"p{self.copies}.rdk"
            shutil.copyfile(self.template, path)
            self.store = Store(path)
        return self.store

    def used(self) -> None:
        self.store.close()
        self.store = None


@pytest.fixture(scope="module")
def empty(_template_practice, tmp_path_factory):
    practice = EmptyPractice(_template_practice, tmp_path_factory.mktemp("prop-import"))
    yield practice
    if practice.store is not None:
        practice.store.close()


def import_is_success_or_plain_refusal(empty: EmptyPractice, content: bytes) -> None:
    store = empty.get()
    source = empty.folder / "in.json"
    source.write_bytes(content)
    before = row_counts(store)
    assert not any(before.get(t) for t in ("participants", "goals", "sessions"))
    try:
        IOService(store).import_from(source)
    except ValidationError as err:
        str(err).encode("utf-8")
        assert row_counts(store) == before
    else:
        empty.used()


@SETTINGS
@given(content=st.binary(max_size=300))
def test_json_import_of_any_bytes(empty, content):
    import_is_success_or_plain_refusal(empty, content)


@SETTINGS
@given(value=json_values)
def test_json_import_of_any_json(empty, value):
    text = json.dumps(value, ensure_ascii=True)  # NaN and Infinity too
    import_is_success_or_plain_refusal(empty, text.encode("utf-8"))


@settings(SETTINGS, max_examples=100)  # about half import whole: the slow case
@given(data=st.data(), new=json_values, delete=st.booleans())
def test_json_import_of_an_export_with_one_part_replaced(empty, export, data, new, delete):
    where = data.draw(st.sampled_from(list(paths(export))))
    doc = replaced(export, where, new, delete and bool(where))
    text = json.dumps(doc, ensure_ascii=data.draw(st.booleans()))
    import_is_success_or_plain_refusal(empty, text.encode("utf-8", "surrogatepass"))


# -- star template files ------------------------------------------------------------------------

TEMPLATE = {
    "key": "prop-star",
    "name": "Property star",
    "scale": {"min": 1, "max": 10},
    "stages": [{"name": "Low", "min": 1, "max": 5}, {"name": "High", "min": 6, "max": 10}],
    "domains": [{"key": k, "label": k.title()} for k in ("home", "money", "friends")],
}


@pytest.fixture(scope="module")
def star_practice(_template_practice, tmp_path_factory):
    path = tmp_path_factory.mktemp("prop-star") / "p.rdk"
    shutil.copyfile(_template_practice, path)
    store = Store(path)
    yield Services(store), path.parent
    store.close()


def template_is_success_or_plain_refusal(star_practice, content: bytes) -> None:
    services, folder = star_practice
    source = folder / "template.json"
    source.write_bytes(content)
    before = len(services.star.templates(include_archived=True))
    try:
        services.star.import_template(source)
    except ValidationError as err:
        str(err).encode("utf-8")
        assert len(services.star.templates(include_archived=True)) == before


@SETTINGS
@given(content=st.binary(max_size=300))
def test_template_file_of_any_bytes(star_practice, content):
    template_is_success_or_plain_refusal(star_practice, content)


@SETTINGS
@given(data=st.data(), new=json_values, delete=st.booleans())
def test_template_file_with_one_part_replaced(star_practice, data, new, delete):
    where = data.draw(st.sampled_from(list(paths(TEMPLATE))))
    doc = replaced(TEMPLATE, where, new, delete and bool(where))
    text = json.dumps(doc, ensure_ascii=data.draw(st.booleans()))
    template_is_success_or_plain_refusal(star_practice, text.encode("utf-8", "surrogatepass"))
