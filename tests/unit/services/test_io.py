"""Export everything as JSON and import it into a new practice: exact round trip."""

from __future__ import annotations

import json

import pytest
from chime_rows import fill_chime_tables

from recoverydesk.demo.practice import create_demo
from recoverydesk.models import Base
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.export_document import COPY_BOOKKEEPING
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.transfer import ORPHANS, IOService, flatten, layout
from recoverydesk.services.types import ValidationError


def test_round_trip_of_a_full_demo_practice(tmp_path):
    demo = create_demo(tmp_path / "demo.rdk", participants=6, years=2, seed=11)
    first = tmp_path / "first.json"
    counts = IOService(demo._store).export_to(first)
    demo.close()
    assert counts["participants"] == 6 and counts.get("sessions", 0) > 0

    fresh = open_services(tmp_path / "fresh.rdk", create=True)
    assert IOService(fresh._store).import_from(first) == counts
    second = tmp_path / "second.json"
    IOService(fresh._store).export_to(second)
    names = [r.full_name for r in fresh.participants.list(include_archived=True)]
    fresh.close()
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    assert len(names) == 6


def test_every_table_is_in_the_export_generically():
    lay = layout()
    exported = {t.name for t in lay.tables}
    modelled = {t for t in Base.metadata.tables if not t.startswith("fts_")}
    assert exported == modelled
    assert lay.parent["strengths"] == ("participants", "participant_id")
    assert "resources" in lay.top_level and "participants" not in lay.top_level


def test_export_shape_nests_records_under_participants(services):
    p = services.participants.create(
        ParticipantDraft(given_name="Tui", family_name="Ngata", ndis_number="431222333")
    ).value
    services.participants.add_strength(p.id, "values", "Loyal to her mates")
    doc = IOService(services._store).export_data()
    assert doc["format"] == "recoverydesk-export"
    person = doc["participants"][0]
    assert person["given_name"] == "Tui" and person["ndis_number"] == "431222333"
    assert person["strengths"][0]["text"] == "Loyal to her mates"
    assert person["strengths"][0]["category"] == "values"
    assert person["created_at"].endswith("+00:00")
    assert "fts_participants" not in doc and "alembic_version" not in doc
    assert isinstance(doc[ORPHANS], dict)
    assert flatten(doc)["strengths"][0]["participant_id"] == p.id


def test_import_refuses_a_practice_with_records(services, tmp_path):
    services.participants.create(ParticipantDraft(given_name="Tui", family_name="Ngata"))
    doc = IOService(services._store).export_data()
    with pytest.raises(ValidationError, match="new, empty practice"):
        IOService(services._store).import_data(doc)


