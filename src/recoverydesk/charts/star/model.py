"""The Recovery Star charts' plain data: a template's domains and stages, and readings (scores by
domain key); the distance travelled from the first reading to the latest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from recoverydesk.dates import short_date

MAX_OVERLAID = 3  # readings on one star at most


@dataclass(frozen=True)
class ChartDomain:
    key: str
    label: str


@dataclass(frozen=True)
class ChartStage:
    name: str
    min: int
    max: int


@dataclass(frozen=True)
class ChartTemplate:
    name: str
    domains: tuple[ChartDomain, ...]
    stages: tuple[ChartStage, ...] = ()
    scale_min: int = 1
    scale_max: int = 10


@dataclass(frozen=True)
class ChartReading:
    taken_on: dt.date
    scores: dict[str, float | None] = field(default_factory=dict)  # domain key -> score
    label: str = ""  # legend text; the date when empty
    id: int | None = None


def reading_label(reading: ChartReading) -> str:
    return reading.label or short_date(reading.taken_on)


def distance_travelled(
    template: ChartTemplate, readings: list[ChartReading]
) -> dict[str, float | None]:
    """Latest minus first score per domain, over readings that scored it (None if < 2)."""
    out: dict[str, float | None] = {}
    ordered = sorted(readings, key=lambda r: r.taken_on)
    for d in template.domains:
        scored = [r.scores.get(d.key) for r in ordered if r.scores.get(d.key) is not None]
        out[d.key] = (scored[-1] - scored[0]) if len(scored) >= 2 else None
    return out
