"""The demo practice carries recovery moments: accepted tags in the participants' own words and a
turning point on a first moment of hope (issue 23, item 5)."""

from __future__ import annotations


def test_the_demo_has_tagged_moments_and_turning_points(demo):
    people = demo.participants.list(include_archived=True)
    tagged = {p.id: demo.chime.tags_of(p.id) for p in people}
    assert sum(1 for tags in tagged.values() if tags) >= len(people) // 2
    for pid, tags in tagged.items():
        assert len(tags) <= 12
        for tag in tags:
            assert tag.target_kind in ("session", "goal") and tag.accepted_by == "the coach"
            assert tag.passage_state == "in place" and tag.quote.strip()
        for point in demo.chime.turning_points(pid):
            (hope,) = [t for t in tags if t.id == point.tag_id]
            assert hope.process == "hope" and point.marked_on == hope.moment_on
    assert any(demo.chime.turning_points(p.id) for p in people)
    busiest = max(people, key=lambda p: len(tagged[p.id]))
    story = demo.chime.story(busiest.id)
    assert not story.empty and sum(sum(c) for c in story.quarters.counts.values()) > 3


def test_the_demo_has_one_agreed_story(demo):
    people = demo.participants.list(include_archived=True)
    agreed = [s for p in people for s in demo.chime.stories.history(p.id)]
    assert len(agreed) == 1
    (story,) = agreed
    assert len({e.process for e in story.excerpts}) >= 3 and story.own_words and story.typed_name
    tags = {t.id: t for t in demo.chime.tags_of(story.participant_id)}
    for e in story.excerpts:  # the moments as they were tagged, on their days
        assert tags[e.tag_id].quote == e.words and tags[e.tag_id].moment_on == e.day
    assert max(e.day for e in story.excerpts) <= story.agreed_on
