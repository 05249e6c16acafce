"""Referrals on the participant's Overview: what is open, and what has not been followed up."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from recoverydesk.services.resources.rows import referrals_of
from recoverydesk.services.types import OverviewLine

STALE_AFTER_DAYS = 28  # an open referral not moved on in four weeks asks for a follow-up


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    rows = referrals_of(s, participant_id, False)
    if not rows:
        return []
    open_rows = [r for r in rows if r.is_open]
    if not open_rows:
        return [
            OverviewLine(
                "Referrals", f"No open referrals ({len(rows)} finished).", page="network", order=42
            )
        ]
    names = "; ".join(f"{r.resource_name} ({r.status_label.lower()})" for r in open_rows[:4])
    more = f" and {len(open_rows) - 4} more" if len(open_rows) > 4 else ""
    stale = [
        r
        for r in open_rows
        if r.status != "attending" and (today - r.last_changed).days > STALE_AFTER_DAYS
    ]
    text = f"{len(open_rows)} open: {names}{more}."
    if stale:
        text += f" {len(stale)} not followed up in four weeks."
    return [OverviewLine("Referrals", text, attention=bool(stale), page="network", order=42)]
