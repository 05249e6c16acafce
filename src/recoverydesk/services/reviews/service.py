"""Plan-review report drafts: the period and the coach's own words (summary, barriers and
strategies, risks and whether they were assessed, recommendations for the next plan, private
notes) and the participant's (their view, where we see things differently), kept while the
coach writes them and marked final when the PDF is made. A finalised report is kept as it was;
a new review starts a new draft.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from recoverydesk.models import Participant
from recoverydesk.models.base import utcnow
from recoverydesk.models.reviews import ReviewDraft, RisksAssessed
from recoverydesk.services import audit
from recoverydesk.services.reviews.types import (
    ReviewDTO,
    ReviewInput,
    clean_input,
    default_period,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store


def _changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("review", participant_id=participant_id)


def _dto(r: ReviewDraft) -> ReviewDTO:
    return ReviewDTO(
        r.id,
        r.participant_id,
        r.period_start,
        r.period_end,
        r.summary,
        r.barriers_strategies,
        r.risks,
        r.recommendations,
        r.coach_notes,
        r.finalised_at,
        r.updated_at,
        r.participant_view,
        r.different_views,
        str(r.risks_assessed.value if r.risks_assessed else "not_assessed"),
    )


class ReviewService:
    def __init__(self, store: Store):
        self._store = store

    def drafts(self, participant_id: int) -> list[ReviewDTO]:
        """Every review report for the participant, newest first."""
        with self._store.read() as s:
            rows = s.scalars(
                select(ReviewDraft)
                .where(ReviewDraft.participant_id == participant_id)
                .order_by(ReviewDraft.period_end.desc(), ReviewDraft.id.desc())
            ).all()
            return [_dto(r) for r in rows]

    def current(self, participant_id: int) -> ReviewDTO | None:
        """The draft still being written, if any."""
        return next((d for d in self.drafts(participant_id) if not d.is_final), None)

    def get(self, review_id: int) -> ReviewDTO:
        with self._store.read() as s:
            return _dto(_load(s, review_id))

    def start(self, participant_id: int, today: dt.date | None = None) -> Changed[ReviewDTO]:
        """The current draft, or a new one over the default period."""
        existing = self.current(participant_id)
        if existing is not None:
            return Changed(existing, ChangeSet())
        today = today or dt.date.today()
        with self._store.unit_of_work() as s:
            p = s.get(Participant, participant_id)
            if p is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            start, end = default_period(p.plan_start, today)
            row = ReviewDraft(participant_id=participant_id, period_start=start, period_end=end)
            s.add(row)
            s.flush()
            audit.record(s, "review.started", "review", row.id, participant_id)
            return Changed(_dto(row), _changes(participant_id))

    def save(self, review_id: int, data: ReviewInput) -> Changed[ReviewDTO]:
        values = clean_input(data)
        values["risks_assessed"] = RisksAssessed(values["risks_assessed"])
        with self._store.unit_of_work() as s:
            row = _load(s, review_id)
            if row.finalised_at is not None:
                raise ValidationError.single(
                    "period_start", "This report is final. Start a new review to change it."
                )
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            return Changed(_dto(row), _changes(row.participant_id))

    def finalise(self, review_id: int) -> Changed[ReviewDTO]:
        with self._store.unit_of_work() as s:
            row = _load(s, review_id)
            if row.finalised_at is None:
                row.finalised_at = utcnow()
                audit.record(s, "review.finalised", "review", row.id, row.participant_id)
            s.flush()
            return Changed(_dto(row), _changes(row.participant_id))


def _load(s, review_id: int) -> ReviewDraft:
    row = s.get(ReviewDraft, review_id)
    if row is None:
        raise NotFoundError("That review report no longer exists.")
    return row
