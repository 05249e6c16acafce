"""A reading's items per CHIME process (the story tab's reading moments): the sum of the
answered items a template gives a process, reverse items turned round, of the most they
could give; unanswered items and items without a process are left out."""

from __future__ import annotations

from recoverydesk.services.chime.measure_rules import parse_measure_template, process_totals


def _measure():
    return parse_measure_template({
        "format": "recoverydesk-measure-template", "key": "m", "name": "Test wording",
        "source": "test", "licence": "test", "scale": {"min": 0, "max": 4},
        "items": [{"key": "a", "text": "A", "process": "hope"},
                  {"key": "b", "text": "B", "process": "hope"},
                  {"key": "c", "text": "C", "process": "identity"},
                  {"key": "d", "text": "D"}],
        "scoring": {"reverse": ["b"], "min_answered": 1}}, "m.json")


def test_sums_per_process_with_reverse_items_turned_round():
    assert process_totals(_measure(), (3, 1, 2, 4)) == {"hope": (6, 8), "identity": (2, 4)}


def test_unanswered_items_count_for_nothing():
    assert process_totals(_measure(), (None, 0, None, 4)) == {"hope": (4, 4)}
    assert process_totals(_measure(), (None, None, None, 1)) == {}
