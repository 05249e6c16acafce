"""Star readings: validation (service and CHECK), audited edits, history kept across template
versions, chart data and the Overview line."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from recoverydesk.services.audit import entries_for
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.star.types import ReadingDraft
from recoverydesk.services.types import ValidationError

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def pid(services):
    return services.participants.create(ParticipantDraft(given_name="Mia", family_name="Rowe")).value.id


def _draft(day, base=4, **overrides):
    keys = [
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
    scores = {k: base for k in keys}
    scores.update(overrides)
    return ReadingDraft(taken_on=day, scores=scores)


def test_reading_round_trip_with_stage_names_and_unscored_flag(services, pid):
    draft = _draft(dt.date(2026, 1, 5), base=5, work=None)
    draft = ReadingDraft(draft.taken_on, draft.scores, {"work": "Not now"}, "At the cafe")
    saved = services.star.add_reading(pid, draft, today=TODAY).value
    got = services.star.readings(pid)[0]
    assert got.id == saved.id and got.template_name == "Recovery Star"
    assert got.scores["living_skills"] == 5 and got.stages["living_skills"] == "Believing"
    assert got.unscored == ["Work"] and got.notes == {"work": "Not now"}
    assert services.star.domains_for(pid)[0] == ("managing_mental_health", "Managing mental health")


@pytest.mark.parametrize("bad", [0, 11, -3, 5.5, True])
def test_out_of_range_score_is_refused_with_the_domain_named(services, pid, bad):
    with pytest.raises(ValidationError) as err:
        services.star.add_reading(pid, _draft(dt.date(2026, 1, 5), work=bad), today=TODAY)
    assert "Work: scores go from 1 to 10." in str(err.value)
    assert services.star.readings(pid) == []


def test_future_date_and_unknown_domain_are_refused(services, pid):
    with pytest.raises(ValidationError) as err:
        services.star.add_reading(pid, _draft(dt.date(2026, 7, 1), pets=3), today=TODAY)
    assert set(err.value.errors) == {"taken_on", "scores.pets"}


def test_check_constraint_backs_up_the_service(services, pid, store):
    services.star.add_reading(pid, _draft(dt.date(2026, 1, 5)), today=TODAY)
    with pytest.raises(IntegrityError), store.unit_of_work() as s:
        s.execute(text("UPDATE star_scores SET score = 12"))


def test_edit_is_audited_with_the_fields_that_changed(services, pid):
    r = services.star.add_reading(pid, _draft(dt.date(2026, 1, 5)), today=TODAY).value
    changed = _draft(dt.date(2026, 1, 6), work=7)
    updated = services.star.update_reading(r.id, changed, today=TODAY).value
    assert updated.scores["work"] == 7 and updated.taken_on == dt.date(2026, 1, 6)
    audit = [e for e in entries_for_pid(services, pid) if e.action == "star_reading.updated"]
    assert audit and audit[0].detail == "taken_on,score:work"


def entries_for_pid(services, pid):
    with services._store.read() as s:
        return entries_for(s, pid)


def test_history_is_kept_when_a_template_changes(services, pid):
    star = services.star.templates()[0]
    copy = services.star.copy_template(star.id, "Our star").value
    assert copy.key.startswith("custom-") and copy.version_number == 1
    draft = ReadingDraft(dt.date(2026, 1, 5), {"work": 3, "trust_hope": 6})
    old = services.star.add_reading(pid, draft, copy.version_id, today=TODAY).value

    data = {
        "name": "Our star",
        "stages": [{"name": "Early", "min": 1, "max": 5}, {"name": "Later", "min": 6, "max": 10}],
        "domains": [
            {"key": "work", "label": "Work and study", "description": "Licensed words here"},
            {"key": "trust_hope", "label": "Trust and hope"},
            {"key": "money", "label": "Money"},
        ],
    }
    v2 = services.star.save_template(data, copy.id).value
    assert v2.version_number == 2 and v2.version_id != copy.version_id

    kept = services.star.reading(old.id)
    assert kept.template_version_id == copy.version_id and kept.version_number == 1
    assert len(kept.domains) == 10 and ("work", "Work") in kept.domains
    assert kept.stages["trust_hope"] == "Believing"
    # A new reading for this participant uses the new version.
    assert services.star.template_for(pid).version_id == v2.version_id


def test_bundled_template_cannot_be_changed_in_place(services):
    star = services.star.templates()[0]
    with pytest.raises(ValidationError, match="make a copy"):
        services.star.save_template({"name": "x", "domains": []}, star.id)


def test_malformed_template_from_the_coach_is_refused(services):
    with pytest.raises(ValidationError, match="The first life domain has no label"):
        services.star.save_template(
            {
                "name": "Mine",
                "domains": [{"key": "a"}, {"key": "b", "label": "B"}, {"key": "c", "label": "C"}],
            }
        )


def test_chart_data_defaults_to_first_and_latest(services, pid):
    ids = [
        services.star.add_reading(pid, _draft(dt.date(2025, m, 1), base=m), today=TODAY).value.id
        for m in (1, 4, 8)
    ]
    template, readings = services.star.chart_data(pid)
    assert len(template.domains) == 10 and template.stages[0].name == "Stuck"
    assert [r.id for r in readings] == [ids[0], ids[2]]
    _, chosen = services.star.chart_data(pid, [ids[1], ids[2]])
    assert [r.scores["work"] for r in chosen] == [4.0, 8.0]


def test_overview_line_shows_distance_and_due(services, pid):
    lines = [line for line in services.overview.lines(pid, TODAY) if line.page == "star"]
    assert "No readings yet" in lines[0].text
    services.star.add_reading(pid, _draft(dt.date(2025, 1, 1), base=3), today=TODAY)
    services.star.add_reading(pid, _draft(dt.date(2025, 10, 1), base=5), today=TODAY)
    line = next(x for x in services.overview.lines(pid, TODAY) if x.page == "star")
    assert "distance travelled since the first of 2: +20" in line.text
    assert line.attention and "due" in line.text


def test_an_updated_bundled_file_adds_a_version_and_old_readings_keep_theirs(
    services, pid, store, monkeypatch
):
    import dataclasses

    from recoverydesk.services.star import templates as star_templates
    from recoverydesk.services.star.service import StarService

    old = services.star.add_reading(pid, _draft(dt.date(2026, 1, 5)), today=TODAY).value
    shipped = star_templates.bundled_templates()
    star = shipped[0]
    renamed = dataclasses.replace(
        star,
        domains=(dataclasses.replace(star.domains[0], label="Looking after my mental health"),)
        + star.domains[1:],
    )
    monkeypatch.setattr(star_templates, "bundled_templates", lambda: (renamed, *shipped[1:]))
    fresh = StarService(store)  # a new app start syncs the bundled files again
    assert fresh.template_for(pid).version_number == 2
    assert fresh.reading(old.id).domains[0][1] == "Managing mental health"
    new = fresh.add_reading(pid, _draft(dt.date(2026, 2, 5)), today=TODAY).value
    assert new.domains[0][1] == "Looking after my mental health"
    assert [r.version_number for r in fresh.readings(pid)] == [1, 2]


def test_a_template_file_is_imported_or_refused_with_file_and_field(services, tmp_path):
    import json

    good = {
        "key": "org-star",
        "name": "Our star",
        "domains": [{"key": k, "label": k.title()} for k in ("home", "money", "friends")],
    }
    path = tmp_path / "org.json"
    path.write_text(json.dumps(dict(good, scale={"min": 1, "max": 11})), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        services.star.import_template(path)
    assert str(err.value) == "org.json: The scale goes from 1 to 11, but scores can only run from 1 to 10."
    assert [t.key for t in services.star.templates()] == ["recovery-star", "chime"]
    path.write_text(json.dumps(good), encoding="utf-8")
    added = services.star.import_template(path).value
    assert added.name == "Our star" and not added.bundled and added.version_number == 1
    assert [d.key for d in added.definition.domains] == ["home", "money", "friends"]


def test_a_template_from_the_coach_is_refused_in_plain_words(services):
    with pytest.raises(ValidationError) as err:
        services.star.save_template({"name": "Mine", "domains": [{"key": "a", "label": "A"}]})
    assert str(err.value) == "“Mine”: A star needs 3 to 16 life domains; this template has 1."


def test_the_tab_is_what_its_separate_reads_give(services, pid):
    """``tab`` (one read for the Star tab) agrees with readings, templates, template_for and
    summary, with no reading, then with readings of two templates and an archived one."""
    def same():
        tab = services.star.tab(pid, today=TODAY)
        assert tab.readings == services.star.readings(pid)
        assert tab.templates == services.star.templates()
        assert tab.default_template_id == services.star.template_for(pid).id
        assert tab.glance == services.star.summary(pid, today=TODAY)

    same()
    services.star.add_reading(pid, _draft(dt.date(2026, 1, 5), base=3), today=TODAY)
    services.star.add_reading(pid, _draft(dt.date(2026, 3, 5), base=6, work=None), today=TODAY)
    same()
    star = services.star.templates()[0]
    copy = services.star.copy_template(star.id, "Our star").value
    services.star.add_reading(pid, ReadingDraft(dt.date(2026, 4, 1), {"work": 3}),
                              copy.version_id, today=TODAY)
    same()
    assert services.star.tab(pid, today=TODAY).default_template_id == copy.id
    services.star.save_template({"name": "Our star", "domains": [
        {"key": "work", "label": "Work"}, {"key": "money", "label": "Money"},
        {"key": "home", "label": "Home"}]}, copy.id)
    same()
    assert len(services.star.tab(pid, today=TODAY).templates) == len(services.star.templates())
