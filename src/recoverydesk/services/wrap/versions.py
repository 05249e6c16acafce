"""Reviewing the WRAP together: marking it reviewed keeps an immutable snapshot (a version);
the history of versions; and, practice-wide, the WRAPs whose review is due."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from recoverydesk.models import Participant
from recoverydesk.models.wrap import WrapPlan, WrapVersion
from recoverydesk.services import audit
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.types import Changed, NotFoundError, ValidationError
from recoverydesk.services.wrap.plan import build, changes, ensure_plan
from recoverydesk.services.wrap.types import (
    REVIEW_EVERY_DAYS,
    WrapReviewDue,
    WrapVersionDTO,
    check_review,
    content_of,
    review_due_on,
)
from recoverydesk.store.session import Store


def version_dto(v: WrapVersion) -> WrapVersionDTO:
    return WrapVersionDTO(
        v.id,
        v.participant_id,
        v.number,
        v.created_at,
        v.reviewed_on,
        v.next_review,
        v.note,
        json.loads(v.content),
    )


class WrapVersions:
    """Reviews and versions, use cases of ``WrapService``."""

    _store: Store

    def mark_reviewed(
        self,
        participant_id: int,
        on: dt.date | None = None,
        next_review: dt.date | None = None,
        note: str = "",
    ) -> Changed[WrapVersionDTO]:
        """Record that the WRAP was reviewed together, and keep an immutable snapshot."""
        on = on or dt.date.today()
        problems = check_review(on, next_review, dt.date.today())
        if problems:
            raise ValidationError(problems)
        with self._store.unit_of_work() as s:
            plan = ensure_plan(s, participant_id)
            plan.last_reviewed = on
            plan.next_review = next_review or on + dt.timedelta(days=REVIEW_EVERY_DAYS)
            s.flush()
            content = content_of(build(s, participant_id, on))
            number = (
                s.scalar(
                    select(func.max(WrapVersion.number)).where(
                        WrapVersion.participant_id == participant_id
                    )
                )
                or 0
            ) + 1
            version = WrapVersion(
                participant_id=participant_id,
                number=number,
                reviewed_on=on,
                next_review=plan.next_review,
                note=" ".join(note.split()),
                content=json.dumps(content, ensure_ascii=False),
            )
            s.add(version)
            s.flush()
            audit.record(
                s, "wrap.reviewed", "wrap_version", version.id, participant_id, f"version {number}"
            )
            return Changed(version_dto(version), changes(participant_id))

    def versions(self, participant_id: int) -> list[WrapVersionDTO]:
        with self._store.read() as s:
            rows = s.scalars(
                select(WrapVersion)
                .where(WrapVersion.participant_id == participant_id)
                .order_by(WrapVersion.number.desc())
            ).all()
            return [version_dto(v) for v in rows]

    def version(self, version_id: int) -> WrapVersionDTO:
        with self._store.read() as s:
            v = s.get(WrapVersion, version_id)
            if v is None:
                raise NotFoundError("That WRAP version no longer exists.")
            return version_dto(v)

    def reviews_due(
        self, today: dt.date | None = None, within_days: int = 14
    ) -> list[WrapReviewDue]:
        """Practice-wide: WRAPs whose review date falls within ``within_days`` (or has passed)."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=within_days)
        with self._store.read() as s:
            rows = s.execute(
                select(
                    WrapPlan.participant_id,
                    WrapPlan.last_reviewed,
                    WrapPlan.next_review,
                    Participant.given_name,
                    Participant.family_name,
                    Participant.preferred_name,
                )
                .join(Participant, Participant.id == WrapPlan.participant_id)
                .where(Participant.archived.is_(False))
            ).all()
        out = []
        for r in rows:
            due = review_due_on(r.last_reviewed, r.next_review)
            if due is not None and due <= horizon:
                out.append(
                    WrapReviewDue(
                        r.participant_id,
                        display_name(r.given_name, r.family_name, r.preferred_name),
                        due,
                        r.last_reviewed,
                        due < today,
                    )
                )
        out.sort(key=lambda d: (d.due, d.display_name.casefold(), d.participant_id))
        return out
