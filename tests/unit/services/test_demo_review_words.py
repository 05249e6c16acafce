"""A demo review draft reads like one a coach would send a planner: the person's own words are
there, and whether risks were assessed agrees with the risks text (before, every draft said
"No risks of harm were noted" beside "Not assessed in this period")."""

from __future__ import annotations

from demo_practices import demo_practice


def test_demo_drafts_have_their_words_and_a_risks_answer_that_fits_the_text(tmp_path):
    services = demo_practice(tmp_path / "d.rdk", participants=14, years=2, seed=7)
    try:
        drafts = [d for row in services.participants.list(include_archived=True)
                  for d in services.reviews.drafts(row.id)]
    finally:
        services._store.close()
    assert drafts
    for d in drafts:
        assert d.participant_view.strip(), d
        assert d.risks_assessed != "not_assessed", d.risks
        if d.risks.startswith("No risks"):
            assert d.risks_assessed == "none_identified", d.risks
        else:
            assert d.risks_assessed == "see_below", d.risks
    assert any(d.different_views.strip() for d in drafts)
