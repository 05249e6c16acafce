"""Export and import carry the CHIME tables (generically, by the models): tags with their
passages, turning points, measures with their readings, and agreed stories come back exactly."""

from __future__ import annotations

import datetime as dt
import json

from recoverydesk.services.chime.types import TagDraft, TurningPointDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.transfer import IOService
from recoverydesk.services.sessions.types import SessionInput


def test_tags_turning_points_and_measures_round_trip(services, tmp_path):
    pid = services.participants.create(ParticipantDraft(given_name="Tui")).value.id
    start = dt.datetime(2026, 4, 2, 10, tzinfo=dt.UTC)
    sid = services.sessions.create(pid, SessionInput(
        starts_at=start, talked_about="Tui felt hopeful. She rang her cousin.")).value.id
    tags = [services.chime.accept(g.draft(), accepted_by="Alex").value
            for g in services.chime.suggest("session", sid)]
    services.chime.accept(TagDraft("session", sid, "identity"))
    services.chime.mark_turning_point(pid, TurningPointDraft(dt.date(2026, 4, 2), "Hope again",
                                                             tag_id=tags[0].id))
    template = tmp_path / "m.json"
    template.write_text(json.dumps({
        "format": "recoverydesk-measure-template", "key": "qpr-15", "name": "Test measure",
        "source": "test", "licence": "test", "scale": {"min": 0, "max": 4},
        "items": [{"key": "q1", "text": "Placeholder"}]}), encoding="utf-8")
    services.chime.measures.load_template(template)
    services.chime.measures.record(pid, "qpr-15", dt.date(2026, 4, 2), [3])
    services.chime.stories.agree(pid, [tags[0].id], "My words.", "Tui", dt.date(2026, 4, 3))
    out = tmp_path / "export.json"
    IOService(services._store).export_to(out)
    doc = json.loads(out.read_text("utf-8"))
    person = doc["participants"][0]
    assert len(person["chime_tags"]) == 3 and person["chime_turning_points"][0]["tag_id"]
    assert doc["measure_templates"][0]["key"] == "qpr-15"

    fresh = open_services(tmp_path / "fresh.rdk", create=True)
    try:
        IOService(fresh._store).import_from(out)
        assert fresh.chime.tags_of(pid) == services.chime.tags_of(pid)
        assert fresh.chime.turning_points(pid) == services.chime.turning_points(pid)
        assert fresh.chime.measures.readings(pid) == services.chime.measures.readings(pid)
        assert fresh.chime.quarters(pid) == services.chime.quarters(pid)
        assert fresh.chime.stories.history(pid) == services.chime.stories.history(pid) != []
        assert [r.ref for r in fresh.search.search("hope")] == [sid]
    finally:
        fresh.close()
