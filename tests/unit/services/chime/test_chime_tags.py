"""Tags round trip through the service: accept, change, remove, the note edited afterwards;
goals, steps and WRAP items; quarters; turning points; search and the Overview line."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.services.chime.types import TagDraft, TurningPointDraft
from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.types import NotFoundError, ValidationError

NOTE = "We walked on the beach. Sam felt hopeful about the TAFE course. He rang his sister."


def person(services, name="Sam"):
    return services.participants.create(ParticipantDraft(given_name=name,
                                                         family_name="Rivers")).value.id


def note(services, pid, day=dt.date(2026, 5, 12), text=NOTE):
    start = dt.datetime.combine(day, dt.time(10)).astimezone()
    return services.sessions.create(pid, SessionInput(starts_at=start, talked_about=text)).value


def test_suggest_accept_change_remove(services):
    pid = person(services)
    sid = note(services, pid).id
    got = services.chime.suggest("session", sid)
    assert [(g.process, g.cue) for g in got] == [("hope", "hopeful"),
                                               ("meaning", "tafe"),
                                               ("connectedness", "rang")]
    assert services.chime.tags_of(pid) == []  # suggestions are never stored

    done = services.chime.accept(got[0].draft())
    tag = done.value
    assert done.changes.touches("chime_tag", participant_id=pid)
    assert (tag.process, tag.quote, tag.passage_state) == (
        "hope", "Sam felt hopeful about the TAFE course.", "in place")
    assert tag.accepted_by == "the coach" and tag.moment_on == dt.date(2026, 5, 12)
    assert tag.cue == "hopeful" and tag.process_label.startswith("Hope")
    # what is tagged is no longer suggested; the other processes still are
    assert [g.process for g in services.chime.suggest("session", sid)] == ["meaning",
                                                                           "connectedness"]
    with pytest.raises(ValidationError, match="already tagged"):
        services.chime.accept(got[0].draft())

    changed = services.chime.change(tag.id, "hope", "belief_in_recovery").value
    assert changed.sub_theme_label == "Belief in the possibility of recovery"
    assert changed.quote == tag.quote
    with pytest.raises(ValidationError):
        services.chime.change(tag.id, "hope", "relationships")  # not a sub-theme of hope
    with pytest.raises(ValidationError):
        services.chime.change(tag.id, "joy")

    assert services.chime.remove(tag.id).changes.touches("chime_tag", participant_id=pid)
    assert services.chime.tags_of(pid) == []
    with pytest.raises(NotFoundError):
        services.chime.remove(tag.id)


def test_a_passage_after_the_note_is_edited(services):
    pid = person(services)
    sid = note(services, pid).id
    draft = services.chime.suggest("session", sid)[0].draft()
    services.chime.accept(draft, accepted_by="Alex Coach")
    services.sessions.update(sid, SessionInput(
        starts_at=services.sessions.get(sid).starts_at,
        talked_about="Coffee first. " + NOTE))
    (tag,) = services.chime.tags_of(pid)
    assert tag.passage_state == "moved" and tag.accepted_by == "Alex Coach"
    assert tag.start == draft.start + 14
    services.sessions.update(sid, SessionInput(
        starts_at=services.sessions.get(sid).starts_at, talked_about="Sam was tired today."))
    (tag,) = services.chime.tags_of(pid)
    assert tag.passage_state == "edited"
    assert tag.quote == "Sam felt hopeful about the TAFE course."  # the words as tagged
    services.sessions.delete(sid)
    assert services.chime.tags_of(pid) == []  # the note's tags go with it


def test_passages_are_checked(services):
    pid = person(services)
    sid = note(services, pid).id
    with pytest.raises(ValidationError, match="no text called"):
        services.chime.accept(TagDraft("session", sid, "hope", field="title", start=0, end=3))
    with pytest.raises(ValidationError, match="not inside"):
        services.chime.accept(TagDraft("session", sid, "hope", field="talked_about", start=5,
                                       end=500))
    with pytest.raises(ValidationError, match="start and an end"):
        services.chime.accept(TagDraft("session", sid, "hope", field="talked_about", start=5))
    with pytest.raises(ValidationError, match="some words"):
        services.chime.accept(TagDraft("session", sid, "hope", field="talked_about", start=23,
                                       end=24))
    with pytest.raises(NotFoundError):
        services.chime.accept(TagDraft("session", 9999, "hope"))
    with pytest.raises(ValidationError):
        services.chime.accept(TagDraft("invoice", sid, "hope"))
    whole = services.chime.accept(TagDraft("session", sid, "identity")).value
    assert (whole.start, whole.quote, whole.passage_state) == (None, "", "whole")
    # a whole-item tag covers every suggestion of its process
    assert "identity" not in {g.process for g in services.chime.suggest("session", sid)}


def test_goals_steps_and_wrap_items_carry_tags(services):
    pid = person(services)
    goal = services.goals.create(pid, GoalDraft(title="Join the community garden"),
                                 on=dt.date(2026, 2, 1)).value
    step = services.goals.add_step(goal.id, StepDraft(text="Rang the garden club",
                                                      done_on=dt.date(2026, 8, 3))).value
    item = services.wrap.add_item(pid, "toolbox", "Time with friends").value
    assert services.chime.suggest("goal", goal.id)[0].process == "connectedness"
    assert services.chime.suggest("step", step.id)[0].cue == "rang"
    assert services.chime.suggest("wrap_item", item.id)[0].cue == "friends"
    for kind, ref in (("goal", goal.id), ("step", step.id), ("wrap_item", item.id)):
        services.chime.accept(TagDraft(kind, ref, "connectedness"))
    tags = services.chime.tags_of(pid)
    assert [(t.target_kind, t.moment_on) for t in tags][:2] == [
        ("goal", dt.date(2026, 2, 1)), ("step", dt.date(2026, 8, 3))]
    assert services.chime.tags_of(pid, "step", step.id)[0].target_id == step.id
    services.goals.change_status(goal.id, "achieved", "Planted the first bed",
                                 on=dt.date(2026, 9, 9))
    assert services.chime.tags_of(pid, "goal", goal.id)[0].moment_on == dt.date(2026, 9, 9)
    assert len(services.chime.tags_of(pid, process="connectedness")) == 3
    assert services.chime.tags_of(pid, process="hope") == []


def test_moments_per_process_per_quarter(services):
    pid = person(services)
    a = note(services, pid, dt.date(2025, 11, 3)).id
    b = note(services, pid, dt.date(2026, 4, 20)).id
    for sid in (a, b):
        services.chime.accept(TagDraft("session", sid, "hope"))
    services.chime.accept(TagDraft("session", b, "hope", field="talked_about", start=0, end=6))
    services.chime.accept(TagDraft("session", b, "connectedness"))
    q = services.chime.quarters(pid)
    assert q.labels() == ["2025 Q4", "2026 Q1", "2026 Q2"]
    assert q.counts["hope"] == (1, 0, 1)  # two Hope tags on one note are one moment
    assert q.counts["connectedness"] == (0, 0, 1)
    assert q.counts["empowerment"] == (0, 0, 0)
    assert services.chime.quarters(person(services, "Ari")).quarters == ()


def test_turning_points(services):
    pid = person(services)
    tag = services.chime.accept(TagDraft("session", note(services, pid).id, "hope")).value
    done = services.chime.mark_turning_point(pid, TurningPointDraft(
        dt.date(2026, 5, 12), "  Enrolled at   TAFE ", tag_id=tag.id))
    point = done.value
    assert point.title == "Enrolled at TAFE" and point.tag_id == tag.id
    assert done.changes.touches("chime_turning_point", participant_id=pid)
    with pytest.raises(ValidationError, match="short title"):
        services.chime.mark_turning_point(pid, TurningPointDraft(dt.date(2026, 5, 1), " "))
    other = person(services, "Ari")
    with pytest.raises(ValidationError):
        services.chime.mark_turning_point(other, TurningPointDraft(dt.date(2026, 5, 1), "x",
                                                                   tag_id=tag.id))
    services.chime.change_turning_point(point.id, TurningPointDraft(
        dt.date(2026, 5, 13), "First day at TAFE", tag_id=tag.id))
    services.chime.remove(tag.id)  # the point stays, unlinked
    (kept,) = services.chime.turning_points(pid)
    assert (kept.title, kept.marked_on, kept.tag_id) == ("First day at TAFE",
                                                         dt.date(2026, 5, 13), None)
    services.chime.remove_turning_point(point.id)
    assert services.chime.turning_points(pid) == []


def test_search_finds_tagged_items_by_process(services):
    pid = person(services)
    sid = note(services, pid, text="We walked on the beach and had a long talk.").id
    services.chime.accept(TagDraft("session", sid, "empowerment", field="talked_about",
                                   start=0, end=22))
    found = services.search.search("empower")
    assert [(r.kind, r.ref, r.page) for r in found] == [("session", sid, "sessions")]
    assert "Empowerment" in found[0].plain_title
    assert found[0].plain_snippet == "“We walked on the beach”"
    assert services.search.search("empower", kinds=("goal",)) == []
    assert services.search.search("identity") == []
    # the words themselves are still found first, and only once
    services.chime.accept(TagDraft("session", sid, "meaning"))
    assert [r.ref for r in services.search.search("meaning")] == [sid]


def test_overview_line_once_something_is_tagged(services):
    pid = person(services)
    heading = "Recovery story"
    assert heading not in [x.heading for x in services.overview.lines(pid)]
    start = dt.datetime.now().astimezone() - dt.timedelta(minutes=1)
    sid = services.sessions.create(pid, SessionInput(starts_at=start, talked_about="x")).value.id
    services.chime.accept(TagDraft("session", sid, "hope"))
    services.chime.accept(TagDraft("session", sid, "connectedness"))
    lines = services.overview.lines(pid, today=start.date())
    (line,) = [x for x in lines if x.heading == heading]
    assert line.text == "1 recovery moment tagged this quarter (Connectedness, Hope)."


def test_the_story_has_a_lane_per_process_in_the_participants_words(services):
    pid = person(services)
    sid = note(services, pid, dt.date(2026, 3, 2)).id
    hope = services.chime.suggest("session", sid)[0]
    services.chime.accept(hope.draft())
    services.chime.accept(TagDraft("session", sid, "connectedness"))
    services.chime.mark_turning_point(pid, TurningPointDraft(dt.date(2026, 3, 2), "Hope"))
    story = services.chime.story(pid)
    assert not story.empty and [p.title for p in story.turning_points] == ["Hope"]
    (moment,) = story.lanes["hope"]
    assert (moment.day, moment.words, moment.quoted, moment.kind_label) == (
        dt.date(2026, 3, 2), "Sam felt hopeful about the TAFE course.", True, "Session note")
    (whole,) = story.lanes["connectedness"]
    assert whole.words == NOTE and not whole.quoted  # the note's words, tagged whole
    assert story.lanes["identity"] == () and story.quarters.counts["hope"] == (1,)
    assert services.chime.story(person(services, "Ari")).empty


def test_every_suggestion_of_a_participant_newest_first_and_accepted_together(services):
    pid = person(services)
    old = note(services, pid, dt.date(2026, 1, 5)).id
    new = note(services, pid, dt.date(2026, 6, 5), "She joined the choir.").id
    services.goals.create(pid, GoalDraft(title="Feel confident on the bus"),
                          on=dt.date(2026, 3, 1))
    found = services.chime.suggestions_for(pid)
    assert [(m.day, m.item, m.suggestion.cue) for m in found][:2] == [
        (dt.date(2026, 6, 5), "Session note", "joined"),
        (dt.date(2026, 3, 1), "Goal: Feel confident on the bus", "confident")]
    assert len(found) == 5 and found[-1].suggestion.target_id == old
    done = services.chime.accept_many([found[0].suggestion.draft(),
                                       found[1].suggestion.draft()])
    assert [t.target_kind for t in done.value] == ["session", "goal"]
    assert done.changes.touches("chime_tag", participant_id=pid)
    assert len(services.chime.suggestions_for(pid)) == 3
    with pytest.raises(ValidationError):  # all or none
        services.chime.accept_many([TagDraft("session", old, "hope"),
                                    found[0].suggestion.draft()])
    sessions = [t.target_id for t in services.chime.tags_of(pid, process=None)
                if t.target_kind == "session"]
    assert sessions == [new]
