"""What happened over a period, for the printed reports: the services the participant is linked
with, the referrals live in a review period (with their status then), and the supports provided
(sessions, hours, tools and places).

Pure conversion from service DTOs to ``reports/`` data; ``service.py`` composes them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from recoverydesk.reports.data import MonthSupport, ReferralData, ServiceData, SupportsData
from recoverydesk.services.network import support_links
from recoverydesk.services.resources.types import CATEGORY_LABELS, OPEN_STATUSES, STATUS_LABELS
from recoverydesk.services.sessions.summaries import summarise
from recoverydesk.services.sessions.types import LOCATION_LABELS, TOOL_LABELS

if TYPE_CHECKING:
    from recoverydesk.services.resources.types import ReferralDTO

# -- referrals -------------------------------------------------------------------------------
# Community or mainstream: decided in one place for the eco-map and the review's text.
MAINSTREAM = support_links.MAINSTREAM


def category_label(key: str) -> str:
    return CATEGORY_LABELS.get(key, key)


def services_in_use(referrals: list[ReferralDTO]) -> tuple[ServiceData, ...]:
    """Services the participant is linked with now (open referrals), for the plan pack."""
    return tuple(
        ServiceData(
            r.resource_name,
            category_label(r.resource_category),
            r.resource_phone,
            r.purpose,
            r.status_label,
        )
        for r in referrals
        if r.status in OPEN_STATUSES
    )


def status_on(r: ReferralDTO, day: dt.date) -> str | None:
    """The referral's status at the end of ``day`` (None before it was made)."""
    if r.referred_on > day:
        return None
    past = [h for h in r.history if h.changed_on <= day]
    if past:
        return past[-1].status
    return r.history[0].status if r.history else r.status


def referrals_in_period(
    referrals: list[ReferralDTO], start: dt.date, end: dt.date, goal_titles: dict[int, str]
) -> tuple[ReferralData, ...]:
    """Links that were live in the period: made or changed in it, or still open when it began
    (someone attending a group all year is a link made, even if nothing changed)."""
    out = []
    for r in referrals:
        if r.referred_on > end:
            continue
        changed_in = any(start <= h.changed_on <= end for h in r.history) or r.referred_on >= start
        open_at_start = status_on(r, start) in OPEN_STATUSES
        if not (changed_in or open_at_start):
            continue
        status_key = status_on(r, end) or r.status
        current = status_key == r.status
        out.append(
            ReferralData(
                r.resource_name,
                category_label(r.resource_category),
                r.referred_on,
                r.purpose,
                r.status_label if current else _status_label(status_key),
                r.outcome if current else "",
                goal_titles.get(r.goal_id, "") if r.goal_id else "",
                support_links.resource_link_kind(r.resource_category),
            )
        )
    return tuple(out)


def _status_label(key: str) -> str:
    return STATUS_LABELS.get(key, key)


# -- supports provided -----------------------------------------------------------------------
def supports(rows: list, start: dt.date, end: dt.date) -> SupportsData:
    summary = summarise(rows, start, end)
    done = [r for r in rows if r.status == "completed"]
    places = Counter(LOCATION_LABELS.get(r.location_kind, r.location_kind) for r in done)
    return SupportsData(
        sessions=summary.completed,
        hours=summary.hours,
        face_to_face_hours=summary.face_to_face_hours,
        other_hours=summary.other_hours,
        cancelled=summary.cancelled,
        no_show=summary.no_show,
        travel_km=summary.travel_km,
        travel_minutes=summary.travel_minutes,
        by_month=tuple(
            MonthSupport(m.month, m.sessions, m.hours, m.face_to_face_hours, m.other_hours)
            for m in summary.by_month
        ),
        tools=tuple(
            (TOOL_LABELS.get(k, k), n)
            for k, n in sorted(summary.tools.items(), key=lambda kv: -kv[1])
        ),
        places=tuple(places.most_common()),
    )
