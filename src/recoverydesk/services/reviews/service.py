"""Plan-review report drafts: the period and the coach's own words (summary, barriers and
strategies, risks and whether they were assessed, recommendations for the next plan, private
notes) and the participant's (their view, where we see things differently), kept while the
coach writes them and marked final when the PDF is made. A finalised report is kept as it was;
a new review starts a new draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from recoverydesk.models import Participant
from recoverydesk.models.base import utcnow
from recoverydesk.models.reviews import ReviewDraft, RisksAssessed
from recoverydesk.services import audit
from recoverydesk.services.types import NotFoundError, ValidationError, Validator
from recoverydesk.store import Store

TEXT_FIELDS = (
    "summary",
    "barriers_strategies",
    "risks",
    "recommendations",
    "coach_notes",
    "participant_view",
    "different_views",
)
# Whether risks were looked at: "no risks identified" is never mistaken for "not asked".
RISKS_ASSESSED = {
    "not_assessed": "Not assessed in this period",
    "none_identified": "Assessed: no risks identified",
    "see_below": "Assessed: see below",
}
TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class ReviewInput:
    period_start: dt.date
    period_end: dt.date
    summary: str = ""
    barriers_strategies: str = ""
    risks: str = ""
    recommendations: str = ""
    coach_notes: str = ""
    participant_view: str = ""  # in the participant's own words
    different_views: str = ""  # where coach and participant see things differently
    risks_assessed: str = "not_assessed"


@dataclass(frozen=True)
class ReviewDTO:
    id: int
    participant_id: int
    period_start: dt.date
    period_end: dt.date
    summary: str
    barriers_strategies: str
    risks: str
    recommendations: str
    coach_notes: str
    finalised_at: dt.datetime | None
    updated_at: dt.datetime
    participant_view: str = ""
    different_views: str = ""
    risks_assessed: str = "not_assessed"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    def to_input(self) -> ReviewInput:
        return ReviewInput(
            self.period_start,
            self.period_end,
            self.summary,
            self.barriers_strategies,
            self.risks,
            self.recommendations,
            self.coach_notes,
            self.participant_view,
            self.different_views,
            self.risks_assessed,
        )


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    v = Validator()
    v.check(start is not None, "period_start", "Please choose the first day of the period.")
    v.check(end is not None, "period_end", "Please choose the last day of the period.")
    if start and end:
        v.check(end >= start, "period_end", "The period ends before it starts.")
        v.check(
            (end - start).days <= 366 * 3,
            "period_end",
            "Please choose a period of three years or less.",
        )
    v.raise_if_any()


def clean_input(data: ReviewInput) -> dict:
    check_period(data.period_start, data.period_end)
    values = {"period_start": data.period_start, "period_end": data.period_end}
    v = Validator()
    for name in TEXT_FIELDS:
        text = (getattr(data, name) or "").strip()
        v.check(len(text) <= TEXT_LIMIT, name, "Please keep each part under 20,000 characters.")
        values[name] = text
    v.check(
        data.risks_assessed in RISKS_ASSESSED,
        "risks_assessed",
        "Please say whether risks were assessed.",
    )
    v.raise_if_any()
    values["risks_assessed"] = RisksAssessed(data.risks_assessed)
    return values


def default_period(plan_start: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """Since the plan started (at most a year back), or the last six months."""
    if plan_start and plan_start <= today and (today - plan_start).days <= 366:
        return plan_start, today
    return today - dt.timedelta(days=182), today


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

    def start(self, participant_id: int, today: dt.date | None = None) -> ReviewDTO:
        """The current draft, or a new one over the default period."""
        existing = self.current(participant_id)
        if existing is not None:
            return existing
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
            return _dto(row)

    def save(self, review_id: int, data: ReviewInput) -> ReviewDTO:
        values = clean_input(data)
        with self._store.unit_of_work() as s:
            row = _load(s, review_id)
            if row.finalised_at is not None:
                raise ValidationError.single(
                    "period_start", "This report is final. Start a new review to change it."
                )
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            return _dto(row)

    def finalise(self, review_id: int) -> ReviewDTO:
        with self._store.unit_of_work() as s:
            row = _load(s, review_id)
            if row.finalised_at is None:
                row.finalised_at = utcnow()
                audit.record(s, "review.finalised", "review", row.id, row.participant_id)
            s.flush()
            return _dto(row)


def _load(s, review_id: int) -> ReviewDraft:
    row = s.get(ReviewDraft, review_id)
    if row is None:
        raise NotFoundError("That review report no longer exists.")
    return row
