"""A demo review's risks text speaks of a WRAP only for a person who has one (before, a
person with no WRAP read "supports are written in their wellness plan")."""

from __future__ import annotations

from demo_practices import demo_practice


def _drafts_and_wraps(path, seed):
    services = demo_practice(path, participants=24, years=1, seed=seed)
    try:
        out = []
        for row in services.participants.list(include_archived=True):
            for draft in services.reviews.drafts(row.id):
                wrap = services.wrap.get(row.id)
                chose = bool(wrap.part("crisis_supporters").people)
                out.append((draft.risks, wrap.started_parts > 0, chose))
        return out
    finally:
        services._store.close()


def test_the_risks_text_speaks_of_a_wrap_only_when_there_is_one(tmp_path):
    seen_without = 0
    for seed in (3, 7, 11):
        for risks, has_wrap, chose in _drafts_and_wraps(tmp_path / f"d{seed}.rdk", seed):
            if "wellness plan." in risks or "crisis plan is in place" in risks:
                assert has_wrap, risks
            if "crisis plan is in place and shared with the people" in risks:
                assert chose, risks
            if "does not have" in risks:
                assert not has_wrap, risks
                seen_without += 1
    assert seen_without  # the branch for someone without a WRAP was reached
