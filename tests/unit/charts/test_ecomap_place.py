"""The eco-map's box placement (charts/ecomap_place.py) on crowded maps: the same spots as the
straightforward version it replaced (which checked every candidate spot against everything),
recorded in ecomap_place_golden.json from that version (commit 4b0809d) on these inputs, and
still no two boxes overlapping and no tie under a box where the mode does not allow it."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from recoverydesk.charts import ecomap_place as place

GOLDEN = Path(__file__).with_name("ecomap_place_golden.json")


def cases() -> list[dict]:
    """Crowded networks (10-26 boxes, some strained, group names in the way) in a drawing the
    size of the Network tab's map and taller, in every mode."""
    rng = random.Random(20261203)
    out = []
    for k in range(36):
        n = rng.randint(10, 26)
        width, height = 4.4, 2.7 * 1.1 ** rng.randint(0, 9)
        gaps = sorted(rng.sample(range(n), rng.randint(1, 5)))
        slots = n + 0.4 * len(gaps)
        step = 2 * math.pi / slots
        angles, cursor = [], 0.2
        for i in range(n):
            if i in gaps:
                cursor += 0.4
            angles.append(math.pi / 2 - step * (cursor + 0.5))
            cursor += 1
        labels = [(rng.uniform(-1.8, 1.8), rng.uniform(-1.0, 1.0), rng.uniform(0.5, 1.1), 0.16)
                  for _ in range(rng.randint(0, 3))]
        out.append({
            "sizes": [(round(rng.uniform(0.4, 1.1), 3), round(rng.uniform(0.16, 0.4), 3))
                      for _ in range(n)],
            "angles": angles,
            "step": 2 * math.pi / n * 0.9,
            "strained": [rng.random() < 0.15 for _ in range(n)],
            "bounds": (-width / 2 + 0.06, -height / 2 + 0.06, width / 2 - 0.06, height / 2 - 0.06),
            "centre_r": 0.36,
            "obstacles": [(x - w / 2, y - h / 2, x + w / 2, y + h / 2) for x, y, w, h in labels],
            "mode": k % 3,
        })
    return out


def placed(case: dict) -> list | None:
    found = place.place_boxes(
        case["sizes"], case["angles"], case["step"], case["strained"],
        place.Rect(*case["bounds"]), case["centre_r"],
        [place.Rect(*o) for o in case["obstacles"]], mode=case["mode"])
    if found is None:
        return None
    return [[p.rect.x0, p.rect.y0, p.rect.x1, p.rect.y1, *p.line_from, *p.line_to]
            for p in found]


def test_crowded_maps_get_the_same_spots_as_before():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = [placed(case) for case in cases()]
    assert [g is None for g in got] == [g is None for g in golden]
    for mine, theirs in zip(got, golden, strict=True):
        if theirs is not None:
            flat = [v for spot in theirs for v in spot]
            assert [v for spot in mine for v in spot] == pytest.approx(flat, abs=1e-9)


def test_crowded_maps_keep_boxes_apart_and_strained_ties_clear():
    checked = 0
    for spec in cases():
        found = place.place_boxes(
            spec["sizes"], spec["angles"], spec["step"], spec["strained"],
            place.Rect(*spec["bounds"]), spec["centre_r"],
            [place.Rect(*o) for o in spec["obstacles"]], mode=spec["mode"])
        if found is None:
            continue  # no room at this size: the chart makes the drawing taller
        checked += 1
        for i, a in enumerate(found):
            assert a.rect.inside(place.Rect(*spec["bounds"]))
            for b in found[i + 1:]:
                assert not a.rect.grown(place.GAP).overlaps(b.rect)
            for j, b in enumerate(found):
                tie = (b.line_from, place.ray_exit(b.rect, (0.0, 0.0)))
                if j != i and (spec["mode"] == 0 or (spec["strained"][j] and spec["mode"] < 2)):
                    assert not a.rect.grown(place.GAP).crosses(*tie)
    assert checked >= 20
