"""Referrals on the participant's Overview: what is open, and what has not been followed up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from recoverydesk.models.resources import Referral, ReferralStatusChange, Resource
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.resources.types import ReferralStatusWords
from recoverydesk.services.types import OverviewLine

STALE_AFTER_DAYS = 28  # an open referral not moved on in four weeks asks for a follow-up


def overview_reads(participant_id: int, today: dt.date) -> list[Read]:
    """What ``overview_lines`` reads first, named ahead (``core_read.read_ahead``)."""
    return [of_participant(_open_and_finished, participant_id)]


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    rows = _referrals(s, participant_id)
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


@dataclass(frozen=True)
class _Referral(ReferralStatusWords):
    """What the line says of a referral (not every referral's whole story, as the Network tab
    reads it: each change's time written, made an aware datetime one by one, was most of it)."""

    id: int
    status: str
    resource_name: str
    last_changed: dt.date  # its latest change, else the day it was made


def _referrals(s: Session, participant_id: int) -> list[_Referral]:
    """The participant's referrals not archived, open ones first (newest first), then the
    finished ones: the order of ``rows.referrals_of``."""
    rows = [
        _Referral(r.id, r.status.value, r.name, r.latest or r.referred_on)
        for r in core_rows(s, *of_participant(_open_and_finished, participant_id)).all()
    ]
    rows.sort(key=lambda r: (not r.is_open, -r.last_changed.toordinal(), -r.id))
    return rows


@cache
def _open_and_finished() -> Select:
    """The participant's referrals not archived (``participant_id``), each with its resource's
    name and its latest status change (``latest``, None if it never changed): built once."""
    latest = (select(func.max(ReferralStatusChange.changed_on))
              .where(ReferralStatusChange.referral_id == Referral.id).scalar_subquery())
    return (select(Referral.id, Referral.status, Resource.name, Referral.referred_on,
                   latest.label("latest"))
            .join(Resource, Resource.id == Referral.resource_id)
            .where(Referral.participant_id == bindparam("participant_id"),
                   Referral.archived.is_(False)))
