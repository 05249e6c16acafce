"""Export everything as JSON and import it into a new practice: exact round trip."""

from __future__ import annotations

import json

import pytest

from recoverydesk.bootstrap import create_demo, open_services
from recoverydesk.models.base import Base
from recoverydesk.services.errors import ValidationError
from recoverydesk.services.io import ORPHANS, IOService, flatten, layout
from recoverydesk.services.participants import ParticipantDraft


def test_round_trip_of_a_full_demo_practice(tmp_path):
    demo = create_demo(tmp_path / "demo.rdk", participants=6, years=2, seed=11)
    first = tmp_path / "first.json"
    counts = IOService(demo.store).export_to(first)
    demo.close()
    assert counts["participants"] == 6 and counts.get("sessions", 0) > 0

    fresh = open_services(tmp_path / "fresh.rdk", create=True)
    assert IOService(fresh.store).import_from(first) == counts
    second = tmp_path / "second.json"
    IOService(fresh.store).export_to(second)
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
    )
    services.participants.add_strength(p.id, "values", "Loyal to her mates")
    doc = IOService(services.store).export_data()
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
    doc = IOService(services.store).export_data()
    with pytest.raises(ValidationError, match="new, empty practice"):
        IOService(services.store).import_data(doc)


def test_import_refuses_something_that_is_not_an_export(services, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ValidationError, match="not a RecoveryDesk export"):
        IOService(services.store).import_from(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1"):
        IOService(services.store).import_from(bad)


def test_import_is_all_or_nothing(services, tmp_path):
    doc = {
        "format": "recoverydesk-export",
        "schema": IOService(services.store).export_data()["schema"],
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
        IOService(services.store).import_data(doc)
    assert services.participants.list(include_archived=True) == []
