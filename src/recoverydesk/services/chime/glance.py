"""CHIME at a glance: the recovery moments the coach tagged this quarter (one Overview line,
only once something is tagged: no prompt, tagging is never a chore to catch up on)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.dates import plural
from recoverydesk.models import ChimeTag
from recoverydesk.services.chime import targets
from recoverydesk.services.chime.types import process_label, quarter_of
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.types import OverviewLine


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [of_participant(_tags, participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    tags = core_rows(s, *of_participant(_tags, participant_id)).all()
    if not tags:
        return []
    found = targets.of_tags(s, tags, texts=False)
    now = quarter_of(today)
    moments: dict[tuple[str, int], set[str]] = {}
    for tag in tags:
        target = found.get(targets.kind_of(tag))
        if target is not None and target.moment_on and quarter_of(target.moment_on) == now:
            moments.setdefault((target.kind, target.id), set()).add(str(tag.process))
    if not moments:
        text = f"{plural(len(tags), 'recovery moment')} tagged, none yet this quarter."
    else:
        processes = sorted({p for ps in moments.values() for p in ps})
        text = (f"{plural(len(moments), 'recovery moment')} tagged this quarter ("
                + ", ".join(process_label(p, short=True) for p in processes) + ").")
    return [OverviewLine("Recovery story", text, page="story", order=60)]


@cache
def _tags() -> Select:
    """What each of the participant's tags (``participant_id``) sits on, and its process: built
    once."""
    return (select(ChimeTag.process, *(getattr(ChimeTag, c) for c in targets.COLUMN.values()))
            .where(ChimeTag.participant_id == bindparam("participant_id")))
