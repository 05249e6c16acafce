"""The export is checked a record at a time (``export_schema.ExportCheck``, so no one call holds
the interpreter for long on a big file) and names exactly the problem the whole model, checked
in one call, names first: the same sentence, the same place (``participants[3].strengths``)."""

from __future__ import annotations

import copy

import pytest
from demo_practices import demo_practice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverydesk.services.practice.export_schema import document_model, first_problem
from recoverydesk.services.practice.transfer import (
    FORMAT,
    ORPHANS,
    PARTICIPANTS,
    IOService,
    export_checker,
    layout,
)

# No lone surrogates: the reader refuses them before any check (json_file.lone_surrogate_path,
# tested in test_json_file.py), and the whole model raises on them instead of naming a problem.
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
    | st.sampled_from(["2026-09-06", "active", 2**64, "recoverydesk-export",
                       "9999-12-31T23:59:59-05:00", "0001-01-01T00:00+05:00", "id", "x"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "format", "participants", "title", "zz"]),
                      inner, max_size=3),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> dict:
    services = demo_practice(tmp_path_factory.mktemp("pieces") / "demo.rdk", participants=2,
                             years=1, seed=3)
    doc = IOService(services._store).export_data()
    services.close()
    doc[ORPHANS] = {"goals": [], "strengths": []}  # (so parts of it can be replaced too)
    return doc


@pytest.fixture(scope="module")
def whole():
    return document_model(layout(), fmt=FORMAT, participants=PARTICIPANTS, orphans_key=ORPHANS)


def places(value, here=()):
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from places(item, (*here, i))


def changed(doc, where, new, how: str):
    node = doc
    for step in where[:-1]:
        node = node[step]
    if how == "delete":
        del node[where[-1]]
    elif how == "add" and isinstance(node, dict):  # a field no table has, beside the others
        node["zz"] = new
    else:
        node[where[-1]] = new


def the_same(whole, doc) -> str | None:
    said = export_checker().first_problem(doc)
    assert said == first_problem(whole, doc)
    return said


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pieces_name_the_first_problem_the_whole_model_names(export, whole, data):
    doc = copy.deepcopy(export)
    every = [p for p in places(doc) if p]
    for _ in range(data.draw(st.integers(1, 3))):  # problems in several places at once
        where = data.draw(st.sampled_from(every))
        try:
            how = data.draw(st.sampled_from(["replace", "delete", "add"]))
            changed(doc, where, data.draw(values), how)
        except (KeyError, IndexError, TypeError):  # a place an earlier change took away
            continue
    the_same(whole, doc)


@pytest.mark.parametrize("record_too", [True, False])
@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format_version="one"),  # before the participants
        lambda d: d.update(zz=1),  # a part no version knows: after every known one
        lambda d: d.update(format=FORMAT + "!"),
        lambda d: d.update(exported_at="yesterday"),
        lambda d: d[ORPHANS].update(nobody=[]),  # after them, in a part of its own
        lambda d: d[ORPHANS].update(goals=[{"id": "x"}]),
        lambda d: d.update({ORPHANS: []}),
        lambda d: d.update(participants={"id": 1}),
        lambda d: d.update(resources=[{"name": 5}]),
        lambda d: d.update(practice_settings=7),
        lambda d: d.update(star_templates=[{}, 3]),
    ],
)
def test_a_problem_of_the_document_and_one_of_a_record_in_the_whole_models_order(
    export, whole, change, record_too
):
    doc = copy.deepcopy(export)
    if record_too:
        doc[PARTICIPANTS][1]["strengths"] = 5
    change(doc)
    assert the_same(whole, doc)


def test_a_valid_export_has_no_problem_and_each_record_is_a_piece(export, whole):
    turns = []
    assert export_checker().first_problem(export, lambda: turns.append(1)) is None
    assert first_problem(whole, export) is None
    records = len(export[PARTICIPANTS]) + sum(
        len(export.get(name) or []) for name in layout().top_level
    )
    assert len(turns) == records
