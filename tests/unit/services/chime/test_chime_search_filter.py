"""The search's process filter (issue 23): the coach lists everything tagged Hope, or only the
Hope-tagged items whose words match; untagged and other-process items, people and resources
stay out."""

from __future__ import annotations

import datetime as dt

from recoverydesk.services.chime.types import TagDraft
from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput


def _note(services, pid, day, text):
    start = dt.datetime.combine(day, dt.time(10)).astimezone()
    return services.sessions.create(pid, SessionInput(starts_at=start, talked_about=text)).value.id


def _world(services):
    pid = services.participants.create(
        ParticipantDraft(given_name="Sam", family_name="Beach")).value.id
    hope_note = _note(services, pid, dt.date(2026, 5, 12), "Sam felt hopeful at the beach.")
    other_note = _note(services, pid, dt.date(2026, 5, 19), "A walk on the beach, rain.")
    conn_note = _note(services, pid, dt.date(2026, 5, 26), "Rang his sister from the beach.")
    goal = services.goals.create(pid, GoalDraft(title="Swim at the beach pool")).value
    step = services.goals.add_step(goal.id, StepDraft(text="Buy goggles")).value
    services.chime.accept(TagDraft("session", hope_note, "hope", field="talked_about",
                                   start=0, end=16))
    services.chime.accept(TagDraft("session", conn_note, "connectedness"))
    services.chime.accept(TagDraft("step", step.id, "hope"))
    return pid, hope_note, other_note, conn_note, goal.id


def test_with_no_words_the_filter_lists_everything_tagged_with_the_process(services):
    _pid, hope_note, _other, _conn, goal_id = _world(services)
    found = services.search.search("", process="hope")
    assert {(r.kind, r.ref) for r in found} == {("session", hope_note), ("goal", goal_id)}
    note = next(r for r in found if r.kind == "session")
    assert note.plain_snippet == "“Sam felt hopeful”"
    assert note.plain_title.startswith("Sam Beach · Hope and optimism about the future · ")
    assert services.search.search("", process="identity") == []
    assert services.search.search("") == []  # no filter, no words: nothing


def test_words_and_the_filter_together_keep_only_tagged_matches(services):
    _pid, hope_note, other_note, conn_note, goal_id = _world(services)
    everything = {(r.kind, r.ref) for r in services.search.search("beach")}
    assert {("session", hope_note), ("session", other_note), ("session", conn_note),
            ("goal", goal_id)} <= everything
    assert any(k == "participant" for k, _ in everything)
    hope = [(r.kind, r.ref) for r in services.search.search("beach", process="hope")]
    assert sorted(hope) == sorted([("session", hope_note), ("goal", goal_id)])
    conn = [(r.kind, r.ref) for r in services.search.search("beach", process="connectedness")]
    assert conn == [("session", conn_note)]
    assert services.search.search("beach", process="hope", kinds=("session",))[0].ref == \
        hope_note


def test_a_process_named_in_the_words_keeps_to_the_filter(services):
    _pid, hope_note, _other, conn_note, _goal = _world(services)
    found = services.search.search("connectedness", process="hope")
    assert ("session", conn_note) not in {(r.kind, r.ref) for r in found}
