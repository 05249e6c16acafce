"""The living recovery plan: "Agree plan" freezes what the plan says today into an immutable
version; any earlier version can be read again and compared with a later one (or with the plan
as it is now) in words a participant understands (``compare.py``).

The goals' part of the snapshot is the goals capability's (``goals.glance.plan_part``), and
other capabilities' parts of the plan are named in ``PLAN_SNAPSHOT_PARTS``: each
``fn(session, participant_id)`` returns JSON-able data kept in the snapshot under its name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.models import Contact, Participant, PlanVersion, Strength
from recoverydesk.services import audit
from recoverydesk.services.goals import glance as goals_glance
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.plans.compare import describe_changes, describe_changes_grouped
from recoverydesk.services.plans.types import (
    PLAN_ENTITY,
    SNAPSHOT_FORMAT,
    PlanVersionDTO,
    ReviewDueDTO,
    check_agree,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.services.wrap import glance as wrap_glance
from recoverydesk.store.session import Store

# The DTOs live in ``types`` and "what changed" in ``compare``; kept importable from here.

PLAN_SNAPSHOT_PARTS: dict[str, Callable[[Session, int], object]] = {
    "wrap": wrap_glance.summary,
}


def snapshot(s: Session, participant_id: int, review_date: dt.date | None = None) -> dict:
    """The plan as it stands now, as plain JSON-able data."""
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError("That participant could not be found.")
    goals = goals_glance.plan_part(s, participant_id)
    strengths = [
        {"category": str(x.category), "text": x.text}
        for x in s.scalars(
            select(Strength)
            .where(Strength.participant_id == participant_id)
            .order_by(Strength.position, Strength.id)
        )
    ]
    supports = [
        {
            "id": c.id,
            "name": c.name,
            "role": c.relationship_text or c.organisation or str(c.kind).replace("_", " "),
            "phone": c.phone,
            "formal": c.formal,
            "emergency_contact": c.emergency_contact,
        }
        for c in s.scalars(
            select(Contact)
            .where(Contact.participant_id == participant_id, Contact.archived.is_(False))
            .order_by(Contact.name, Contact.id)
        )
    ]
    data: dict[str, Any] = {
        "format": SNAPSHOT_FORMAT,
        "participant": {
            "id": p.id,
            "display_name": display_name(p.given_name, p.family_name, p.preferred_name),
            "preferred_name": p.preferred_name or p.given_name,
        },
        "review_date": _iso(review_date),
        "goals": goals,
        "strengths": strengths,
        "supports": supports,
        "parts": {},
    }
    for name, fn in PLAN_SNAPSHOT_PARTS.items():
        data["parts"][name] = fn(s, participant_id)
    return data


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _to_dto(v: PlanVersion) -> PlanVersionDTO:
    return PlanVersionDTO(
        v.id,
        v.participant_id,
        v.number,
        v.agreed_on,
        v.review_date,
        v.note,
        v.created_at,
        json.loads(v.content),
    )


class PlanService:
    def __init__(self, store: Store):
        self._store = store

    def agree(
        self,
        participant_id: int,
        review_date: dt.date | None,
        note: str = "",
        *,
        on: dt.date | None = None,
    ) -> Changed[PlanVersionDTO]:
        """Freeze the plan as it is today into a new, numbered, immutable version."""
        on = on or dt.date.today()
        errors = check_agree(review_date, on)
        if errors:
            raise ValidationError(errors)
        with self._store.unit_of_work() as s:
            content = snapshot(s, participant_id, review_date)
            number = (
                s.scalar(
                    select(func.max(PlanVersion.number)).where(
                        PlanVersion.participant_id == participant_id
                    )
                )
                or 0
            ) + 1
            v = PlanVersion(
                participant_id=participant_id,
                number=number,
                agreed_on=on,
                review_date=review_date,
                note=note.strip(),
                content=json.dumps(content, ensure_ascii=False, sort_keys=True),
            )
            s.add(v)
            s.flush()
            audit.record(s, "plan.agreed", "plan_version", v.id, participant_id)
            return Changed(_to_dto(v), ChangeSet.of(PLAN_ENTITY, participant_id=participant_id))

    def versions(self, participant_id: int, limit: int | None = None) -> list[PlanVersionDTO]:
        """Every agreed version (or the newest ``limit``), newest first."""
        with self._store.read() as s:
            rows = s.scalars(
                select(PlanVersion)
                .where(PlanVersion.participant_id == participant_id)
                .order_by(PlanVersion.number.desc())
                .limit(limit)
            )
            return [_to_dto(v) for v in rows]

    def version(self, version_id: int) -> PlanVersionDTO:
        with self._store.read() as s:
            v = s.get(PlanVersion, version_id)
            if v is None:
                raise NotFoundError("That plan version could not be found.")
            return _to_dto(v)

    def current(self, participant_id: int) -> dict:
        """The plan as it is now (not yet agreed), in the same shape as a snapshot."""
        with self._store.read() as s:
            return snapshot(s, participant_id)

    def compare(self, older_id: int, newer_id: int | None = None) -> list[str]:
        """What changed from one version to a later one (or to the plan as it is now), as plain
        sentences a participant understands."""
        older, newer = self._pair(older_id, newer_id)
        return describe_changes(older, newer)

    def compare_grouped(
        self, older_id: int, newer_id: int | None = None
    ) -> list[tuple[str, list[str]]]:
        """Like ``compare``, with the sentences under plain headings (Goals, Steps, ...)."""
        older, newer = self._pair(older_id, newer_id)
        return describe_changes_grouped(older, newer)

    def _pair(self, older_id: int, newer_id: int | None) -> tuple[dict, dict]:
        older = self.version(older_id)
        if newer_id is None:
            return older.content, self.current(older.participant_id)
        newer_v = self.version(newer_id)
        if newer_v.participant_id != older.participant_id:
            raise ValidationError.single("newer", "Both versions must be the same person's plan.")
        if newer_v.number < older.number:
            older, newer_v = newer_v, older
        return older.content, newer_v.content

    def reviews_due(
        self, today: dt.date | None = None, within_days: int = 14
    ) -> list[ReviewDueDTO]:
        """People whose latest agreed plan has a review date within ``within_days`` or passed."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=within_days)
        with self._store.read() as s:
            latest = (
                select(PlanVersion.participant_id, func.max(PlanVersion.number).label("n"))
                .group_by(PlanVersion.participant_id)
                .subquery()
            )
            rows = s.execute(
                select(PlanVersion, Participant)
                .join(
                    latest,
                    (latest.c.participant_id == PlanVersion.participant_id)
                    & (latest.c.n == PlanVersion.number),
                )
                .join(Participant, Participant.id == PlanVersion.participant_id)
                .where(
                    PlanVersion.review_date.is_not(None),
                    PlanVersion.review_date <= horizon,
                    Participant.archived.is_(False),
                )
                .order_by(PlanVersion.review_date, PlanVersion.id)
            ).all()
            return [
                ReviewDueDTO(
                    p.id,
                    display_name(p.given_name, p.family_name, p.preferred_name),
                    v.id,
                    v.review_date,
                    v.review_date < today,
                )
                for v, p in rows
            ]
