"""The demo's story data, kept apart from the code that tells it: names, situations, strengths,
goals in the person's own words, support networks, WRAP items, session notes and review words,
one JSON file per kind under ``resources/demo/`` (see its README). Each part of the demo reads
its own file once, when it is first imported."""

from __future__ import annotations

import json
from typing import Any

from recoverydesk.paths import resource


def load_story(kind: str) -> Any:
    """``resources/demo/<kind>.json``, as JSON gives it (objects keep their order)."""
    return json.loads(resource("demo", f"{kind}.json").read_text(encoding="utf-8"))
