"""The demo's story data (resources/demo/*.json) fits the code that tells it, and the demo
reports its progress once per participant without changing what it writes."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from recoverydesk.demo import generate_demo, goals, ndis, network, people, reports, sessions, star
from recoverydesk.models import ContactKind, StepOwner, StrengthCategory
from recoverydesk.models.resources import ResourceCategory
from recoverydesk.models.sessions import LocationKind
from recoverydesk.paths import resource
from recoverydesk.services.participants.service import ParticipantService
from recoverydesk.services.practice.transfer import IOService
from recoverydesk.services.types import Cancelled, Progress
from recoverydesk.store.migrate import create_practice
from recoverydesk.store.session import Store

TODAY = dt.date(2026, 11, 2)
DEMO_SOURCES = Path(goals.__file__).parent


def test_every_story_file_is_utf8_json_and_read_by_a_part_of_the_demo():
    files = sorted(p.stem for p in resource("demo").glob("*.json"))
    read = sorted({name for src in DEMO_SOURCES.glob("*.py")
                   for name in re.findall(r'load_story\("(\w+)"\)', src.read_text("utf-8"))})
    assert files == read
    for name in files:
        assert json.loads(resource("demo", f"{name}.json").read_text(encoding="utf-8"))


def test_the_story_data_uses_the_app_s_own_kinds():
    assert {c for p in people.PROFILES for c, _t in p.strengths} <= set(StrengthCategory)
    assert set(people.STRENGTHS) == set(StrengthCategory)
    assert {s.kind for p in people.PROFILES for s in p.people} <= set(ContactKind)
    assert {r["category"] for r in network.DIRECTORY} <= set(ResourceCategory)
    fits = {c for cats in network.FIT_BY_THEME.values() for c in cats}
    assert fits | set(network.FIT_OTHERWISE) | set(network.PURPOSES) <= set(ResourceCategory)
    assert {s["kind"] for s in network.SERVICES} <= set(ContactKind)
    templates = [t for ts in goals.TEMPLATES.values() for t in ts]
    templates += [goals.RETURN_TO_WORK, goals.BUILD_CONFIDENCE]
    assert {who for t in templates for _text, who in t.steps} <= set(StepOwner)
    assert all(t.steps and t.specific for t in templates)
    assert set(sessions.PLACES) == set(LocationKind)
    assert set(sessions.KIND_WEIGHTS) == set(sessions.TALK) == set(sessions.NEXT)


def test_every_situation_has_its_words_in_each_part():
    themes = set(people.THEMES) | {p.theme for p in people.PROFILES}
    assert themes <= set(goals.TEMPLATES) & set(network.FIT_BY_THEME) & set(sessions.TALK)
    assert themes <= set(ndis.PLAN_GOALS) & set(reports.WORDS) & set(reports.THEIR_WORDS)
    assert themes <= set(people.ABOUT_BY_THEME)
    special = [goals.RETURN_TO_WORK, goals.BUILD_CONFIDENCE, *goals.VAGUE]
    assert all(t.plan_theme in ndis.PLAN_GOALS for t in special)
    assert set(star.THEME_LIFT) <= themes


def _demo(tmp_path, name, progress=None):
    path = tmp_path / f"{name}.rdk"
    create_practice(path)
    store = Store(path)
    try:
        extra = {} if progress is None else {"progress": progress}
        generate_demo(store, participants=5, years=1, seed=2, today=TODAY, **extra)
        data = IOService(store).export_data()
        data.pop("exported_at")
        return data
    finally:
        store.close()


def test_progress_steps_once_per_participant_and_changes_nothing(tmp_path):
    steps = []
    with_progress = _demo(tmp_path, "a", Progress(lambda done, total, _text: steps.append(
        (done, total))))
    assert steps == [(done, 5) for done in range(6)]
    assert with_progress == _demo(tmp_path, "b")


def test_a_cancelled_demo_writes_nothing(tmp_path):
    path = tmp_path / "cancelled.rdk"
    create_practice(path)
    store = Store(path)
    steps = []
    try:
        with pytest.raises(Cancelled):
            generate_demo(store, participants=5, years=1, seed=2, today=TODAY,
                          progress=Progress(lambda done, total, _t: steps.append(done),
                                            is_cancelled=lambda: len(steps) >= 3))
        assert steps == [0, 1, 2]
        assert ParticipantService(store).list(include_archived=True) == []
    finally:
        store.close()