def test_import_refuses_something_that_is_not_an_export(services, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ValidationError, match="not a RecoveryDesk export"):
        IOService(services._store).import_from(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1"):
        IOService(services._store).import_from(bad)


def test_import_is_all_or_nothing(services, tmp_path):
    doc = {
        "format": "recoverydesk-export",
        "schema": IOService(services._store).export_data()["schema"],
        "participants": [
            {
                "id": 1,
                "given_name": "A",
                "family_name": "B",
                "strengths": [{"id": 1, "category": "values", "text": "x", "colour": "blue"}],
            }
        ],
    }
    with pytest.raises(ValidationError, match="colour"):
        IOService(services._store).import_data(doc)
    assert services.participants.list(include_archived=True) == []


def _rows(store) -> dict[str, list]:
    """Every row of every table (search indexes aside), straight from the database."""
    from sqlalchemy import select

    with store.read() as s:
        return {
            t.name: [tuple(r) for r in s.execute(select(t).order_by(*t.primary_key.columns))]
            for t in layout().tables
        }


def _fill_offline_tables(store, pid: int) -> None:
    from sqlalchemy import text

    at = "'2026-11-20 01:00:00'"
    with store.unit_of_work() as s:
        for sql in (
            "INSERT INTO offline_holds (participant_id, coach_role, device_id, device_name, "
            f"taken_at, released_at) VALUES ({pid}, 'kim', 'dev-1', 'kim-laptop', {at}, {at})",
            "INSERT INTO offline_returns (return_id, coach_role, device_id, returned_at, id_map, "
            f"summary) VALUES ('ret-1', 'kim', 'dev-1', {at}, '{{}}', '{{}}')",
            "INSERT INTO offline_conflicts (participant_id, table_name, record_id, kind, mine, "
            "fields, return_id, device_name, coach_role, created_at, resolution) VALUES "
            f"({pid}, 'strengths', 1, 'changed', '{{}}', 'text', 'ret-1', 'kim-laptop', 'kim', "
            f"{at}, '')",
            "INSERT INTO offline_copy (address, database, coach_role, device_id, device_name, "
            "taken_at, return_id, state, participants) VALUES ('postgresql://kim@office/team', "
            f"'team', 'kim', 'dev-1', 'kim-laptop', {at}, 'ret-2', 'offline', '[{pid}]')",
            "INSERT INTO offline_base (table_name, record_key, version, row) VALUES "
            "('strengths', '1', 1, '{}')",
        ):
            s.execute(text(sql))


def test_round_trip_is_exact_for_every_table_including_drafts_and_history(tmp_path):
    import datetime as dt

    from sqlalchemy import text

    from recoverydesk.services.goals.types import GoalDraft
    from recoverydesk.services.reviews.types import ReviewInput
    from recoverydesk.services.sessions.types import SessionInput

    demo = create_demo(tmp_path / "demo.rdk", participants=5, years=2, seed=3)
    pid = demo.participants.list()[0].id
    # what the demo does not write: drafts of every kind and the audit trail
    plan_goal = demo.participants.set_ndis_goals(pid, ["I want to be part of my community"]).value[0]
    demo.goals.create(pid, GoalDraft(title="Walk the dog to the beach each morning",
                                     ndis_goal_id=plan_goal.id))
    demo.goals.keep_draft(pid, None, GoalDraft(title="Half-typed goal about the choir"))
    demo.sessions.save_draft(pid, None, SessionInput(
        starts_at=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC),
        talked_about="Unfinished note about the café job"))
    review = demo.reviews.start(pid, dt.date(2026, 11, 20)).value
    demo.reviews.save(review.id, ReviewInput(review.period_start, review.period_end,
                                             summary="Drafting the review together",
                                             participant_view="I go out more now",
                                             risks_assessed="none_identified"))
    with demo._store.unit_of_work() as s:  # a practice-wide event (no participant)
        s.execute(text("INSERT INTO audit_events (at, action, entity, detail) "
                       "VALUES ('2026-11-20 01:00:00', 'practice.exported', 'practice', '')"))
        s.execute(text("INSERT INTO coaches (role, display_name, lead, active, added_at) "  # team
                       "VALUES ('kim', 'Kim Lee', 1, 1, '2026-11-20 01:00:00')"))
    fill_chime_tables(demo._store, pid)  # issue 23's tags, turning points and measures
    _fill_offline_tables(demo._store, pid)  # issue 21's holds, returns, conflicts and a copy's
    before = _rows(demo._store)
    empty = [name for name, rows in before.items() if not rows]
    assert empty == [], f"the round trip would not cover {empty}"
    out = tmp_path / "all.json"
    IOService(demo._store).export_to(out)
    demo.close()
    assert all(json.loads(out.read_text())[name] for name in COPY_BOOKKEEPING)  # exported

    fresh = open_services(tmp_path / "fresh.rdk", create=True)
    IOService(fresh._store).import_from(out)
    after = _rows(fresh._store)
    # an offline copy's own bookkeeping is not brought in: the import is a practice of its own
    assert all(after.pop(name) == [] for name in COPY_BOOKKEEPING)
    assert after == {k: v for k, v in before.items() if k not in COPY_BOOKKEEPING}
    # the search index is rebuilt: the imported notes can be found
    found = fresh.search.search("café job") + fresh.search.search("choir")
    assert found
    fresh.close()


@pytest.mark.parametrize(
    "break_it, words",
    [
        (lambda d: d["participants"][0].update(given_name=None), "given_name"),
        (lambda d: d["participants"][0].update(status="on holiday"), "on holiday"),
        (lambda d: d["participants"][0].update(date_of_birth="31/02/1990"), "date_of_birth"),
        (lambda d: d["participants"][0]["strengths"].append("just text"),
         "participants[0].strengths[1] should be a record in curly brackets, not text."),
        (lambda d: d["participants"].append(dict(d["participants"][0])), "twice"),
        (lambda d: d["participants"][0]["strengths"][0].update(category=7), "category"),
        (lambda d: d.update(participants={"id": 1}), "participants should be a list"),
        (lambda d: d["participants"][0].update(id="seven"), "id"),
    ],
)
def test_a_malformed_import_says_what_is_wrong_and_writes_nothing(
    services, tmp_path, break_it, words
):
    p = services.participants.create(
        ParticipantDraft(given_name="Tui", family_name="Ngata", ndis_number="431222333")
    ).value
    services.participants.add_strength(p.id, "values", "Loyal to her mates")
    doc = IOService(services._store).export_data()
    break_it(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    fresh = open_services(tmp_path / "fresh.rdk", create=True)
    before = _rows(fresh._store)
    with pytest.raises(ValidationError) as info:
        IOService(fresh._store).import_from(bad)
    assert words in str(info.value)
    assert _rows(fresh._store) == before  # nothing half-written
    fresh.close()
