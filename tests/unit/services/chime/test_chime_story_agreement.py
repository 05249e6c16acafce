"""The agreed recovery story (issue 23 item 4): the moments they chose, kept as they read that
day; their own words and typed name; every agreement kept (history, never overwritten)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from recoverydesk.services.chime.types import STORY_EXCERPTS_MAX, TagDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.printing.story_parts import story_data
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.star.types import ReadingDraft
from recoverydesk.services.types import ValidationError

NOTE = "We walked on the beach. Sam felt hopeful about the TAFE course. He rang his sister."


def tagged_person(services):
    pid = services.participants.create(ParticipantDraft(given_name="Sam",
                                                        family_name="Rivers")).value.id
    start = dt.datetime.combine(dt.date(2026, 5, 12), dt.time(10)).astimezone()
    sid = services.sessions.create(pid, SessionInput(starts_at=start,
                                                     talked_about=NOTE)).value.id
    tags = [services.chime.accept(g.draft()).value for g in services.chime.suggest("session", sid)]
    return pid, sid, {t.process: t for t in tags}


def test_agreeing_keeps_the_words_as_they_were_and_every_agreement(services):
    pid, sid, tags = tagged_person(services)
    stories = services.chime.stories
    assert stories.latest(pid) is None
    first = stories.agree(pid, [tags["hope"].id, tags["connectedness"].id],
                          "  I am proud of how far I have come.  ", "Sam Rivers",
                          dt.date(2026, 6, 1), today=dt.date(2026, 6, 2))
    assert first.changes.touches("chime_agreed_story", participant_id=pid)
    story = first.value
    assert [e.process for e in story.excerpts] == ["connectedness", "hope"]  # CHIME's order
    hope = story.of("hope")[0]
    assert (hope.words, hope.day, hope.quoted, hope.kind_label) == (
        "Sam felt hopeful about the TAFE course.", dt.date(2026, 5, 12), True, "Session note")
    assert story.own_words == "I am proud of how far I have come."
    assert (story.typed_name, story.agreed_on, story.agreed_by) == (
        "Sam Rivers", dt.date(2026, 6, 1), "")  # no coach named in the practice yet
    assert story.tag_ids == {tags["hope"].id, tags["connectedness"].id}

    # the note is edited and the tag removed afterwards: the agreed words stay
    services.chime.remove(tags["hope"].id)
    assert stories.get(story.id) == story

    second = stories.agree(pid, [tags["meaning"].id], "Still here.", today=dt.date(2026, 7, 1))
    assert second.value.agreed_on == dt.date(2026, 7, 1) and second.value.typed_name == ""
    history = stories.history(pid)
    assert [s.id for s in history] == [second.value.id, story.id]  # latest first, both kept
    assert stories.latest(pid) == second.value
    assert history[1] == story  # the first is never overwritten


def test_what_cannot_be_agreed(services):
    pid, sid, tags = tagged_person(services)
    stories = services.chime.stories
    with pytest.raises(ValidationError) as err:
        stories.agree(pid, [], "  ")
    assert "excerpts" in err.value.errors
    with pytest.raises(ValidationError, match="no longer tagged"):
        stories.agree(pid, [999_999], "words")
    with pytest.raises(ValidationError) as err:
        stories.agree(pid, [tags["hope"].id], "words", agreed_on=dt.date.today()
                      + dt.timedelta(days=3))
    assert "agreed_on" in err.value.errors
    with pytest.raises(ValidationError) as err:
        stories.agree(pid, [tags["hope"].id], "x" * 3001)
    assert "own_words" in err.value.errors
    # at most STORY_EXCERPTS_MAX moments in a process's part
    many = []
    for day in range(1, STORY_EXCERPTS_MAX + 2):
        start = dt.datetime.combine(dt.date(2026, 3, day), dt.time(10)).astimezone()
        s = services.sessions.create(pid, SessionInput(starts_at=start,
                                                       talked_about="I feel hopeful.")).value
        many.append(services.chime.accept(TagDraft("session", s.id, "hope")).value.id)
    with pytest.raises(ValidationError, match="at most"):
        stories.agree(pid, many, "")
    assert stories.history(pid) == []


def test_the_agreed_story_prints_and_attaches_to_the_review(services, tmp_path):
    pid, _sid, tags = tagged_person(services)
    agreed = services.chime.stories.agree(pid, [tags["hope"].id], "I want to keep going.",
                                          "Sam R", dt.date(2026, 6, 1)).value
    out = tmp_path / "story.pdf"
    result = services.printing.story_pdf(agreed.id, large_print=True, out=out)
    assert out.read_bytes() == result.pdf and result.pages >= 1

    def text(pdf: bytes) -> str:
        return " ".join(" ".join(p.extract_text().split())
                        for p in PdfReader(io.BytesIO(pdf)).pages)

    words = text(result.pdf)
    assert "Sam’s recovery story" in words and "I want to keep going." in words
    assert "“Sam felt hopeful about the TAFE course.”" in words and "by Sam R" in words
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    plain = services.printing.review_report(pid, start, end, final=False).value.pdf
    attached = services.printing.review_report(pid, start, end, final=False,
                                               attach_story=True).value.pdf
    assert "Attached:" not in text(plain)
    assert "Attached: Sam’s recovery story" in text(attached)


def test_the_story_shows_measures_then_and_now_as_of_the_day_agreed(services, tmp_path):
    pid, _sid, tags = tagged_person(services)
    key = services.star.template_for(pid).definition.domains[0].key
    for day, score in ((dt.date(2026, 1, 5), 3), (dt.date(2026, 5, 5), 6),
                       (dt.date(2026, 7, 5), 9)):  # the last after the day agreed
        services.star.add_reading(pid, ReadingDraft(day, {key: score}), today=day)
    template = tmp_path / "m.json"
    template.write_text(json.dumps({
        "format": "recoverydesk-measure-template", "key": "qpr-15", "name": "Test measure",
        "source": "test", "licence": "test", "scale": {"min": 0, "max": 4},
        "items": [{"key": "q1", "text": "Placeholder"}, {"key": "q2", "text": "Other"}]}),
        encoding="utf-8")
    services.chime.measures.load_template(template)
    services.chime.measures.record(pid, "qpr-15", dt.date(2026, 2, 1), [1, 2])
    services.chime.measures.record(pid, "qpr-15", dt.date(2026, 5, 20), [4, 3])
    agreed = services.chime.stories.agree(pid, [tags["hope"].id], "", agreed_on=dt.date(
        2026, 6, 1), today=dt.date(2026, 6, 1)).value
    data = story_data(services, services.printing.practice(), agreed)
    star, measure = data.measures
    assert (star.first_on, star.latest_on) == (dt.date(2026, 1, 5), dt.date(2026, 5, 5))
    assert (star.rows[0].then, star.rows[0].now) == ("3", "6")
    assert (measure.name, measure.rows[0].then, measure.rows[0].now) == (
        "Test measure", "3 of 8", "7 of 8")
    assert [s.key for s in data.sections] == ["connectedness", "hope", "identity", "meaning",
                                               "empowerment"]
    assert [len(s.excerpts) for s in data.sections] == [0, 1, 0, 0, 0]


def test_the_story_tab_is_what_its_separate_reads_give(services, tmp_path):
    """``story_tab`` (one read for the Recovery story tab) agrees with story, the stories
    agreed, the measure readings and (only with readings) the measures' templates."""
    def same(pid):
        tab = services.chime.story_tab(pid)
        assert tab.story == services.chime.story(pid)
        assert tab.agreed == services.chime.stories.history(pid)
        assert tab.readings == services.chime.measures.readings(pid)
        assert tab.measures == (services.chime.measures.templates() if tab.readings else [])

    pid, _sid, tags = tagged_person(services)
    same(pid)
    template = tmp_path / "m.json"
    template.write_text(json.dumps({
        "format": "recoverydesk-measure-template", "key": "qpr-15", "name": "Test measure",
        "source": "test", "licence": "test", "scale": {"min": 0, "max": 4},
        "items": [{"key": "q1", "text": "Placeholder", "process": "hope"},
                  {"key": "q2", "text": "Other"}]}), encoding="utf-8")
    services.chime.measures.load_template(template)
    same(pid)
    services.chime.measures.record(pid, "qpr-15", dt.date(2026, 2, 1), [1, 2])
    services.chime.stories.agree(pid, [tags["hope"].id], "Mine.", today=dt.date(2026, 6, 1))
    same(pid)
    assert len(services.chime.story_tab(pid).measures) == 1
