"""Agreed plan versions: an immutable JSON snapshot of the recovery plan, taken when the
participant and coach agree it (goals, steps, strengths, supports, review date and whatever
other capabilities add)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, UTCDateTime, utcnow


class PlanVersion(Base):
    __tablename__ = "plan_versions"
    __table_args__ = (
        UniqueConstraint("participant_id", "number", name="uq_plan_versions_participant_number"),
        CheckConstraint(
            "review_date IS NULL OR review_date >= agreed_on", name="review_after_agreed"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    agreed_on: Mapped[dt.date] = mapped_column(Date)
    review_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text)  # the JSON snapshot
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


@event.listens_for(PlanVersion, "before_update")
def _versions_are_immutable(_mapper, _connection, _target) -> None:
    raise ValueError("An agreed plan version is a record of what was agreed; it never changes.")
