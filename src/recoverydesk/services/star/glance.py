"""The Recovery Star at a glance: how many readings, the distance travelled from the first to
the latest, and whether a new reading is due; the line on the participant's Overview."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date, time_ago
from recoverydesk.models.star import StarReading, StarScore
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.star.types import StarGlance, glance_of
from recoverydesk.services.types import OverviewLine


def glance(s: Session, participant_id: int, today: dt.date) -> StarGlance | None:
    rows = core_rows(s, *of_participant(_readings, participant_id)).all()
    readings: dict[int, tuple[dt.date, dict[str, int | None]]] = {}
    for rid, day, key, score in rows:
        readings.setdefault(rid, (day, {}))[1][key] = score
    return glance_of(list(readings.values()), today)


@cache
def _readings() -> Select:
    """Every score of the participant's readings (``participant_id``), oldest reading first:
    built once, not at every participant switch."""
    return (
        select(StarReading.id, StarReading.taken_on, StarScore.domain_key, StarScore.score)
        .join(StarScore, StarScore.reading_id == StarReading.id)
        .where(StarReading.participant_id == bindparam("participant_id"))
        .order_by(StarReading.taken_on, StarReading.id)
    )


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [of_participant(_readings, participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    seen = glance(s, participant_id, today)
    if seen is None:
        return [
            OverviewLine(
                "Recovery Star",
                "No readings yet. Start a Recovery Star reading together.",
                attention=False,
                prompt=True,
                page="star",
                order=10,
            )
        ]
    text = f"Latest reading {short_date(seen.latest_on)}"
    if seen.latest_scored < seen.domains:
        text += f" ({seen.latest_scored} of {seen.domains} domains scored)"
    if seen.travelled is not None:
        sign = "+" if seen.travelled > 0 else ""
        text += (
            f"; distance travelled since the first of {seen.count}: {sign}{seen.travelled}"
        )
    text += "."
    if seen.due:
        text += f" A new reading is due: the last was {time_ago(seen.latest_on, today)}."
    return [OverviewLine("Recovery Star", text, attention=seen.due, page="star", order=10)]
